// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>
#include <iomanip>
#include <ostream>
#include <set>
#include <tuple>

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
        e.tag_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
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

void print_evaluation(const Evaluation& e, std::ostream& out) {
    constexpr const char* names[4] = {"PERS", "LOC", "ORG", "MISC"};
    out << std::fixed << std::setprecision(4);
    out << "class   gold  found  correct  precision  recall  F1\n";
    auto row = [&](const char* name, const SpanCounts& c) {
        out << std::left << std::setw(6) << name << std::right << std::setw(6) << c.gold
            << std::setw(7) << c.predicted << std::setw(9) << c.correct << std::setw(11)
            << c.precision() << std::setw(8) << c.recall() << std::setw(8) << c.f1() << "\n";
    };
    for (std::size_t c = 0; c < 4; ++c) row(names[c], e.per_class[c]);
    row("micro", e.micro);
    out << "(micro = PERS+LOC+ORG, exact spans)\n";
    if (e.tag_seconds > 0) {
        out << std::setprecision(0) << "tagging: " << e.tokens << " tokens in " << std::setprecision(3)
            << e.tag_seconds << " s = " << std::setprecision(0)
            << static_cast<double>(e.tokens) / e.tag_seconds << " tokens/s\n";
    }
}

}  // namespace fahras::ner
