#!/usr/bin/env bash
# The README's first command: installs what Meeloop needs (Debian 12), builds it, and runs the
# main job on the embedded defaults (bundled scenes, SQLite, lavapipe when there is no GPU).
# With a display (DISPLAY or WAYLAND_DISPLAY set) the main job is the open-day kiosk in a
# window; without one it renders, plays a demo visitor and writes their report offscreen.
# MEELOOP_NO_KIOSK=1 forces the offscreen main job. Extra arguments are passed to `meeloop`.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/meeloop-runtime.XXXXXX)}"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target meeloop
if [ "${MEELOOP_NO_KIOSK:-0}" = 1 ]; then
  exec env -u DISPLAY -u WAYLAND_DISPLAY ./build/release/tools/meeloop/meeloop "$@"
fi
if [ $# -eq 0 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  echo "run.sh: a display is present: starting the kiosk (MEELOOP_NO_KIOSK=1 for the offscreen main job)"
fi
exec ./build/release/tools/meeloop/meeloop "$@"
