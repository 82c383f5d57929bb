// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// Remembers what the clean and fold steps (and, `with_stems`, the stem step) made of raw
/// words (the most costly steps: clean() normalises with ICU): the words of article bodies
/// recur within an article, across articles and across the hits of many queries. Holds at
/// most `max_words` words, then starts afresh (a few MB). Not thread-safe: one per thread
/// (a Searcher owns one; Analyzer::analyze() keeps one per thread).
class FoldCache {
  public:
    static constexpr std::size_t max_words = 50000;

    /// `with_stems`: Part::stem is filled in too (what analyze() puts in Token::stem).
    explicit FoldCache(bool with_stems = false) : m_with_stems(with_stems) {}

    /// One word that a raw word cleans to, its folded form and, `with_stems`, its stem
    /// (empty otherwise).
    struct Part {
        std::string exact;
        std::string folded;
        std::string stem;
    };

    /// The parts of the raw word `word` of the given kind, computed on first sight.
    const std::vector<Part>& parts(std::string_view word, TokenKind kind);

  private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    using Map = std::unordered_map<std::string, std::vector<Part>, Hash, std::equal_to<>>;
    /// One map per TokenKind: the kind decides the stem (only Arabic words are stemmed) and
    /// the clean step (a U+007C VERTICAL LINE is dropped only inside Arabic words).
    std::array<Map, 4> m_words;
    std::size_t m_size = 0;
    bool m_with_stems;
};

/// Analyzer::analyze() without its last step: the same tokens, positions, exact and folded
/// forms, with Token::stem left empty. For callers that need the stems of only a few words
/// (the snippet highlighter stems a body word only when it could match a query stem) and get
/// them with stem_token(). The same code as analyze() runs (analyzer.cpp), so the two cannot
/// drift apart; with a `cache` (may be null) the clean and fold steps of a word seen before
/// are looked up instead of run again.
void analyze_unstemmed(const Analyzer& analyzer, std::string_view text, FoldCache* cache,
                       const std::function<void(const Token&)>& sink);

/// The last step of the pipeline for one token of analyze_unstemmed(): what analyze() puts in
/// Token::stem. Always a substring of Token::folded (the stemmer only removes affixes).
[[nodiscard]] std::string stem_token(const Token& token);

}  // namespace fahras
