#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing Meeloop need.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config glslc
  # engine libraries
  libvulkan-dev libglm-dev libassimp-dev libzip-dev libstb-dev nlohmann-json3-dev
  libsqlite3-dev libglfw3-dev libimgui-dev libmeshoptimizer-dev libopenxr-dev
  # runtime: software Vulkan (lavapipe), validation layers, OpenXR loader and validation
  mesa-vulkan-drivers vulkan-validationlayers libopenxr-loader1 openxr-layer-corevalidation
  # content: Sweet Home 3D furniture and people (CC-BY / CC0), fonts
  sweethome3d-furniture fonts-dejavu-core
  # tests
  catch2 xvfb xauth
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
