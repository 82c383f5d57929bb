// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The exact-form terms behind `=word` (schema.hpp: `XE`, `XV`), written by the indexer and
// read by the query parser and the ranking, so that both sides agree on one encoding.
//
// Since schema version 6 an article writes `XE` + exact form only for the forms that differ
// from their folded form (`مسؤول` → `XEمسؤول`, folded `مسءول`). A word whose exact form equals
// its folded form (most words: `وزير`, `reuters`) is already in the unprefixed folded term, so
// it gets no `XE` term. To keep `=word` exact for such a word, an article where a folded word
// occurs *only* in other spellings writes `XV` + folded word ("variants only"): `=w` with
// exact w == folded w is then `w AND_NOT XVw`. Before version 6 every word wrote its `XE` term,
// and 68 % of the `XE` postings repeated the folded term (docs/PERFORMANCE.md).

#include <functional>
#include <map>
#include <string>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// Collects the exact forms of one article's words and writes their terms. Feed every token
/// of every field with add(), after the token's unprefixed folded posting was added to the
/// same document; then call finish() once. Not thread-safe; one per article.
class ExactFormTerms {
  public:
    /// Writes `XE` + the exact form (wdf + 1) when it differs from the folded form, and
    /// counts the occurrences of the folded word in such spellings.
    void add(const Token& token, Xapian::Document& doc);

    /// Writes `XV` + w (wdf 0) for every folded word w that occurred only in spellings other
    /// than w itself: the folded term's wdf (one per occurrence) is then no more than the
    /// count of other spellings. Clears the collected state.
    void finish(Xapian::Document& doc);

  private:
    /// Folded words seen in a spelling other than their own, with their number of such
    /// occurrences. Sorted, so that finish() reads the document's terms in one pass. Only
    /// these words are remembered (a few dozen per article), not every word.
    std::map<std::string, Xapian::termcount, std::less<>> m_variant;
    std::string m_term;
};

/// The query matching the articles that contain `token`'s exact (cleaned, unfolded) form:
/// `XE` + exact when it differs from the folded form, else `folded AND_NOT XV` + folded.
/// Either way the weight comes from one term's statistics (the `XE` or the folded term).
[[nodiscard]] Xapian::Query exact_form_query(const Token& token);

}  // namespace fahras
