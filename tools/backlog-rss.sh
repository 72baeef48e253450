#!/usr/bin/env bash
# Memory under backlog: fills a topic with N pages, then lets one release
# `pressline run` drain it and samples its resident set once a second.
#
#   tools/backlog-rss.sh [N=100000] [BROKER=tansu|noida] [THREADS=2]
#
# The pages are the Zyte benchmark's article texts (../shared/data/zyte/gold.json,
# mean 4.5 KB) sent as text pages with distinct URLs: the full HTML pages (mean
# 174 KB) would make a 17 GB backlog, more than these in-memory test brokers can
# hold. What is measured is the worker's bound, which depends on its prefetch
# and in-flight caps, not on how much is waiting behind them.
# The worker starts first (it creates the topics and joins), then the whole
# backlog is produced at once, hundreds of MB/s, far faster than it drains.
# Prints one summary line: pages, MB, seconds, pages/s, peak and last RSS.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
n=${1:-100000}
kind=${2:-tansu}
threads=${3:-2}
gold=${PRESSLINE_BENCH_DATA:-$repo/../shared/data/zyte}/gold.json
[ -f "$gold" ] || { echo "no $gold (set PRESSLINE_BENCH_DATA)" >&2; exit 2; }

cargo build --release --locked --quiet
bin=$repo/target/release/pressline
tools/test-brokers.sh install
broker=$(tools/test-brokers.sh path "$kind")
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
case "$kind" in
  noida) "$broker" start --data-dir "$work/data" --host 127.0.0.1 --only kafka --kafka-port "$port" >"$work/broker.log" 2>&1 & ;;
  tansu) "$broker" broker --listener-url "tcp://127.0.0.1:$port" --advertised-listener-url "tcp://127.0.0.1:$port" \
           --storage-engine memory://tansu/ >"$work/broker.log" 2>&1 & ;;
esac
broker_pid=$!
worker_pid=
producer_pid=
cleanup() {
  [ -n "$producer_pid" ] && kill "$producer_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true
  kill -TERM "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
brokers=127.0.0.1:$port

python3 - "$gold" "$n" >"$work/pages.jsonl" <<'EOF'
import json, sys
gold = list(json.load(open(sys.argv[1])).values())
for i in range(int(sys.argv[2])):
    page = gold[i % len(gold)]
    print(json.dumps({"url": f"{page['url']}?copy={i}", "content_type": "text/plain", "body": page["gold_text"]}))
EOF
mb=$(du -m "$work/pages.jsonl" | cut -f1)
echo "backlog: $n pages, $mb MB, $kind on $brokers, $threads worker threads" >&2
cat >"$work/pressline.toml" <<EOF
[kafka]
brokers = "$brokers"
group_id = "backlog"
input_topics = ["backlog.raw"]
output_topic = "backlog.out"
dlq_topic = "backlog.dlq"
assignor = "range,roundrobin"
create_topics = true
create_partitions = 4
[worker]
threads = $threads
[metrics]
listen = "127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
statistics_interval_ms = 1000
[log]
filter = "warn"
EOF
metrics=$(sed -n 's/^listen = "\(.*\)"/\1/p' "$work/pressline.toml")
# One worker for the whole run: it creates the topics, joins, and then the
# backlog is produced far faster (hundreds of MB/s) than it can drain.
"$bin" run --config "$work/pressline.toml" 2>"$work/worker.log" &
worker_pid=$!
for _ in $(seq 120); do curl -sf "http://$metrics/readyz" >/dev/null && break; sleep 1; done
curl -sf "http://$metrics/readyz" >/dev/null || { echo "worker never became ready" >&2; cat "$work/worker.log" >&2; exit 1; }
start=$(date +%s.%N)
"$bin" produce --brokers "$brokers" --topic backlog.raw "$work/pages.jsonl" &
producer_pid=$!
peak=0; last=0; consumed=0
while kill -0 "$worker_pid" 2>/dev/null; do
  sleep 1
  last=$(awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$worker_pid/status" 2>/dev/null || echo 0)
  [ "$last" -gt "$peak" ] && peak=$last
  consumed=$(curl -s "http://$metrics/metrics" | awk '/^pressline_pages_consumed_total/ {print int($2)}')
  in_flight=$(curl -s "http://$metrics/metrics" | awk '/^pressline_in_flight_messages/ {print int($2)}')
  [ "${consumed:-0}" -ge "$n" ] && [ "${in_flight:-1}" -eq 0 ] && break
done
wait "$producer_pid"; producer_pid=
secs=$(python3 -c "import time; print(round(time.time() - $start, 1))")
hwm=$(awk '/^VmHWM:/ {print int($2/1024)}' "/proc/$worker_pid/status" 2>/dev/null || echo "$peak")
echo "pages=$consumed mb=$mb secs=$secs pages_per_s=$(python3 -c "print(round($consumed / $secs))") peak_rss_mb=$hwm last_rss_mb=$last broker=$kind threads=$threads"
if [ "${consumed:-0}" -lt "$n" ]; then echo "worker exited early; log:" >&2; tail -20 "$work/worker.log" >&2; exit 1; fi
