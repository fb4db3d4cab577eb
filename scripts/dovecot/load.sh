#!/bin/sh
# Loads many mails into USER's INBOX of the Dovecot started by start.sh DIR by writing Maildir files directly:
# each *.eml under SRC (sorted by name) becomes one unseen mail, and the server gives them UIDs in that order.
# Thousands a second, against about 25 a second through dovecot-lda (deliver.sh); the server may be running.
#
# usage: load.sh DIR USER SRC            (SRC: a directory of .eml files, or one .eml file)
#
# Maildir delivery protocol: write into tmp/, then rename into new/ (atomic: a reader never sees half a mail).
# Names are <seconds>.M<sequence>P<pid>.<host>: unique, and in SRC's order, which is the order Dovecot assigns UIDs.
# Files are owned by nobody, the user Dovecot's mail processes run as (see start.sh).
set -eu

[ $# -eq 3 ] || { echo "usage: $0 DIR USER SRC" >&2; exit 2; }
maildir="$1/mail/$2/Maildir"
[ -d "$maildir/new" ] || { echo "load: no $maildir; run start.sh $1 PORT $2 PASSWORD first" >&2; exit 1; }
[ -e "$3" ] || { echo "load: no $3" >&2; exit 1; }

exec python3 - "$maildir" "$3" <<'PY'
import os, pwd, shutil, socket, sys, time

maildir, src = sys.argv[1], sys.argv[2]
files = [src] if os.path.isfile(src) else sorted(
    os.path.join(src, f) for f in os.listdir(src) if f.endswith(".eml"))
nobody = pwd.getpwnam("nobody")
host = socket.gethostname().replace("/", "_").replace(":", "_")
stamp, pid = int(time.time()), os.getpid()
start = time.monotonic()
for seq, path in enumerate(files):
    name = f"{stamp}.M{seq:08d}P{pid}.{host}"
    tmp = os.path.join(maildir, "tmp", name)
    shutil.copyfile(path, tmp)
    os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
    os.chmod(tmp, 0o600)
    os.rename(tmp, os.path.join(maildir, "new", name))
elapsed = time.monotonic() - start
print(f"load: {len(files)} mails into {maildir} in {elapsed:.2f} s", file=sys.stderr)
PY
