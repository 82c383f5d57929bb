// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/ner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "fahras/common/data_files.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/extract/ner_features.hpp"
#include "fahras/extract/ner_model.hpp"

namespace fahras {

namespace {

constexpr EntityType types[4] = {EntityType::person, EntityType::place, EntityType::organisation,
                                 EntityType::misc};

/// Texts up to this many tokens keep their first-pass features for the second pass (about 200
/// bytes a token: 10 MB here); longer ones compute them again, one sentence at a time.
constexpr std::size_t max_kept_feature_tokens = 50000;

/// Working memory of one tag() call; token indices are relative to the first token tagged.
struct Scratch {
    std::vector<ner::NerWord> words;      ///< one sentence
    std::vector<std::uint64_t> features;  ///< the sentences kept, token after token
    std::vector<std::size_t> offsets;     ///< per token: its first feature; one more at the end
    std::vector<std::size_t> sentences;   ///< first token of each sentence; the end last
    std::vector<float> emissions;         ///< per token × label
    std::vector<std::uint8_t> labels;     ///< per token
    std::vector<ner::DocToken> doc_tokens;
    std::vector<ner::DocContext> doc;
    std::vector<std::uint64_t> doc_features;
};

/// Adds the weights in `table` of the features [begin, end) to the emission row `e`.
void add_weights(const ner::FlatTable<ner::LabelWeights>& table, const std::uint64_t* begin,
                 const std::uint64_t* end, float* e) {
    for (const std::uint64_t* f = begin; f != end; ++f) {
        if (const auto* w = table.find(*f)) {
            for (std::size_t l = 0; l < ner::label_count; ++l) e[l] += (*w)[l];
        }
    }
}

/// Appends the mentions of `labels` (n tokens, the first being token `first` of the
/// caller's vector) with their confidence under `emissions` and `transitions`.
void append_spans(const ner::Transitions& transitions, const float* emissions,
                  const std::uint8_t* labels, std::size_t n, std::size_t first,
                  std::vector<NerSpan>& out) {
    constexpr std::size_t L = ner::label_count;
    // Score of label `l` at word `i` with its neighbours' labels as decoded.
    auto local = [&](std::size_t i, std::size_t l) {
        const std::size_t prev = i == 0 ? L : labels[i - 1];
        if (!ner::allowed(prev, l)) return -std::numeric_limits<float>::infinity();
        float v = emissions[i * L + l] + transitions[prev][l];
        if (i + 1 < n) {
            if (!ner::allowed(l, labels[i + 1])) return -std::numeric_limits<float>::infinity();
            v += transitions[l][labels[i + 1]];
        }
        return v;
    };
    for (const auto& span : ner::spans_of(std::vector<std::uint8_t>(labels, labels + n))) {
        // Confidence: the smallest margin, over the span's words, of the decoded label over
        // the best other label its neighbours allow, squashed to 0..1. Viterbi's choice is
        // never beaten by changing one label, so mentions score 0.5 or more.
        float margin = std::numeric_limits<float>::infinity();
        for (std::size_t i = span.first; i < span.last; ++i) {
            const std::size_t chosen = labels[i];
            float other = -std::numeric_limits<float>::infinity();
            for (std::size_t l = 0; l < L; ++l) {
                if (l != chosen) other = std::max(other, local(i, l));
            }
            margin = std::min(margin, local(i, chosen) - other);
        }
        const double confidence = std::isfinite(margin)
                                      ? 1.0 / (1.0 + std::exp(-static_cast<double>(margin) / 16.0))
                                      : 1.0;
        out.push_back({first + span.first, first + span.last, types[span.cls], confidence});
    }
}

/// Tags tokens[first, last), split into the sentences `s.sentences` (absolute token
/// indices), and appends the mentions to `out`. One pass: each sentence on its own. Two
/// passes: the first pass labels every sentence, aggregate_document() sums its labels up
/// over the whole text, and the second pass decodes again with those article-level
/// features added.
void tag_text(const ner::NerModel& model, bool two_pass, std::string_view text,
              const std::vector<Token>& tokens, Scratch& s, std::vector<NerSpan>& out) {
    constexpr std::size_t L = ner::label_count;
    const std::size_t first = s.sentences.front();
    const std::size_t n = s.sentences.back() - first;
    if (n == 0) return;
    // The features of a sentence are needed again by the second pass. For an article of
    // ordinary length they are kept; for a very long text (they take ~200 bytes a token)
    // each pass computes them one sentence at a time, so that memory follows the longest
    // sentence, not the text.
    const bool keep_features = two_pass && n <= max_kept_feature_tokens;
    // Fills s.features and s.offsets with the features of the sentence [a, b) (relative
    // token indices), after those of the sentences before it when they are kept.
    const auto sentence_features = [&](std::size_t a, std::size_t b) {
        ner::prepare_words(text, tokens, first + a, first + b, model.lexicon, s.words);
        if (!keep_features) {
            s.features.clear();
            s.offsets.assign(1, 0);
        }
        const std::size_t f0 = s.features.size();
        for (std::size_t i = 0; i < b - a; ++i) {
            ner::append_features(s.words, i, s.features);
            s.offsets.push_back(s.features.size());
        }
        return f0;
    };
    // Token i's features are s.features[s.offsets[i - base] .. s.offsets[i - base + 1]).
    const auto base = [&](std::size_t a) { return keep_features ? 0 : a; };
    s.features.clear();
    s.offsets.assign(1, 0);
    s.emissions.assign(n * L, 0.0F);
    s.labels.resize(n);
    if (two_pass) s.doc_tokens.resize(n);
    for (std::size_t k = 0; k + 1 < s.sentences.size(); ++k) {
        const std::size_t a = s.sentences[k] - first;
        const std::size_t b = s.sentences[k + 1] - first;
        if (a == b) continue;
        // All features of the sentence first, so that their table slots can be prefetched
        // and the cache misses of the lookups overlap.
        const std::size_t f0 = sentence_features(a, b);
        for (std::size_t f = f0; f < s.features.size(); ++f) model.weights.prefetch(s.features[f]);
        for (std::size_t i = a; i < b; ++i) {
            add_weights(model.weights, s.features.data() + s.offsets[i - base(a)],
                        s.features.data() + s.offsets[i - base(a) + 1], &s.emissions[i * L]);
        }
        ner::viterbi(&s.emissions[a * L], b - a, model.transitions, &s.labels[a]);
        if (!two_pass) {
            append_spans(model.transitions, &s.emissions[a * L], &s.labels[a], b - a, first + a,
                         out);
            continue;
        }
        for (std::size_t i = a; i < b; ++i) {
            const auto& w = s.words[i - a];
            s.doc_tokens[i] = {w.lex_stripped, s.labels[i],
                               i > a && s.words[i - a - 1].trigger == ner::Trigger::organisation};
        }
    }
    if (!two_pass) return;
    ner::aggregate_document(s.doc_tokens, s.doc);
    if (keep_features) {
        for (const std::uint64_t f : s.features) model.weights2.prefetch(f);
    }
    s.emissions.assign(n * L, 0.0F);
    for (std::size_t k = 0; k + 1 < s.sentences.size(); ++k) {
        const std::size_t a = s.sentences[k] - first;
        const std::size_t b = s.sentences[k + 1] - first;
        if (a == b) continue;
        if (!keep_features) {
            sentence_features(a, b);
            for (const std::uint64_t f : s.features) model.weights2.prefetch(f);
        }
        for (std::size_t i = a; i < b; ++i) {
            s.doc_features.clear();
            ner::append_doc_features(&s.doc[a], b - a, i - a, model.doc_templates, s.doc_features);
            float* e = &s.emissions[i * L];
            add_weights(model.weights2, s.features.data() + s.offsets[i - base(a)],
                        s.features.data() + s.offsets[i - base(a) + 1], e);
            add_weights(model.weights2, s.doc_features.data(),
                        s.doc_features.data() + s.doc_features.size(), e);
        }
        ner::viterbi(&s.emissions[a * L], b - a, model.transitions2, &s.labels[a]);
        append_spans(model.transitions2, &s.emissions[a * L], &s.labels[a], b - a, first + a, out);
    }
}

}  // namespace

std::string_view to_string(EntityType type) noexcept {
    switch (type) {
        case EntityType::person:
            return "person";
        case EntityType::place:
            return "place";
        case EntityType::organisation:
            return "organisation";
        case EntityType::misc:
            return "misc";
    }
    return "misc";
}

NerTagger::NerTagger(std::shared_ptr<const ner::NerModel> model) : m_model(std::move(model)) {
    if (!m_model) throw Error("NerTagger: no model");
    // Version 6 only added the second pass's templates: a one-pass model of version 5
    // computes the same first-pass features.
    const bool compatible = m_model->feature_version == ner::feature_version ||
                            (m_model->feature_version == 5 && !m_model->two_pass());
    if (!compatible) {
        throw Error("NER model has feature version " + std::to_string(m_model->feature_version) +
                    ", this build needs " + std::to_string(ner::feature_version) +
                    " (retrain with scripts/train-ner.sh)");
    }
}

NerTagger NerTagger::load(const std::filesystem::path& model) {
    return NerTagger(std::make_shared<const ner::NerModel>(ner::NerModel::load(model)));
}

const NerTagger& NerTagger::default_tagger() {
    static const NerTagger tagger = load(find_data_file("ner/model.bin.gz"));
    return tagger;
}

const NerTagger& NerTagger::default_first_pass_tagger() {
    static const NerTagger tagger = default_tagger().first_pass_only();
    return tagger;
}

NerTagger NerTagger::first_pass_only() const {
    NerTagger copy(*this);
    copy.m_first_pass_only = true;
    return copy;
}

bool NerTagger::two_pass() const noexcept {
    return m_model->two_pass() && !m_first_pass_only;
}

std::vector<NerSpan> NerTagger::tag(const std::vector<Token>& tokens) const {
    std::vector<NerSpan> out;
    Scratch scratch;
    scratch.sentences = {0, tokens.size()};
    tag_text(*m_model, two_pass(), {}, tokens, scratch, out);
    return out;
}

std::vector<NerSpan> NerTagger::tag(std::string_view text, const std::vector<Token>& tokens) const {
    std::vector<NerSpan> out;
    Scratch scratch;
    scratch.sentences.assign(1, 0);
    for (std::size_t k = 1; k <= tokens.size(); ++k) {
        bool end = k == tokens.size();
        if (!end) {
            const std::size_t from = tokens[k - 1].end;
            const std::size_t to = tokens[k].start;
            end = to > from && to <= text.size() &&
                  ner::classify_gap(text.substr(from, to - from)) == ner::Gap::stop;
        }
        if (end) scratch.sentences.push_back(k);
    }
    if (scratch.sentences.size() == 1) scratch.sentences.push_back(0);
    tag_text(*m_model, two_pass(), text, tokens, scratch, out);
    return out;
}

}  // namespace fahras
