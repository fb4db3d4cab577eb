"""NTCIR-14 STC-3 (DQ / ND subtasks) Chinese customer-helpdesk dialogues crawled from Weibo, SB233/stc3-dataset.

data.zip (in the repository root) holds data/train_data_cn.json (3,700 dialogues; the loose copy of that file is
over the snapshot's 4 MiB limit, so the zip is read with the stdlib zipfile module) and data/test_data_cn.json
(390 dialogues). Each dialogue has `id` and `turns` (sender "customer" / "helpdesk", `utterances` list).
Only customer turns are yielded, each as its own row:
key   = "<train|test>:<dialogue id>:<turn index>" (0-based index into `turns`)
group = "<train|test>:<dialogue id>" (all turns of one dialogue share a group)
text  = the turn's non-empty utterances joined with a space (Weibo @mentions and place tags left as they are).
The English files (translations) are never read.
"""
import io
import json
import subprocess
import zipfile

SOURCE = "stc3-weibo"
REPO = "SB233/stc3-dataset"
COMMIT = "90da527709dab26a4912a70746c09da06518d46b"
PATH = "data.zip -> data/train_data_cn.json, data/test_data_cn.json (customer turns)"
LICENCE = ("annotations CC BY 4.0, scripts MIT-style (index.md 'Terms'); the dialogue texts are Weibo posts "
           "crawled for NTCIR-14 STC-3 research: not redistributed here")

FILES = [("train", "data/train_data_cn.json"), ("test", "data/test_data_cn.json")]


def rows(repo_git_dir):
    blob = subprocess.run(["git", "-C", repo_git_dir, "show", "HEAD:data.zip"],
                          capture_output=True, check=True).stdout
    z = zipfile.ZipFile(io.BytesIO(blob))
    for split, member in FILES:
        for d in json.loads(z.read(member).decode("utf-8")):
            for i, t in enumerate(d["turns"]):
                if t.get("sender") != "customer":
                    continue
                text = " ".join(u.strip() for u in t.get("utterances", []) if u and u.strip())
                if text:
                    yield f"{split}:{d['id']}:{i}", f"{split}:{d['id']}", text
