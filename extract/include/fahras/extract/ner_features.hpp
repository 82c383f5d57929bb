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
#include "fahras/extract/ner_model.hpp"

namespace fahras::ner {

/// Version of the templates below; stored in the model, bump it whenever a feature changes.
/// Version 6 added the article-level templates of the second pass (append_doc_features).
inline constexpr std::uint32_t feature_version = 6;

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

/// What the first pass said about one token of a text, for aggregate_document().
struct DocToken {
    std::uint64_t key = 0;           ///< the word type: NerWord::lex_stripped (clitic-free form)
    std::uint8_t label = 0;          ///< the first pass's label (Label)
    bool after_org_trigger = false;  ///< the previous word is an organisation trigger
};

/// Values of DocContext::major beyond the labels 1..8.
inline constexpr std::uint8_t doc_untagged = 9;  ///< the word occurs elsewhere, never tagged
inline constexpr std::uint8_t doc_alone = 10;    ///< the word occurs nowhere else in the text

/// What the rest of the text says about one token: the first pass's labels of the other
/// occurrences of its word type (never the token's own label, so that the second pass
/// learns how far the rest of the article agrees, not to echo the first pass).
struct DocContext {
    std::uint8_t major = doc_alone;  ///< most frequent non-O label elsewhere (ties: lowest
                                     ///< label), doc_untagged or doc_alone
    std::uint8_t cls = doc_alone;    ///< most frequent entity class elsewhere, plus one
                                     ///< (1 person … 4 misc; ties: lowest), or as above
    std::uint8_t share = 0;          ///< tagged share of the other occurrences: 0 none, 1 under
                                     ///< half, 2 half or more, 3 all
    bool org_after_trigger = false;  ///< elsewhere tagged as an organisation right after an
                                     ///< organisation trigger (نادي النصر … النصر)
    std::uint8_t self = 0;           ///< the token's own first-pass label
    friend bool operator==(const DocContext&, const DocContext&) = default;
};

/// Aggregates the first pass over a whole text (an article; in training a window of
/// consecutive sentences): out[i] describes tokens[i] from the other tokens of its type.
void aggregate_document(const std::vector<DocToken>& tokens, std::vector<DocContext>& out);

/// Groups of article-level templates (bits of NerModel::doc_templates): which parts of a
/// DocContext the second pass sees.
enum DocTemplates : std::uint32_t {
    doc_by_label = 1,     ///< majority label, × share, of the word and of its neighbours
    doc_by_class = 2,     ///< majority class, × share, of the word and of its neighbours
    doc_own_label = 4,    ///< the word's own first-pass label, alone and × the majority
    doc_org_trigger = 8,  ///< tagged as an organisation after a trigger elsewhere
};
/// The templates of the shipped configuration (docs/NER.md, experiments rows 31–34: the
/// word's own first-pass label made the second pass echo the first).
inline constexpr std::uint32_t doc_default = doc_by_label | doc_org_trigger;

/// Appends the second pass's article-level features of word `i` of a sentence whose
/// contexts are `doc` (doc[i] belongs to word i, n words), of the groups `templates`.
void append_doc_features(const DocContext* doc, std::size_t n, std::size_t i,
                         std::uint32_t templates, std::vector<std::uint64_t>& out);

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
    // feature version 6: article-level features of the second pass (append_doc_features)
    t_doc_major,
    t_doc_share,
    t_doc_org_trigger,
    t_doc_self,
    t_doc_self_major,
    t_doc_major_m1,
    t_doc_major_p1,
    t_doc_class,
    t_doc_class_share,
    t_doc_self_class,
    t_doc_class_m1,
    t_doc_class_p1,
};

}  // namespace fahras::ner
