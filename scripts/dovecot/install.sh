#!/bin/sh
# Installs Dovecot's IMAP server from Debian, for the crash test, the benchmarks and trying channels against a real
# server. Idempotent: when the package is present it only checks and exits (no apt-get). Runs as root.
# The system service is never used: start.sh runs private instances with their own config, so /etc/dovecot is left
# as the package installs it.
set -eu
. "$(dirname "$0")/../lib/debian-packages.sh"

missing=$(missing_packages dovecot-imapd)
if [ -z "$missing" ]; then
    echo "dovecot: already installed"
    exit 0
fi
require_root dovecot "$missing"
# shellcheck disable=SC2086 # one word per package
apt_install dovecot $missing
