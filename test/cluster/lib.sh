# Shared by up.sh, down.sh and restart-apiserver.sh (sourced, not executed).
# Processes are identified by "<name>.pid" files in the state dir and only ever touched when
# /proc/PID/cmdline shows our binary started with paths inside that state dir.

CLUSTER_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVER_NAMES=(apiserver-bare apiserver)

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "$*"; exit 1; }
now_ms() { date +%s%3N; }

# Prints the absolute state dir: $1, else $KSERVE_TEST_STATE, else ./.test-results/cluster. With "create" as the
# second argument it is created; otherwise a missing dir is an error.
resolve_state_dir() {
  local dir=${1:-${KSERVE_TEST_STATE:-$PWD/.test-results/cluster}}
  if [ "${2:-}" = create ]; then mkdir -p "$dir"; fi
  [ -d "$dir" ] || { log "no state dir $dir"; return 1; }
  (cd "$dir" && pwd -P)
}

# Succeeds when the PID in $STATE/<name>.pid is alive and its command line is <binary> with state-dir paths.
process_is_ours() {
  local state=$1 name=$2 pid
  pid=$(cat "$state/$name.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  local cmdline
  cmdline=$(tr '\0' '\n' 2>/dev/null < "/proc/$pid/cmdline") || return 1
  local binary_name=kube-apiserver
  [ "$name" = etcd ] && binary_name=etcd
  [[ "$(basename "$(head -1 <<<"$cmdline")")" == "$binary_name" ]] || return 1
  grep -qF -- "$state/" <<<"$cmdline"
}

# Alive and not a zombie (an exited server whose parent has not reaped it yet no longer holds its ports).
pid_running() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# Serialises up/down/restart on one state dir. The lock fd is closed for launched servers (see launch_from_args_file).
lock_state_dir() {
  exec {STATE_LOCK_FD}>"$1/.lock"
  flock -w 300 "$STATE_LOCK_FD" || die "another up/down/restart holds $1/.lock"
}

# Sends SIGTERM, waits up to GRACE_MS for the process to exit, then SIGKILL. kube-apiserver's graceful shutdown
# waits up to a minute for open watches to go idle, which they never do, so API servers get a short grace period.
stop_process() {
  local state=$1 name=$2 grace_ms=${3:-3000}
  [ "$name" = etcd ] && grace_ms=15000
  if process_is_ours "$state" "$name"; then
    local pid deadline
    pid=$(cat "$state/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$(( $(now_ms) + grace_ms ))
    while pid_running "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
    if pid_running "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$(( $(now_ms) + 10000 ))
      while pid_running "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
    fi
  else
    local stale_pid
    stale_pid=$(cat "$state/$name.pid" 2>/dev/null || true)
    if [[ "$stale_pid" =~ ^[0-9]+$ ]] && [ -d "/proc/$stale_pid" ]; then
      log "$name: pid $stale_pid is not a process this state dir started; leaving it alone"
    fi
  fi
  rm -f "$state/$name.pid"
}

# API servers first (in parallel), then etcd, which they write to.
stop_all_processes() {
  local state=$1 name stoppers=()
  for name in "${SERVER_NAMES[@]}"; do stop_process "$state" "$name" & stoppers+=($!); done
  # Only these jobs: the servers this shell launched are its background children too, and a bare `wait` would
  # wait for them forever.
  wait "${stoppers[@]}"
  stop_process "$state" etcd
}

# Prints N distinct currently-free loopback TCP ports, space separated.
pick_free_ports() {
  node -e '
    const net = require("node:net");
    const count = Number(process.argv[1]);
    const servers = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      server.listen(0, "127.0.0.1", () => {
        servers.push(server);
        if (servers.length === count) {
          console.log(servers.map((s) => s.address().port).join(" "));
          servers.forEach((s) => s.close());
        }
      });
    }' "$1"
}

# Starts <binary> detached (own session, stdio to files) so callers' pipes and process groups don't own it.
# Arguments are taken from $STATE/<name>.args (NUL separated) so restarts reuse them verbatim.
# The log starts afresh unless the third argument is "append".
launch_from_args_file() {
  local state=$1 name=$2 log_mode=${3:-truncate} args=()
  mapfile -d '' -t args < "$state/$name.args"
  if [ "$log_mode" = append ]; then
    echo "----- restarted $(date -u +%FT%TZ) -----" >> "$state/$name.log"
  else
    : > "$state/$name.log"
  fi
  setsid "${args[@]}" < /dev/null >> "$state/$name.log" 2>&1 {STATE_LOCK_FD}>&- &
  echo $! > "$state/$name.pid"
}

write_args_file() {
  local file=$1; shift
  printf '%s\0' "$@" > "$file"
}

log_says_port_in_use() {
  grep -qiE 'address already in use|bind: address' "$1" 2>/dev/null
}

# Succeeds when PORT on 127.0.0.1 is listened on by the process in $STATE/<name>.pid. Guards against talking to
# someone else's server that holds the port our process failed to bind.
port_is_ours() {
  local state=$1 name=$2 port=$3 pid
  command -v ss >/dev/null 2>&1 || return 0
  pid=$(cat "$state/$name.pid" 2>/dev/null) || return 1
  ss -Hltnp "sport = :$port" 2>/dev/null | grep -q "pid=$pid,"
}

# Waits until our process listens on PORT and URL answers 2xx. Returns 2 as soon as the process has died.
wait_http_ok() {
  local state=$1 name=$2 port=$3 timeout_ms=$4; shift 4
  local deadline=$(( $(now_ms) + timeout_ms ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    process_is_ours "$state" "$name" || return 2
    if port_is_ours "$state" "$name" "$port" && curl -sf -o /dev/null --max-time 2 "$@"; then return 0; fi
    sleep 0.1
  done
  return 1
}

wait_apiserver_ready() {
  local state=$1 name=$2 port=$3 timeout_ms=${4:-60000}
  local token
  token=$(admin_token "$state")
  wait_http_ok "$state" "$name" "$port" "$timeout_ms" --cacert "$state/pki/ca.crt" \
    -H "Authorization: Bearer $token" "https://127.0.0.1:$port/readyz"
}

admin_token() { awk -F, '$2 == "admin" { print $1 }' "$1/pki/tokens.csv"; }
limited_token() { awk -F, '$2 == "limited" { print $1 }' "$1/pki/tokens.csv"; }

# Value of KEY in $STATE/env (written by up.sh as: export KEY='value').
env_value() {
  sed -n "s/^export $2='\(.*\)'\$/\1/p" "$1/env" 2>/dev/null | tail -1
}

set_env_value() {
  local file="$1/env" key=$2 value=$3
  [ -f "$file" ] || return 0
  sed -i "s|^export $key='.*'\$|export $key='$value'|" "$file"
}
