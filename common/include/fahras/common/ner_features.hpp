// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Feature extraction of the NER tagger. Features are 64-bit hashes of (template, value):
// every word is hashed once (prepare_words), and each feature of a word is a cheap mix of a
// template number with one or two of those hashes, so tagging allocates no strings.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/ner_model.hpp"

namespace fahras::ner {

/// Version of the templates below; stored in the model, bump it whenever a feature changes.
inline constexpr std::uint32_t feature_version = 5;

/// 64-bit FNV-1a hash of `s`, never 0.
[[nodiscard]] std::uint64_t hash_bytes(std::string_view s) noexcept;

/// Hash of a folded word as the word lists key it: as hash_bytes(), but U+063A ARABIC
/// LETTER GHAIN counts as U+062C ARABIC LETTER JEEM, the two spellings of a foreign g
/// (البنتاغون/البنتاجون، شويغو/شويجو), so that either spelling finds a listed name.
[[nodiscard]] std::uint64_t lexicon_hash(std::string_view folded) noexcept;

/// Mixes two hashes into one (order matters), never 0.
[[nodiscard]] std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept;

/// Hash of a phrase given its first word's hash; extend it word by word with extend_phrase.
/// Word hashes are lexicon_hash() of the folded words (Token::folded).
[[nodiscard]] std::uint64_t start_phrase(std::uint64_t first_word) noexcept;
[[nodiscard]] std::uint64_t extend_phrase(std::uint64_t phrase, std::uint64_t word) noexcept;

/// What separates two words in the text (the bytes between them).
enum class Gap : std::uint8_t {
    start,    ///< no previous word in the sentence
    space,    ///< white space only
    comma,    ///< , or U+060C ARABIC COMMA
    stop,     ///< . ! ? U+061F ARABIC QUESTION MARK U+06D4 ARABIC FULL STOP; a line break
    quote,    ///< " « » “ ” '
    open,     ///< ( [ {
    close,    ///< ) ] }
    colon,    ///< : ; U+061B ARABIC SEMICOLON
    dash,     ///< - / – —
    other,    ///< anything else
    unknown,  ///< the text was not given
};

/// Classifies the bytes between two words; the first punctuation mark found decides,
/// except that a sentence end anywhere wins.
[[nodiscard]] Gap classify_gap(std::string_view between) noexcept;

/// A title, role or head noun that announces a name of some class.
enum class Trigger : std::uint8_t { none, person, place, organisation };

/// The trigger class of a folded word without clitics (الرئيس، وزير، مدينه، وكاله …).
[[nodiscard]] Trigger trigger_of(std::string_view folded) noexcept;

/// `folded` without a leading conjunction (و ف) and preposition (ب ل ك), kept only where
/// the remainder starts with the article ال (بالقاهره → القاهره, للجيش → الجيش) or is a
/// word of `lexicon` (وبوتين → بوتين when بوتين is listed). Otherwise `folded` unchanged,
/// so that وزير stays وزير.
[[nodiscard]] std::string strip_clitics(std::string_view folded, const NerLexicon& lexicon);

/// One word prepared for feature extraction.
struct NerWord {
    std::uint64_t form = 0;               ///< hash of the folded word
    std::uint64_t stripped = 0;           ///< hash of strip_clitics(folded)
    std::uint64_t stem = 0;               ///< hash of the analyzer's stem
    std::uint64_t lex_form = 0;           ///< lexicon_hash of the folded word
    std::uint64_t lex_stripped = 0;       ///< lexicon_hash of strip_clitics(folded)
    std::uint64_t prefix[3] = {0, 0, 0};  ///< hashes of its first 1, 2, 3 letters
    std::uint64_t suffix[3] = {0, 0, 0};  ///< hashes of its last 1, 2, 3 letters
    std::uint8_t shape = 0;               ///< token kind × length class
    std::uint8_t word_bits =
        0;  ///< lex_name_word / lex_foreign_word of the word or its stripped form
    std::uint8_t lex_begin = 0;   ///< classes (bit per class) of a listed phrase starting here
    std::uint8_t lex_inside = 0;  ///< classes of a listed phrase continuing here
    Trigger trigger = Trigger::none;
    Gap gap_before = Gap::start;
    std::uint16_t cluster = 0;           ///< NerLexicon::cluster of the folded word
    std::uint16_t cluster_stripped = 0;  ///< … of strip_clitics(folded)
};

/// Prepares tokens[first, last) as one sentence. `text` is the analysed text, or empty
/// when unknown (then every gap is Gap::unknown). Phrases of the lexicon are matched
/// greedily, longest first, with clitics stripped from their first word.
void prepare_words(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                   std::size_t last, const NerLexicon& lexicon, std::vector<NerWord>& out);

/// Appends the feature hashes of word `i` of a prepared sentence to `out`.
void append_features(const std::vector<NerWord>& words, std::size_t i,
                     std::vector<std::uint64_t>& out);

/// Feature hash of template `tmpl` and value hash `value` (exposed for tests).
[[nodiscard]] std::uint64_t feature(std::uint32_t tmpl, std::uint64_t value) noexcept;

/// Feature template numbers (part of feature_version).
enum Template : std::uint32_t {
    t_bias = 1,
    t_form,
    t_stripped,
    t_stem,
    t_form_m1,
    t_form_p1,
    t_form_m2,
    t_form_p2,
    t_stripped_m1,
    t_stripped_p1,
    t_bigram_m1,
    t_bigram_p1,
    t_prefix,
    t_suffix = t_prefix + 3,
    t_shape = t_suffix + 3,
    t_lex,
    t_lex_m1,
    t_lex_p1,
    t_bits,
    t_bits_m1,
    t_bits_p1,
    t_trigger_m1,
    t_trigger_m2,
    t_trigger,
    t_gap_before,
    t_gap_after,
    t_gaps,
    t_first,
    t_lex_trigger,
    t_stem_m1,
    t_stem_p1,
    t_shape_m1,
    t_shape_p1,
    t_lex_context,
    t_lex_bits,
    // feature version 5: distributional word clusters
    t_cluster,
    t_cluster_coarse,
    t_cluster_stripped,
    t_cluster_m1,
    t_cluster_p1,
    t_cluster_pair_m1,
    t_cluster_pair_p1,
    t_cluster_trigger,
};

}  // namespace fahras::ner
