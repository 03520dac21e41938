#!/usr/bin/env bash
# Installs what is missing, builds, and runs the emulator with its defaults
# (127.0.0.1:4567, ./robomaker-local.db). Arguments are passed to robomaker-local, e.g. --port 0.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
scripts/build.sh >/dev/null
exec build/server/robomaker-local "$@"
