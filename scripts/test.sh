#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test: the release
# build (g++, build/); a clang build with AddressSanitizer, UBSan and the libFuzzer targets
# (build-asan/), whose Catch2 unit tests (store, api, server) and boto3/AWS CLI integration suite
# must run with zero sanitizer reports, and whose fuzz targets each run for RML_FUZZ_SECONDS
# (default 10) while a soak of RML_SOAK_MINUTES (default 2) runs on the release binary
# (bench/soak.sh); the other clients' suites on the release binary; then the Docker image:
# docker/ci.sh builds it with podman and runs the integration suites against the container, i.e.
# against a release build (RML_SKIP_DOCKER=1 skips that stage locally; never when CI=true).
# Exits non-zero if anything fails. Each stage prints its wall time ("== ... done in N s").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test

T0=$SECONDS
stage_start=$SECONDS
stage() {
  if [ -n "${stage_name:-}" ]; then echo "== $stage_name: done in $((SECONDS - stage_start)) s"; fi
  stage_name="$1"
  stage_start=$SECONDS
  [ "$1" = end ] || echo "== $1"
}

# The release build is what the clients below and the image run; its Catch2 suites are not built
# here, since they run under the sanitizers below (a build/ configured earlier keeps its options).
stage "build"
scripts/build.sh -Dtests=false

# One clang build serves the sanitizer stage and the fuzz targets: -Dfuzz=true adds only the
# coverage instrumentation (fuzzer-no-link) to the libraries, the server and the Catch2 tests,
# which the ASan runtime resolves; only tests/fuzz links libFuzzer. docs/fuzzing.md.
stage "sanitizer build (clang, ASan + UBSan, fuzz targets): build-asan"
if [ ! -f build-asan/build.ninja ]; then
  CXX=clang++ meson setup build-asan --werror -Dfuzz=true -Dbench=false -Doptimization=1 -Db_ndebug=true \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja -C build-asan -j2
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/sanitizers/ubsan.supp"

stage "unit tests (Catch2) under ASan + UBSan"
meson test -C build-asan --print-errorlogs --timeout-multiplier 10   # ASan: api_tests ~80 s

# The boto3 suite runs once here, against the sanitizer binary; docker/ci.sh runs it again against
# the release build in the container. A sanitizer report in a server's output, or a server that
# exits non-zero when stopped, fails the test (tests/integration/conftest.py).
stage "integration tests (boto3, AWS CLI v2) against the ASan + UBSan server"
RML_BIN="$PWD/build-asan/server/robomaker-local" \
  /usr/bin/python3 -m pytest tests/integration -q -p no:cacheprovider -n 2

# The fuzz targets run one at a time on one core, so the soak runs beside them on the other; its
# verdict is about errors, crashes, fds and memory, never about timings (bench/soak.sh).
export RML_BIN="$PWD/build/server/robomaker-local"
stage "fuzz targets, ${RML_FUZZ_SECONDS:-10} s each (build-asan), beside a ${RML_SOAK_MINUTES:-2}-minute soak of the release binary (bench/soak.sh)"
soak_log=$(mktemp "${TMPDIR:-/tmp}/rml-soak.XXXXXX")
(unset ASAN_OPTIONS UBSAN_OPTIONS; exec bench/soak.sh "${RML_SOAK_MINUTES:-2}") >"$soak_log" 2>&1 &
soak_pid=$!
fuzz_rc=0
RML_FUZZ_BUILD=build-asan scripts/fuzz.sh "${RML_FUZZ_SECONDS:-10}" || fuzz_rc=$?
soak_rc=0
wait "$soak_pid" || soak_rc=$?
echo "-- soak (bench/soak.sh ${RML_SOAK_MINUTES:-2}):"
cat "$soak_log"
rm -f "$soak_log"
unset ASAN_OPTIONS UBSAN_OPTIONS
[ "$fuzz_rc" -eq 0 ] || { echo "scripts/test.sh: fuzz targets failed (exit $fuzz_rc)" >&2; exit 1; }
[ "$soak_rc" -eq 0 ] || { echo "scripts/test.sh: soak failed (exit $soak_rc)" >&2; exit 1; }

stage "pytest plugin (clients/python), under pytest-xdist"
/usr/bin/python3 -m pytest clients/python/tests -q -p no:cacheprovider -n 2

stage "AWS CLI v2: every operation"
RML_BIN="$RML_BIN" bash tests/cli/all_operations.sh

stage "AWS SDK for JavaScript v3"
(cd tests/js && npm ci --no-audit --no-fund && RML_BIN="$RML_BIN" node --test)

stage "dashboard in headless Chromium (playwright-core)"
screens="$PWD/build"
(cd tests/browser && npm ci --no-audit --no-fund && RML_BIN="$RML_BIN" RML_SCREENSHOT_DIR="$screens" node --test)

stage "Docker image (podman): docker/ci.sh"
if [ "${RML_SKIP_DOCKER:-}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "skipped: RML_SKIP_DOCKER=1"
else
  bash docker/ci.sh
fi
stage "end"
echo "== all stages passed in $((SECONDS - T0)) s"
