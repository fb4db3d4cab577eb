#!/usr/bin/env bash
# Webhook throughput with durable acknowledgement: the daemon's sms-gateway webhook (each 200 is sent after the
# message is committed to the embedded store) at rising fixed rates, against the same HTTP server (Camel
# platform-http on Vert.x) answering 200 with no work. Also the daemon's footprint: time from start to ready, and
# resident memory once idle. Usage: bench/webhook-bench.sh [RATES] [SECONDS]
# The driver (WebhookLoad) warms up for 30 s at 500/s and lets each rate settle for 10 s before measuring it;
# WEBHOOK_DRIVER_OPTS passes -Dwebhook.warmup.seconds=, -Dwebhook.warmup.rate=, -Dwebhook.settle.seconds= to it.
# Results are printed; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RATES="${1:-250,500,1000,1500,2000,2500,3000,4000}"
SECONDS_PER_RATE="${2:-10}"
SECRET="bench-secret-$(date +%s)"

mvn -B -q package -DskipTests
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
WORK="$(mktemp -d "${TMPDIR:-/tmp}/webhook-bench.XXXXXX")"
cp -r target/classes "$WORK/classes"
cp -r target/test-classes "$WORK/test-classes"
cp target/inbound-router.jar "$WORK/"
CP="$WORK/test-classes:$WORK/classes:$(cat target/bench-classpath.txt)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_ready() { # url, timeout s; prints seconds waited
    local start=$(date +%s.%N)
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null -H "Authorization: Bearer ${BENCH_TOKEN:-}" "$1"; then python3 -c "print(round($(date +%s.%N)-$start,2))"; return 0; fi
        sleep 0.05
    done
    echo "not ready: $1" >&2; return 1
}

echo "== machine"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== footprint: the shipped configuration (README's command), from start to /health/ready, then idle"
mkdir -p "$WORK/shipped" && cp -r config classifiers "$WORK/shipped/"
PORT=$(free_port)
sed -i "s/^inbound.http.port=.*/inbound.http.port=$(free_port)/" "$WORK/shipped/config/application.properties"
printf '\ninbound.admin.port=%s\n' "$PORT" >> "$WORK/shipped/config/application.properties"
rm -f "$WORK/shipped/config/admin-tokens"
# /health/ready and /api are on the admin listener ($PORT) and want a bearer token
BENCH_TOKEN=$(java -jar "$WORK/inbound-router.jar" token create --role read --name bench --config "$WORK/shipped/config")
for run in 1 2 3; do
    rm -rf "$WORK/shipped/data"
    (cd "$WORK/shipped" && exec java -jar "$WORK/inbound-router.jar" > "$WORK/shipped-$run.log" 2>&1) &
    PID=$!; PIDS+=("$PID")
    READY=$(wait_ready "http://127.0.0.1:$PORT/health/ready")
    sleep 10
    RSS=$(ps -o rss= -p "$PID" | xargs)
    echo "run $run: ready after ${READY} s; idle RSS $((RSS / 1024)) MB"
    kill "$PID"; wait "$PID" 2>/dev/null || true
done

echo "== the router: sms-gateway webhook, stored before 200 (embedded H2)"
mkdir -p "$WORK/router/config/channels"
PORT=$(free_port)
APORT=$(free_port)
cat > "$WORK/router/config/application.properties" <<PROPS
inbound.local-mail-server.enabled=false
inbound.http.port=$PORT
inbound.admin.port=$APORT
inbound.data-dir=$WORK/router/data
PROPS
BENCH_TOKEN=$(java -jar "$WORK/inbound-router.jar" token create --role read --name bench --config "$WORK/router/config")
cat > "$WORK/router/config/channels/gw.yaml" <<'YAML'
kind: sms-gateway
secret: ${env:BENCH_GW_SECRET}
YAML
(cd "$WORK/router" && BENCH_GW_SECRET="$SECRET" exec java -jar "$WORK/inbound-router.jar" run --config config \
    > "$WORK/router.log" 2>&1) &
PID=$!; PIDS+=("$PID")
wait_ready "http://127.0.0.1:$APORT/health/ready" > /dev/null
java ${WEBHOOK_DRIVER_OPTS:-} -cp "$CP" org.inboundrouter.bench.webhook.WebhookLoad "http://127.0.0.1:$PORT/webhooks/gw" "$SECRET" \
    "$RATES" "$SECONDS_PER_RATE" router
echo "tickets stored: $(curl -s -H "Authorization: Bearer $BENCH_TOKEN" "http://127.0.0.1:$APORT/api/tickets?limit=1" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t[0]["id"] if t else 0)') (highest ticket id)"
kill "$PID"; wait "$PID" 2>/dev/null || true

echo "== baseline: the same HTTP server answering 200 with no work"
PORT=$(free_port)
java -cp "$CP" org.inboundrouter.bench.webhook.NoWorkServer "$PORT" > "$WORK/nowork.log" 2>&1 &
PID=$!; PIDS+=("$PID")
for _ in $(seq 1 200); do curl -s -o /dev/null -X POST "http://127.0.0.1:$PORT/webhooks/nowork" && break; sleep 0.05; done
java ${WEBHOOK_DRIVER_OPTS:-} -cp "$CP" org.inboundrouter.bench.webhook.WebhookLoad "http://127.0.0.1:$PORT/webhooks/nowork" "$SECRET" \
    "$RATES" "$SECONDS_PER_RATE" baseline
kill "$PID"; wait "$PID" 2>/dev/null || true
