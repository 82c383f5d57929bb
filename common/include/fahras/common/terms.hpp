// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builders of the boolean terms of schema.hpp, shared by the indexer (which writes them) and the
// query tool (which filters on them), so that both spell every term the same way: each term
// set is spelled by one function here (tests/test_schema_terms.cpp builds on the index side
// and filters on the query side).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/// `text` with leading and trailing ASCII whitespace removed and every inner run of it (tabs
/// and line breaks included) turned into one space. Bytes are otherwise kept as they are.
[[nodiscard]] std::string collapse_spaces(std::string_view text);

/// The normalised value of a filter field: clean()ed (NFKC, case-folded, marks dropped),
/// whitespace trimmed and collapsed to single spaces. "  Sky News " → "sky news".
[[nodiscard]] std::string filter_value(std::string_view value);

/// `prefix` + filter_value(value), shortened with a hash suffix when it would exceed Xapian's
/// term length limit. Empty when the value is empty.
[[nodiscard]] std::string boolean_term(std::string_view prefix, std::string_view value);

/// The unique-id term of an article: `Q` + id (ids are kept as given, case included; long
/// ids are shortened with a hash suffix).
[[nodiscard]] std::string id_term(std::string_view article_id);

/// The sample term of level `level` (1 … schema::sample_levels): `XSMP3` marks 1 in 8 articles.
[[nodiscard]] std::string sample_term(unsigned level);

/// The sample terms an article with this id carries (levels 1 … k of its hash; none for half
/// of the articles). Depends on the id only, so re-indexing keeps an article's samples.
[[nodiscard]] std::vector<std::string> sample_terms(std::string_view article_id);

/// `source:` filter term.
[[nodiscard]] std::string source_term(std::string_view source);

/// `category:` filter term.
[[nodiscard]] std::string category_term(std::string_view category);

/// The `agency:` filter term of an agency code: `XAG` + the code lower-cased
/// (agencies.hpp maps what a user types to a code).
[[nodiscard]] std::string agency_term(std::string_view code);

/// The term of an entity: its type's prefix (`XPER`, `XPLACE`, `XORG`) + canonical id. Empty for
/// an empty id or one too long for a term (over 200 bytes). entities.hpp's entity_term() picks
/// the prefix of an EntityKind.
[[nodiscard]] std::string entity_id_term(std::string_view prefix, std::string_view id);

/// The story key of a root article id: 16 lower-case hex digits of stable_hash(id), the value
/// of schema::slot_story.
[[nodiscard]] std::string story_key(std::string_view root_article_id);

/// The story term of a story key: `XSTORY` + key.
[[nodiscard]] std::string story_term(std::string_view key);

/// The `XSH` term of one sampled shingle hash: prefix + 8 lower-case hex digits.
[[nodiscard]] std::string shingle_term(std::uint32_t hash);

/// The value of a date term (`Y`/`M`/`D`, `XMY`/`XMM`/`XMD`, `XHY`/`XHM`) and of
/// schema::slot_date: the digits of an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD"
/// (dates::to_iso at the term's precision), "2015-09-18" → "20150918".
[[nodiscard]] std::string date_value(std::string_view iso);

/// A date term: `prefix` + date_value(iso), "M" and "2015-09" → "M201509".
[[nodiscard]] std::string date_term(std::string_view prefix, std::string_view iso);

}  // namespace fahras
