#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Precision and recall of "same story", measured with the built tools.

Builds a test corpus from a JSON Lines (.gz) news corpus (ANT v2.1 by default):
  * the corpus records as they are (ANT v2.1 files some articles under two categories: the
    same URL twice, a free labelled set of true duplicates);
  * constructed positives: lightly edited copies of sampled articles (a sentence dropped,
    a few words changed, a "read also" line and an agency credit added);
then indexes it with fahras-index, reads every article's story key back with fahras-query,
and reports:
  * recall on same-URL pairs and on edited copies (the pair must share a story);
  * precision of the merged pairs: a merged pair counts as correct when the two records
    have the same URL, are an edited copy and its original, or their bodies are near-
    duplicates by the exact (unsampled) 5-word-shingle containment >= --truth-containment;
    pairs below --negative-containment are counted as false merges; pairs in between are
    reported as "grey" (same event, partly shared text: a judgement call) and counted both
    ways (precision lower and upper bound);
  * indexing rate with and without story detection and boilerplate cleaning (optional).

Usage: scripts/story_quality.py --index build/indexer/fahras-index \
         --query build/query/fahras-query --corpus ../shared/data/ant_corpus/ant_v2.1_multisource.jsonl.gz \
         [--limit 8000] [--edits 300] [--work /tmp/fahras-quality] [--timing]
"""
import argparse
import collections
import gzip
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time

ARABIC_MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")


def words(text):
    """Roughly the analyzer's folded words (for the exact reference containment only)."""
    t = ARABIC_MARKS.sub("", text)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "ء"), ("ئ", "ء")):
        t = t.replace(a, b)
    return re.findall(r"\w+", t.lower())


def shingles(text, k=5):
    w = words(text)
    return {tuple(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}


def containment(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def edit(body, rng):
    """A light edit of a wire story, as another outlet would run it."""
    sentences = [s for s in re.split(r"(?<=[.!؟])\s+", body) if s.strip()]
    if len(sentences) > 3:
        del sentences[rng.randrange(1, len(sentences))]
    text = " ".join(sentences)
    w = text.split(" ")
    for _ in range(3):
        if len(w) > 10:
            w[rng.randrange(len(w))] = rng.choice(["وأضاف", "اليوم", "كما", "أيضا", "الجمعة"])
    text = " ".join(w)
    return text + "\nاقرأ أيضا: عنوان خبر آخر لا علاقة له\n(وكالات، أ ف ب)"


def load(path, limit, sources):
    opener = gzip.open if path.endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("body") or (sources and r.get("source") not in sources):
                continue
            out.append(r)
            if limit and len(out) >= limit:
                break
    return out


def index(tool, db, corpus, extra):
    start = time.time()
    p = subprocess.run([tool, "--db", db, "--quiet", *extra, corpus], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("fahras-index failed: " + p.stderr[:2000])
    return time.time() - start


def stories(query_tool, db):
    p = subprocess.run([query_tool, "--db", db, "--format", "json", "--limit", "10000000",
                        "--snippet-bytes", "1", ""], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("fahras-query failed: " + p.stderr)
    return {h["id"]: h.get("story", "") for h in json.loads(p.stdout)["hits"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--query", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=0, help="first N records (0: all)")
    ap.add_argument("--sources", default="", help="only these sources (comma-separated)")
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--work", default="/tmp/fahras-story-quality")
    ap.add_argument("--truth-containment", type=float, default=0.5)
    ap.add_argument("--negative-containment", type=float, default=0.1)
    ap.add_argument("--timing", action="store_true", help="also index with --no-stories --keep-boilerplate")
    ap.add_argument("--index-args", default="", help="extra fahras-index arguments")
    ap.add_argument("--show", type=int, default=10, help="print this many grey/false merges")
    ap.add_argument("--hand-sample", type=int, default=0,
                    help="write this many random merged pairs of different URLs (titles and "
                         "openings) to WORK/hand_sample.txt, for checking by hand")
    args = ap.parse_args()

    rng = random.Random(8)
    records = load(args.corpus, args.limit, set(filter(None, args.sources.split(","))))
    os.makedirs(args.work, exist_ok=True)
    corpus = os.path.join(args.work, "corpus.jsonl.gz")
    by_id = {}
    edited = {}
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            by_id[r["id"]] = r
        for r in rng.sample(records, min(args.edits, len(records))):
            if len(r["body"]) < 400:
                continue
            c = dict(r, id="edit:" + r["id"], url="edit:" + r.get("url", ""), source="edited",
                     body=edit(r["body"], rng))
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
            by_id[c["id"]] = c
            edited[c["id"]] = r["id"]

    db = os.path.join(args.work, "db")
    subprocess.run(["rm", "-rf", db])
    seconds = index(args.index, db, corpus, args.index_args.split())
    story = stories(args.query, db)
    n = len(story)
    print(f"corpus: {len(records)} records + {len(edited)} edited copies; indexed {n} in {seconds:.1f} s "
          f"({n / seconds:.0f} docs/s) with stories and cleaning")
    if args.timing:
        db2 = os.path.join(args.work, "db-plain")
        subprocess.run(["rm", "-rf", db2])
        s2 = index(args.index, db2, corpus, ["--no-stories", "--keep-boilerplate"])
        print(f"  without (--no-stories --keep-boilerplate): {s2:.1f} s ({n / s2:.0f} docs/s); "
              f"cost +{100 * (seconds - s2) / s2:.0f}%")

    # Recall on labelled duplicates.
    by_url = collections.defaultdict(list)
    for r in records:
        if r.get("url"):
            by_url[r["url"]].append(r["id"])
    url_pairs = [(a, b) for ids in by_url.values() for a, b in itertools.combinations(sorted(set(ids)), 2)]
    url_hit = sum(1 for a, b in url_pairs if story.get(a) and story.get(a) == story.get(b))
    edit_hit = sum(1 for c, o in edited.items() if story.get(c) and story.get(c) == story.get(o))
    print(f"recall, same-URL pairs: {url_hit}/{len(url_pairs)} = {url_hit / max(1, len(url_pairs)):.3f}")
    print(f"recall, edited copies:  {edit_hit}/{len(edited)} = {edit_hit / max(1, len(edited)):.3f}")

    # Precision of merged pairs.
    clusters = collections.defaultdict(list)
    for i, s in story.items():
        clusters[s].append(i)
    sizes = sorted((len(v) for v in clusters.values()), reverse=True)
    merged = [v for v in clusters.values() if len(v) > 1]
    print(f"stories: {len(clusters)}; with several versions: {len(merged)}; largest: {sizes[:5]}")
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    cache = {}

    def sh(i):
        if i not in cache:
            cache[i] = shingles(by_id[i]["body"])
        return cache[i]

    for members in merged:
        pairs = list(itertools.combinations(sorted(members), 2))
        if len(pairs) > 2000:
            pairs = rng.sample(pairs, 2000)
        for a, b in pairs:
            ra, rb = by_id[a], by_id[b]
            if ra.get("url") and ra.get("url") == rb.get("url"):
                counts["same_url"] += 1
            elif edited.get(a) == b or edited.get(b) == a:
                counts["edited"] += 1
            else:
                c = containment(sh(a), sh(b))
                kind = "near_dup" if c >= args.truth_containment else "false" if c < args.negative_containment else "grey"
                counts[kind] += 1
                if kind != "near_dup":
                    examples[kind].append((c, ra["title"][:60], ra.get("source"), rb["title"][:60], rb.get("source")))
    if args.hand_sample:
        every = [(a, b) for members in merged for a, b in itertools.combinations(sorted(members), 2)
                 if by_id[a].get("url") != by_id[b].get("url") and not (edited.get(a) == b or edited.get(b) == a)]
        picked = rng.sample(every, min(args.hand_sample, len(every)))
        with open(os.path.join(args.work, "hand_sample.txt"), "w", encoding="utf-8") as out:
            for n, (a, b) in enumerate(picked, 1):
                c = containment(sh(a), sh(b))
                out.write(f"### {n} exact containment {c:.3f}\n")
                for i in (a, b):
                    r = by_id[i]
                    out.write(f"[{r.get('source')} {r.get('date', '')[:10]}] {r['title']}\n  {r['body'][:300]!r}\n")
        print(f"hand sample: {len(picked)} of {len(every)} merged pairs with different URLs -> "
              f"{os.path.join(args.work, 'hand_sample.txt')}")
    total = sum(counts.values())
    good = counts["same_url"] + counts["edited"] + counts["near_dup"]
    print(f"merged pairs: {total}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if total:
        print(f"precision: {good / total:.3f} (grey counted wrong) … {(good + counts['grey']) / total:.3f} (grey counted right)")
    for kind in ("false", "grey"):
        for c, ta, sa, tb, sb in sorted(examples[kind], reverse=True)[: args.show]:
            print(f"  {kind} {c:.3f}: [{sa}] {ta} | [{sb}] {tb}")

    # Missed near-duplicates among a sample of candidate pairs (same source and day).
    by_day = collections.defaultdict(list)
    for r in records:
        by_day[(r.get("date", "")[:10])].append(r["id"])
    missed = found = 0
    for ids in by_day.values():
        for a, b in itertools.combinations(ids, 2):
            if by_id[a].get("url") == by_id[b].get("url"):
                continue
            if containment(sh(a), sh(b)) >= args.truth_containment:
                if story.get(a) == story.get(b):
                    found += 1
                else:
                    missed += 1
        if len(cache) > 200000:
            cache.clear()
    print(f"recall, same-day near-duplicate text (exact containment >= {args.truth_containment}, "
          f"different URLs): {found}/{found + missed} = {found / max(1, found + missed):.3f}")


if __name__ == "__main__":
    main()
