#!/bin/bash
# Stops the processes that up.sh started for one state dir (and nothing else).
# Usage: down.sh [--wipe] [STATE_DIR]   --wipe also deletes etcd data, certificates, tokens, logs and config.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

wipe=false state_arg=
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=true ;;
    -*) die "unknown option $arg (usage: down.sh [--wipe] [STATE_DIR])" ;;
    *) state_arg=$arg ;;
  esac
done
STATE=$(resolve_state_dir "$state_arg" 2>/dev/null) || { log "nothing to stop: no state dir"; exit 0; }
lock_state_dir "$STATE"

stop_all_processes "$STATE"
rm -f "$STATE/env"

if $wipe; then
  for name in "${SERVER_NAMES[@]}" etcd; do rm -f "$STATE/$name.log" "$STATE/$name.args"; done
  rm -rf "$STATE/etcd" "$STATE/pki" "$STATE/kubeconfig" "$STATE/.lock"
  rmdir "$STATE" 2>/dev/null || true
fi
if $wipe; then log "stopped and wiped $STATE"; else log "stopped $STATE"; fi
