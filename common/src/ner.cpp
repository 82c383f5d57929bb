// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/ner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "fahras/common/data_files.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/ner_features.hpp"
#include "fahras/common/ner_model.hpp"

namespace fahras {

namespace {

constexpr EntityType types[4] = {EntityType::person, EntityType::place,
                                 EntityType::organisation, EntityType::misc};

/// Working memory of one tag() call.
struct Scratch {
    std::vector<ner::NerWord> words;
    std::vector<std::uint64_t> features;
    std::vector<std::size_t> offsets;
    std::vector<float> emissions;
    std::vector<std::uint8_t> labels;
};

/// Tags tokens[first, last) as one sentence and appends its mentions to `out`.
void tag_sentence(const ner::NerModel& model, std::string_view text,
                  const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                  Scratch& s, std::vector<NerSpan>& out) {
    constexpr std::size_t L = ner::label_count;
    const std::size_t n = last - first;
    if (n == 0) return;
    ner::prepare_words(text, tokens, first, last, model.lexicon, s.words);
    // All features of the sentence first, so that their table slots can be prefetched and
    // the cache misses of the lookups overlap.
    s.features.clear();
    s.offsets.assign(1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        ner::append_features(s.words, i, s.features);
        s.offsets.push_back(s.features.size());
    }
    for (const std::uint64_t f : s.features) model.weights.prefetch(f);
    s.emissions.assign(n * L, 0.0F);
    for (std::size_t i = 0; i < n; ++i) {
        float* e = &s.emissions[i * L];
        for (std::size_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) {
            if (const auto* w = model.weights.find(s.features[k])) {
                for (std::size_t l = 0; l < L; ++l) e[l] += (*w)[l];
            }
        }
    }
    s.labels.resize(n);
    ner::viterbi(s.emissions.data(), n, model.transitions, s.labels.data());
    // Score of label `l` at word `i` with its neighbours' labels as decoded.
    auto local = [&](std::size_t i, std::size_t l) {
        const std::size_t prev = i == 0 ? L : s.labels[i - 1];
        if (!ner::allowed(prev, l)) return -std::numeric_limits<float>::infinity();
        float v = s.emissions[i * L + l] + model.transitions[prev][l];
        if (i + 1 < n) {
            if (!ner::allowed(l, s.labels[i + 1])) return -std::numeric_limits<float>::infinity();
            v += model.transitions[l][s.labels[i + 1]];
        }
        return v;
    };
    for (const auto& span : ner::spans_of(s.labels)) {
        // Confidence: the smallest margin, over the span's words, of the decoded label over
        // the best other label its neighbours allow, squashed to 0..1. Viterbi's choice is
        // never beaten by changing one label, so mentions score 0.5 or more.
        float margin = std::numeric_limits<float>::infinity();
        for (std::size_t i = span.first; i < span.last; ++i) {
            const std::size_t chosen = s.labels[i];
            float other = -std::numeric_limits<float>::infinity();
            for (std::size_t l = 0; l < L; ++l) {
                if (l != chosen) other = std::max(other, local(i, l));
            }
            margin = std::min(margin, local(i, chosen) - other);
        }
        const double confidence =
            std::isfinite(margin) ? 1.0 / (1.0 + std::exp(-static_cast<double>(margin) / 4.0)) : 1.0;
        out.push_back({first + span.first, first + span.last, types[span.cls], confidence});
    }
}

}  // namespace

std::string_view to_string(EntityType type) noexcept {
    switch (type) {
        case EntityType::person: return "person";
        case EntityType::place: return "place";
        case EntityType::organisation: return "organisation";
        case EntityType::misc: return "misc";
    }
    return "misc";
}

NerTagger::NerTagger(std::shared_ptr<const ner::NerModel> model) : m_model(std::move(model)) {
    if (!m_model) throw Error("NerTagger: no model");
    if (m_model->feature_version != ner::feature_version) {
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

std::vector<NerSpan> NerTagger::tag(const std::vector<Token>& tokens) const {
    std::vector<NerSpan> out;
    Scratch scratch;
    tag_sentence(*m_model, {}, tokens, 0, tokens.size(), scratch, out);
    return out;
}

std::vector<NerSpan> NerTagger::tag(std::string_view text, const std::vector<Token>& tokens) const {
    std::vector<NerSpan> out;
    Scratch scratch;
    std::size_t first = 0;
    for (std::size_t k = 1; k <= tokens.size(); ++k) {
        bool end = k == tokens.size();
        if (!end) {
            const std::size_t from = tokens[k - 1].end;
            const std::size_t to = tokens[k].start;
            end = to > from && to <= text.size() &&
                  ner::classify_gap(text.substr(from, to - from)) == ner::Gap::stop;
        }
        if (end) {
            tag_sentence(*m_model, text, tokens, first, k, scratch, out);
            first = k;
        }
    }
    return out;
}

}  // namespace fahras
