"""Reader for ChangMianRen/Telecom_Fraud_Texts_5 (Chinese SMS-style texts, normal and scam).

Files used: label00-last.csv (normal SMS), label01-last.csv (public-security impersonation scams),
label02-last.csv (loan / credit-card scams), label04-last.csv (leader / acquaintance impersonation, GBK encoded).
label03-last.csv is a HELD-OUT set and is never opened here.

Sample (deterministic, fixed before labelling): within each file, data rows are sorted by sha256 of the text
(UTF-8, stripped) and the first N are kept: 600 of label00, 150 each of label01, label02, label04.
key   = "<file stem>:<1-based data row number>", e.g. "label01:37"
group = key (each SMS is its own split group)
"""
import csv
import hashlib
import io
import subprocess

SOURCE = "telecom-fraud"
REPO = "ChangMianRen/Telecom_Fraud_Texts_5"
COMMIT = "9526a1ee14a800045ee349156f667b6b9cfd9921"
PATH = "label00-last.csv (600 sampled), label01-last.csv, label02-last.csv, label04-last.csv (150 sampled each)"
LICENCE = "GPL-3.0 (repository LICENSE); README: academic / research use only, no commercial use"

FILES = [("label00", "label00-last.csv", "utf-8", 600),
         ("label01", "label01-last.csv", "utf-8", 150),
         ("label02", "label02-last.csv", "utf-8", 150),
         ("label04", "label04-last.csv", "gbk", 150)]


def read_file(repo_git_dir, name, encoding):
    assert "label03" not in name
    raw = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:" + name],
                         capture_output=True, check=True).stdout
    text = raw.decode(encoding).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert header[0].strip() == "content", header
    for n, rec in enumerate(reader, 1):
        if rec:
            yield n, rec[0]


def rows(repo_git_dir):
    for stem, name, enc, n in FILES:
        recs = [(hashlib.sha256(t.strip().encode("utf-8")).hexdigest(), i, t)
                for i, t in read_file(repo_git_dir, name, enc)]
        recs.sort()
        for _, i, t in recs[:n]:
            key = f"{stem}:{i}"
            yield key, key, t
