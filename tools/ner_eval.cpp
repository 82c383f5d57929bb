// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <set>
#include <tuple>

#include "fahras/common/errors.hpp"
#include "fahras/tools/ner_train.hpp"

namespace fahras::ner {

double SpanCounts::precision() const noexcept {
    return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
}

double SpanCounts::recall() const noexcept {
    return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold);
}

double SpanCounts::f1() const noexcept {
    const double p = precision();
    const double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

Evaluation evaluate(const NerTagger& tagger, const std::vector<TrainSentence>& data,
                    std::ostream* dump) {
    Evaluation e;
    using Span = std::tuple<std::size_t, std::size_t, std::size_t>;
    for (const auto& s : data) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto found = tagger.tag(s.text, s.tokens);
        e.tag_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        e.tokens += s.tokens.size();
        std::set<Span> gold;
        for (const auto& g : spans_of(s.labels)) {
            gold.emplace(g.first, g.last, g.cls);
            ++e.per_class[g.cls].gold;
        }
        for (const auto& p : found) {
            const auto cls = static_cast<std::size_t>(p.type);
            ++e.per_class[cls].predicted;
            if (gold.count({p.first, p.last, cls}) != 0) ++e.per_class[cls].correct;
        }
        if (dump != nullptr) {
            std::vector<std::uint8_t> predicted(s.tokens.size(), O);
            for (const auto& p : found) {
                const auto base = static_cast<std::uint8_t>(1 + 2 * static_cast<int>(p.type));
                for (std::size_t i = p.first; i < p.last; ++i) {
                    predicted[i] = static_cast<std::uint8_t>(i == p.first ? base : base + 1);
                }
            }
            for (std::size_t i = 0; i < s.tokens.size(); ++i) {
                *dump << s.tokens[i].exact << '\t' << label_name(s.labels[i]) << '\t'
                      << label_name(predicted[i]) << '\n';
            }
            *dump << '\n';
        }
    }
    for (std::size_t c = 0; c < 3; ++c) {
        e.micro.correct += e.per_class[c].correct;
        e.micro.predicted += e.per_class[c].predicted;
        e.micro.gold += e.per_class[c].gold;
    }
    return e;
}

/// One line of the conlleval-style table: class, gold, found, correct, P, R, F1.
static void print_span_row(std::ostream& out, const char* name, const SpanCounts& c) {
    out << std::left << std::setw(6) << name << std::right << std::setw(6) << c.gold << std::setw(7)
        << c.predicted << std::setw(9) << c.correct << std::setw(11) << c.precision()
        << std::setw(8) << c.recall() << std::setw(8) << c.f1() << "\n";
}

void print_evaluation(const Evaluation& e, std::ostream& out) {
    constexpr const char* names[4] = {"PERS", "LOC", "ORG", "MISC"};
    out << std::fixed << std::setprecision(4);
    out << "class   gold  found  correct  precision  recall  F1\n";
    auto row = [&](const char* name, const SpanCounts& c) { print_span_row(out, name, c); };
    for (std::size_t c = 0; c < 4; ++c) row(names[c], e.per_class[c]);
    row("micro", e.micro);
    out << "(micro = PERS+LOC+ORG, exact spans)\n";
    if (e.tag_seconds > 0) {
        out << std::setprecision(0) << "tagging: " << e.tokens << " tokens in "
            << std::setprecision(3) << e.tag_seconds << " s = " << std::setprecision(0)
            << static_cast<double>(e.tokens) / e.tag_seconds << " tokens/s\n";
    }
}

ExtractorEvaluation evaluate_extractor(const EntityExtractor& extractor,
                                       const std::vector<TrainSentence>& data,
                                       std::ostream* errors) {
    constexpr const char* names[3] = {"PERS", "LOC", "ORG"};
    ExtractorEvaluation e;
    using Span = std::tuple<std::size_t, std::size_t, std::size_t>;
    for (const auto& s : data) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto found = extractor.extract(s.text, s.tokens);
        e.spans.tag_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        e.spans.tokens += s.tokens.size();
        std::set<Span> gold;
        for (const auto& g : spans_of(s.labels)) {
            if (g.cls > 2) continue;
            gold.emplace(g.first, g.last, g.cls);
            ++e.spans.per_class[g.cls].gold;
        }
        const auto words = [&](std::size_t first, std::size_t last) {
            return s.text.substr(s.tokens[first].start,
                                 s.tokens[last - 1].end - s.tokens[first].start);
        };
        std::set<Span> right_ones;
        for (const auto& m : found) {
            // EntityKind and the label classes share their order: person, place, organisation.
            const auto cls = static_cast<std::size_t>(m.kind);
            const bool right = gold.count({m.first_token, m.last_token, cls}) != 0;
            if (right) right_ones.emplace(m.first_token, m.last_token, cls);
            if (!right && errors != nullptr) {
                *errors << "FP " << to_string(m.source) << ' ' << names[cls] << ' '
                        << words(m.first_token, m.last_token) << '\n';
            }
            ++e.spans.per_class[cls].predicted;
            auto& by_source = e.per_source[static_cast<std::size_t>(m.source)];
            ++by_source.predicted;
            if (right) {
                ++e.spans.per_class[cls].correct;
                ++by_source.correct;
            }
        }
        if (errors != nullptr) {
            for (const auto& [first, last, cls] : gold) {
                if (right_ones.count({first, last, cls}) == 0) {
                    *errors << "FN - " << names[cls] << ' ' << words(first, last) << '\n';
                }
            }
        }
    }
    for (std::size_t c = 0; c < 3; ++c) {
        e.spans.micro.correct += e.spans.per_class[c].correct;
        e.spans.micro.predicted += e.spans.per_class[c].predicted;
        e.spans.micro.gold += e.spans.per_class[c].gold;
    }
    return e;
}

std::size_t load_gazetteer_except(Gazetteer& gazetteer, const std::filesystem::path& tsv,
                                  const std::vector<std::string>& exclude) {
    std::ifstream in(tsv);
    if (!in) throw InputError(tsv.string(), 0, "cannot read");
    std::string line;
    std::size_t number = 0;
    std::size_t loaded = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.starts_with("canonical_id")) continue;
        std::vector<std::string> cols;
        std::size_t begin = 0;
        while (true) {
            const std::size_t tab = line.find('\t', begin);
            cols.push_back(line.substr(begin, tab == std::string::npos ? tab : tab - begin));
            if (tab == std::string::npos) break;
            begin = tab + 1;
        }
        if (cols.size() < 6) throw InputError(tsv.string(), number, "expected 6 columns");
        if (std::any_of(exclude.begin(), exclude.end(),
                        [&](const std::string& x) { return cols[5].starts_with(x); })) {
            continue;
        }
        Entity entity;
        if (!parse_entity_kind(cols[1], entity.kind)) continue;  // MISC
        entity.id = cols[0];
        entity.name = cols[2];
        entity.latin = cols[4];
        std::size_t from = 0;
        while (!cols[3].empty() && from <= cols[3].size()) {
            const std::size_t bar = cols[3].find('|', from);
            std::string alias = cols[3].substr(from, bar == std::string::npos ? bar : bar - from);
            if (!alias.empty()) entity.aliases.push_back(std::move(alias));
            if (bar == std::string::npos) break;
            from = bar + 1;
        }
        gazetteer.add(std::move(entity));
        ++loaded;
    }
    return loaded;
}

void print_extractor_evaluation(const ExtractorEvaluation& e, std::ostream& out) {
    constexpr const char* names[3] = {"PERS", "LOC", "ORG"};
    constexpr const char* sources[5] = {"gazetteer", "variant", "cue", "tagger", "coreference"};
    out << std::fixed << std::setprecision(4);
    out << "class   gold  found  correct  precision  recall  F1\n";
    auto row = [&](const char* name, const SpanCounts& c) { print_span_row(out, name, c); };
    for (std::size_t c = 0; c < 3; ++c) row(names[c], e.spans.per_class[c]);
    row("micro", e.spans.micro);
    out << "(whole extractor, micro = PERS+LOC+ORG, exact spans)\nsource        found  correct  "
           "precision\n";
    for (std::size_t k = 0; k < 5; ++k) {
        out << std::left << std::setw(12) << sources[k] << std::right << std::setw(7)
            << e.per_source[k].predicted << std::setw(9) << e.per_source[k].correct << std::setw(11)
            << e.per_source[k].precision() << "\n";
    }
    if (e.spans.tag_seconds > 0) {
        out << std::setprecision(0) << "extraction: " << e.spans.tokens << " tokens in "
            << std::setprecision(3) << e.spans.tag_seconds << " s\n";
    }
}

}  // namespace fahras::ner
