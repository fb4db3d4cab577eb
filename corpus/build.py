#!/usr/bin/env python3
"""Rebuild the labelled Chinese customer-text corpus from the fetched source mirrors.

    python3 corpus/build.py [--mirror /work/.mirror] [--out corpus/build]

Every module in corpus/sources/*.py is a source reader defining SOURCE, REPO, COMMIT, PATH, LICENCE and
rows(repo_git_dir) -> iterable of (key, group, text). Its labels are in corpus/labels/<SOURCE>.tsv
(key<TAB>category<TAB>flag<TAB>note; a key "group:<g>" labels every row of group g, a row-key line overrides it).
Outputs OUT/train.csv and OUT/dev.csv (text,category,group; clear rows only) and OUT/all.tsv. Stdlib only.
"""
import argparse
import collections
import csv
import glob
import hashlib
import importlib.util
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep corpus/sources free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ["topup", "payment_failure", "withdrawal", "transfer", "refund", "account_security", "fraud_scam",
              "forgot_password_login", "account_locked_frozen", "account_closure", "update_account_info",
              "transaction_dispute", "service_complaint", "card_binding", "balance_anomaly", "other"]
FLAGS = ("clear", "ambiguous")


def load_sources():
    mods = []
    for path in sorted(glob.glob(os.path.join(HERE, "sources", "*.py"))):
        if os.path.basename(path).startswith("_"):
            continue
        name = "corpus_source_" + os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for attr in ("SOURCE", "REPO", "COMMIT", "PATH", "LICENCE", "rows"):
            if not hasattr(mod, attr):
                sys.exit(f"{path}: missing {attr}")
        mods.append(mod)
    return mods


def load_labels(source):
    path = os.path.join(HERE, "labels", source + ".tsv")
    by_key, by_group = {}, {}
    if not os.path.exists(path):
        print(f"WARNING: {source}: no label file {path}", file=sys.stderr)
        return by_key, by_group
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if n == 1:
                if line.split("\t")[:3] != ["key", "category", "flag"]:
                    sys.exit(f"{path}: bad header {line!r}")
                continue
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            while len(parts) < 4:
                parts.append("")
            key, cat, flag, note = parts[0].strip(), parts[1].strip(), parts[2].strip() or "clear", parts[3]
            if cat not in CATEGORIES:
                sys.exit(f"{path}:{n}: unknown category {cat!r}")
            if flag not in FLAGS:
                sys.exit(f"{path}:{n}: unknown flag {flag!r}")
            target = by_group if key.startswith("group:") else by_key
            k = key[len("group:"):] if key.startswith("group:") else key
            if k in target:
                sys.exit(f"{path}:{n}: duplicate label for {key!r}")
            target[k] = (cat, flag)
    return by_key, by_group


def repo_dir(mirror, repo):
    return os.path.join(mirror, repo.replace("/", "+"), "repo")


def split_of(source, group):
    return "dev" if int(hashlib.sha256((source + "/" + group).encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def one_line(text):
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--out", default=os.path.join(HERE, "build"))
    args = ap.parse_args()

    records = []          # (source, key, group, split, category, flag, text)
    per_source = collections.OrderedDict()
    for mod in load_sources():
        gdir = repo_dir(args.mirror, mod.REPO)
        if not os.path.isdir(gdir):
            print(f"WARNING: {mod.SOURCE}: mirror {gdir} not found, source skipped (fetch github:{mod.REPO})",
                  file=sys.stderr)
            continue
        head = subprocess.run(["git", "-C", gdir, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        if head != mod.COMMIT:
            print(f"WARNING: {mod.SOURCE}: mirror HEAD is {head}, labels were made at {mod.COMMIT}; "
                  f"keys may not match the texts that were labelled", file=sys.stderr)
        by_key, by_group = load_labels(mod.SOURCE)
        stats = collections.Counter()
        seen_keys = set()
        for key, group, text in mod.rows(gdir):
            key, group = str(key), str(group)
            if key in seen_keys:
                sys.exit(f"{mod.SOURCE}: reader returned key {key!r} twice")
            seen_keys.add(key)
            stats["rows"] += 1
            lab = by_key.get(key) or by_group.get(group)
            if lab is None:
                stats["unlabelled"] += 1
                continue
            cat, flag = lab
            stats[flag] += 1
            records.append((mod.SOURCE, key, group, split_of(mod.SOURCE, group), cat, flag, one_line(text)))
        unknown = set(by_key) - seen_keys
        if unknown:
            print(f"WARNING: {mod.SOURCE}: {len(unknown)} label keys match no row, e.g. {sorted(unknown)[:3]}",
                  file=sys.stderr)
        per_source[mod.SOURCE] = stats

    # dedupe: identical text (whitespace-stripped) keeps its first occurrence; a text in both splits leaves train
    norm = lambda t: "".join(t.split())
    splits_of = collections.defaultdict(set)
    for r in records:
        if r[5] == "clear":
            splits_of[norm(r[6])].add(r[3])
    written, seen, dropped = [], set(), collections.Counter()
    for r in records:
        if r[5] != "clear":
            continue
        t = norm(r[6])
        if not t:
            dropped["empty"] += 1
            continue
        if t in seen:
            dropped["duplicate"] += 1
            continue
        if r[3] == "train" and "dev" in splits_of[t]:
            dropped["in dev too"] += 1
            continue
        seen.add(t)
        written.append(r)

    os.makedirs(args.out, exist_ok=True)
    for split in ("train", "dev"):
        with open(os.path.join(args.out, split + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            # the third column tells learn which messages are rewordings of one question (one FAQ, one chat):
            # a term seen in three rewordings of one FAQ is one piece of evidence, not three
            w.writerow(["text", "category", "group"])
            for r in written:
                if r[3] == split:
                    w.writerow([r[6], r[4], r[0] + "/" + r[2]])
    with open(os.path.join(args.out, "all.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("source\tkey\tgroup\tsplit\tcategory\tflag\ttext\n")
        for r in records:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")

    # report
    cnt = collections.Counter((r[4], r[3]) for r in written)
    print(f"{'category':24s} {'train':>7s} {'dev':>7s} {'total':>7s}")
    for c in CATEGORIES:
        a, b = cnt[(c, "train")], cnt[(c, "dev")]
        print(f"{c:24s} {a:7d} {b:7d} {a + b:7d}")
    ta = sum(v for (c, s), v in cnt.items() if s == "train")
    tb = sum(v for (c, s), v in cnt.items() if s == "dev")
    print(f"{'TOTAL':24s} {ta:7d} {tb:7d} {ta + tb:7d}")
    print()
    wsrc = collections.Counter((r[0], r[3]) for r in written)
    print(f"{'source':20s} {'rows':>6s} {'unlab':>6s} {'clear':>6s} {'ambig':>6s} {'train':>6s} {'dev':>6s}")
    for s, st in per_source.items():
        print(f"{s:20s} {st['rows']:6d} {st['unlabelled']:6d} {st['clear']:6d} {st['ambiguous']:6d} "
              f"{wsrc[(s, 'train')]:6d} {wsrc[(s, 'dev')]:6d}")
    print(f"\nclear rows dropped: {dict(dropped)}")
    print(f"written to {args.out}/train.csv, dev.csv, all.tsv")


if __name__ == "__main__":
    main()
