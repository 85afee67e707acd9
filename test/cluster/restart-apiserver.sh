#!/bin/bash
# Stops the main kube-apiserver of a running test cluster and starts it again with the same arguments and port
# (etcd keeps the data). Returns once /readyz answers. Usage: restart-apiserver.sh [STATE_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE=$(resolve_state_dir "${1:-}")
STARTED_AT=$(now_ms)
lock_state_dir "$STATE"
process_is_ours "$STATE" apiserver || die "no kube-apiserver of ours is running for $STATE (run up.sh first)"
port=$(env_value "$STATE" KAPI_API_PORT)
[ -n "$port" ] || die "$STATE/env has no KAPI_API_PORT"

stop_process "$STATE" apiserver 1000
launch_from_args_file "$STATE" apiserver append
set_env_value "$STATE" KAPI_API_PID "$(cat "$STATE/apiserver.pid")"
rc=0; wait_apiserver_ready "$STATE" apiserver "$port" 60000 || rc=$?
if [ "$rc" != 0 ]; then
  log "kube-apiserver did not come back; last log lines:"; tail -25 "$STATE/apiserver.log" >&2
  exit 1
fi
# The first request for a custom resource builds its handler (~0.6 s for InferenceService); pay that here so
# tests that time a watch's recovery measure the client, not the server's warm-up.
curl -sf -o /dev/null --max-time 10 --cacert "$STATE/pki/ca.crt" -H "Authorization: Bearer $(admin_token "$STATE")" \
  "https://127.0.0.1:$port/apis/serving.kserve.io/v1beta1/inferenceservices?limit=1" || true
log "kube-apiserver restarted on port $port in $(( $(now_ms) - STARTED_AT )) ms"
