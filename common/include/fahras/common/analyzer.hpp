// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/tokenize.hpp"

namespace fahras {

/// One word as the whole pipeline sees it.
struct Token {
    std::size_t start = 0;       ///< UTF-8 byte offset of the word in the analysed text
    std::size_t end = 0;         ///< one past its last byte
    std::uint32_t position = 0;  ///< 0-based word position (words dropped as empty don't count)
    TokenKind kind = TokenKind::other;
    std::string exact;   ///< cleaned form (step 1): what `=word` matches
    std::string folded;  ///< folded form (step 3): positional terms, phrases
    std::string stem;    ///< stemmed folded form (step 4): ranking terms
};

/// Settings of the pipeline. Index and query time must use the same ones: they are fixed
/// per database (see schema.hpp) and not exposed as per-run options.
struct AnalyzerOptions {
    /// Longest term kept, in bytes; longer words (URLs, base64 runs) are skipped because
    /// Xapian's glass backend refuses terms over 245 bytes.
    std::size_t max_word_bytes = 64;
};

/// The one analysis pipeline: tokenize → clean → fold → stem. Built by make_analyzer(), used
/// by the indexer, the query parser, the snippet highlighter and `fahras-query analyze`.
/// Thread-safe: analyse from several threads with one instance.
class Analyzer {
  public:
    explicit Analyzer(AnalyzerOptions options = {}) : m_options(options) {}

    /// Calls `sink` for every word of `text`, in order.
    void analyze(std::string_view text, const std::function<void(const Token&)>& sink) const;

    /// All words of `text`.
    [[nodiscard]] std::vector<Token> analyze(std::string_view text) const;

    /// The folded form of a single word (clean + fold), e.g. for filter values.
    [[nodiscard]] static std::string fold_word(std::string_view word);

    /// The stem of a single word (clean + fold + stem), as analyze() stems it: for a word
    /// that arrives alone, such as a highlight term (query/src/highlight.cpp).
    [[nodiscard]] static std::string stem_word(std::string_view word);

    [[nodiscard]] const AnalyzerOptions& options() const noexcept { return m_options; }

  private:
    AnalyzerOptions m_options;
};

/// The pipeline factory both tools call.
[[nodiscard]] const Analyzer& default_analyzer();

/// Name of a TokenKind for output ("arabic", "latin", "number", "other").
[[nodiscard]] std::string_view to_string(TokenKind kind) noexcept;

}  // namespace fahras
