#!/usr/bin/env bash
# Installs the Debian 12 packages Pi Console needs to build, test and package, and only the
# ones that are missing: on a machine that has them all it changes nothing.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  qtkeychain-qt6-dev zlib1g-dev
  # run
  qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6 qt6-wayland
  # test: a private Secret Service and a virtual screen
  gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth curl openssl python3
  # test: a real HTTP proxy
  tinyproxy-bin
  # package checks
  dpkg-dev file desktop-file-utils appstream lintian clang-format
  # fuzzing: clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; update once before installing.
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
