#!/bin/sh
# Installs Dovecot's IMAP server from Debian, for the crash test, the benchmarks and trying channels against a real
# server. Idempotent: when the package is present it only checks and exits (no apt-get). Runs as root.
# The system service is never used: start.sh runs private instances with their own config, so /etc/dovecot is left
# as the package installs it.
set -eu

PACKAGES="dovecot-imapd"

missing=""
for p in $PACKAGES; do
    # "install ok installed" only: a removed package leaves "deinstall ok config-files" behind
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "dovecot: already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "dovecot: missing packages:$missing; run this script as root to install them" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "dovecot: installing$missing"
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
echo "dovecot: installed"
