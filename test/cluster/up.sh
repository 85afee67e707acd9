#!/bin/bash
# Starts a throwaway Kubernetes control plane on 127.0.0.1 for tests: etcd, the main kube-apiserver (KServe CRDs,
# RBAC, users `admin` and `limited`) and a "bare" kube-apiserver without KServe sharing the same etcd.
# Usage: up.sh [STATE_DIR]   (default ${KSERVE_TEST_STATE:-$PWD/.test-results/cluster})
# Port overrides: KSERVE_TEST_API_PORT, KSERVE_TEST_BARE_API_PORT, KSERVE_TEST_ETCD_PORT, KSERVE_TEST_ETCD_PEER_PORT.
# Writes $STATE/kubeconfig and $STATE/env; prints `export KUBECONFIG=...` on success.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE=$(resolve_state_dir "${1:-}" create)
STARTED_AT=$(now_ms)
lock_state_dir "$STATE"
MAX_PORT_ATTEMPTS=5

already_running() {
  local name
  for name in etcd "${SERVER_NAMES[@]}"; do process_is_ours "$STATE" "$name" || return 1; done
  [ -f "$STATE/env" ] || return 1
  wait_apiserver_ready "$STATE" apiserver "$(env_value "$STATE" KAPI_API_PORT)" 2000
}

if already_running; then
  log "already running in $STATE"
  echo "export KUBECONFIG=$STATE/kubeconfig"
  exit 0
fi
BINARIES=$(bash "$CLUSTER_SCRIPTS_DIR/build-kube-apiserver.sh")
KUBE_APISERVER=$(sed -n 's/^KUBE_APISERVER=//p' <<<"$BINARIES")
ETCD=$(sed -n 's/^ETCD=//p' <<<"$BINARIES")
KUBE_APISERVER_MINOR=$(sed -n 's/^KUBE_APISERVER_VERSION=v1\.\([0-9]*\).*/\1/p' <<<"$BINARIES")
# --insecure-port=0 is required to turn off the plain-HTTP port before 1.24 and rejected from 1.24 on.
INSECURE_PORT_FLAG=()
[ "${KUBE_APISERVER_MINOR:-20}" -lt 24 ] && INSECURE_PORT_FLAG=(--insecure-port=0)

ensure_pki() {
  local pki=$STATE/pki
  mkdir -p "$pki"
  if [ -f "$pki/tokens.csv" ] && openssl x509 -checkend 86400 -noout -in "$pki/apiserver.crt" >/dev/null 2>&1; then
    return 0
  fi
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" -subj /CN=kserve-test-ca 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" -subj /CN=kube-apiserver 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 365 \
    -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  openssl ecparam -name prime256v1 -genkey -noout -out "$pki/sa.key" 2>/dev/null
  openssl ec -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  if [ ! -f "$pki/tokens.csv" ]; then
    # token,user,uid[,"group,..."]: `limited` has no groups, so only RBAC bindings grant it anything.
    { echo "$(openssl rand -hex 24),admin,admin-uid,\"system:masters\""
      echo "$(openssl rand -hex 24),limited,limited-uid"; } > "$pki/tokens.csv.tmp"
    mv "$pki/tokens.csv.tmp" "$pki/tokens.csv"
  fi
  chmod 600 "$pki"/*.key "$pki/tokens.csv"
}

start_etcd() {
  local client_port=$1 peer_port=$2
  write_args_file "$STATE/etcd.args" "$ETCD" --name kserve-test --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$client_port" --advertise-client-urls "http://127.0.0.1:$client_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "kserve-test=http://127.0.0.1:$peer_port" --listen-metrics-urls ''
  launch_from_args_file "$STATE" etcd
  wait_http_ok "$STATE" etcd "$client_port" 30000 "http://127.0.0.1:$client_port/health"
}

write_apiserver_args() {
  local name=$1 port=$2 etcd_prefix=$3 pki=$STATE/pki
  write_args_file "$STATE/$name.args" "$KUBE_APISERVER" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --etcd-prefix="$etcd_prefix" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" "${INSECURE_PORT_FLAG[@]}" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" --client-ca-file="$pki/ca.crt" \
    --token-auth-file="$pki/tokens.csv" --authorization-mode=RBAC \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local --service-cluster-ip-range=10.96.0.0/24 \
    --enable-admission-plugins=NamespaceLifecycle \
    --disable-admission-plugins=ServiceAccount,StorageObjectInUseProtection,DefaultStorageClass,PersistentVolumeClaimResize,DefaultTolerationSeconds,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota,Priority,RuntimeClass,CertificateApproval,CertificateSigning,CertificateSubjectRestriction,TaintNodesByCondition,LimitRanger,DefaultIngressClass \
    --kubelet-preferred-address-types=InternalIP \
    --endpoint-reconciler-type=none --profiling=false --enable-priority-and-fairness=false --v=1
}

# Runs START_FUNCTION until it succeeds, choosing new ports when the chosen ones were taken between picking and
# binding (the function returns 2 when its process died). Overridden ports are never changed.
start_with_port_retries() {
  local name=$1 start_function=$2 port_vars=$3
  local attempt rc var
  for attempt in $(seq "$MAX_PORT_ATTEMPTS"); do
    rc=0; "$start_function" || rc=$?
    [ "$rc" = 0 ] && return 0
    if [ "$rc" = 2 ] && log_says_port_in_use "$STATE/$name.log" && [ -z "$PORTS_OVERRIDDEN" ]; then
      log "$name: port taken, retrying with new ports (attempt $attempt)"
      stop_process "$STATE" "$name"
      local fresh=($(pick_free_ports 4)) i=0
      for var in $port_vars; do printf -v "$var" '%s' "${fresh[$i]}"; i=$((i + 1)); done
      continue
    fi
    log "$name did not become ready; last log lines:"; tail -25 "$STATE/$name.log" >&2
    stop_everything
    exit 1
  done
  stop_everything
  die "$name: no free port after $MAX_PORT_ATTEMPTS attempts"
}

stop_everything() { stop_all_processes "$STATE"; }

start_etcd_server() { start_etcd "$ETCD_PORT" "$ETCD_PEER_PORT"; }

# Both API servers start concurrently; each is then awaited (and restarted on a port clash).
start_apiservers() {
  write_apiserver_args apiserver "$API_PORT" /registry
  write_apiserver_args apiserver-bare "$BARE_API_PORT" /registry-kserve-bare
  launch_from_args_file "$STATE" apiserver
  launch_from_args_file "$STATE" apiserver-bare
}
start_apiserver() {
  if ! process_is_ours "$STATE" apiserver; then
    write_apiserver_args apiserver "$API_PORT" /registry
    launch_from_args_file "$STATE" apiserver
  fi
  wait_apiserver_ready "$STATE" apiserver "$API_PORT"
}
start_bare() {
  if ! process_is_ours "$STATE" apiserver-bare; then
    write_apiserver_args apiserver-bare "$BARE_API_PORT" /registry-kserve-bare
    launch_from_args_file "$STATE" apiserver-bare
  fi
  wait_apiserver_ready "$STATE" apiserver-bare "$BARE_API_PORT"
}

write_kubeconfig() {
  local ca=$STATE/pki/ca.crt tmp=$STATE/kubeconfig.tmp
  cat > "$tmp" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: kapi
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: "$ca"}
- name: kapi-bare
  cluster: {server: "https://127.0.0.1:$BARE_API_PORT", certificate-authority: "$ca"}
users:
- name: admin
  user: {token: "$(admin_token "$STATE")"}
- name: limited
  user: {token: "$(limited_token "$STATE")"}
contexts:
- name: kapi
  context: {cluster: kapi, user: admin, namespace: default}
- name: kapi-limited
  context: {cluster: kapi, user: limited, namespace: team-a}
- name: kapi-bare
  context: {cluster: kapi-bare, user: admin, namespace: default}
current-context: kapi
KUBECONFIG
  chmod 600 "$tmp"
  mv "$tmp" "$STATE/kubeconfig"
}

write_env_file() {
  local tmp=$STATE/env.tmp
  {
    printf "export %s='%s'\n" \
      KSERVE_TEST_STATE "$STATE" \
      KUBECONFIG "$STATE/kubeconfig" \
      KSERVE_TEST_KUBECONFIG "$STATE/kubeconfig" \
      KAPI_API_URL "https://127.0.0.1:$API_PORT" \
      KAPI_API_PORT "$API_PORT" \
      KAPI_BARE_API_URL "https://127.0.0.1:$BARE_API_PORT" \
      KAPI_BARE_API_PORT "$BARE_API_PORT" \
      KAPI_ETCD_PORT "$ETCD_PORT" \
      KAPI_ETCD_PEER_PORT "$ETCD_PEER_PORT" \
      KAPI_CA_FILE "$STATE/pki/ca.crt" \
      KAPI_ADMIN_TOKEN "$(admin_token "$STATE")" \
      KAPI_LIMITED_TOKEN "$(limited_token "$STATE")" \
      KAPI_ETCD_PID "$(cat "$STATE/etcd.pid")" \
      KAPI_API_PID "$(cat "$STATE/apiserver.pid")" \
      KAPI_BARE_API_PID "$(cat "$STATE/apiserver-bare.pid")" \
      KAPI_KUBE_APISERVER_BIN "$KUBE_APISERVER"
  } > "$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$STATE/env"
}

stop_everything
ensure_pki
read -r ETCD_PORT ETCD_PEER_PORT API_PORT BARE_API_PORT <<<"$(pick_free_ports 4)"
PORTS_OVERRIDDEN="${KSERVE_TEST_API_PORT:-}${KSERVE_TEST_BARE_API_PORT:-}${KSERVE_TEST_ETCD_PORT:-}${KSERVE_TEST_ETCD_PEER_PORT:-}"
ETCD_PORT=${KSERVE_TEST_ETCD_PORT:-$ETCD_PORT}
ETCD_PEER_PORT=${KSERVE_TEST_ETCD_PEER_PORT:-$ETCD_PEER_PORT}
API_PORT=${KSERVE_TEST_API_PORT:-$API_PORT}
BARE_API_PORT=${KSERVE_TEST_BARE_API_PORT:-$BARE_API_PORT}

start_with_port_retries etcd start_etcd_server "ETCD_PORT ETCD_PEER_PORT"
start_apiservers
start_with_port_retries apiserver start_apiserver "API_PORT"
start_with_port_retries apiserver-bare start_bare "BARE_API_PORT"
log "API servers ready after $(( $(now_ms) - STARTED_AT )) ms"

write_kubeconfig
write_env_file
( set -a; source "$STATE/env"; set +a
  node "$CLUSTER_SCRIPTS_DIR/provision.mjs" ) || { log "provisioning failed"; stop_everything; exit 1; }

log "ready in $(( $(now_ms) - STARTED_AT )) ms (state: $STATE)"
echo "export KUBECONFIG=$STATE/kubeconfig"
