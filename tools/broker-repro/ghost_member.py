#!/usr/bin/env python3
"""A consumer-group member that vanishes without a LeaveGroup: does the broker
ever give its partitions to the members that are left?  Client only (no
pressline), to tell a broker's fault from ours.

  python3 -m venv /tmp/repro && /tmp/repro/bin/pip install confluent-kafka
  /tmp/repro/bin/python tools/broker-repro/ghost_member.py "$(tools/test-brokers.sh path noida)" 3
  /tmp/repro/bin/python tools/broker-repro/ghost_member.py "$(tools/test-brokers.sh path tansu)" 3

Member A stays; B joins and leaves cleanly; C (a child process) joins and is
SIGKILLed KILL_GAP seconds after B left, so it never sends a LeaveGroup. A
broker that expires members after session.timeout.ms (6 s here), as Apache
Kafka does, hands all 6 partitions back to A within seconds. Measured here
(2026-12-02): tansu, every run within 9-12 s; noida-db 0.2.3, never (A waits
on a JoinGroup the broker holds for the rebalance timeout, 300 s by default,
for every KILL_GAP from 0 to 1 s).
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from confluent_kafka import Consumer
from confluent_kafka.admin import AdminClient, NewTopic

BROKER_BIN, RUNS = sys.argv[1], int(sys.argv[2])
KILL_GAP = float(os.environ.get("KILL_GAP", "0.1"))

CHILD = r"""
import sys
from confluent_kafka import Consumer
c = Consumer(dict(eval(sys.argv[1])))
c.subscribe([sys.argv[2]])
while True:
    c.poll(0.1)
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def conf(addr, group, name):
    return {"bootstrap.servers": addr, "group.id": group, "client.id": name,
            "partition.assignment.strategy": "range,roundrobin", "session.timeout.ms": 6000,
            "heartbeat.interval.ms": 500, "auto.offset.reset": "earliest"}


def one_run(addr, i):
    topic, group = f"t{i}", f"g{i}"
    admin = AdminClient({"bootstrap.servers": addr})
    admin.create_topics([NewTopic(topic, 6, 1)])[topic].result()
    held, events, t0 = {"n": 0}, [], time.time()

    def note(what, parts):
        held["n"] = len(parts) if what == "assign" else 0
        events.append((round(time.time() - t0, 1), what, len(parts)))

    a = Consumer(conf(addr, group, "A"))
    a.subscribe([topic], on_assign=lambda c, p: note("assign", p), on_revoke=lambda c, p: note("revoke", p),
                on_lost=lambda c, p: note("lost", p))
    stop = threading.Event()
    poller = threading.Thread(target=lambda: [a.poll(0.1) for _ in iter(stop.is_set, True)], daemon=True)
    poller.start()
    while held["n"] != 6:
        time.sleep(0.05)
    b = Consumer(conf(addr, group, "B"))
    b.subscribe([topic])
    c = subprocess.Popen([sys.executable, "-c", CHILD, repr(conf(addr, group, "C")), topic])
    end = time.time() + 8
    while time.time() < end:
        b.poll(0.1)
    b.close()  # a clean leave: the group rebalances
    time.sleep(KILL_GAP)
    c.send_signal(signal.SIGKILL)  # no LeaveGroup from C
    c.wait()
    t1 = time.time()
    while held["n"] != 6 and time.time() - t1 < 40:
        time.sleep(0.1)
    ok = held["n"] == 6
    print(f"run {i}: {'A holds all 6 partitions' if ok else 'STUCK'} {time.time() - t1:.1f} s after C vanished;"
          f" A's rebalances {events}", flush=True)
    stop.set()
    poller.join()
    a.close()
    return ok


def main():
    port = free_port()
    addr = f"127.0.0.1:{port}"
    if "tansu" in BROKER_BIN:
        cmd = [BROKER_BIN, "broker", "--listener-url", f"tcp://{addr}", "--advertised-listener-url", f"tcp://{addr}",
               "--storage-engine", "memory://tansu/"]
    else:
        cmd = [BROKER_BIN, "start", "--data-dir", tempfile.mkdtemp(), "--host", "127.0.0.1", "--only", "kafka",
               "--kafka-port", str(port)]
    broker = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        stuck = sum(not one_run(addr, i) for i in range(RUNS))
        print(f"{stuck} of {RUNS} runs stuck")
    finally:
        broker.terminate()
        broker.wait()


if __name__ == "__main__":
    main()
