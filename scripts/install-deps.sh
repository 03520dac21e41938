#!/usr/bin/env bash
# Installs every Debian package robomaker-local needs to build, test and benchmark.
# Idempotent: packages already present are skipped, and apt-get runs only when something is missing.
# Usage: scripts/install-deps.sh [build|test|all|docker]   (default: all)
# `docker` is what docker/ci.sh needs: podman (no Docker engine) and the clients of tests/integration.
set -euo pipefail

build_pkgs=(g++ meson ninja-build pkg-config libboost1.81-dev rapidjson-dev libsqlite3-dev catch2 libssl-dev zlib1g-dev)  # zlib1g-dev: libz.a, for -Dstatic=true (libcrypto.a needs it)
test_pkgs=(clang libclang-rt-14-dev python3-boto3 python3-botocore python3-pytest python3-pytest-xdist awscli curl nodejs chromium golang-go golang-github-aws-aws-sdk-go-dev)
# Debian's npm, unless an installed package already ships /usr/bin/npm (NodeSource's nodejs does,
# and conflicts with Debian's npm)
dpkg -S /usr/bin/npm >/dev/null 2>&1 || test_pkgs+=(npm)
bench_pkgs=(wrk)
docker_pkgs=(podman runc debootstrap python3-boto3 python3-botocore python3-pytest awscli curl)

case "${1:-all}" in
  build) wanted=("${build_pkgs[@]}") ;;
  test)  wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  all)   wanted=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  docker) wanted=("${docker_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all|docker]" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
