#!/bin/sh
# Delivers one mail from stdin to USER of the Dovecot started by start.sh DIR, through dovecot-lda: the way a real
# MTA hands mail over (unseen, indexed, Dovecot's own file names). About 40 ms a mail (a process per mail); for
# thousands use load.sh.
#
# usage: deliver.sh DIR USER < mail.eml
set -eu

[ $# -eq 2 ] || { echo "usage: $0 DIR USER < mail.eml" >&2; exit 2; }
[ -f "$1/dovecot.conf" ] || { echo "deliver: no $1/dovecot.conf; run start.sh $1 PORT first" >&2; exit 1; }
# -e: a failure is reported on stderr and in the exit code instead of a bounce nobody would read
exec /usr/lib/dovecot/dovecot-lda -c "$1/dovecot.conf" -e -d "$2"
