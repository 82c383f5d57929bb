#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the gazetteer Fahras ships: data/gazetteer/gazetteer-odbl.tsv and gazetteer-ccbysa.tsv.

Inputs (standard library only, no network):
  data/gazetteer/curated.tsv                 hand-curated people, organisations, agencies, aliases
  SHARED/gazetteer/countries_mledoze.tsv     countries (ODbL 1.0)
  SHARED/gazetteer/cities_geonames_100k.tsv  cities > 100k (CC BY, GeoNames)
  SHARED/gazetteer/places_dr5hn.tsv          countries, Arab-world divisions, cities (ODbL 1.0)
  SHARED/gazetteer/anercorp_train_entities.tsv, wikifane_entities.tsv   mined entity strings
  SHARED/ner/*.conll                         tag counts: is a word mostly a name or a word?
  SHARED/ant_corpus/*.jsonl.gz               word frequencies of news text (the stoplist)

Curation (see docs/ENTITIES.md):
  * sources are merged in priority order curated > mledoze > geonames > dr5hn > ANERcorp >
    WikiFANE; an entry whose folded name (or alias) is already taken by an entry of the same
    type becomes an alias of it, so every name has one canonical id;
  * dr5hn Arabic names are partly bad machine translation: a dr5hn name is kept only when it is
    corroborated by another source (GeoNames, mledoze, or a place annotated in the NER corpora);
  * single-word names that are frequent news words (the 12000 most frequent words of the ANT
    corpus) and are not mostly tagged as names in the
    NER corpora are dropped, unless curated, a country, or a city of a million people;
  * GeoNames cities sharing an Arabic name: the most populous keeps it;
  * mined strings: clitic forms (وحزب الله، للأمم المتحدة) are dropped, MISC is dropped, a
    single-word string needs a frequency of at least 2; single-word person names are left to
    the curated list (a lone given name or surname names many people).

Output, one file per licence (data/LICENSES.md), loaded in this order by the indexer:
  data/gazetteer/curated.tsv         (input, GPL-3.0-or-later, not rewritten)
  data/gazetteer/gazetteer-odbl.tsv  rows of mledoze and dr5hn (ODbL 1.0)
  data/gazetteer/gazetteer-ccbysa.tsv  rows of GeoNames (CC BY), ANERcorp (CC BY-SA 4.0) and
                                     WikiFANE (CC BY-SA 3.0): CC BY-SA 4.0 as a whole
Names one licence group contributed to an entry of another group go to an extra row of their
own group's file with the entry's id (its arabic_name repeats the entry's name, the key that
the loader needs; the loader merges rows of one id). No file mixes data of two licences.

Also writes data/gazetteer/common-words.txt (the stoplist, one folded word a line).

Usage: scripts/build-gazetteer.py [--shared DIR] [--out-dir DIR] [--stoplist-rank N]
"""

import argparse
import collections
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640\u0653-\u065F]")
FOLD = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    "\u0624": "\u0621", "\u0626": "\u0621", "\u0649": "\u064A", "\u0629": "\u0647",
    "\u06A9": "\u0643", "\u06CC": "\u064A",
})
ARABIC_WORD = re.compile("[\u0621-\u064A\u0671-\u06D3]+")
ARABIC_ONLY = re.compile("^[\u0621-\u064A\u0671-\u06D3\u064B-\u0652\u0670\u0640 ]+$")
TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
PRIORITY = ["curated", "mledoze", "geonames", "dr5hn", "anercorp", "wikifane"]
# Licence group of a source label -> output file (None: curated.tsv itself).
GROUP_FILES = {"curated": None, "odbl": "gazetteer-odbl.tsv", "ccbysa": "gazetteer-ccbysa.tsv"}
GROUP_LABELS = {"odbl": "ODbL-1.0", "ccbysa": "CC-BY-SA-4.0"}


def group_of(source):
    """The licence group of a row's source label."""
    if source == "curated":
        return "curated"
    if source.startswith("mledoze") or source.startswith("dr5hn"):
        return "odbl"
    return "ccbysa"  # GeoNames (CC BY), ANERcorp (CC BY-SA 4.0), WikiFANE (CC BY-SA 3.0)


def fold(text):
    """The analyzer's clean + fold, as far as names need it (fold.cpp, normalize.cpp)."""
    return " ".join(DIACRITICS.sub("", text).translate(FOLD).split())


def is_arabic(text):
    return bool(text) and bool(ARABIC_ONLY.match(text))


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (len(header) - len(cols))
            yield dict(zip(header, cols))


def word_frequencies(shared, limit_docs):
    """Folded word counts over ANT news text (title + body)."""
    counts = collections.Counter()
    for name in ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz"):
        path = os.path.join(shared, "ant_corpus", name)
        if not os.path.exists(path):
            print(f"build-gazetteer: warning: {path} missing, stoplist is weaker", file=sys.stderr)
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= limit_docs:
                    break
                doc = json.loads(line)
                text = fold(doc.get("title", "") + " " + doc.get("body", ""))
                counts.update(ARABIC_WORD.findall(text))
    return counts


def ner_tag_counts(shared):
    """For each folded word: (times inside an entity, times outside) in the NER corpora."""
    inside = collections.Counter()
    outside = collections.Counter()
    for name in ("anercorp_train.conll", "wikifane_gold_500k.conll", "aqmar.conll"):
        path = os.path.join(shared, "ner", name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        for i, cols in enumerate(rows):
            if len(cols) < 2:
                continue
            word = fold(cols[0])
            if cols[1] == "O":
                outside[word] += 1
            elif cols[1].startswith("B-"):
                # A whole one-word name only: a word inside a longer name (المتحدة) is no name.
                nxt = rows[i + 1] if i + 1 < len(rows) else []
                if len(nxt) < 2 or not nxt[1].startswith("I-"):
                    inside[word] += 1
    return inside, outside


class Entry:
    def __init__(self, cid, etype, name, english, source):
        self.id = cid
        self.type = etype
        self.name = name
        self.english = english
        self.source = source
        self.group = group_of(source)
        self.english_group = self.group
        self.arabic_aliases = []
        self.latin_aliases = []
        self.alias_group = {}  # alias -> licence group of the source that gave it

    def names(self):
        return [self.name] + self.arabic_aliases

    def add_alias(self, alias, group=None):
        alias = " ".join(alias.split())
        if not alias or alias == self.name:
            return
        if is_arabic(alias):
            if alias not in self.arabic_aliases:
                self.arabic_aliases.append(alias)
                self.alias_group[alias] = group or self.group
        elif alias not in self.latin_aliases and alias != self.english:
            self.latin_aliases.append(alias)
            self.alias_group[alias] = group or self.group


class Builder:
    def __init__(self, common_words, inside, outside):
        self.entries = {}        # id -> Entry
        self.by_name = {}        # (type, folded name) -> id
        self.any_type = {}       # folded name -> id (first taker, for cross-type clashes)
        self.common = common_words
        self.inside = inside
        self.outside = outside
        self.dropped = collections.Counter()

    def is_common(self, name, max_rank):
        """A frequent news word (rank < max_rank) that is not mostly a name in the NER corpora."""
        key = fold(name)
        if " " in key or self.common.get(key, max_rank) >= max_rank:
            return False
        return self.inside[key] <= self.outside[key]

    def find(self, etype, names):
        for n in names:
            cid = self.by_name.get((etype, fold(n)))
            if cid:
                return cid
        return None

    def register(self, entry, name):
        key = fold(name)
        self.by_name.setdefault((entry.type, key), entry.id)
        self.any_type.setdefault(key, entry.id)

    def add(self, cid, etype, name, aliases, english, source, trusted, max_rank=0):
        arabic_names = [n for n in [name] + aliases if is_arabic(n)]
        if not trusted:
            arabic_names = [n for n in arabic_names if not self.is_common(n, max_rank)]
        if not arabic_names:
            self.dropped[source + ":no-usable-name"] += 1
            return None
        # A name another type already holds stays with it (priority order decides).
        if not trusted:
            arabic_names = [n for n in arabic_names
                            if self.any_type.get(fold(n)) is None
                            or self.entries[self.any_type[fold(n)]].type == etype]
            if not arabic_names:
                self.dropped[source + ":type-clash"] += 1
                return None
        existing = self.entries.get(cid) or self.entries.get(self.find(etype, arabic_names))
        if existing is None:
            entry = Entry(cid, etype, arabic_names[0], english, source)
            self.entries[cid] = entry
        else:
            entry = existing
            if not entry.english and english:
                entry.english = english
                entry.english_group = group_of(source)
            self.dropped[source + ":merged"] += 1
        for n in arabic_names:
            entry.add_alias(n, group_of(source))
            self.register(entry, n)
        for a in aliases:
            if not is_arabic(a):
                entry.add_alias(a, group_of(source))
        return entry

    def write(self, out_dir):
        """Writes one file per licence group; returns {file name: rows}."""
        rows = {g: [] for g, f in GROUP_FILES.items() if f}
        for e in sorted(self.entries.values(), key=lambda e: (e.type, e.id)):
            latin = e.latin_aliases[:6]
            for g in rows:
                names = [a for a in e.arabic_aliases + latin if e.alias_group.get(a) == g]
                english = e.english if e.english_group == g else ""
                if g == e.group:
                    rows[g].append([e.id, e.type, e.name, "|".join(names), english or "",
                                    e.source])
                elif names or english:
                    # Names this group gave to another group's entry: a row of their own.
                    rows[g].append([e.id, e.type, e.name, "|".join(names), english or "",
                                    f"{GROUP_LABELS[g]} names of {e.id}"])
        counts = {}
        for g, lines in rows.items():
            path = os.path.join(out_dir, GROUP_FILES[g])
            with open(path, "w", encoding="utf-8") as f:
                f.write("canonical_id\ttype\tarabic_name\taliases\tenglish_name\tsource\n")
                for line in lines:
                    f.write("\t".join(line) + "\n")
            counts[GROUP_FILES[g]] = len(lines)
        return counts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    p.add_argument("--out-dir", default=os.path.join(ROOT, "data", "gazetteer"))
    p.add_argument("--stoplist-rank", type=int, default=3000,
                   help="words this frequent in ANT news count as common words")
    p.add_argument("--ant-docs", type=int, default=20000,
                   help="ANT articles read per file for the word frequencies")
    args = p.parse_args()
    g = os.path.join(args.shared, "gazetteer")

    freqs = word_frequencies(args.shared, args.ant_docs)
    common = {w: rank for rank, (w, _) in enumerate(freqs.most_common(args.stoplist_rank * 4))}
    inside, outside = ner_tag_counts(args.shared)
    b = Builder(common, inside, outside)

    # 1. Curated: trusted, ids of our own.
    for r in read_tsv(os.path.join(ROOT, "data", "gazetteer", "curated.tsv")):
        aliases = [a for a in r["aliases"].split("|") if a]
        b.add(r["canonical_id"], r["type"], r["arabic_name"], aliases, r["english_name"],
              "curated", True)

    # 2. Countries (mledoze): trusted.
    for r in read_tsv(os.path.join(g, "countries_mledoze.tsv")):
        aliases = [a for a in r["aliases"].split("|") if a]
        b.add(r["canonical_id"], "LOC", r["arabic_name"], aliases, r["english_name"],
              "mledoze/countries (ODbL-1.0)", True)

    # 3. GeoNames cities: the most populous city keeps a shared Arabic name.
    geo = list(read_tsv(os.path.join(g, "cities_geonames_100k.tsv")))
    def population(r):
        m = re.search(r"population=(\d+)", r["source"])
        return int(m.group(1)) if m else 0
    geo.sort(key=population, reverse=True)
    geo_names = set()
    for r in geo:
        aliases = [a for a in r["aliases"].split("|") if a]
        for n in [r["arabic_name"]] + aliases:
            if is_arabic(n):
                geo_names.add(fold(n))
        if b.by_name.get(("LOC", fold(r["arabic_name"]))) and \
                b.entries[b.by_name[("LOC", fold(r["arabic_name"]))]].source.startswith("GeoNames"):
            b.dropped["geonames:smaller-homonym"] += 1
            continue
        b.add(r["canonical_id"], "LOC", r["arabic_name"], aliases, r["english_name"],
              "GeoNames (CC-BY)", population(r) >= 1000000, args.stoplist_rank * 4)

    # Places annotated in the NER corpora corroborate dr5hn names.
    ner_places = set()
    for fname in ("anercorp_train_entities.tsv", "wikifane_entities.tsv"):
        for r in read_tsv(os.path.join(g, fname)):
            if r["type"] == "LOC":
                ner_places.add(fold(r["arabic_name"]))

    # 4. dr5hn: only corroborated Arabic names (the rest is often machine translation).
    for r in read_tsv(os.path.join(g, "places_dr5hn.tsv")):
        if r["canonical_id"] in b.entries:
            b.entries[r["canonical_id"]].add_alias(r["arabic_name"], "odbl")
            continue
        key = fold(r["arabic_name"])
        if key not in geo_names and key not in ner_places:
            b.dropped["dr5hn:uncorroborated"] += 1
            continue
        b.add(r["canonical_id"], "LOC", r["arabic_name"], [], r["english_name"],
              "dr5hn (ODbL-1.0)", False, args.stoplist_rank * 4)

    # 5. Mined strings (ANERcorp, then WikiFANE).
    clitic = re.compile("^(وال|بال|فال|كال|ولل|لل|و|ف|ب|ل|ك)")
    cue_first = {fold(w) for w in ("مدينة", "محافظة", "بلدة", "قرية", "ولاية", "منطقة")}
    for fname, label in (("anercorp_train_entities.tsv", "ANERcorp (CC-BY-SA-4.0)"),
                         ("wikifane_entities.tsv", "WikiFANE (CC-BY-SA-3.0)")):
        rows = list(read_tsv(os.path.join(g, fname)))
        surface = {fold(r["arabic_name"]) for r in rows}
        for r in rows:
            etype = TYPES.get(r["type"])
            if etype is None:
                continue
            m = re.search(r"freq=(\d+)", r["source"])
            freq = int(m.group(1)) if m else 1
            name = r["arabic_name"]
            single = " " not in name.strip() or \
                re.match("^(عبد|ابو|ابن|بن|ام) [^ ]+$", fold(name)) is not None  # عبد الله
            if single and (etype == "PER" or freq < 2):
                # A lone given name or surname (حسن، المالكي) names many people.
                b.dropped[label + ":rare"] += 1
                continue
            key = fold(name)
            cm = clitic.match(key)
            if re.match("^(وال|بال|فال|كال|لل)", key):
                # «والسيدة سميث»، «بالازهر»: a clitic glued to the article, never a name's start.
                b.dropped[label + ":clitic-form"] += 1
                continue
            if cm:
                rest = key[len(cm.group(1)):]
                known = surface | b.any_type.keys()
                if rest in known or ("ال" + rest) in known or \
                        (single and re.match("^(وال|بال|فال|كال|لل)", key)):
                    b.dropped[label + ":clitic-form"] += 1
                    continue
            if " " in key and key.split(" ")[0] in cue_first:
                # «مدينة تدمر الأثرية»: the extractor's context cue finds the name itself.
                b.dropped[label + ":cue-phrase"] += 1
                continue
            if len(key.replace(" ", "")) < 3:
                b.dropped[label + ":too-short"] += 1
                continue
            b.add(r["canonical_id"], etype, name, [], "", label, False, args.stoplist_rank * 4)

    counts = b.write(args.out_dir)
    # The common words the extractor refuses as names found by context cues or spelling keys.
    words_path = os.path.join(args.out_dir, "common-words.txt")
    with open(words_path, "w", encoding="utf-8") as f:
        f.write("# Folded Arabic words most frequent in ANT news text, most frequent first.\n")
        f.write("# Built by scripts/build-gazetteer.py; not names unless the gazetteer says so.\n")
        for w, _ in freqs.most_common(args.stoplist_rank * 4):
            f.write(w + "\n")
    for name, n in counts.items():
        print(f"build-gazetteer: wrote {n} rows to {os.path.join(args.out_dir, name)}",
              file=sys.stderr)
    for k, v in sorted(b.dropped.items()):
        print(f"  {k}: {v}", file=sys.stderr)


if __name__ == "__main__":
    main()
