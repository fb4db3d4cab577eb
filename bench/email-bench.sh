#!/usr/bin/env bash
# IMAP intake against a real Dovecot on loopback (scripts/dovecot): how fast COUNT unseen mails (about 3 KB each)
# become tickets in the embedded store, with the shipped IMAP consumer (IDLE, batched FETCH and STORE), with the old
# camel-mail path, and with a bare Jakarta Mail bulk fetch (no router: the ceiling); then the time from delivery to
# ticket, one mail at a time through Dovecot's LDA, for the consumer (IDLE) and camel-mail (polling every second).
# Each throughput variant runs in RUNS fresh JVMs of ROUNDS rounds each: round 1 is cold, the others warm.
#
# Usage: bench/email-bench.sh [COUNT] [RUNS] [ROUNDS] [LATENCY_MAILS] [GAP_MS]      (defaults 5000 3 3 200 200)
# Runs as root (Dovecot's mail processes run as nobody). Prints every round, then medians; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

COUNT="${1:-5000}"
RUNS="${2:-3}"
ROUNDS="${3:-3}"
LATENCY_MAILS="${4:-200}"
GAP_MS="${5:-200}"
USER_NAME=bench
PASSWORD=bench

scripts/dovecot/install.sh
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
WORK="$(mktemp -d "${TMPDIR:-/tmp}/email-bench.XXXXXX")"
chmod 0755 "$WORK" # Dovecot's mail processes (nobody) must reach the Maildir inside
# a private copy of the classes, so that other builds in this tree cannot change them during the run
cp -r target/classes "$WORK/classes"
cp -r target/test-classes "$WORK/test-classes"
CP="$WORK/test-classes:$WORK/classes:$(cat target/bench-classpath.txt)"
DOVECOT="$WORK/dovecot"
cleanup() {
    local rc=$?
    if [ "$rc" -ne 0 ] && [ -f "$WORK/router.log" ]; then tail -n 30 "$WORK/router.log" >&2; fi
    scripts/dovecot/stop.sh "$DOVECOT" > /dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
bench() { java -Xms512m -Xmx512m -Dlogback.configurationFile=bench/email-bench-logback.xml -Dbench.log="$WORK/router.log" \
    -cp "$CP" "$@"; }

echo "== machine"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1);" \
    "$(/usr/sbin/dovecot --version | head -1 | sed 's/^/dovecot /'); load $(cut -d' ' -f1-3 /proc/loadavg)"

PORT=$(free_port)
echo "== dovecot on 127.0.0.1:$PORT (PID $(scripts/dovecot/start.sh "$DOVECOT" "$PORT" "$USER_NAME" "$PASSWORD"))"
bench org.inboundrouter.bench.email.BenchMails "$WORK/mails" "$COUNT" bench
scripts/dovecot/load.sh "$DOVECOT" "$USER_NAME" "$WORK/mails"
rm -rf "$WORK/mails"

echo "== throughput: $COUNT unseen mails until all are tickets (bare: until all are read and flagged)"
RESULTS="$WORK/results.txt"
for run in $(seq 1 "$RUNS"); do
    for variant in bare consumer camel-mail; do
        bench org.inboundrouter.bench.email.MailboxThroughput "$variant" 127.0.0.1 "$PORT" "$USER_NAME" "$PASSWORD" \
            "$ROUNDS" | tee -a "$RESULTS"
    done
    bench org.inboundrouter.bench.email.MailboxThroughput bare 127.0.0.1 "$PORT" "$USER_NAME" "$PASSWORD" \
        "$ROUNDS" --no-stream-provider | tee -a "$RESULTS"
done

echo "== latency: $LATENCY_MAILS mails delivered ${GAP_MS} ms apart through dovecot-lda, delivery to ticket"
for variant in consumer camel-mail; do
    bench org.inboundrouter.bench.email.MailboxLatency "$variant" 127.0.0.1 "$PORT" "$USER_NAME" "$PASSWORD" \
        "$LATENCY_MAILS" "$GAP_MS" scripts/dovecot/deliver.sh "$DOVECOT" "$USER_NAME"
done
bench org.inboundrouter.bench.email.MailboxLatency consumer 127.0.0.1 "$PORT" "$USER_NAME" "$PASSWORD" \
    20 1500 scripts/dovecot/deliver.sh "$DOVECOT" "$USER_NAME" | sed 's/$/ (lone mails)/'

echo "== medians (mails/s; cold = round 1 of each JVM, warm = the later rounds)"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = [dict(kv.split("=", 1) for kv in line.split()) for line in open(sys.argv[1]) if line.startswith("variant=")]
order = ["bare", "bare-no-stream-provider", "consumer", "camel-mail"]
med = {}
for v in order:
    cold = [float(r["rate"]) for r in rows if r["variant"] == v and r["round"] == "1"]
    warm = [float(r["rate"]) for r in rows if r["variant"] == v and r["round"] != "1"]
    if not cold:
        continue
    med[v] = (statistics.median(cold), statistics.median(warm) if warm else float("nan"))
    seen = [float(r["mails"]) / float(r["seen_seconds"]) for r in rows if r["variant"] == v and "seen_seconds" in r]
    extra = f"  (all flagged \\Seen: median {statistics.median(seen):.0f}/s over all rounds)" if seen else ""
    print(f"{v:26s} cold {med[v][0]:6.0f}  warm {med[v][1]:6.0f}  (n={len(cold)}+{len(warm)}){extra}")
if "consumer" in med and "bare" in med:
    print(f"consumer / bare:        cold {med['consumer'][0] / med['bare'][0]:.2f}  warm {med['consumer'][1] / med['bare'][1]:.2f}")
if "consumer" in med and "camel-mail" in med:
    print(f"consumer / camel-mail:  cold {med['consumer'][0] / med['camel-mail'][0]:.1f}x  warm {med['consumer'][1] / med['camel-mail'][1]:.1f}x")
PY
