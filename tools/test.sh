#!/usr/bin/env bash
# The README's test command: configures and builds the release preset, then runs every test
# with the Vulkan validation layer on. Pass a preset name (release|debug|asan) to choose another.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/meeloop-runtime.XXXXXX)}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
