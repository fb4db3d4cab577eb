#!/bin/sh
# Stops the server whose PID is in PIDFILE, if that process is still NAME (a reused PID is left alone): SIGTERM,
# then SIGKILL after 10 s. Removes PIDFILE. Shared by scripts/*/stop.sh.
#
# usage: stop-pidfile.sh PIDFILE NAME
set -eu

[ $# -eq 2 ] || { echo "usage: $0 PIDFILE NAME" >&2; exit 2; }
pidfile="$1"
name="$2"
[ -f "$pidfile" ] || { echo "stop: not running (no $pidfile)"; exit 0; }
pid=$(cat "$pidfile")

if ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$name"; then
    echo "stop: not running (stale $pidfile)"
    rm -f "$pidfile"
    exit 0
fi

kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 100 ]; then
        echo "stop: $name (PID $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
    fi
    sleep 0.1
done
rm -f "$pidfile"
echo "stop: stopped $name (PID $pid)"
