#!/bin/sh
# Starts a private Request Tracker 5 on 127.0.0.1:PORT whose state lives in DIR, and prints its base URL.
#
# usage: start.sh DIR PORT
#
# On first use DIR gets a site config, a SQLite database prepared by datafile.sh (queue Support, custom fields
# Category / InboundRouterId / Channel, API user inbound-router) and these credentials, each readable by the owner only:
#   DIR/api-user, DIR/api-password, DIR/api-token   the API user (basic auth or `Authorization: token ...`)
#   DIR/root-password                               RT's root user, for the web UI
# Later starts reuse the database. Running start.sh again while the server runs only prints the URL.
# /etc/request-tracker5 is never read or written: RT_SITE_CONFIG names our file and RT_SITE_CONFIG_DIR an empty
# folder (else the system's RT_SiteConfig.d is loaded after our file and wins). Stop with stop.sh DIR.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 DIR PORT" >&2; exit 2; }
case $2 in '' | *[!0-9]*) echo "start: PORT must be a number, was '$2'" >&2; exit 2 ;; esac
port=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
case $dir in *"'"* | *'\'*) echo "start: DIR must not contain quotes or backslashes" >&2; exit 2 ;; esac

rt_server=/usr/share/request-tracker5/libexec/rt-server
setup_db=/usr/sbin/rt-setup-database-5
[ -x "$rt_server" ] && [ -x "$setup_db" ] || { echo "start: RT is not installed; run $here/install.sh" >&2; exit 1; }

export RT_SITE_CONFIG="$dir/RT_SiteConfig.pm"
export RT_SITE_CONFIG_DIR="$dir/site-config.d"
umask 077

running_pid() {
    [ -f "$dir/rt.pid" ] || return 1
    pid=$(cat "$dir/rt.pid")
    # a stale file may name a PID the system has since given to another program
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q rt-server
}

# 200 only once RT answers with its database: on an unusable database rt-server starts its web installer instead.
ready() {
    code=$(printf 'user = "%s:%s"\n' "$(cat "$dir/api-user")" "$(cat "$dir/api-password")" |
        curl -s -o /dev/null -w '%{http_code}' --max-time 2 -K - "$1/REST/2.0/rt" 2>/dev/null) || true
    [ "$code" = 200 ]
}

wait_ready() {
    i=0
    while ! ready "$1"; do
        if ! running_pid; then
            echo "start: rt-server exited; the end of $dir/rt.log:" >&2
            tail -n 30 "$dir/rt.log" >&2
            rm -f "$dir/rt.pid"
            return 1
        fi
        i=$((i + 1))
        if [ $i -ge 240 ]; then
            echo "start: rt-server (PID $pid) not ready after 60 s; see $dir/rt.log" >&2
            return 1
        fi
        sleep 0.25
    done
}

if running_pid; then
    url=$(cat "$dir/url")
    wait_ready "$url"
    echo "$url"
    exit 0
fi

random() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }

write_config() {
    mkdir -p "$RT_SITE_CONFIG_DIR" "$dir/var/mason_data" "$dir/var/session_data"
    cat >"$RT_SITE_CONFIG" <<PERL
# Written by scripts/rt/start.sh on every start; edits are lost.
Set(\$rtname, 'inbound-router-test');
Set(\$Organization, 'inbound-router.invalid');
Set(\$Timezone, 'UTC');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$WebPath, '');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$dir/rt.db');
Set(\$LogToSTDERR, 'warning');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
# Outgoing mail (autoreplies to requestors) goes to an mbox file under VarPath, never to the network.
Set(\$MailCommand, 'mbox');
Set(\$CorrespondAddress, 'support@inbound-router.invalid');
Set(\$CommentAddress, 'support-comment@inbound-router.invalid');
# Must be set before users are created: every authenticated request re-hashes the password at this cost, and at
# the default (10) that alone is about 0.35 s per request.
Set(\$BcryptCost, 4);
# Labels for the numbers the RT sink writes (docs/sinks/rt.md), so the web UI shows words.
Set(%PriorityAsString, Default => [ Low => 20, Normal => 50, High => 70, Urgent => 90 ]);
# Keep mbox files, Mason's cache and sessions in this instance instead of /var.
\$RT::VarPath = '$dir/var';
\$RT::MasonDataDir = '$dir/var/mason_data';
\$RT::MasonSessionDir = '$dir/var/session_data';
1;
PERL
}

init_database() {
    rm -f "$dir/rt.db" "$dir/initialised"
    [ -f "$dir/api-user" ] || echo inbound-router >"$dir/api-user"
    [ -f "$dir/api-password" ] || random >"$dir/api-password"
    [ -f "$dir/root-password" ] || random >"$dir/root-password"
    rm -f "$dir/api-token"
    RT_API_USER=$(cat "$dir/api-user") RT_API_PASSWORD_FILE="$dir/api-password" RT_API_TOKEN_FILE="$dir/api-token" \
        "$here/datafile.sh" >"$dir/datafile.pl"
    {
        "$setup_db" --action init --skip-create --root-password-file "$dir/root-password"
        "$setup_db" --action insert --skip-create --datafile "$dir/datafile.pl"
    } >"$dir/setup.log" 2>&1 || { echo "start: database setup failed; see $dir/setup.log" >&2; exit 1; }
    # RT logs failed inserts (an unknown right, a missing queue) and still exits 0
    if grep -q '\[error\]\|\[critical\]' "$dir/setup.log"; then
        echo "start: database setup reported errors; see $dir/setup.log" >&2
        exit 1
    fi
    rm -f "$dir/datafile.pl"
    [ -s "$dir/api-token" ] || { echo "start: no API token was created; see $dir/setup.log" >&2; exit 1; }
    touch "$dir/initialised"
}

write_config
[ -f "$dir/initialised" ] || init_database

url="http://127.0.0.1:$port"
echo "$url" >"$dir/url"
# setsid: its own session, so that the caller's terminal or test runner going away does not take RT down with it
setsid "$rt_server" --host 127.0.0.1 --port "$port" --max-workers 2 </dev/null >>"$dir/rt.log" 2>&1 &
echo $! >"$dir/rt.pid"
wait_ready "$url"
echo "$url"
