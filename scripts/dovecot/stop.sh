#!/bin/sh
# Stops the Dovecot started by start.sh DIR; the mail and the users stay for the next start. The master stops its
# children (logins, imap sessions, auth) itself on SIGTERM.
#
# usage: stop.sh DIR
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
exec sh "$(dirname "$0")/../lib/stop-pidfile.sh" "$1/run/master.pid" dovecot
