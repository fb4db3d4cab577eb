"""JDDC 2018 (JD.com customer-service chat), the 0.1 % sample kept in EndlessLethe/jddc2019-3th-retrieve-model.

data/chat_0.1per.txt: tab-separated, one turn a line:
session id, customer id, is-agent flag (0 = customer, 1 = agent), three more flags, text.
Only customer turns (flag 0) are yielded, each as its own row:
key   = "chat:<line number>" (1-based line of data/chat_0.1per.txt)
group = the session id (all turns of one dialogue share a group)
text  = that single customer turn (placeholders such as [订单x] / [金额x] left as the corpus has them).
Labels pick single customer turns that state the customer's problem (usually the first substantive one).
"""
import subprocess

SOURCE = "jddc-chat"
REPO = "EndlessLethe/jddc2019-3th-retrieve-model"
COMMIT = "2d443d1679cc3d00022d0ff1697eb0e4cbeedb01"
PATH = "data/chat_0.1per.txt"
LICENCE = ("none stated in the repository; the text is a sample of the JDDC 2018 competition corpus (JD.com), "
           "released for the contest / research use only: do not redistribute")


def rows(repo_git_dir):
    raw = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:" + PATH],
                         capture_output=True, check=True).stdout.decode("utf-8", errors="replace")
    for n, line in enumerate(raw.split("\n"), 1):
        f = line.rstrip("\r").split("\t")
        if len(f) < 7 or f[2] != "0":
            continue
        text = "\t".join(f[6:]).strip()
        if not text or text in ("nan", "NULL"):
            continue
        yield f"chat:{n}", f[0], text
