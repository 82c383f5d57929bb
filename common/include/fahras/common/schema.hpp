// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The schema of a Fahras database: every term prefix and value slot, in one place, used by
// the indexer and the query tool alike. Prefixes follow Xapian/Omega conventions
// (xapian-omega/docs/termprefixes.rst): single capitals are the standard ones, `X…` are ours.
// Values of boolean terms are lower-case or Arabic, so no ':' separator is ever needed.
// docs/SCHEMA.md explains what each term set costs and why it is there.

#include <string_view>

#include <xapian.h>

namespace fahras::schema {

/// Bumped whenever the terms written for an article change: a database written with another
/// version must be rebuilt (the query tool refuses it with a clear message).
inline constexpr int version = 2;
/// Metadata key holding `version`.
inline constexpr std::string_view meta_version = "fahras.schema";

// ---- Terms ----------------------------------------------------------------------------
// Unprefixed: folded words of title and body, with positions (phrases, proximity).
/// Stemmed folded words of title and body, without positions (ranking; Xapian's `Z`).
inline constexpr std::string_view stem = "Z";
/// Exact (cleaned, unfolded) words, without positions: `=word`.
inline constexpr std::string_view exact = "XE";
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
//   100–109 incremental indexing, 110–119 ranking.
// Facets are stored with set_multi_values() (fahras/common/facet_values.hpp): a multi-valued
// facet takes a range of consecutive slots, one value each, so that Xapian's built-in
// ValueCountMatchSpy can count it, locally and on remote shards.

// ---- Entities (issue 4: docs/ENTITIES.md) ---------------------------------------------------
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
/// "latin", "aliases", "variants"}, written by the indexer for every entity it indexed.
inline constexpr std::string_view meta_entity_prefix = "fahras.entity.";

// ---- Document data ------------------------------------------------------------------------
// A JSON object with the fields a hit needs for display: "id", "title", "body", "date",
// "source", "url", "author", "category", "path" (and "line" for JSON Lines inputs), and
// "entities": [{"id", "type", "name", "latin", "count"}] (most salient first).

}  // namespace fahras::schema
