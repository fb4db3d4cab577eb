#!/usr/bin/env bash
# The crash test: N mails in a real IMAP mailbox (Dovecot), the daemon delivering to a real Request Tracker, killed
# with SIGKILL at random moments KILLS times and restarted; then every mail must be exactly one message in exactly
# one ticket (replies in their parent's ticket), and every ticket exactly one RT ticket with its category and its
# replies as correspondence. See RELIABILITY.md for what this proves and what it does not.
#
# usage: reliability/crash-test.sh [N] [KILLS] [LATE_KILLS]      (defaults 2000, 5 and 2)
#        KILLS kills come 2-8 s after each start, while mail is being fetched (and delivered alongside); then
#        LATE_KILLS more once the mailbox is empty, 5-30 s after each start, while only the outbox is being worked.
# env:   SEED       seeds the mails and the kill moments (default: from the clock; printed, so a run can be repeated)
#        KILL_MIN, KILL_MAX   seconds between Camel's "started" and a SIGKILL (default 2 and 8)
#        LATE_MIN, LATE_MAX   the same for the late kills (default 5 and 30)
#        WORK       where to keep everything (default: a new /tmp/crash-test.XXXXXX; kept afterwards for inspection)
#        JAR        the daemon's jar (default target/inbound-router.jar, built when missing or older than the sources)
#        STALL      give up waiting for the drain after this many seconds without progress (default 300)
#        STRICT_APPENDS=1     also fail on a reply appended to RT twice (a documented at-least-once window)
# Runs as root (installs dovecot-imapd and RT from Debian when missing). Exit 0: no violation; 1: violations (listed).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
N=${1:-2000}
KILLS=${2:-5}
LATE_KILLS=${3:-2}
SEED=${SEED:-$(( $(date +%s) % 100000 ))}
KILL_MIN=${KILL_MIN:-2}
KILL_MAX=${KILL_MAX:-8}
LATE_MIN=${LATE_MIN:-5}
LATE_MAX=${LATE_MAX:-30}
STALL=${STALL:-300}
[[ $N =~ ^[0-9]+$ && $N -ge 20 ]] || { echo "crash-test: N must be a number >= 20" >&2; exit 2; }
[[ $KILLS =~ ^[0-9]+$ && $LATE_KILLS =~ ^[0-9]+$ ]] || { echo "crash-test: KILLS and LATE_KILLS must be numbers" >&2; exit 2; }

WORK=${WORK:-$(mktemp -d /tmp/crash-test.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
chmod 0755 "$WORK" # Dovecot's auth (user dovecot) and mail processes (nobody) must reach the files inside
LOG="$WORK/crash-test.log"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$LOG"; }
CHECK="python3 $ROOT/reliability/check.py"

DAEMON_PID=""
cleanup() {
    # only what this run started, by PID or by the directories it owns
    if [[ -n $DAEMON_PID ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    "$ROOT/scripts/rt/stop.sh" "$WORK/rt" >/dev/null 2>&1 || true
    "$ROOT/scripts/dovecot/stop.sh" "$WORK/dovecot" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "crash test: N=$N KILLS=$KILLS (${KILL_MIN}-${KILL_MAX} s) LATE_KILLS=$LATE_KILLS (${LATE_MIN}-${LATE_MAX} s) SEED=$SEED; work dir $WORK"

# --- the jar: a private copy, so that a rebuild in the tree during the run cannot change the daemon under test
if [[ -z ${JAR:-} ]]; then
    JAR="$ROOT/target/inbound-router.jar"
    if [[ ! -f $JAR ]] || [[ -n $(find src/main pom.xml routes -newer "$JAR" -type f -print -quit 2>/dev/null) ]]; then
        log "building $JAR"
        mvn -B -q package -DskipTests
    fi
fi
cp "$JAR" "$WORK/inbound-router.jar"
JAR="$WORK/inbound-router.jar"

# --- servers
"$ROOT/scripts/dovecot/install.sh" >>"$LOG" 2>&1
"$ROOT/scripts/rt/install.sh" >>"$LOG" 2>&1
read -r IMAP_PORT RT_PORT HTTP_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
DOVECOT_PID=$("$ROOT/scripts/dovecot/start.sh" "$WORK/dovecot" "$IMAP_PORT" support support)
log "dovecot PID $DOVECOT_PID on 127.0.0.1:$IMAP_PORT"
RT_URL=$("$ROOT/scripts/rt/start.sh" "$WORK/rt" "$RT_PORT")
log "RT at $RT_URL (PID $(cat "$WORK/rt/rt.pid"))"
API_URL="http://127.0.0.1:$HTTP_PORT"

# --- mails
python3 "$ROOT/reliability/gen-mails.py" "$N" "$SEED" "$WORK"
"$ROOT/scripts/dovecot/load.sh" "$WORK/dovecot" support "$WORK/mails" 2>&1 | tee -a "$LOG"
ROOTS=$(awk -F'\t' '$2 == ""' "$WORK/expected.tsv" | wc -l)
REPLIES=$((N - ROOTS))
GBK=$(awk -F'\t' '$4 == "gbk"' "$WORK/expected.tsv" | wc -l)
log "mails: $N ($ROOTS new conversations, $REPLIES replies, $GBK GBK-encoded); unseen in the mailbox: $($CHECK unseen "$IMAP_PORT" support support)"

# --- config
CFG="$WORK/config"
DATA="$WORK/data"
mkdir -p "$CFG/channels" "$CFG/sinks" "$DATA"
cat >"$CFG/application.properties" <<EOF
inbound.local-mail-server.enabled=false
inbound.data-dir=$DATA
inbound.http.host=127.0.0.1
inbound.http.port=0
inbound.admin.port=$HTTP_PORT
inbound.classifier.taxonomy=$ROOT/classifiers/wallet-support.yaml
EOF
# the API (the admin listener) wants a bearer token; check.py sends INBOUND_ROUTER_TOKEN
INBOUND_ROUTER_TOKEN=$(java -jar "$ROOT/target/inbound-router.jar" token create --role read --name crash-test \
    --config "$CFG" 2>>"$LOG")
export INBOUND_ROUTER_TOKEN
cat >"$CFG/channels/box.yaml" <<EOF
kind: imap
host: 127.0.0.1
port: $IMAP_PORT
tls: none
username: support
password: support
folder: INBOX
pollInterval: 500ms
afterImport: seen
EOF
# Retries capped at 10 s and a short breaker: each kill makes RT calls fail or time out, and the default backoff
# (up to 10 min) would only make the drain slow, not the test stricter. maxAttempts high: nothing may be given up.
cat >"$CFG/sinks/rt.yaml" <<EOF
kind: rt
baseUrl: $RT_URL
queue: Support
username: $(cat "$WORK/rt/api-user")
password: \${file:$WORK/rt/api-password}
timeout: 30s
pollInterval: 200ms
maxAttempts: 1000
retryBase: 1s
retryMax: 10s
breakerOpenFor: 5s
EOF

# --- the store between runs: a copy of the H2 file read with H2's own shell (the daemon is dead, so nothing moves)
H2_CP="$JAR"
store_stats() {
    rm -rf "$WORK/snap" && mkdir -p "$WORK/snap"
    cp "$DATA"/inbound-router.mv.db "$WORK/snap/" 2>/dev/null || { echo "no-store"; return; }
    java -cp "$H2_CP" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/snap/inbound-router" -user sa -password "" \
        -sql "SELECT (SELECT COUNT(*) FROM messages) AS messages, (SELECT COUNT(DISTINCT external_id) FROM messages)
              AS distinct_ids, (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM receipts) AS receipts,
              (SELECT COUNT(*) FROM outbox WHERE status = 'done') AS outbox_done,
              (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
              (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS outbox_failed,
              (SELECT COUNT(*) FROM remote_tickets) AS remote_ids,
              (SELECT COUNT(*) FROM quarantine) AS quarantined" 2>&1 |
        awk -F' *[|] *' 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = tolower($i); next }
                         NR == 2 { for (i = 1; i <= NF; i++) printf "%s=%s ", h[i], $i; print "" }'
}

start_daemon() {
    java -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider \
        -jar "$JAR" run --config "$CFG" --data-dir "$DATA" >"$WORK/run-$1.log" 2>&1 &
    DAEMON_PID=$!
}

# --- the kills
# Each delay counts from the moment Camel reports its routes started, not from the exec: the JVM takes about 5 s to
# get there, and a kill during start-up exercises nothing but Flyway.
mapfile -t DELAYS < <(python3 -c "
import random
r = random.Random($SEED)
for _ in range($KILLS): print(f'{r.uniform($KILL_MIN, $KILL_MAX):.2f}')
for _ in range($LATE_KILLS): print(f'{r.uniform($LATE_MIN, $LATE_MAX):.2f}')")
T0=$(date +%s.%N)
since() { python3 -c "print(f'{$(date +%s.%N) - $1:.1f}')"; }
KILL_TABLE="$WORK/kills.tsv"
printf 'kill\ts_after_exec\ts_after_started\ts_since_first\tmessages\ttickets\toutbox_done\toutbox_pending\tremote_ids' >"$KILL_TABLE"
printf '\trt_tickets\trt_not_recorded\trt_corr\tcorr_excess\tunseen\n' >>"$KILL_TABLE"
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }
before=$(store_stats)
log "store before the first start: $before"
k=0
while ((k < KILLS + LATE_KILLS)); do
    if ((k == KILLS)) && [[ $($CHECK unseen "$IMAP_PORT" support support) != 0 ]]; then
        # the late kills are meant for the delivery-only phase: first let one run fetch the rest of the mailbox
        start_daemon fetch
        log "fetch run (PID $DAEMON_PID, not killed): waiting until the mailbox has no unseen mail"
        until [[ $($CHECK unseen "$IMAP_PORT" support support) == 0 ]]; do
            kill -0 "$DAEMON_PID" 2>/dev/null || { log "the daemon died; see $WORK/run-fetch.log"; exit 1; }
            sleep 1
        done
        # SIGTERM, not SIGKILL: this stop is not one of the measured kills
        kill -TERM "$DAEMON_PID"
        wait "$DAEMON_PID" 2>/dev/null || true
        DAEMON_PID=""
        log "  store after the fetch run: $(store_stats)"
    fi
    k=$((k + 1))
    start_daemon "$k"
    run_start=$(date +%s.%N)
    for ((i = 0; i < 600; i++)); do
        grep -q 'Apache Camel .* started in' "$WORK/run-$k.log" && break
        kill -0 "$DAEMON_PID" 2>/dev/null || { log "the daemon died on start; see $WORK/run-$k.log"; exit 1; }
        sleep 0.1
    done
    started=$(date +%s.%N)
    sleep "${DELAYS[k - 1]}"
    at_run=$(since "$run_start")
    at_started=$(since "$started")
    at_total=$(since "$T0")
    kill -KILL "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
    after=$(store_stats)
    rt_now=$($CHECK rt-count "$RT_URL" "$WORK/rt")
    unseen_now=$($CHECK unseen "$IMAP_PORT" support support)
    # RT tickets the store has no remote id for: created by the killed run in the instant before it recorded them,
    # which the next run must find instead of creating again
    remote_ids=$(field remote_ids "$after")
    not_recorded=$((rt_now - ${remote_ids:-0}))
    # the same for replies: RT correspondence beyond the appends marked done (done items minus the creates). A new
    # one here is a reply the next run will append again (the at-least-once window, see RELIABILITY.md); the figure
    # is cumulative, as the repeated append stays in RT
    corr_now=$($CHECK rt-correspondence "$RT_URL" "$WORK/rt")
    done_items=$(field outbox_done "$after")
    corr_not_recorded=$((corr_now - (${done_items:-0} - ${remote_ids:-0})))
    last=$(grep -E ' (INFO|WARN|ERROR) ' "$WORK/run-$k.log" | tail -n 1 | cut -c1-160)
    log "kill $k$( ((k > KILLS)) && echo ' (late)'): SIGKILL ${at_started} s after Camel started, ${at_run} s after exec (${at_total} s since the first start)"
    log "  store after: $after| RT tickets $rt_now ($not_recorded not recorded in the store)," \
        "RT correspondence $corr_now ($corr_not_recorded beyond the recorded appends) | unseen $unseen_now"
    log "  this run: $(grep -c ' delivered ' "$WORK/run-$k.log" || true) RT deliveries recorded; last log line: $last"
    printf '%s\t' "$k$( ((k > KILLS)) && echo ' late')" "$at_run" "$at_started" "$at_total" "$(field messages "$after")" \
        "$(field tickets "$after")" "$done_items" "$(field outbox_pending "$after")" "$remote_ids" "$rt_now" \
        "$not_recorded" "$corr_now" "$corr_not_recorded" >>"$KILL_TABLE"
    printf '%s\n' "$unseen_now" >>"$KILL_TABLE"
done

# --- the last run: until the mailbox is read and RT has every ticket, then SIGTERM
start_daemon final
final_start=$(date +%s.%N)
log "final run (PID $DAEMON_PID): waiting for the mailbox and the outbox to drain"
last_progress=""
last_change=$(date +%s)
drained=0
while true; do
    sleep 5
    if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
        log "the daemon exited by itself; see $WORK/run-final.log"
        break
    fi
    p=$($CHECK progress "$IMAP_PORT" "$API_URL" "$RT_URL" "$WORK/rt")
    read -r unseen_n stored_n tickets_n rt_n corr_n < <(python3 -c "
import json, sys
p = json.loads(sys.argv[1])
print(*[p.get(k) if p.get(k) is not None else -1
        for k in ('unseen', 'stored', 'tickets', 'rt_tickets', 'rt_correspondence')])" "$p")
    log "  $(since "$final_start") s: unseen $unseen_n, stored $stored_n messages in $tickets_n tickets;" \
        "RT: $rt_n tickets, $corr_n correspondences"
    # every message stored, and RT holding a ticket per ticket and a correspondence per later message
    if [[ $unseen_n == 0 && $stored_n -ge $N && $tickets_n -gt 0 && $rt_n -ge $tickets_n \
            && $corr_n -ge $((stored_n - tickets_n)) ]]; then
        drained=1
        break
    fi
    if [[ $p != "$last_progress" ]]; then
        last_progress=$p
        last_change=$(date +%s)
    elif (($(date +%s) - last_change > STALL)); then
        log "no progress for $STALL s; verifying what there is"
        break
    fi
done
drain_s=$(since "$final_start")
total_s=$(since "$T0")
log "drained=$drained after ${drain_s} s of the final run (${total_s} s since the first start)"

set +e
$CHECK verify "$WORK/expected.tsv" "$API_URL" "$RT_URL" "$WORK/rt" "$WORK/verify.json" 2>&1 | tee -a "$LOG"
verdict=${PIPESTATUS[0]}
set -e

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null || true
DAEMON_PID=""
final_store=$(store_stats)
log "store after SIGTERM: $final_store"
if [[ $final_store != *"outbox_pending=0 "* || $final_store != *"outbox_failed=0 "* ]]; then
    log "VIOLATION: the outbox is not empty"
    verdict=1
fi
dup_appends=$(python3 -c "import json; print(json.load(open('$WORK/verify.json'))['summary']['duplicate_correspondence'])")
if [[ ${STRICT_APPENDS:-0} == 1 && $dup_appends != 0 ]]; then
    verdict=1
fi

echo
echo "== crash test summary (SEED=$SEED, work dir $WORK)"
echo "mails $N ($ROOTS conversations, $REPLIES replies, $GBK GBK); kills $KILLS while fetching, $LATE_KILLS while delivering"
column -t -s $'\t' "$KILL_TABLE"
python3 - "$WORK/verify.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"stored messages {s['stored_messages']} ({s['distinct_message_ids']} distinct Message-IDs) in {s['tickets']} tickets"
      f" (expected {s['expected_tickets']}); RT tickets {s['rt_tickets']}, RT correspondence {s['rt_correspondence']}"
      f" (expected {s['expected_replies']})")
print(f"duplicates: messages {s['duplicate_messages']}, RT tickets {s['duplicate_rt_tickets']}, "
      f"RT correspondence {s['duplicate_correspondence']} (at-least-once window)")
print(f"missing: messages {s['missing_messages']}, RT tickets {s['missing_rt_tickets']}, "
      f"RT correspondence {s['missing_correspondence']}; stale RT category {s['stale_rt_category']}")
print("violations: " + (", ".join(f"{k} {v}" for k, v in s["violations"].items()) or "none"))
PY
echo "time to drain: ${drain_s} s in the final run, ${total_s} s since the first start"
echo "result: $([[ $verdict == 0 ]] && echo PASS || echo FAIL)"
exit "$verdict"
