// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Training and evaluation of the NER tagger (used by fahras-ner-train and the tests; not
// part of the shipped library). See docs/NER.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/entities.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/extract/ner.hpp"
#include "fahras/extract/ner_features.hpp"
#include "fahras/extract/ner_model.hpp"

namespace fahras::ner {

/// A gold-labelled sentence as the tagger sees it: the text (CoNLL words joined by spaces),
/// the analyzer's tokens of that text and one label per token.
struct TrainSentence {
    std::string text;
    std::vector<Token> tokens;
    std::vector<std::uint8_t> labels;
    float weight = 1;  ///< size of the perceptron updates this sentence makes
    /// Cross-fitting fold: when >= 0, the sentence's features see `fold_lexicons[fold]`
    /// (see train()) instead of the model's lexicon.
    int fold = -1;
};

/// Builds a TrainSentence from CoNLL words and their labels. A word the analyzer splits
/// (or glues punctuation to, as in «(د») gives its label to its first token and the I-
/// label to the others; a word without tokens (punctuation) disappears.
[[nodiscard]] TrainSentence make_sentence(const std::vector<std::pair<std::string, Label>>& words);

/// Reads a CoNLL file (word TAB tag [TAB …], a blank line between sentences). Throws
/// InputError on an unknown tag or an unreadable file.
[[nodiscard]] std::vector<TrainSentence> read_conll(const std::filesystem::path& path);

/// Adds `phrase` (raw text, analysed and folded here) to the lexicon with `bits`.
void add_phrase(NerLexicon& lexicon, std::string_view phrase, std::uint16_t bits);

/// Adds the names and aliases of a gazetteer TSV (header `canonical_id type arabic_name
/// aliases english_name source`; type PER/LOC/ORG/MISC). Rows whose source says
/// `level=city` are skipped when `skip_cities` is set. Returns the number of rows used.
std::size_t add_gazetteer(NerLexicon& lexicon, const std::filesystem::path& tsv, bool skip_cities);

/// Adds the single words of column `arabic` of a TSV with a header (the name lists in
/// ../shared/data/names/) with `bits`; rows with a `count` column below `min_count` are
/// skipped. Returns the number of words added.
std::size_t add_word_list(NerLexicon& lexicon, const std::filesystem::path& tsv, std::uint16_t bits,
                          unsigned min_count);

/// Adds the gold mentions of `data` to the lexicon (their class bits), and every word of a
/// person mention as a name word (lex_name_word). Skips sentences of fold `except_fold`
/// (-1: none skipped).
void add_mentions(NerLexicon& lexicon, const std::vector<TrainSentence>& data, int except_fold);

/// Counts the folded Arabic words of the `title` and `body` of JSON Lines files (.jsonl or
/// .jsonl.gz) and marks words seen at least `frequent` times with lex_frequent, at least
/// `very_frequent` times with lex_very_frequent, and at least `common` times with both.
/// Returns the number of documents read.
std::size_t add_word_counts(NerLexicon& lexicon, const std::vector<std::filesystem::path>& files,
                            unsigned frequent, unsigned very_frequent, unsigned common);

/// Settings of add_word_clusters().
struct ClusterOptions {
    std::size_t words = 20000;   ///< the most frequent words get a class …
    unsigned min_count = 20;     ///< … if seen at least this often
    std::size_t contexts = 500;  ///< neighbour words counted (left and right apart)
    std::size_t fine = 256;      ///< fine classes (at most 511)
    std::size_t coarse = 32;     ///< coarse classes, clustered from the fine ones (at most 127)
    unsigned iterations = 12;    ///< k-means rounds
    std::uint64_t seed = 20261123;
    /// Word vectors to cluster instead of the neighbour counts: a fastText `.vec` text file
    /// (a header line "COUNT DIMENSION", then "WORD X1 … XD" per line, most frequent word
    /// first) learnt from the folded words that write_folded_words() prints. Its first
    /// `words` Arabic words are clustered; `min_count` and `contexts` do not apply.
    std::filesystem::path vectors;
};

/// Learns distributional word classes from unlabelled news (the title and body of JSON
/// Lines files): each frequent folded Arabic word is described by the counts of its left
/// and right neighbours among the `contexts` most frequent words, weighted by positive
/// pointwise mutual information; spherical k-means groups these vectors into `fine`
/// classes, and the class centroids into `coarse` ones. Fills lexicon.clusters and returns
/// the number of words clustered. Deterministic for a given seed.
std::size_t add_word_clusters(NerLexicon& lexicon, const std::vector<std::filesystem::path>& files,
                              const ClusterOptions& options, std::ostream* log);

/// Prints the tokens of the `title` and `body` of JSON Lines files as the tagger sees them
/// (folded forms, separated by spaces, one line per text): the training text of the word
/// vectors of ClusterOptions::vectors. Returns the number of documents read.
std::size_t write_folded_words(const std::vector<std::filesystem::path>& files, std::ostream& out);

/// Clears the class bits of single-word entries that `data` shows to be mostly common
/// words: labelled O at least `min_outside` times and at least four times as often as a
/// mention. Gazetteers hold such junk (أمس listed as a place); left in, it teaches the model
/// to distrust every list. Returns the number of entries cleared.
std::size_t filter_lexicon(NerLexicon& lexicon, const std::vector<TrainSentence>& data,
                           unsigned min_outside);

/// Training settings.
struct TrainOptions {
    unsigned epochs = 10;
    unsigned min_count = 2;         ///< features seen fewer times are dropped before training
    float prune = 0.0F;             ///< features whose averaged weights are all below this go
    std::uint64_t seed = 20261123;  ///< shuffling order; fixed for reproducible models
    /// Bagging over shuffling orders: train this many perceptrons on the same features,
    /// model k shuffled with seed + k, and keep the mean of their averaged weights (one
    /// table, so no run-time cost). 1 is a single perceptron.
    unsigned bags = 1;
};

/// Trains an averaged structured perceptron (first-order, Viterbi, BIO-constrained) on
/// `data` with the word lists of `lexicon`, which the model keeps. A sentence with a fold
/// number k >= 0 is featurised with `fold_lexicons[k]` instead: lists mined from the other
/// folds, so that training sees list coverage as imperfect as it will be on new text.
/// Progress goes to `log` when not null.
/// With `doc` (one DocContext per token of every sentence of `data`), each token also
/// gets the second pass's article-level features (append_doc_features) of the groups
/// `doc_templates`.
[[nodiscard]] NerModel train(const std::vector<TrainSentence>& data, NerLexicon lexicon,
                             const TrainOptions& options, std::ostream* log,
                             const std::vector<NerLexicon>& fold_lexicons = {},
                             const std::vector<std::vector<DocContext>>* doc = nullptr,
                             std::uint32_t doc_templates = doc_default);

/// Trains one pass as scripts/train-ner.sh does: when `folds` > 1 the mentions of `data`
/// join the lists, cross-fitted (sentence i sees lists mined from the folds other than
/// i % folds); the model keeps `lexicon` plus all of them. `doc`, `doc_templates` as in
/// train().
[[nodiscard]] NerModel train_with_mentions(
    std::vector<TrainSentence> data, const NerLexicon& lexicon, unsigned folds,
    const TrainOptions& options, std::ostream* log,
    const std::vector<std::vector<DocContext>>* doc = nullptr,
    std::uint32_t doc_templates = doc_default);

/// Settings of train_two_pass().
struct TwoPassOptions {
    unsigned jackknife = 5;   ///< first-pass labels of training data come from this many
                              ///< models, each trained without one contiguous part
    std::size_t window = 10;  ///< consecutive sentences aggregated as one text (ANERcorp
                              ///< has no article boundaries)
    std::uint32_t templates = doc_default;  ///< article-level template groups (DocTemplates)
};

/// The first pass's labels of every token of `data` (one vector per sentence), each part
/// tagged by a model trained without it (jackknife over `two.jackknife` contiguous parts,
/// so that neighbouring sentences of the same article are left out too). Each part's model is
/// trained with `options`, `bags` included.
[[nodiscard]] std::vector<std::vector<std::uint8_t>> jackknife_labels(
    const std::vector<TrainSentence>& data, const NerLexicon& lexicon, unsigned folds,
    const TrainOptions& options, const TwoPassOptions& two, std::ostream* log);

/// The article contexts of every token of `data`: windows of `window` consecutive sentences
/// aggregated (aggregate_document) from the first-pass `labels`; word types as `lexicon`
/// strips them.
[[nodiscard]] std::vector<std::vector<DocContext>> document_contexts(
    const std::vector<TrainSentence>& data, const std::vector<std::vector<std::uint8_t>>& labels,
    const NerLexicon& lexicon, std::size_t window);

/// Trains a two-pass model: the first pass as train_with_mentions(), the second on the same
/// data with article-level features from jackknifed first-pass labels. One model holds both.
/// `options.bags` applies to every perceptron trained here: the first pass, each jackknife
/// model and the second pass, so that the labels the second pass learns from are as good as
/// those the shipped (bagged) first pass gives at run time. With bags = 1 the model is the
/// unbagged two-pass model, bit for bit.
[[nodiscard]] NerModel train_two_pass(const std::vector<TrainSentence>& data,
                                      const NerLexicon& lexicon, unsigned folds,
                                      const TrainOptions& options, const TwoPassOptions& two,
                                      std::ostream* log);

/// Exact-span counts of one entity class, conlleval-style.
struct SpanCounts {
    std::size_t correct = 0, predicted = 0, gold = 0;
    [[nodiscard]] double precision() const noexcept;
    [[nodiscard]] double recall() const noexcept;
    [[nodiscard]] double f1() const noexcept;
};

/// Result of evaluate(): per class (person, place, organisation, misc) and micro over the
/// first three.
struct Evaluation {
    SpanCounts per_class[4];
    SpanCounts micro;  ///< over person, place, organisation
    std::size_t tokens = 0;
    double tag_seconds = 0;  ///< time spent in NerTagger::tag
};

/// Tags every sentence (through NerTagger::tag(text, tokens)) and compares exact spans.
/// When `dump` is given, writes every token as `word gold predicted`, a blank line between
/// sentences (for error analysis).
[[nodiscard]] Evaluation evaluate(const NerTagger& tagger, const std::vector<TrainSentence>& data,
                                  std::ostream* dump = nullptr);

/// Result of evaluate_extractor(): exact-span counts per class, micro, and how many of the
/// found mentions each source (gazetteer, variant, cue, tagger, coreference) gave and got right.
struct ExtractorEvaluation {
    Evaluation spans;  ///< per_class[3] (misc) stays empty: the extractor has no misc
    SpanCounts per_source[5];
};

/// Runs the whole extractor (gazetteer, spelling variants, cues, tagger spans, coreference,
/// as indexing does) over every sentence and compares its mentions' token spans and types
/// with the gold PERS/LOC/ORG mentions, exactly. An ambiguous mention (no id) counts as found.
/// `errors` (may be null): one line per wrong mention ("FP source TYPE text") and per missed
/// gold mention ("FN - TYPE text"), for reading the errors by hand.
[[nodiscard]] ExtractorEvaluation evaluate_extractor(const EntityExtractor& extractor,
                                                     const std::vector<TrainSentence>& data,
                                                     std::ostream* errors = nullptr);

/// Loads a gazetteer TSV into `gazetteer`, leaving out rows whose `source` column starts with
/// one of `exclude` (e.g. "ANERcorp": rows mined from the whole ANERcorp train split, held-out
/// part included). Returns the number of rows loaded.
std::size_t load_gazetteer_except(Gazetteer& gazetteer, const std::filesystem::path& tsv,
                                  const std::vector<std::string>& exclude);

/// Prints an ExtractorEvaluation (P/R/F1 per class and micro, then per source).
void print_extractor_evaluation(const ExtractorEvaluation& e, std::ostream& out);

/// Prints an Evaluation as a table (P/R/F1 per class, micro, tokens/s).
void print_evaluation(const Evaluation& e, std::ostream& out);

}  // namespace fahras::ner
