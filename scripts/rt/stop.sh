#!/bin/sh
# Stops the Request Tracker started by start.sh DIR; its database stays for the next start.
# SIGTERM only: SIGINT makes rt-server, as root, chown /var/lib/request-tracker5 on the way out.
#
# usage: stop.sh DIR
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
exec sh "$(dirname "$0")/../lib/stop-pidfile.sh" "$1/rt.pid" rt-server
