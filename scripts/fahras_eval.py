#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fahras retrieval evaluator (standard library only).

  fahras_eval.py evaluate QRELS RUN [--per-query]
  fahras_eval.py compare QRELS BASE_RUN NEW_RUN [--perms 10000] [--seed 7]
  fahras_eval.py knownitem OUT_PREFIX CORPUS.jsonl[.gz]... [--n 500] [--seed 7]

QRELS is TREC (`qid iter docid grade`), a RUN is TREC (`qid Q0 docid rank score tag`).
Every query of QRELS with a relevant document (grade >= 1) counts; a query missing from the
run scores 0. A run is read in rank order (the rank column, then file order); a docid that
comes back twice for a query counts once, where it first appears.

Metrics (per query, then the mean):
  nDCG@10   sum of grade / log2(rank + 1) over the top 10, divided by the same sum for the
            ideal ordering of all judged grades
  MRR@10    1 / rank of the first relevant document in the top 10, else 0
  R@100     relevant documents in the top 100 / relevant documents
  S@1 S@10  1 when a relevant document is in the top 1 / top 10 (known-item success)

`compare` prints, per metric, both means, the difference, per-query wins/losses/ties and the
two-sided p-value of a paired randomization test: each query's difference has its sign
flipped at random (seeded) and p is the share of rounds whose |mean difference| reaches the
observed one, counting the observed assignment as one round.
"""
import argparse
import gzip
import json
import math
import random
import sys
import unicodedata
from collections import defaultdict

METRICS = ("nDCG@10", "MRR@10", "R@100", "S@1", "S@10")


def read_qrels(lines):
    """{qid: {docid: grade}} from TREC qrels lines."""
    qrels = defaultdict(dict)
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError("qrels line %d: want 'qid iter docid grade'" % number)
        qrels[fields[0]][fields[2]] = int(fields[3])
    return dict(qrels)


def read_run(lines):
    """{qid: [docid, ...]} in rank order, each docid once, from TREC run lines."""
    rows = defaultdict(list)
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) < 5:
            raise ValueError("run line %d: want 'qid Q0 docid rank score [tag]'" % number)
        rows[fields[0]].append((int(fields[3]), number, fields[2]))
    run = {}
    for qid, hits in rows.items():
        seen = set()
        ranked = []
        for _, _, docid in sorted(hits):
            if docid not in seen:
                seen.add(docid)
                ranked.append(docid)
        run[qid] = ranked
    return run


def query_metrics(ranked, judged):
    """The METRICS of one ranked list against {docid: grade}."""
    relevant = {d for d, g in judged.items() if g >= 1}
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10])
              if judged.get(d, 0) > 0)
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    first = next((i for i, d in enumerate(ranked[:10]) if d in relevant), None)
    return {
        "nDCG@10": dcg / idcg if idcg else 0.0,
        "MRR@10": 1.0 / (first + 1) if first is not None else 0.0,
        "R@100": len(relevant.intersection(ranked[:100])) / len(relevant) if relevant else 0.0,
        "S@1": 1.0 if first == 0 else 0.0,
        "S@10": 1.0 if first is not None else 0.0,
    }


def evaluate(qrels, run):
    """({metric: mean}, {qid: {metric: value}}) over the queries with a relevant document."""
    per_query = {qid: query_metrics(run.get(qid, []), judged)
                 for qid, judged in qrels.items() if any(g >= 1 for g in judged.values())}
    n = len(per_query)
    means = {m: (sum(v[m] for v in per_query.values()) / n if n else 0.0) for m in METRICS}
    return means, per_query


def randomization_p(diffs, perms=10000, seed=7):
    """Two-sided p-value of a paired sign-flip randomization test on per-query `diffs`."""
    nonzero = [d for d in diffs if d != 0]
    if not nonzero:
        return 1.0
    observed = abs(sum(nonzero)) - 1e-12
    rng = random.Random(seed)
    reached = 0
    for _ in range(perms):
        total = 0.0
        for d in nonzero:
            total += d if rng.random() < 0.5 else -d
        if abs(total) >= observed:
            reached += 1
    return (reached + 1) / (perms + 1)


def compare(qrels, base_run, new_run, metric, perms=10000, seed=7):
    """{base, new, diff, wins, losses, ties, p} for `metric`, paired over the queries."""
    base_mean, base_pq = evaluate(qrels, base_run)
    new_mean, new_pq = evaluate(qrels, new_run)
    diffs = [new_pq[q][metric] - base_pq[q][metric] for q in sorted(base_pq)]
    return {
        "base": base_mean[metric], "new": new_mean[metric],
        "diff": new_mean[metric] - base_mean[metric],
        "wins": sum(1 for d in diffs if d > 0), "losses": sum(1 for d in diffs if d < 0),
        "ties": sum(1 for d in diffs if d == 0),
        "p": randomization_p(diffs, perms, seed),
    }


def clean_title(title):
    """A title as a query: only letters, marks and digits, single spaces."""
    kept = []
    for ch in title:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        kept.append(ch if category[0] in "LMN" else " ")
    return " ".join("".join(kept).split())


def known_items(records, n, seed, min_words=2):
    """[(qid, title query, docid)]: `n` records picked with `seed` among those whose cleaned
    title has at least `min_words` words and occurs once in the corpus."""
    counts = defaultdict(int)
    candidates = []
    for docid, title in records:
        query = clean_title(title or "")
        counts[query] += 1
        if docid and len(query.split()) >= min_words:
            candidates.append((docid, query))
    candidates = sorted(c for c in candidates if counts[c[1]] == 1)
    picked = random.Random(seed).sample(candidates, min(n, len(candidates)))
    return [("ki%04d" % i, query, docid) for i, (docid, query) in enumerate(picked, 1)]


def corpus_records(paths):
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    yield str(obj.get("id") or ""), str(obj.get("title") or "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate")
    ev.add_argument("qrels")
    ev.add_argument("run")
    ev.add_argument("--per-query", action="store_true")
    ev.add_argument("--metrics", default="nDCG@10,MRR@10,R@100")
    cm = sub.add_parser("compare")
    cm.add_argument("qrels")
    cm.add_argument("base")
    cm.add_argument("new")
    cm.add_argument("--metrics", default="nDCG@10,MRR@10,R@100")
    cm.add_argument("--perms", type=int, default=10000)
    cm.add_argument("--seed", type=int, default=7)
    ki = sub.add_parser("knownitem")
    ki.add_argument("out_prefix")
    ki.add_argument("corpus", nargs="+")
    ki.add_argument("--n", type=int, default=500)
    ki.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    if args.command == "knownitem":
        items = known_items(corpus_records(args.corpus), args.n, args.seed)
        with open(args.out_prefix + ".queries.tsv", "w", encoding="utf-8") as q, \
                open(args.out_prefix + ".qrels", "w", encoding="utf-8") as r:
            for qid, query, docid in items:
                q.write("%s\t%s\n" % (qid, query))
                r.write("%s 0 %s 1\n" % (qid, docid))
        return 0

    with open(args.qrels, encoding="utf-8") as f:
        qrels = read_qrels(f)
    metrics = args.metrics.split(",")
    if args.command == "evaluate":
        with open(args.run, encoding="utf-8") as f:
            means, per_query = evaluate(qrels, read_run(f))
        if args.per_query:
            for qid in sorted(per_query):
                print(qid, " ".join("%s=%.4f" % (m, per_query[qid][m]) for m in metrics))
        print("queries=%d " % len(per_query) + " ".join("%s=%.4f" % (m, means[m]) for m in metrics))
        return 0
    with open(args.base, encoding="utf-8") as f:
        base = read_run(f)
    with open(args.new, encoding="utf-8") as f:
        new = read_run(f)
    print("%-8s %8s %8s %8s %5s %5s %5s %8s" % ("metric", "base", "new", "diff", "wins", "loss",
                                              "ties", "p"))
    for m in metrics:
        c = compare(qrels, base, new, m, args.perms, args.seed)
        print("%-8s %8.4f %8.4f %+8.4f %5d %5d %5d %8.4f" % (
            m, c["base"], c["new"], c["diff"], c["wins"], c["losses"], c["ties"], c["p"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
