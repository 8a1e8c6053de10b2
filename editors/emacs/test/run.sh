#!/usr/bin/env bash
# Runs the Eglot test of editors/emacs/handoff.el in batch Emacs.
#   HANDOFF_BIN  the handoff binary (default target/release/handoff)
# Without emacs it says SKIP and exits 0, unless HANDOFF_REQUIRE_EMACS=1.
set -uo pipefail
cd "$(dirname "$0")/../../.."

HANDOFF_BIN="${HANDOFF_BIN:-target/release/handoff}"
case "$HANDOFF_BIN" in /*) ;; *) HANDOFF_BIN="$PWD/$HANDOFF_BIN" ;; esac
export HANDOFF_BIN
if [ ! -x "$HANDOFF_BIN" ]; then
    echo "FAIL: no handoff binary at $HANDOFF_BIN (cargo build --release)" >&2
    exit 1
fi
if ! command -v emacs >/dev/null 2>&1; then
    echo "SKIP emacs: not installed (editors/emacs/test/install.sh)"
    echo "emacs: 0 passed, 0 failed, 1 skipped"
    [ "${HANDOFF_REQUIRE_EMACS:-0}" = 1 ] && exit 1
    exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
log="$tmp/log"
# -q, not -Q: -Q would skip Debian's site-start, which puts elpa-eglot on the load-path.
HOME="$tmp" timeout 60 emacs --batch -q -l editors/emacs/test/handoff-test.el </dev/null >"$log" 2>&1
rc=$?
line="$(grep -E '^(PASS|FAIL) ' "$log" | tail -1)"
if [ "$rc" -eq 0 ] && [ "${line%% *}" = PASS ]; then
    echo "$line"
    echo "emacs: 1 passed, 0 failed"
    exit 0
fi
if [ "$rc" -eq 124 ]; then
    echo "FAIL emacs: timed out after 60s"
else
    echo "FAIL emacs (exit $rc): ${line:-no result line}"
fi
sed 's/^/    /' "$log"
echo "emacs: 0 passed, 1 failed"
exit 1
