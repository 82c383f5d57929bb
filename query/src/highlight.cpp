// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/highlight.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/analyzer_steps.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// U+2026 HORIZONTAL ELLIPSIS, where the snippet leaves text out.
constexpr std::string_view omitted = "\u2026";

/// What a repeat of a wanted word adds to a passage, as a share of its weight, and how many
/// repeats count: a passage naming two wanted words beats one naming the same word thrice.
constexpr double repeat_share = 0.2;
constexpr int counted_repeats = 2;
/// What two different wanted words side by side (a phrase, a name) add, as a share of the
/// lighter one's weight.
constexpr double adjacent_share = 0.5;

constexpr std::size_t none = static_cast<std::size_t>(-1);

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Length of the UTF-8 sequence whose lead byte is `c` (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char c) noexcept {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

/// True when the code point ending just before `at` ends a sentence: . ! ? a line break,
/// U+061F ARABIC QUESTION MARK or U+06D4 ARABIC FULL STOP.
bool ends_sentence(std::string_view text, std::size_t at) noexcept {
    if (at == 0) return false;
    const char c = text[at - 1];
    if (c == '.' || c == '!' || c == '?' || c == '\n') return true;
    if (at < 2) return false;
    const std::string_view last = text.substr(at - 2, 2);
    return last == "\u061F" || last == "\u06D4";
}

/// Appends `text` to `snippet`, joining it to the last part when that is marked the same.
void append(Snippet& snippet, std::string_view text, bool highlighted) {
    if (text.empty()) return;
    if (!snippet.empty() && snippet.back().highlighted == highlighted) {
        snippet.back().text += text;
    } else {
        snippet.push_back({std::string(text), highlighted});
    }
}

/// Collapses each run of whitespace (line breaks between paragraphs, mostly) to one space
/// and trims both ends: a snippet is shown on one line. A space between two parts goes to the
/// unhighlighted side, so highlights never start or end with a space.
void collapse_spaces(Snippet& snippet) {
    Snippet out;
    bool pending_space = false;
    for (SnippetPart& part : snippet) {
        std::string text;
        text.reserve(part.text.size());
        for (const char c : part.text) {
            if (is_space(c)) {
                pending_space = !text.empty() || !out.empty();
                continue;
            }
            if (pending_space) {
                if (!text.empty() || !part.highlighted)
                    text += ' ';
                else if (!out.back().highlighted)
                    out.back().text += ' ';
                else
                    out.push_back({" ", false});
            }
            pending_space = false;
            text += c;
        }
        if (!text.empty()) out.push_back({std::move(text), part.highlighted});
    }
    snippet = std::move(out);
}

}  // namespace

/// A word of the text: its bytes, word position, and the wanted word it matches (or none).
struct Highlighter::Word {
    std::size_t start = 0;
    std::size_t end = 0;
    std::uint32_t position = 0;
    std::size_t wanted = none;
};

std::vector<HighlightTerm> weigh_highlight_terms(const Xapian::Query& highlight,
                                                 const Xapian::Database& db) {
    const double documents = db.get_doccount();
    std::unordered_map<std::string, double> stem_weights;
    const auto weight_of = [&](const std::string& stem_term) {
        if (const auto it = stem_weights.find(stem_term); it != stem_weights.end()) {
            return it->second;
        }
        const double df = db.get_termfreq(stem_term);
        return stem_weights.emplace(stem_term, std::log(1.0 + documents / (1.0 + df)))
            .first->second;
    };
    std::vector<HighlightTerm> out;
    for (auto it = highlight.get_unique_terms_begin(); it != highlight.get_unique_terms_end();
         ++it) {
        const std::string& term = *it;
        std::string stem_term(schema::stem);
        stem_term += term.starts_with(schema::stem) ? term.substr(schema::stem.size())
                                                    : Analyzer::stem_word(term);
        out.push_back({term, weight_of(stem_term)});
    }
    return out;
}

Xapian::Query expand_highlight_prefixes(const Xapian::Query& highlight,
                                        const std::vector<std::string>& starts,
                                        const Xapian::Database& db, std::size_t limit) {
    if (starts.empty()) return highlight;
    std::vector<std::pair<Xapian::doccount, std::string>> words;  // (frequency, word)
    for (const std::string& start : starts) {
        for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
            words.emplace_back(it.get_termfreq(), *it);
        }
    }
    const std::size_t kept = std::min(limit, words.size());
    std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(kept), words.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Xapian::Query> parts;
    if (!highlight.empty()) parts.push_back(highlight);
    for (std::size_t i = 0; i < kept; ++i) parts.emplace_back(words[i].second);
    if (parts.empty()) return highlight;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Highlighter::Highlighter(const std::vector<HighlightTerm>& terms) {
    // Each wanted word is known by its stem; its folded form leads to the same word.
    const auto word_of = [&](const std::string& stem, double weight) {
        auto [it, added] = m_stems.emplace(stem, m_weights.size());
        if (added) {
            m_weights.push_back(weight);
            m_stem_list.push_back(stem);
        } else {
            m_weights[it->second] = std::max(m_weights[it->second], weight);
        }
        return it->second;
    };
    for (const HighlightTerm& t : terms) {
        if (t.term.starts_with(schema::stem)) {
            word_of(t.term.substr(schema::stem.size()), t.weight);
        }
    }
    for (const HighlightTerm& t : terms) {
        if (t.term.empty() || t.term.starts_with(schema::stem)) continue;
        m_folded.emplace(t.term, word_of(Analyzer::stem_word(t.term), t.weight));
    }
    // Longer stems first: they rule a word out sooner in the substring test.
    std::sort(m_stem_list.begin(), m_stem_list.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Highlighter::find_words(std::string_view text, std::vector<Word>& words,
                             std::vector<std::size_t>& matches) const {
    // Every word, and which wanted word each matches. A body word is stemmed only when its
    // folded form holds a wanted stem: the stem is a substring of the folded form, so the
    // others cannot match one.
    // The clean and fold steps of the words seen before, per thread (a Searcher is used from
    // one thread): most of the words of a body were seen in earlier bodies.
    thread_local FoldCache fold_cache;
    analyze_unstemmed(default_analyzer(), text, &fold_cache, [&](const Token& t) {
        // A ligature that cleans to several words gives tokens with the same bytes: one word.
        if (!words.empty() && words.back().start == t.start) return;
        Word word{t.start, t.end, t.position, none};
        if (const auto it = m_folded.find(t.folded); it != m_folded.end()) {
            word.wanted = it->second;
        } else {
            const bool may_match = std::any_of(
                m_stem_list.begin(), m_stem_list.end(),
                [&](const std::string& s) { return t.folded.find(s) != std::string::npos; });
            if (may_match) {
                if (const auto s = m_stems.find(stem_token(t)); s != m_stems.end()) {
                    word.wanted = s->second;
                }
            }
        }
        if (word.wanted != none) matches.push_back(words.size());
        words.push_back(word);
    });
}

std::vector<std::pair<std::size_t, std::size_t>> Highlighter::marks(std::string_view text) const {
    std::vector<Word> words;
    std::vector<std::size_t> matches;
    find_words(text, words, matches);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    out.reserve(matches.size());
    for (const std::size_t m : matches) out.emplace_back(words[m].start, words[m].end);
    return out;
}

Snippet Highlighter::snippet(std::string_view text, std::size_t bytes) const {
    std::vector<Word> words;
    std::vector<std::size_t> matches;  // indexes into `words`
    find_words(text, words, matches);
    if (matches.empty()) return lead_snippet(text, bytes);

    // The best span from a marked word to a marked word within `bytes`.
    std::vector<int> seen(m_weights.size());
    double best = -1;
    std::size_t best_first = 0;
    std::size_t best_last = 0;
    for (std::size_t i = 0; i < matches.size(); ++i) {
        std::fill(seen.begin(), seen.end(), 0);
        double score = 0;
        const Word& first = words[matches[i]];
        for (std::size_t j = i; j < matches.size(); ++j) {
            const Word& w = words[matches[j]];
            if (j > i && w.end - first.start > bytes) break;
            const double weight = m_weights[w.wanted];
            if (seen[w.wanted] == 0)
                score += weight;
            else if (seen[w.wanted] <= counted_repeats)
                score += repeat_share * weight;
            ++seen[w.wanted];
            if (j > i) {
                const Word& before = words[matches[j - 1]];
                if (before.position + 1 == w.position && before.wanted != w.wanted) {
                    score += adjacent_share * std::min(weight, m_weights[before.wanted]);
                }
            }
            if (score > best) {
                best = score;
                best_first = i;
                best_last = j;
            }
        }
    }
    const std::size_t span_start = words[matches[best_first]].start;
    const std::size_t span_end = words[matches[best_last]].end;

    // Widen it to about `bytes`: from the start of the text when the span fits there, else
    // from a little before its first word, at a sentence start when one is near.
    const auto first_word_from = [&](std::size_t at) {  // start of the first word at or after
        const auto it = std::lower_bound(words.begin(), words.end(), at,
                                         [](const Word& w, std::size_t a) { return w.start < a; });
        return it == words.end() ? span_start : std::min(it->start, span_start);
    };
    std::size_t start = 0;
    if (span_end > bytes) {
        const std::size_t spare = bytes - std::min(bytes, span_end - span_start);
        start = first_word_from(span_start - std::min(span_start, spare / 4));
        for (std::size_t at = span_start - std::min(span_start, spare / 2); at < span_start; ++at) {
            if (ends_sentence(text, at)) {
                start = first_word_from(at);
                break;
            }
        }
    }
    std::size_t end = text.size();
    if (start + bytes < text.size()) {
        // The end of the last word that fits, and the punctuation right after it.
        const std::size_t limit = start + bytes;
        end = span_end;
        for (const Word& w : words) {
            if (w.start >= span_end && w.end <= limit) end = w.end;
        }
        while (end < limit && !is_space(text[end])) {
            const std::size_t n = sequence_length(static_cast<unsigned char>(text[end]));
            const auto next =
                std::lower_bound(words.begin(), words.end(), end,
                                 [](const Word& w, std::size_t a) { return w.start < a; });
            if (end + n > limit || (next != words.end() && next->start == end)) break;
            end += n;
        }
    } else if (start > 0) {
        // The text ends within reach: use the room left before the span.
        start = first_word_from(text.size() - std::min(text.size(), bytes));
    }

    Snippet out;
    if (start > 0) append(out, omitted, false);
    std::size_t at = start;
    for (const std::size_t m : matches) {
        const Word& w = words[m];
        if (w.start < start || w.end > end) continue;
        append(out, text.substr(at, w.start - at), false);
        append(out, text.substr(w.start, w.end - w.start), true);
        at = w.end;
    }
    append(out, text.substr(at, end - at), false);
    const bool cut = text.find_first_not_of(" \t\n\r\f\v", end) != std::string_view::npos;
    if (cut) append(out, omitted, false);
    collapse_spaces(out);
    return out;
}

Snippet lead_snippet(std::string_view text, std::size_t bytes) {
    Snippet snippet{{std::string(text), false}};
    collapse_spaces(snippet);
    if (snippet.empty()) return snippet;
    std::string& lead = snippet.front().text;
    if (lead.size() <= bytes) return snippet;
    std::size_t cut = lead.rfind(' ', bytes);
    if (cut == std::string::npos || cut == 0) {
        cut = bytes;  // one long word: cut at a code point boundary
        while (cut > 0 && (static_cast<unsigned char>(lead[cut]) & 0xC0) == 0x80) --cut;
    }
    lead.resize(cut);
    lead += omitted;
    return snippet;
}

}  // namespace fahras
