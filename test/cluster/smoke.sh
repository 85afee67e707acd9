#!/bin/bash
# Brings up a throwaway cluster in a fresh state dir, runs smoke.ts against it through test/support/cluster.ts,
# and tears it down again (kept with --keep). Usage: smoke.sh [--keep]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

mkdir -p .test-results
STATE=$(mktemp -d "$PWD/.test-results/smoke-cluster.XXXXXX")
if [ "${1:-}" != --keep ]; then trap 'bash test/cluster/down.sh --wipe "$STATE"' EXIT; fi

bash test/cluster/up.sh "$STATE" >/dev/null
npx --no-install tsc -p test/cluster
KSERVE_TEST_STATE="$STATE" node out/test/cluster/smoke.js
