#!/usr/bin/env bash
# npm test: lint, type-check and build, unit tests in plain Node, then integration tests inside a real VS Code.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (+%ss)\n' "$1" "$(( $(date +%s) - started ))"; }
fail() { echo "$1"; echo "tests: 0 passed, 1 failed"; exit 1; }

step lint
npx eslint src test bench scripts || fail "lint failed"
step "type-check and compile"
rm -rf out
npx tsc -p . --outDir out || fail "type errors"
step build
node scripts/build.mjs || fail "bundle failed"

step "unit tests (Node $(node --version))"
unit_out=$(node test/harness/run-unit.mjs 2>&1); unit_rc=$?
echo "$unit_out" | tail -40
step "integration tests (code-server)"
int_log=$(mktemp)
node test/harness/run-code-server.mjs 2>&1 | tee "$int_log"; int_rc=${PIPESTATUS[0]}
int_out=$(cat "$int_log"); rm -f "$int_log"

count() { echo "$2" | sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p" | tail -1; }
read -r up uf <<< "$(count unit "$unit_out")"
read -r ip if_ <<< "$(count integration "$int_out")"
passed=$(( ${up:-0} + ${ip:-0} )); failed=$(( ${uf:-0} + ${if_:-0} ))
[ $unit_rc -ne 0 ] && [ "${uf:-0}" = 0 ] && failed=$((failed + 1))
[ $int_rc -ne 0 ] && [ "${if_:-0}" = 0 ] && failed=$((failed + 1))
step "done: unit ${up:-?} passed / ${uf:-?} failed, integration ${ip:-?} passed / ${if_:-?} failed"
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
