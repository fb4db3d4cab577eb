#!/usr/bin/env bash
# Starts a private Dovecot IMAP server on 127.0.0.1:PORT whose state lives in DIR, and prints its PID.
#
# usage: start.sh DIR PORT [USER PASSWORD]        (default user support, password support)
#
# DIR gets dovecot.conf, passwd (passwd-file auth, PLAIN), mail/USER/Maildir, run/ (base_dir), state/ and
# dovecot.log. /etc/dovecot is never read: everything the server needs is in DIR/dovecot.conf. More users: call
# start.sh again with another USER PASSWORD (it adds the user and keeps the running server). Plain IMAP without TLS
# is all it offers: loopback only, for tests and benchmarks. Deliver with deliver.sh or load.sh; stop with stop.sh DIR.
#
# Runs as root (Dovecot's master drops to nobody for mail and to dovenull for logins). Mail processes run as nobody,
# so DIR and its parents must be traversable by others; DIR itself is made 0755.
set -eu

[ $# -eq 2 ] || [ $# -eq 4 ] || { echo "usage: $0 DIR PORT [USER PASSWORD]" >&2; exit 2; }
case $2 in '' | *[!0-9]*) echo "start: PORT must be a number, was '$2'" >&2; exit 2 ;; esac
port=$2
user=${3:-support}
password=${4:-support}
case $user in '' | *[!A-Za-z0-9@._+-]*) echo "start: USER may hold letters, digits and @._+- only" >&2; exit 2 ;; esac
case $password in *:* | *"
"*) echo "start: PASSWORD must not contain ':' or a newline" >&2; exit 2 ;; esac
[ -x /usr/sbin/dovecot ] || { echo "start: Dovecot is not installed; run $(dirname "$0")/install.sh" >&2; exit 1; }

mkdir -p "$1"
dir=$(cd "$1" && pwd)
case $dir in
    *[!A-Za-z0-9/._+-]*) echo "start: DIR must be a plain path (letters, digits, /._+-), was $dir" >&2; exit 2 ;;
esac
chmod 0755 "$dir"
mkdir -p "$dir/run" "$dir/state" "$dir/mail"
chown nobody:nogroup "$dir/mail"

# passwd-file: user:{PLAIN}password:uid:gid:gecos:home:shell:extra; uid, gid and home come from default_fields
touch "$dir/passwd"
chmod 0644 "$dir/passwd"
if ! grep -q "^$user:" "$dir/passwd"; then
    printf '%s:{PLAIN}%s::::::\n' "$user" "$password" >>"$dir/passwd"
fi
# create the Maildir now, so that bulk loaders can write into it before the first login
for d in cur new tmp; do
    mkdir -p "$dir/mail/$user/Maildir/$d"
done
chown -R nobody:nogroup "$dir/mail/$user"

# The instance name keeps `doveadm` and the log prefixes of two instances apart.
instance="inbound-router-$(printf '%s' "$dir" | cksum | cut -d' ' -f1)"
cat >"$dir/dovecot.conf" <<CONF
# Written by scripts/dovecot/start.sh on every start; edits are lost.
instance_name = $instance
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/passwd
  default_fields = uid=nobody gid=nogroup home=$dir/mail/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
# A benchmark opens many sessions from one address; the default of 10 would refuse them.
mail_max_userip_connections = 100
# dovecot-lda (deliver.sh) reads this file too; it must not try to send rejections or vacation mail anywhere.
postmaster_address = postmaster@localhost
CONF

running_pid() {
    [ -f "$dir/run/master.pid" ] || return 1
    pid=$(cat "$dir/run/master.pid")
    # a stale file may name a PID the system has since given to another program
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dovecot"
}

if running_pid; then
    # the user list is read per login, so a user added above works without a reload
    echo "$pid"
    exit 0
fi

/usr/sbin/dovecot -c "$dir/dovecot.conf" || {
    echo "start: dovecot refused to start; the end of $dir/dovecot.log:" >&2
    tail -n 20 "$dir/dovecot.log" >&2 2>/dev/null || true
    exit 1
}
# dovecot daemonizes; the master writes its PID and opens the listener within a fraction of a second
# (/dev/tcp is bash's: a connect without needing nc or curl)
i=0
until running_pid && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 100 ]; then
        echo "start: dovecot not listening on 127.0.0.1:$port after 10 s; see $dir/dovecot.log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "$pid"
