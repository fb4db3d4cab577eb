# Sourced by scripts/*/install.sh: which Debian packages are missing, and installing them as root.

# Prints those of the packages given that are not installed ("install ok installed" only: a removed package leaves
# "deinstall ok config-files" behind).
missing_packages() {
    missing=""
    for p in "$@"; do
        if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
            missing="$missing $p"
        fi
    done
    echo "$missing"
}

# require_root NAME MISSING: exits 1 with a message unless root (installing needs root, checking does not).
require_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "$1: missing packages:$2; run this script as root to install them" >&2
        exit 1
    fi
}

# apt_install NAME PACKAGES...: installs the packages, non-interactively.
apt_install() {
    name="$1"
    shift
    export DEBIAN_FRONTEND=noninteractive
    echo "$name: installing $*"
    apt-get update -q
    apt-get install -y -q --no-install-recommends "$@"
    echo "$name: installed"
}
