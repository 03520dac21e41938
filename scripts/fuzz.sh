#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, docs/fuzzing.md) with clang, ASan and UBSan in
# build-fuzz/, runs each for SECONDS (default 30) from a copy of its checked-in seed corpus with the
# model's dictionary, and prints target, execs, coverage and crashes. Exits 1 when any target
# crashed; crash inputs are kept under <build>/crashes/<target>/.
# RML_FUZZ_BUILD=DIR uses another build directory configured with -Dfuzz=true (scripts/test.sh
# passes build-asan, its sanitizer build, which has the targets too); it is built, not configured.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_service fuzz_json_body fuzz_router fuzz_sigv4 fuzz_control fuzz_config fuzz_init fuzz_health_url)

# clang and its sanitizer/libFuzzer runtime (Debian 12 names), as scripts/install-deps.sh does.
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "fuzz: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build="${RML_FUZZ_BUILD:-build-fuzz}"
if [ ! -d "$build" ]; then
  CXX=clang++ meson setup "$build" -Dfuzz=true -Dtests=false -Dbench=false \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja -C "$build" -j2

export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/sanitizers/ubsan.supp}"
work="$build/fuzz-work"
failed=0
rows=()
for t in "${targets[@]}"; do
  rm -rf "$work/$t"
  mkdir -p "$work/$t/corpus" "$build/crashes/$t"
  cp tests/fuzz/corpus/"$t"/* "$work/$t/corpus/"   # the checked-in corpus is never grown
  log="$work/$t/log"
  set +e
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -dict=tests/fuzz/robomaker.dict \
    -artifact_prefix="$build/crashes/$t/" -print_final_stats=1 "$work/$t/corpus" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(find "$build/crashes/$t" -type f -newer "$work/$t/corpus" | wc -l)
  if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    failed=1
    echo "fuzz: $t failed (exit $rc); see $log and $build/crashes/$t/" >&2
  fi
  rows+=("$(printf '%-16s %12s %8s %8s' "$t" "${execs:-?}" "${cov:-?}" "$crashes")")
done

printf '%-16s %12s %8s %8s\n' target execs cov crashes
printf '%s\n' "${rows[@]}"
exit "$failed"
