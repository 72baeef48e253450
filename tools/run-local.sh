#!/usr/bin/env bash
# Runs pressline end to end on this machine, no external cluster needed:
# starts a local Kafka-protocol broker (noida-db, installed into .cache/),
# produces the seed page to `pages.raw`, runs the worker, prints the article
# events from `articles`, then stops everything.
#
#   tools/run-local.sh [PAGE_FILE [PAGE_URL]]
#
# PAGE_FILE defaults to the seed page (tests/fixtures/seed_fr.txt); any HTML or
# text file works. Events go to stdout, one JSON object per line.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
page=${1:-tests/fixtures/seed_fr.txt}
url=${2:-https://news.example/fr/poutine-coree-du-nord}

cargo build --locked --quiet
bin=${CARGO_TARGET_DIR:-$repo/target}/debug/pressline
broker=$(tools/test-brokers.sh path noida)

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$broker" start --data-dir "$data" --host 127.0.0.1 --only kafka --kafka-port "$port" >"$data/broker.log" 2>&1 &
broker_pid=$!
worker_pid=
cleanup() {
  [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true
  kill -TERM "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
brokers=127.0.0.1:$port
echo "broker: noida-db on $brokers" >&2

"$bin" produce --brokers "$brokers" --topic pages.raw --raw-url "$url" "$page"
PRESSLINE_KAFKA__BROKERS=$brokers PRESSLINE_METRICS__LISTEN= "$bin" run --config config/local.toml 2>"$data/worker.log" &
worker_pid=$!
if ! "$bin" tail --brokers "$brokers" --topic articles --count "${EXPECT:-3}" --idle-secs 60; then
  echo "worker log:" >&2; cat "$data/worker.log" >&2; exit 1
fi
kill -TERM "$worker_pid"; wait "$worker_pid"; worker_pid=
echo "worker stopped cleanly (SIGTERM → drained, committed)" >&2
