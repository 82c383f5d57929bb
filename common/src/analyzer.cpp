// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/analyzer.hpp"

#include "fahras/common/analyzer_steps.hpp"

#include "fahras/common/fold.hpp"
#include "fahras/common/normalize.hpp"
#include "fahras/common/stem.hpp"

namespace fahras {

namespace {

/// Stem of a folded word of the given kind: only Arabic words are stemmed.
std::string stem_of(const std::string& folded, TokenKind kind) {
    return kind == TokenKind::arabic ? stem_arabic(folded) : folded;
}

/// The pipeline; the stem step only `with_stems` (see analyze_unstemmed()).
void run(const AnalyzerOptions& options, std::string_view text, bool with_stems,
         const std::function<void(const Token&)>& sink) {
    std::uint32_t position = 0;
    Token token;
    tokenize(text, [&](const RawToken& raw) {
        std::string_view word = text.substr(raw.start, raw.end - raw.start);
        std::string cleaned;
        if (raw.kind == TokenKind::arabic && word.find('|') != std::string_view::npos) {
            // The tokenizer kept a stray U+007C VERTICAL LINE inside an Arabic word.
            std::string joined(word);
            std::erase(joined, '|');
            cleaned = clean(joined);
        } else {
            cleaned = clean(word);
        }
        // Compatibility ligatures can clean to several words (U+FDFA ARABIC LIGATURE SALLALLAHOU
        // ALAYHE WASALLAM): each part is a word of its own with the ligature's offsets.
        std::size_t begin = 0;
        while (begin < cleaned.size()) {
            std::size_t space = cleaned.find(' ', begin);
            if (space == std::string::npos) space = cleaned.size();
            if (space > begin && space - begin <= options.max_word_bytes) {
                token.start = raw.start;
                token.end = raw.end;
                token.position = position++;
                token.kind = raw.kind;
                token.exact.assign(cleaned, begin, space - begin);
                token.folded = fold(token.exact);
                if (with_stems) token.stem = stem_of(token.folded, raw.kind);
                sink(token);
            }
            begin = space + 1;
        }
    });
}

}  // namespace

void Analyzer::analyze(std::string_view text, const std::function<void(const Token&)>& sink) const {
    run(m_options, text, true, sink);
}

void analyze_unstemmed(const Analyzer& analyzer, std::string_view text,
                       const std::function<void(const Token&)>& sink) {
    run(analyzer.options(), text, false, sink);
}

std::string stem_token(const Token& token) { return stem_of(token.folded, token.kind); }

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> out;
    analyze(text, [&](const Token& t) { out.push_back(t); });
    return out;
}

std::string Analyzer::fold_word(std::string_view word) { return fold(clean(word)); }

std::string Analyzer::stem_word(std::string_view word) {
    std::string folded = fold_word(word);
    // A single word: stem it as Arabic when it has Arabic letters; stem_arabic() leaves
    // anything that is not purely Arabic letters alone.
    return stem_arabic(folded);
}

const Analyzer& default_analyzer() {
    static const Analyzer analyzer{AnalyzerOptions{}};
    return analyzer;
}

std::string_view to_string(TokenKind kind) noexcept {
    switch (kind) {
        case TokenKind::arabic: return "arabic";
        case TokenKind::latin: return "latin";
        case TokenKind::number: return "number";
        case TokenKind::other: return "other";
    }
    return "other";
}

}  // namespace fahras
