"""JDDC 2018 (JD.com customer-service chat) context windows, as kept in zhangbo2008/JDDC_for_train_gpt_data.

data/train.enc (10,270 lines) and data/test.enc (1,141 lines): each line is a window of one JDDC session, its turns
(customer and agent, no speaker flag) joined with ASCII commas; PII masked as in JDDC ([ORDERID_n], [数字x], [姓名x]).
This is a different and larger slice of JDDC than jddc-chat's 0.1 % sample. The .dec files (the next turn,
mostly agent replies) and data/chat.txt (over the snapshot limit) are not read.
Every distinct comma-separated segment (stripped, non-empty) is one row, in file order train.enc, test.enc:
key   = "<file>:<line>:<segment index>" of the segment's first occurrence (1-based line, 0-based segment)
group = "<file>:<line>" of that first occurrence (sessions are not marked; windows of one session can
        fall in different groups)
text  = the segment. Labels pick only segments that are plainly the customer's own words.
"""
import subprocess

SOURCE = "jddc-gpt"
REPO = "zhangbo2008/JDDC_for_train_gpt_data"
COMMIT = "adb5b19b4596e6cc5c3621031fcdb0b1d91d6fa7"
PATH = ["data/train.enc", "data/test.enc"]
LICENCE = ("none stated in the repository; the text is JDDC 2018 competition data (JD.com), released for the "
           "contest / research use only: do not redistribute")


def rows(repo_git_dir):
    seen = set()
    for path in PATH:
        name = path.rsplit("/", 1)[-1]
        raw = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:" + path],
                             capture_output=True, check=True).stdout.decode("utf-8", errors="replace")
        for n, line in enumerate(raw.split("\n"), 1):
            for i, seg in enumerate(line.rstrip("\r").split(",")):
                seg = seg.strip()
                if not seg or seg in seen:
                    continue
                seen.add(seg)
                yield f"{name}:{n}:{i}", f"{name}:{n}", seg
