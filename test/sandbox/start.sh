#!/usr/bin/env bash
# npm start: build the extension, then bring up the local cluster, the simulated T5 endpoint and VS Code.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node scripts/build.mjs
npx tsc -p . --outDir out
exec node test/sandbox/sandbox.mjs "$@"
