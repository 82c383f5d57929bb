#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks scripts/fahras_eval.py against hand-computed examples (run by ctest)."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import fahras_eval as fe  # noqa: E402


def run_lines(rows):
    """TREC run lines from {qid: [docid, ...]} (rank order)."""
    return ["%s Q0 %s %d %.3f t" % (q, d, i + 1, 10.0 - i)
            for q, ds in rows.items() for i, d in enumerate(ds)]


QRELS = fe.read_qrels([
    "q1 0 d1 1", "q1 0 d2 1",
    "q2 0 d3 2", "q2 0 d4 1",
    "q3 0 d5 1",
    "q4 0 d6 0",  # no relevant document: not counted
])


class Metrics(unittest.TestCase):
    # Each row: ranked list, judgments, expected metrics (worked out by hand).
    ROWS = [
        # relevant at ranks 2 and 4 of two: DCG 1/log2(3) + 1/log2(5), IDCG 1 + 1/log2(3)
        (["x", "d1", "y", "d2"], QRELS["q1"],
         {"nDCG@10": (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3)),
          "MRR@10": 0.5, "R@100": 1.0, "S@1": 0.0, "S@10": 1.0}),
        # graded: grade 1 first, grade 2 second; ideal puts the 2 first
        (["d4", "d3"], QRELS["q2"],
         {"nDCG@10": (1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3)),
          "MRR@10": 1.0, "R@100": 1.0, "S@1": 1.0, "S@10": 1.0}),
        # the relevant document at rank 11: nothing in the top 10, but recalled
        (["n%d" % i for i in range(10)] + ["d5"], QRELS["q3"],
         {"nDCG@10": 0.0, "MRR@10": 0.0, "R@100": 1.0, "S@1": 0.0, "S@10": 0.0}),
        # one of two relevant found, at rank 1: DCG 1, IDCG 1 + 1/log2(3)
        (["d2"], QRELS["q1"],
         {"nDCG@10": 1 / (1 + 1 / math.log2(3)), "MRR@10": 1.0, "R@100": 0.5,
          "S@1": 1.0, "S@10": 1.0}),
        ([], QRELS["q1"], {"nDCG@10": 0.0, "MRR@10": 0.0, "R@100": 0.0, "S@1": 0.0, "S@10": 0.0}),
    ]

    def test_rows(self):
        for ranked, judged, want in self.ROWS:
            got = fe.query_metrics(ranked, judged)
            for metric, value in want.items():
                self.assertAlmostEqual(got[metric], value, places=9, msg=(ranked, metric))

    def test_hand_values(self):
        # the same numbers, written out: guards against a formula and its test sharing a bug
        self.assertAlmostEqual(fe.query_metrics(["x", "d1", "y", "d2"], QRELS["q1"])["nDCG@10"],
                               0.650921, places=5)
        self.assertAlmostEqual(fe.query_metrics(["d4", "d3"], QRELS["q2"])["nDCG@10"],
                               0.859719, places=5)

    def test_mean_counts_missing_queries_as_zero(self):
        run = fe.read_run(run_lines({"q1": ["d1"], "q2": ["d3", "d4"]}))
        means, per_query = fe.evaluate(QRELS, run)
        self.assertEqual(sorted(per_query), ["q1", "q2", "q3"])  # q4 has nothing relevant
        self.assertAlmostEqual(means["MRR@10"], (1 + 1 + 0) / 3)
        self.assertAlmostEqual(means["R@100"], (0.5 + 1 + 0) / 3)

    def test_run_order_and_duplicates(self):
        # rank column decides, not file order; a repeated docid counts once
        run = fe.read_run(["q1 Q0 d1 2 5.0 t", "q1 Q0 x 1 9.0 t", "q1 Q0 x 3 1.0 t"])
        self.assertEqual(run["q1"], ["x", "d1"])
        self.assertAlmostEqual(fe.query_metrics(run["q1"], QRELS["q1"])["MRR@10"], 0.5)

    def test_bad_lines(self):
        with self.assertRaises(ValueError):
            fe.read_qrels(["q1 d1 1"])
        with self.assertRaises(ValueError):
            fe.read_run(["q1 Q0 d1 1"])


class Paired(unittest.TestCase):
    def test_no_difference(self):
        self.assertEqual(fe.randomization_p([0.0, 0.0]), 1.0)
        self.assertEqual(fe.randomization_p([0.5, -0.5]), 1.0)

    def test_consistent_gain_is_significant(self):
        # 10 equal gains: exact two-sided p = 2 / 2^10 ~ 0.002
        p = fe.randomization_p([0.1] * 10, perms=20000, seed=3)
        self.assertLess(p, 0.005)
        self.assertGreater(p, 0.0005)

    def test_seeded(self):
        diffs = [0.3, -0.1, 0.2, 0.0, -0.25, 0.4, 0.1]
        self.assertEqual(fe.randomization_p(diffs, 2000, 5), fe.randomization_p(diffs, 2000, 5))
        self.assertGreater(fe.randomization_p(diffs, 2000, 5), 0.05)

    def test_wins_losses(self):
        base = fe.read_run(run_lines({"q1": ["x", "d1"], "q2": ["d3"], "q3": ["d5"]}))
        new = fe.read_run(run_lines({"q1": ["d1"], "q2": ["d3"], "q3": ["x"]}))
        c = fe.compare(QRELS, base, new, "MRR@10", perms=100)
        self.assertEqual((c["wins"], c["losses"], c["ties"]), (1, 1, 1))
        self.assertAlmostEqual(c["diff"], (0.5 - 1.0) / 3)


class KnownItem(unittest.TestCase):
    RECORDS = [("a", "وزير الدفاع: يزور «موسكو»"), ("b", "عنوان مكرر هنا"), ("c", "عنوان مكرر هنا"),
               ("d", "قصير"), ("e", "خبر ثان طويل"), ("", "بلا معرف هنا")]

    def test_clean_title(self):
        self.assertEqual(fe.clean_title("وزير الدفاع: يزور «موسكو»\u200f!"), "وزير الدفاع يزور موسكو")

    def test_sampling(self):
        items = fe.known_items(self.RECORDS, 10, seed=1)
        self.assertEqual(sorted(d for _, _, d in items), ["a", "e"])  # no dups, short, or no id
        self.assertEqual(items, fe.known_items(self.RECORDS, 10, seed=1))
        self.assertEqual(len(fe.known_items(self.RECORDS, 1, seed=1)), 1)


if __name__ == "__main__":
    unittest.main()
