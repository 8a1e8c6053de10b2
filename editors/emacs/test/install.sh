#!/usr/bin/env bash
# Installs Debian's Emacs (no X), Eglot and markdown-mode; safe to run again.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

missing=()
command -v emacs >/dev/null 2>&1 || missing+=(emacs-nox)
for pkg in elpa-eglot elpa-markdown-mode; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
emacs --version | head -1
