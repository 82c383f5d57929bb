// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace fahras {

/// A stretch of snippet text, plain (not HTML-escaped), highlighted or not. Each output format
/// escapes and marks it its own way.
struct SnippetPart {
    std::string text;          ///< UTF-8, not escaped
    bool highlighted = false;  ///< a word that matched the query

    friend bool operator==(const SnippetPart&, const SnippetPart&) = default;
};

/// A snippet: the best passage of the article body, split where highlighting starts and ends.
using Snippet = std::vector<SnippetPart>;

/// A term of a highlight query (ParsedQuery::highlight): `Z` + the stem of a wanted word, or
/// its folded form, and what a passage gains by holding a word that matches it.
struct HighlightTerm {
    std::string term;
    double weight = 1.0;
};

/// The terms of `highlight` weighted by their rarity in `db`: log(1 + N / (1 + df)) with df
/// the document frequency of the word's `Z` stem term (a folded form takes its stem's). One
/// term-frequency lookup per wanted word and query, none per word of a body.
[[nodiscard]] std::vector<HighlightTerm> weigh_highlight_terms(const Xapian::Query& highlight,
                                                               const Xapian::Database& db);

/// `highlight` with, OR'ed in, the words of `db` (folded terms) that start with one of
/// `starts` (ParsedQuery::highlight_prefixes: the words a prefix search matched), the `limit`
/// most frequent of them: a word list, not a pattern, is what Highlighter marks.
[[nodiscard]] Xapian::Query expand_highlight_prefixes(const Xapian::Query& highlight,
                                                      const std::vector<std::string>& starts,
                                                      const Xapian::Database& db,
                                                      std::size_t limit = 200);

/// Picks and marks the passage of a text that best matches a query. Words are found with the
/// one analysis pipeline of the index (default_analyzer(): tokenize, clean, fold, stem), so a
/// body word is marked exactly when its folded form or its stem is one the query wants: the
/// clitic forms, spelling variants and inflections that the search itself matched.
///
/// The passage: the span of at most `bytes` UTF-8 bytes, from a marked word to a marked word,
/// that holds the most weight of distinct wanted words (a repeat adds a fifth of its weight,
/// twice at most; two different wanted words side by side, as in a phrase, add half the
/// lighter one's weight); the earliest such span on a tie. It is then widened to about
/// `bytes` with the text around it, starting at the beginning of the text when it fits
/// there, else a little before the first marked word (at a sentence start when one is near),
/// and cut at word ends; U+2026 HORIZONTAL ELLIPSIS marks text left out at either end. A text
/// where nothing matches gets its opening (lead_snippet()). Whitespace runs become one space.
///
/// Unlike Xapian's MSet::snippet(), no statistics are looked up per word of the text.
class Highlighter {
  public:
    explicit Highlighter(const std::vector<HighlightTerm>& terms);

    /// True when there is nothing to mark.
    [[nodiscard]] bool empty() const noexcept { return m_weights.empty(); }

    /// The best passage of `text`, about `bytes` long (see the class comment).
    [[nodiscard]] Snippet snippet(std::string_view text, std::size_t bytes) const;

    /// Every word of `text` that the snippet would mark, as [start, end) UTF-8 byte offsets
    /// in text order: the whole-word highlights of a full article (the article view).
    [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> marks(
        std::string_view text) const;

  private:
    struct Word;
    /// The words of `text` and the indexes of those that match a wanted word.
    void find_words(std::string_view text, std::vector<Word>& words,
                    std::vector<std::size_t>& matches) const;

    /// Wanted words: folded forms and stems (without `Z`), each to the index of its word.
    std::unordered_map<std::string, std::size_t> m_folded;
    std::unordered_map<std::string, std::size_t> m_stems;
    /// The keys of m_stems: a body word is stemmed only when its folded form contains one.
    std::vector<std::string> m_stem_list;
    /// Weight of each wanted word.
    std::vector<double> m_weights;
};

/// The opening of `text`, about `bytes` long, cut after a whole word, with U+2026 when text
/// was left out: the snippet of a query with nothing to highlight (only filters, only
/// exclusions) and of a text where no wanted word occurs.
[[nodiscard]] Snippet lead_snippet(std::string_view text, std::size_t bytes);

}  // namespace fahras
