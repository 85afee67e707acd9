#!/bin/bash
# Provides kube-apiserver (v1.20, built from Debian's `kubernetes` source package) and etcd for the test cluster.
# Prefers envtest's $KUBEBUILDER_ASSETS; otherwise builds once into the cache and installs Debian's etcd-server.
# Prints KUBE_APISERVER=<path>, KUBE_APISERVER_VERSION=v1.x.y and ETCD=<path> on stdout; progress goes to stderr.
set -euo pipefail

log() { echo "build-kube-apiserver: $*" >&2; }

if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/kube-apiserver" ] && [ -x "$KUBEBUILDER_ASSETS/etcd" ]; then
  echo "KUBE_APISERVER=$KUBEBUILDER_ASSETS/kube-apiserver"
  echo "KUBE_APISERVER_VERSION=$("$KUBEBUILDER_ASSETS/kube-apiserver" --version | awk '{ print $2 }')"
  echo "ETCD=$KUBEBUILDER_ASSETS/etcd"
  exit 0
fi

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/kapi"
APISERVER_BIN="$CACHE_ROOT/bin/kube-apiserver"
# Fixes applied on top of the plain recipe; a cached binary without this stamp is rebuilt once.
BUILD_FIXES="reflect2-1.0.2 empty-string-validation"
FIXES_STAMP="$APISERVER_BIN.fixes"
# code-server's setup may run apt-get at the same time: one at a time, in either script.
APT_GET=(flock /tmp/kserve-toolkit-apt.lock apt-get -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive

require_root() {
  if [ "$(id -u)" != 0 ]; then
    log "$1 needs root (apt-get). Run this script as root once, or set KUBEBUILDER_ASSETS."
    exit 1
  fi
}

ensure_etcd() {
  command -v etcd >/dev/null 2>&1 && return 0
  require_root "installing etcd-server"
  log "installing Debian's etcd-server (first run only, under a minute)"
  "${APT_GET[@]}" update -qq
  "${APT_GET[@]}" install -y -qq --no-install-recommends etcd-server >/dev/null
}

ensure_deb_src() {
  grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && return 0
  grep -qs '^deb-src ' /etc/apt/sources.list && return 0
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    > /etc/apt/sources.list.d/debian-src.sources
}

# Generates pkg/generated/openapi/zz_generated.openapi.go, which the source tarball lacks (upstream makes it in
# Makefile.generated_files) for every package tagged +k8s:openapi-gen.
generate_openapi() {
  local work=$1
  go build -o "$work/openapi-gen" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen
  local input_dirs
  input_dirs=$(find -H . -not \( \( -path './_*' -o -path './.*' -o -path ./vendor \) -prune \) -type f -name '*.go' \
    | sed 's|^./staging/src|vendor|; s|^\./||' \
    | xargs grep -l '^// *+k8s:' | xargs grep -l '+k8s:openapi-gen=' \
    | grep -v -e '^vendor/k8s.io/code-generator/' -e '^vendor/k8s.io/sample-apiserver/' \
    | xargs -n1 dirname | LC_ALL=C sort -u | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
  "$work/openapi-gen" -i "$input_dirs" -p k8s.io/kubernetes/pkg/generated/openapi -O zz_generated.openapi \
    -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt -r "$work/openapi-violations.report"
}

build_apiserver() {
  require_root "building kube-apiserver"
  log "building kube-apiserver v1.20 from Debian's kubernetes source package (first run only, 5 to 7 minutes on 2 cores; cached in $CACHE_ROOT)"
  ensure_deb_src
  "${APT_GET[@]}" update -qq
  log "installing Debian's Go toolchain"
  "${APT_GET[@]}" install -y -qq --no-install-recommends golang-go dpkg-dev openssl curl ca-certificates >/dev/null

  BUILD_WORK_DIR="$CACHE_ROOT/build.$$"
  local work=$BUILD_WORK_DIR
  rm -rf "$work"; mkdir -p "$work/src" "$work/gopath/src/k8s.io" "$CACHE_ROOT/bin"
  trap 'rm -rf "$BUILD_WORK_DIR"' EXIT
  cd "$work/src"
  log "fetching Debian's kubernetes source package"
  apt-get source -qq kubernetes >/dev/null 2>&1
  apt-get download -qq golang-github-modern-go-reflect2-dev 2>/dev/null
  dpkg-deb -x golang-github-modern-go-reflect2-dev_*.deb reflect2
  local source_tree
  source_tree=$(ls -d "$work"/src/kubernetes-1.20*/ | head -1)
  ln -sfn "${source_tree%/}" "$work/gopath/src/k8s.io/kubernetes"
  cd "$work/gopath/src/k8s.io/kubernetes"

  # Kubernetes 1.20 only builds in GOPATH mode.
  export GO111MODULE=off GOPATH="$work/gopath" GOCACHE="$work/gocache" CGO_ENABLED=0 GOFLAGS=
  # The vendored reflect2 v1.0.1 crashes (SIGSEGV on the first custom-resource create) with Go >= 1.18.
  local vendored_reflect2=vendor/github.com/modern-go/reflect2
  find "$vendored_reflect2" -maxdepth 1 -type f ! -name LICENSE -delete
  cp "$work"/src/reflect2/usr/share/gocode/src/github.com/modern-go/reflect2/*.{go,s} "$vendored_reflect2/"

  # Built with Go >= 1.19, the vendored go-openapi type validator takes every empty string for null
  # (reflect.DeepEqual of two reflect.Values that both point at the runtime's shared zero value), so custom
  # resources holding "" (e.g. KServe's modelStatus.states.activeModelState) are rejected. With the Go that
  # Kubernetes 1.20 shipped with, that comparison was only ever true for nil.
  local zero_check='data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data))'
  local patched_files
  patched_files=$(grep -rlF "$zero_check" vendor/ || true)
  [ -n "$patched_files" ] || { log "go-openapi type validator not found; cannot apply the empty-string fix"; exit 1; }
  sed -i "s/data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data))/data == nil/" \
    $patched_files

  log "generating OpenAPI definitions"
  generate_openapi "$work"

  local ldflags="-s -w" version_pkg
  for version_pkg in k8s.io/kubernetes/vendor/k8s.io/{component-base/version,client-go/pkg/version}; do
    ldflags="$ldflags -X $version_pkg.gitMajor=1 -X $version_pkg.gitMinor=20"
    ldflags="$ldflags -X $version_pkg.gitVersion=v1.20.2 -X $version_pkg.gitTreeState=clean"
  done
  log "compiling kube-apiserver (the longest step, about 4 minutes on 2 cores)"
  go build -tags selinux,notest -trimpath -ldflags "$ldflags" -o "$work/kube-apiserver" ./cmd/kube-apiserver
  mv "$work/kube-apiserver" "$APISERVER_BIN"
  echo "$BUILD_FIXES" > "$FIXES_STAMP"
}

cached_binary_is_current() {
  [ -x "$APISERVER_BIN" ] && [ "$(cat "$FIXES_STAMP" 2>/dev/null)" = "$BUILD_FIXES" ]
}

ensure_etcd
if ! cached_binary_is_current; then
  mkdir -p "$CACHE_ROOT"
  # Concurrent callers wait for one build instead of starting their own.
  exec 9>"$CACHE_ROOT/build.lock"
  flock 9
  cached_binary_is_current || build_apiserver
  flock -u 9
fi
echo "KUBE_APISERVER=$APISERVER_BIN"
echo "KUBE_APISERVER_VERSION=$("$APISERVER_BIN" --version | awk '{ print $2 }')"
echo "ETCD=$(command -v etcd)"
