#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic corpus for the nightly tests: N articles made from sample_corpus/ant,
with ids crash-00000.., in files of PER_FILE lines, each with the marker word علامةفهرس.
Prints the ids in input order (the order fahras-index reads them) to stdout.
Usage: make_corpus.py SOURCE_DIR OUT_DIR N PER_FILE"""
import glob
import json
import os
import sys

src, out, n, per_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
records = []
for path in sorted(glob.glob(os.path.join(src, "sample_corpus", "ant", "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        records += [json.loads(line) for line in f if line.strip()]
os.makedirs(out, exist_ok=True)
ids = []
for i in range(n):
    r = records[i % len(records)]
    aid = "crash-%05d" % i
    ids.append(aid)
    doc = {"id": aid, "title": r["title"] + " علامةفهرس", "body": r["body"][:1500],
           "date": r.get("date", ""), "source": "synthetic"}
    with open(os.path.join(out, "part-%04d.jsonl" % (i // per_file)), "a", encoding="utf-8") as f:
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
print("\n".join(ids))
