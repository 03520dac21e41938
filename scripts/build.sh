#!/usr/bin/env bash
# Configures (once) and builds robomaker-local into ./build. Extra arguments go to `meson setup`.
# Warnings are errors. Usage: scripts/build.sh [meson setup options]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  meson setup build --werror "$@"
fi
ninja -C build
