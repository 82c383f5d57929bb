// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/analyzer.hpp"

#include "fahras/common/analyzer_steps.hpp"

#include "fahras/common/clean.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/stem.hpp"

namespace fahras {

namespace {

/// Stem of a folded word of the given kind: only Arabic words are stemmed.
std::string stem_of(const std::string& folded, TokenKind kind) {
    return kind == TokenKind::arabic ? stem_arabic(folded) : folded;
}

/// The clean step of one raw word, cut into its parts: compatibility ligatures can clean to
/// several words (U+FDFA ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM), each a word of its own
/// with the ligature's offsets. Calls `part` with each non-empty part.
template <class Part>
void clean_parts(std::string_view word, TokenKind kind, Part&& part) {
    std::string cleaned;
    if (kind == TokenKind::arabic && word.find('|') != std::string_view::npos) {
        // The tokenizer kept a stray U+007C VERTICAL LINE inside an Arabic word.
        std::string joined(word);
        std::erase(joined, '|');
        cleaned = clean(joined);
    } else {
        cleaned = clean(word);
    }
    std::size_t begin = 0;
    while (begin < cleaned.size()) {
        std::size_t space = cleaned.find(' ', begin);
        if (space == std::string::npos) space = cleaned.size();
        if (space > begin) part(std::string_view(cleaned).substr(begin, space - begin));
        begin = space + 1;
    }
}

/// The pipeline; the stem step only `with_stems` (see analyze_unstemmed()); the clean and
/// fold steps (and the stem step `with_stems`, which needs a cache made `with_stems`) through
/// `cache` when there is one.
void run(const AnalyzerOptions& options, std::string_view text, bool with_stems, FoldCache* cache,
         const std::function<void(const Token&)>& sink) {
    std::uint32_t position = 0;
    Token token;
    tokenize(text, [&](const RawToken& raw) {
        const std::string_view word = text.substr(raw.start, raw.end - raw.start);
        const auto emit = [&](std::string_view exact, const FoldCache::Part* known) {
            if (exact.size() > options.max_word_bytes) return;
            token.start = raw.start;
            token.end = raw.end;
            token.position = position++;
            token.kind = raw.kind;
            token.exact.assign(exact);
            if (known != nullptr) {
                token.folded.assign(known->folded);
                if (with_stems) token.stem.assign(known->stem);
            } else {
                token.folded = fold(token.exact);
                if (with_stems) token.stem = stem_of(token.folded, raw.kind);
            }
            sink(token);
        };
        if (cache != nullptr) {
            for (const FoldCache::Part& part : cache->parts(word, raw.kind)) {
                emit(part.exact, &part);
            }
        } else {
            clean_parts(word, raw.kind, [&](std::string_view exact) { emit(exact, nullptr); });
        }
    });
}

}  // namespace

const std::vector<FoldCache::Part>& FoldCache::parts(std::string_view word, TokenKind kind) {
    Map& words = m_words[static_cast<std::size_t>(kind)];
    if (const auto it = words.find(word); it != words.end()) return it->second;
    if (m_size >= max_words) {
        for (Map& m : m_words) m.clear();
        m_size = 0;
    }
    std::vector<Part> parts;
    clean_parts(word, kind, [&](std::string_view exact) {
        Part part{std::string(exact), fold(exact), {}};
        if (m_with_stems) part.stem = stem_of(part.folded, kind);
        parts.push_back(std::move(part));
    });
    ++m_size;
    return words.emplace(std::string(word), std::move(parts)).first->second;
}

void Analyzer::analyze(std::string_view text, const std::function<void(const Token&)>& sink) const {
    // Each thread remembers the words it analysed: article text repeats its words, and the
    // clean step (ICU normalisation) and the stemmer cost far more than a lookup.
    // A sink that analyses text itself runs without the cache: the cache may start afresh
    // while the outer call still reads one of its words.
    thread_local FoldCache cache(true);
    thread_local bool busy = false;
    if (busy) {
        run(m_options, text, true, nullptr, sink);
        return;
    }
    busy = true;
    try {
        run(m_options, text, true, &cache, sink);
    } catch (...) {
        busy = false;
        throw;
    }
    busy = false;
}

void analyze_unstemmed(const Analyzer& analyzer, std::string_view text, FoldCache* cache,
                       const std::function<void(const Token&)>& sink) {
    run(analyzer.options(), text, false, cache, sink);
}

std::string stem_token(const Token& token) {
    return stem_of(token.folded, token.kind);
}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> out;
    analyze(text, [&](const Token& t) { out.push_back(t); });
    return out;
}

std::string Analyzer::fold_word(std::string_view word) {
    return fold(clean(word));
}

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
        case TokenKind::arabic:
            return "arabic";
        case TokenKind::latin:
            return "latin";
        case TokenKind::number:
            return "number";
        case TokenKind::other:
            return "other";
    }
    return "other";
}

}  // namespace fahras
