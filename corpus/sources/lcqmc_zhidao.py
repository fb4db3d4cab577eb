"""LCQMC (Baidu Zhidao question pairs), dev and test splits, as single user questions.

Every distinct question text in dev.txt / test.txt becomes one row. The key is
``<file>:<line>:<a|b>`` of the text's first occurrence (file order dev, test; line
numbers start at 1; a = first column, b = second). Questions that LCQMC marks as
paraphrases (label 1) are joined into one group (connected components), so a
paraphrase pair never straddles a train/test split; the group id is the
component's first key.  stdlib only.
"""
import subprocess

SOURCE = "lcqmc-zhidao"
REPO = "xiaohai-AI/lcqmc_data"
COMMIT = "c88e9d1cb0559158f14c379249693e0d9d01b0fa"
PATH = ["dev.txt", "test.txt"]
LICENCE = ("none stated in the repository (README only says 'lcqmc dataset'); LCQMC itself "
           "(Liu et al., COLING 2018, HIT) is distributed for research use")


def _blob(repo_git_dir, path):
    out = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:" + path],
                         capture_output=True, check=True).stdout
    return out.decode("utf-8", errors="replace")


def rows(repo_git_dir):
    first = {}          # text -> key
    order = []          # keys in order
    text_of = {}
    parent = {}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        # keep the earlier key as root
        if order_index[ra] <= order_index[rb]:
            parent[rb] = ra
        else:
            parent[ra] = rb

    order_index = {}
    pairs = []
    for path in PATH:
        name = path.rsplit("/", 1)[-1].split(".")[0]
        for n, line in enumerate(_blob(repo_git_dir, path).split("\n"), 1):
            f = line.rstrip("\r").split("\t")
            if len(f) < 3:
                continue
            keys = []
            for col, t in zip("ab", f[:2]):
                t = t.strip()
                if not t:
                    keys.append(None)
                    continue
                if t not in first:
                    k = f"{name}:{n}:{col}"
                    first[t] = k
                    text_of[k] = t
                    parent[k] = k
                    order_index[k] = len(order)
                    order.append(k)
                keys.append(first[t])
            if f[2].strip() == "1" and keys[0] and keys[1]:
                pairs.append((keys[0], keys[1]))
    for a, b in pairs:
        union(a, b)
    for k in order:
        yield k, find(k), text_of[k]
