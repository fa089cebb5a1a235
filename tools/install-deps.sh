#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing Meeloop need.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config glslc
  # engine libraries
  libvulkan-dev libglm-dev libassimp-dev libzip-dev libstb-dev nlohmann-json3-dev libkainjow-mustache-dev
  libsqlite3-dev libglfw3-dev libimgui-dev libmeshoptimizer-dev libopenxr-dev libssl-dev
  # kiosk: QR codes on the end screen, the recruiter PIN hash (Argon2id)
  libqrencode-dev libsodium-dev
  # regional hub: PostgreSQL (the tests start a private cluster), HTTP over TLS
  postgresql-15 libpq-dev libpqxx-dev libcpp-httplib-dev
  # tests of the hub: a test CA made with the openssl command
  openssl
  # runtime: software Vulkan (lavapipe), validation layers, OpenXR loader and validation
  mesa-vulkan-drivers vulkan-validationlayers libopenxr-loader1 openxr-layer-corevalidation
  # content: Sweet Home 3D furniture and people (CC-BY / CC0), fonts
  sweethome3d-furniture fonts-dejavu-core
  # tests
  catch2 xvfb xauth
  # tests of the profile exports: node runs xapi-validation and ajv, chromium renders the HTML report
  nodejs chromium
  # fuzzing (tools/fuzz.sh): clang 14 with its libFuzzer runtime
  clang-14 libclang-rt-14-dev llvm-14
)
# npm comes with NodeSource's nodejs; Debian's nodejs needs Debian's npm beside it.
command -v npm >/dev/null 2>&1 || packages+=(npm)

# The node packages the export and hub tests use (versions pinned by tests/xapi/package-lock.json).
install_node_tools() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/xapi"
  if [ ! -d "$dir/node_modules/xapi-validation" ] || [ ! -d "$dir/node_modules/ajv-formats" ] ||
    [ ! -d "$dir/node_modules/@xapi/xapi" ]; then
    echo "install-deps: npm ci in tests/xapi"
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_node_tools
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
install_node_tools
