#!/bin/sh
# Installs Request Tracker 5 with SQLite and the standalone server from Debian, for the integration tests and for
# trying the RT sink locally. Idempotent: when every package is present it only checks and exits (no apt-get).
# Runs as root. Leaves /etc alone apart from what the packages themselves install; instances are made by start.sh.
set -eu
. "$(dirname "$0")/../lib/debian-packages.sh"

PACKAGES="request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients"

missing=$(missing_packages $PACKAGES)
if [ -z "$missing" ]; then
    echo "rt: already installed"
    exit 0
fi
require_root rt "$missing"

# Without these answers the packages ask questions, install cron jobs that mail root, and try to configure a
# system-wide database through dbconfig-common; we want none of that, each instance brings its own database.
debconf-set-selections <<'SEL'
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
SEL

# shellcheck disable=SC2086 # one word per package
apt_install rt $PACKAGES
