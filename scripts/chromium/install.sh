#!/bin/sh
# Installs Debian's headless-capable Chromium for the browser test of the admin API (AdminBrowserTest: a page from
# another origin that tries fetch() POSTs at the admin listener). Idempotent: when the package is present it only
# checks and exits (no apt-get). Runs as root.
set -eu
. "$(dirname "$0")/../lib/debian-packages.sh"

PACKAGES="chromium"

missing=$(missing_packages $PACKAGES)
if [ -z "$missing" ]; then
    echo "chromium: already installed"
    exit 0
fi
require_root chromium "$missing"
# shellcheck disable=SC2086 # one word per package
apt_install chromium $PACKAGES
