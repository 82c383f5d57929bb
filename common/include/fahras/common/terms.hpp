// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builders of the boolean terms of schema.hpp, shared by the indexer (which writes them) and the
// query tool (which filters on them), so that both spell every term the same way.

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

}  // namespace fahras
