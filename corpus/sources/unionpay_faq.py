"""Reader for the UnionPay (银联 / 云闪付) customer-service FAQ of qiu997018209/TensorFlow.

Each `entry { ... }` block of data.txt holds one user wording (`question`) of a standard FAQ question (`label`).
key   = "q<question ID>"  (a question ID occurs once per distinct wording; exact duplicate blocks are skipped)
group = "<label ID>"      (all wordings of one FAQ share a group, so they land in the same split)
text  = the user's wording (`question`), with any BOM stripped.
"""
import subprocess

SOURCE = "unionpay-faq"
REPO = "qiu997018209/TensorFlow"
COMMIT = "910ed1b72b84ce3cf3641b9921fce290e4d35a89"
FILE = "03.银联人机对话/module2_CNN_问题直接预测标签_准确率0.72/data/data.txt"
PATH = FILE + " (question field of each entry block)"
LICENCE = "none stated in the repository (all rights reserved by default): do not redistribute the text"


def entries(repo_git_dir):
    raw = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:" + FILE],
                         capture_output=True, check=True).stdout.decode("utf-8")
    cur = None
    for line in raw.split("\n"):
        s = line.strip()
        if s == "entry {":
            cur = {}
        elif s == "}" and cur is not None:
            yield cur
            cur = None
        elif cur is not None:
            k, _, v = s.partition(":")
            cur[k.replace("\ufeff", "").strip()] = v.replace("\ufeff", "").strip()


def rows(repo_git_dir):
    seen = set()
    for e in entries(repo_git_dir):
        key = "q" + e["question ID"]
        if key in seen:          # exact duplicate block (same question ID, same label)
            continue
        seen.add(key)
        yield key, e["label ID"], e["question"]
