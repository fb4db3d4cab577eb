#!/bin/sh
# Stops the Dovecot started by start.sh DIR; the mail and the users stay for the next start.
#
# usage: stop.sh DIR
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
pidfile="$1/run/master.pid"
[ -f "$pidfile" ] || { echo "stop: not running (no $pidfile)"; exit 0; }
pid=$(cat "$pidfile")

if ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q dovecot; then
    echo "stop: not running (stale $pidfile)"
    rm -f "$pidfile"
    exit 0
fi

# the master stops its children (logins, imap sessions, auth) itself on SIGTERM
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 100 ]; then
        echo "stop: dovecot (PID $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
    fi
    sleep 0.1
done
rm -f "$pidfile"
echo "stop: stopped dovecot (PID $pid)"
