// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The schema of a Fahras database: every term prefix and value slot, in one place, used by
// the indexer and the query tool alike. Prefixes follow Xapian/Omega conventions
// (xapian-omega/docs/termprefixes.rst): single capitals are the standard ones, `X…` are ours.
// Values of boolean terms are lower-case or Arabic, so no ':' separator is ever needed.
// The terms themselves are spelled by terms.hpp (and exact_terms.hpp), the catalogue entry by
// catalogue_entry.hpp; docs/SCHEMA.md explains what each term set costs and why it is there.

#include <string_view>

#include <xapian.h>

namespace fahras::schema {

/// Bumped whenever the terms written for an article change: a database written with another
/// version must be rebuilt (the query tool refuses it with a clear message), except those from
/// `oldest_migrated_version` on, which fahras-index migrates in place and fahras-query reads.
/// Version 7: the default id of a file's article starts with its input's name (docs/SCHEMA.md).
inline constexpr int version = 7;
/// The oldest version an incremental run migrates: version 6 differs only in the default ids
/// of file articles, which the run gives again by reading every file (docs/NIGHTLY.md).
inline constexpr int oldest_migrated_version = 6;
/// Metadata key holding `version`.
inline constexpr std::string_view meta_version = "fahras.schema";

// ---- Terms ----------------------------------------------------------------------------
// Unprefixed: folded words of title and body, with positions (phrases, proximity).
/// Stemmed folded words of title and body, without positions (ranking; Xapian's `Z`).
inline constexpr std::string_view stem = "Z";
/// Exact (cleaned, unfolded) words, without positions: `=word`. Since version 6 only the
/// exact forms that differ from their folded form (exact_terms.hpp).
inline constexpr std::string_view exact = "XE";
/// Boolean, + folded word: the article has that folded word only in spellings other than the
/// folded form itself, so `=word` for a word spelled as its folded form excludes it
/// (exact_terms.hpp). Since version 6.
inline constexpr std::string_view exact_variants_only = "XV";
/// Folded title words, with positions: `title:word`, `title:"phrase"`.
inline constexpr std::string_view title = "S";
/// Stemmed title words: `title:word` ranking and matching.
inline constexpr std::string_view title_stem = "ZS";
/// Unique article id: replace_document() by term.
inline constexpr std::string_view id = "Q";
/// Source (outlet), lower-cased: boolean filter `source:`.
inline constexpr std::string_view source = "XSRC";
/// Category, lower-cased: boolean filter `category:`.
inline constexpr std::string_view category = "XCAT";
/// Uniform sample of the articles for estimated facet counts: `XSMP` + k (k = 1 …
/// sample_levels) is on the articles whose id hash has its k lowest sampling bits zero, i.e.
/// on 1 in 2^k of them, and `XSMP`k+1 articles are a subset of `XSMP`k ones (about one term
/// per article in all). Boolean, so ranking and document lengths do not change.
inline constexpr std::string_view sample = "XSMP";
/// Deepest sample level: 1 in 256 articles.
inline constexpr unsigned sample_levels = 8;

/// Position gap between the title and the body, so phrases never span the two.
inline constexpr Xapian::termpos title_body_gap = 100;
/// Within-document frequency added for a word in the title (a title word counts this much
/// more than a body word in the `Z` ranking terms).
inline constexpr Xapian::termcount title_wdf_boost = 3;

// ---- Value slots ------------------------------------------------------------------------
/// Publication date as "YYYYMMDD" (sortable as a string; empty when unknown).
inline constexpr Xapian::valueno slot_date = 0;
/// Source (outlet), as written in the input: facets.
inline constexpr Xapian::valueno slot_source = 1;
/// Category, as written in the input: facets.
inline constexpr Xapian::valueno slot_category = 2;
/// Signature of the input the article came from (size, mtime, content hash): incremental
/// reindexing.
inline constexpr Xapian::valueno slot_signature = 3;

// Value slot ranges, one per feature, so features can be added side by side:
//   4–9 facet framework (tests), 10–29 dates, 30–79 entities, 80–99 news/stories,
//   100–109 incremental indexing, 110–119 ranking, 120–129 packed facets.
// Facets are stored with set_multi_values() (fahras/common/facet_values.hpp): a multi-valued
// facet takes a range of consecutive slots, one value each, so that Xapian's built-in
// ValueCountMatchSpy can count it, locally and on remote shards; since version 6 the same
// values are also packed into one slot per facet (120–124), which a local search counts with
// one value read per document and facet.

// ---- Packed multi-valued facets ---------------------------------------------------
// Each holds pack_values() of the values of the facet's slot range (same values, same order).
/// Packed `agency` facet (the values of slots 83–86).
inline constexpr Xapian::valueno slot_packed_agency = 120;
/// Packed `mentioned_month` facet (slots 10–29).
inline constexpr Xapian::valueno slot_packed_mentioned_month = 121;
/// Packed `persons` facet (slots 30–45).
inline constexpr Xapian::valueno slot_packed_persons = 122;
/// Packed `places` facet (slots 46–61).
inline constexpr Xapian::valueno slot_packed_places = 123;
/// Packed `organisations` facet (slots 62–77).
inline constexpr Xapian::valueno slot_packed_organisations = 124;

// ---- Nightly / incremental indexing -----------------------------------------
// docs/NIGHTLY.md explains how these drive incremental runs.
/// Boolean term: the input file an article came from, as `XFILE` + 16 hex digits of a 64-bit
/// hash of the file's absolute path (fixed length, so long paths never hit Xapian's term
/// length limit). Finds the articles of a file that changed or vanished.
inline constexpr std::string_view source_file = "XFILE";
/// Content hash of an article (all its fields and the file it came from), 16 hex digits: an
/// article re-read from a changed JSON Lines file is skipped when its hash is unchanged.
inline constexpr Xapian::valueno slot_article_hash = 100;
/// Line of the article in its JSON Lines file (decimal; absent for whole-file articles): when
/// only this changed (lines removed above it), just the stored "line" is rewritten.
inline constexpr Xapian::valueno slot_article_line = 101;
// ---- Ranking and output (110–119) --------------------------------------------------------
/// The article's id (the same string as the stored data's `id`): a hit that shows only its id
/// (a `--format trec` run) reads this one value instead of inflating the whole compressed
/// document data. Absent in databases written before it; readers then fall back to the data.
inline constexpr Xapian::valueno slot_id = 110;
/// Metadata key prefix of the per-file records (size, mtime, content hash, status): the key
/// is this prefix + the same 16 hex digits as the `XFILE` term, the value a JSON object.
inline constexpr std::string_view meta_file_prefix = "fahras.file:";
// ---- Dates (docs/DATES.md) -----------------------------------------------------------
// Publication date: boolean terms in Omega's standard date prefixes (exact `year:`/`date:`
// filters) and the sortable slot_date above (ranges, sorting, the year and month facets).
/// Publication year: `Y2015`.
inline constexpr std::string_view pub_year = "Y";
/// Publication year-month: `M201509`.
inline constexpr std::string_view pub_month = "M";
/// Publication day: `D20150918`.
inline constexpr std::string_view pub_day = "D";
// Dates mentioned in the text (many per article). A mention writes the terms of its precision
// and the coarser ones: a day writes XMY, XMM and XMD; a month XMY and XMM; a year XMY.
/// Mentioned year: `XMY2014`.
inline constexpr std::string_view mentioned_year = "XMY";
/// Mentioned year-month: `XMM201408` (month- and day-precision mentions).
inline constexpr std::string_view mentioned_month = "XMM";
/// Mentioned day: `XMD20140818`.
inline constexpr std::string_view mentioned_day = "XMD";
/// Mentioned Hijri year-month, as written: `XHM143609` (and `XHY1436` for the year).
inline constexpr std::string_view mentioned_hijri_month = "XHM";
/// Mentioned Hijri year: `XHY1436`.
inline constexpr std::string_view mentioned_hijri_year = "XHY";

// The `year` and `month` facets read slot_date ("YYYYMMDD") through FacetSpec::value_of.
/// Mentioned year-months "YYYY-MM", distinct, most mentioned first: the multi-valued
/// `mentioned_month` facet in slots [10, 10 + 20), written with set_multi_values().
inline constexpr Xapian::valueno slot_mentioned_month_first = 10;
/// Capacity of the `mentioned_month` slot range (slots 10–29).
inline constexpr unsigned mentioned_month_capacity = 20;

// ---- News: agencies, story clusters, learned boilerplate ----------------------
// docs/NEWS.md explains the rules; slots 80–99 belong to this section.
/// Agency credited by the article, canonical code lower-cased (`XAGafp`, `XAGreuters`):
/// `agency:` and `--agency` filters.
inline constexpr std::string_view agency = "XAG";
/// Story cluster key (16 hex digits, see slot_story): `--same-story`.
inline constexpr std::string_view story = "XSTORY";
/// One sampled word-shingle hash of the cleaned body (8 hex digits): candidate lookup for
/// near-duplicate detection at index time.
inline constexpr std::string_view shingle = "XSH";
/// Story cluster key, 16 hex digits of the hash of story_root: the collapse key of
/// `--collapse`. Every article has one (a story of one when it has no near-duplicate).
inline constexpr Xapian::valueno slot_story = 80;
/// The id of the story's root: its first version indexed, the only member a new article is
/// compared with (no chaining); the story key is derived from it. When the root is deleted
/// or re-indexed away, the remaining member indexed first becomes the root (docs/NEWS.md).
inline constexpr Xapian::valueno slot_story_root = 81;
/// Number of sampled shingle hashes of the article, in decimal (containment estimates).
inline constexpr Xapian::valueno slot_shingle_count = 82;
/// Agencies credited (canonical codes such as "AFP"), most salient first, one per slot from
/// slot_agency_first: the multi-valued `agency` facet.
inline constexpr Xapian::valueno slot_agency_first = 83;
/// Number of agency slots.
inline constexpr unsigned agency_capacity = 4;
/// The story's date: the root's `slot_date` (YYYYMMDD); empty when the root has no date.
/// Versions of a story must fall within a window of it (StoryOptions).
inline constexpr Xapian::valueno slot_story_date = 87;
/// Metadata key: boilerplate lines learned per source (one "source<TAB>hash" per line).
inline constexpr std::string_view meta_boilerplate = "fahras.news.boilerplate";
/// Metadata key: the story-detection parameters the database was written with.
inline constexpr std::string_view meta_story_params = "fahras.news.story";

// ---- Entities (docs/ENTITIES.md) ------------------------------------------------------------
/// Canonical id of a person mentioned: boolean filter `person:` / --person.
inline constexpr std::string_view entity_person = "XPER";
/// Canonical id of a place mentioned: `place:` / --place.
inline constexpr std::string_view entity_place = "XPLACE";
/// Canonical id of an organisation mentioned: `org:` / --org.
inline constexpr std::string_view entity_organisation = "XORG";
/// Persons, most salient first (set_multi_values): the "persons" facet.
inline constexpr Xapian::valueno slot_persons = 30;
/// Places: the "places" facet.
inline constexpr Xapian::valueno slot_places = 46;
/// Organisations: the "organisations" facet.
inline constexpr Xapian::valueno slot_organisations = 62;
/// Slots per entity type (30–45, 46–61, 62–77).
inline constexpr unsigned entity_slot_capacity = 16;
/// Metadata key prefix of the entity catalogue: `fahras.entity.` + id → JSON {"type", "name",
/// "latin", "aliases", "variants"}, written by the indexer for every entity it indexed
/// (catalogue_entry.hpp encodes and decodes it).
inline constexpr std::string_view meta_entity_prefix = "fahras.entity.";

// ---- Document data ------------------------------------------------------------------------
// A JSON object with the fields a hit needs for display: its keys and what each holds are in
// stored_fields.hpp, used by the indexer that writes it and the query side that reads it.

}  // namespace fahras::schema
