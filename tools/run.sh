#!/usr/bin/env bash
# The README's first command: installs what Meeloop needs (Debian 12), builds it, and runs the
# main job on the embedded defaults (bundled scenes, SQLite, lavapipe when there is no GPU).
# Extra arguments are passed to `meeloop`.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/meeloop-runtime.XXXXXX)}"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target meeloop
exec ./build/release/tools/meeloop/meeloop "$@"
