#!/bin/sh
# Installs Request Tracker 5 with SQLite and the standalone server from Debian, for the integration tests and for
# trying the RT sink locally. Idempotent: when every package is present it only checks and exits (no apt-get).
# Runs as root. Leaves /etc alone apart from what the packages themselves install; instances are made by start.sh.
set -eu

PACKAGES="request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients"

missing=""
for p in $PACKAGES; do
    # "install ok installed" only: a removed package leaves "deinstall ok config-files" behind
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "rt: already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "rt: missing packages:$missing; run this script as root to install them" >&2
    exit 1
fi

# Without these answers the packages ask questions, install cron jobs that mail root, and try to configure a
# system-wide database through dbconfig-common; we want none of that, each instance brings its own database.
debconf-set-selections <<'SEL'
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
SEL

export DEBIAN_FRONTEND=noninteractive
echo "rt: installing$missing"
apt-get update -q
apt-get install -y -q --no-install-recommends $PACKAGES
echo "rt: installed"
