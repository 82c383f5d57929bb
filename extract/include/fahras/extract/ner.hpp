// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// The kinds of named entity Fahras extracts.
enum class EntityType { person, place, organisation, misc };

/// "person", "place", "organisation" or "misc".
[[nodiscard]] std::string_view to_string(EntityType type) noexcept;

/// A mention found by the tagger, over the analyzer's tokens.
struct NerSpan {
    std::size_t first = 0;  ///< index of the first token (in the vector passed to tag())
    std::size_t last = 0;   ///< one past the last token
    EntityType type = EntityType::misc;
    /// 0.5..1, monotone in the tagger's score margin over the best one-label change (not a
    /// calibrated probability; below ~0.7 the tagger was close to saying otherwise)
    double confidence = 0;
};

namespace ner {
class NerModel;
}  // namespace ner

/// The statistical named-entity tagger: an averaged-perceptron BIO sequence model with
/// Viterbi decoding (see docs/NER.md). Finds names absent from every list; the gazetteer
/// matcher is a separate component. Everything it needs (weights, word lists) is in its
/// model file. Thread-safe: tag from several threads with one instance.
class NerTagger {
  public:
    /// Loads a model written by the trainer (`fahras-ner-train`). Throws Error when the file
    /// cannot be read or is not a Fahras NER model of a supported version.
    [[nodiscard]] static NerTagger load(const std::filesystem::path& model);

    /// The shipped model (`data/ner/model.bin.gz`, found by find_data_file()), loaded once
    /// on first use; thread-safe. Throws Error when it cannot be found or read.
    [[nodiscard]] static const NerTagger& default_tagger();

    /// The shipped model's first pass only (first_pass_only() of default_tagger()): what
    /// fahras-index and `fahras-query analyze` use unless asked for the article pass
    /// (`--ner-article-pass`), because the second pass costs as much again (docs/NER.md).
    [[nodiscard]] static const NerTagger& default_first_pass_tagger();

    /// This tagger without its model's second, article-level pass: every sentence tagged on
    /// its own, as by a one-pass model. The same tagger when the model has one pass.
    [[nodiscard]] NerTagger first_pass_only() const;

    /// True when tag() runs the model's second, article-level pass.
    [[nodiscard]] bool two_pass() const noexcept;

    /// Wraps a model built in memory (by the trainer or tests).
    explicit NerTagger(std::shared_ptr<const ner::NerModel> model);

    /// Mentions in `tokens` (as produced by Analyzer::analyze), in order, never overlapping.
    /// Without the text, punctuation between tokens is unknown and the whole vector is
    /// tagged as one sequence: prefer the overload below when the text is at hand.
    [[nodiscard]] std::vector<NerSpan> tag(const std::vector<Token>& tokens) const;

    /// As above, with `text` the string the tokens were analysed from: the punctuation
    /// between tokens becomes a feature and sentence ends (. ! ? ؟ and line breaks) split
    /// the sequence, as in training. With a two-pass model (NerModel::two_pass) the whole
    /// text is one article: how its other sentences were tagged at first informs each word
    /// (docs/NER.md, "Two passes"), so pass an article whole rather than sentence by sentence.
    [[nodiscard]] std::vector<NerSpan> tag(std::string_view text,
                                           const std::vector<Token>& tokens) const;

    /// The model behind this tagger.
    [[nodiscard]] const ner::NerModel& model() const noexcept { return *m_model; }

  private:
    std::shared_ptr<const ner::NerModel> m_model;
    bool m_first_pass_only = false;
};

}  // namespace fahras
