#!/bin/sh
# Stops the Request Tracker started by start.sh DIR; its database stays for the next start.
# SIGTERM only: SIGINT makes rt-server, as root, chown /var/lib/request-tracker5 on the way out.
#
# usage: stop.sh DIR
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
pidfile="$1/rt.pid"
[ -f "$pidfile" ] || { echo "stop: not running (no $pidfile)"; exit 0; }
pid=$(cat "$pidfile")

if ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q rt-server; then
    echo "stop: not running (stale $pidfile)"
    rm -f "$pidfile"
    exit 0
fi

kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 100 ]; then
        echo "stop: rt-server (PID $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
    fi
    sleep 0.1
done
rm -f "$pidfile"
echo "stop: stopped rt-server (PID $pid)"
