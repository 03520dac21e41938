#!/usr/bin/env bash
# Soak: one robomaker-local on a file database under a mixed load for MINUTES (default 30); prints
# RSS, open fds, p99 latency and 5xx per sample and fails on an unasked 5xx, a crash, fds that keep
# growing or RSS more than 20 % above its value after the first minute (bench/soak.py, docs/fuzzing.md).
# RML_BIN picks the binary (default build/server/robomaker-local).
# Usage: bench/soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/soak.py "${1:-30}"
