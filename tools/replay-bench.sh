#!/usr/bin/env bash
# Measures `pressline replay` over N pages (default 100,000) on a local broker:
# generates N page envelopes by cycling the test fixtures under distinct URLs,
# loads them into a topic with `pressline backfill --to-input`, then replays
# the whole topic to a JSONL file and prints both summaries.
#
#   tools/replay-bench.sh [N]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
n=${1:-100000}
cargo build --release --locked --quiet
bin=$repo/target/release/pressline
broker=$(tools/test-brokers.sh path noida)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$broker" start --data-dir "$work/broker" --host 127.0.0.1 --only kafka --kafka-port "$port" >"$work/broker.log" 2>&1 &
broker_pid=$!
trap 'kill -TERM $broker_pid 2>/dev/null; wait $broker_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

python3 - "$n" "$work/pages.jsonl" <<'PY'
import json, pathlib, sys
n, out = int(sys.argv[1]), sys.argv[2]
fixtures = sorted(p for p in pathlib.Path("tests/fixtures").iterdir() if p.suffix in (".txt", ".html"))
bodies = [(p.name, p.read_text(encoding="utf-8")) for p in fixtures]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        name, body = bodies[i % len(bodies)]
        f.write(json.dumps({"url": f"https://bench.example/{i}/{name}", "body": body}) + "\n")
PY
cat > "$work/bench.toml" <<TOML
[kafka]
brokers = "127.0.0.1:$port"
input_topics = ["bench.raw"]
output_topic = "bench.articles"
dlq_topic = "bench.dlq"
[kafka.consumer]
"receive.message.max.bytes" = 2000000000
[metrics]
listen = ""
[log]
format = "text"
filter = "warn"
TOML
"$bin" produce --brokers "127.0.0.1:$port" --topic bench.raw /dev/null 2>/dev/null || true
echo "load:   $("$bin" backfill --config "$work/bench.toml" --to-input "$work/pages.jsonl")"
echo "replay: $("$bin" replay --config "$work/bench.toml" --output-file "$work/events.jsonl")"
echo "events written: $(wc -l <"$work/events.jsonl")"
