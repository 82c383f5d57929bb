// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/ranking.hpp"

#include <string>
#include <unordered_set>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// Question words, pronouns, prepositions, conjunctions, demonstratives and relatives, as
/// people write them (with or without hamza, ى or ي): folded once when the set is built.
/// Words that carry meaning in a question (years, names, كان with a date) are not here.
/// The lone ال is the trailing fragment left by copy-paste in many typed questions.
constexpr std::string_view stop_word_list[] = {
    // question words
    "ما", "ماذا", "متى", "كم", "هل", "أين", "اين", "كيف", "لماذا", "لم", "من", "أي", "اي",
    "أية", "ماهو", "ماهي", "ماهى", "مالذي", "ماالذي", "كيفية", "بكم", "لمن", "ممن", "مما",
    "عما", "فيما", "بما", "إلام", "حتام",
    // pronouns
    "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "انت", "أنتم",
    // prepositions and particles
    "في", "فى", "على", "علي", "عن", "إلى", "الى", "الي", "مع", "منذ", "حتى", "حتي", "عند",
    "لدى", "لدي", "بين", "ب", "ل", "ك", "و", "ف", "أو", "او", "أم", "ثم", "بل", "لكن",
    "لا", "لن", "قد", "لقد", "إن", "ان", "أن", "إنه", "انه", "أنه", "اذا", "إذا", "كما", "لما",
    "كل", "بعض", "غير", "أيضا", "ايضا",
    // demonstratives and relatives
    "هذا", "هذه", "هذي", "ذلك", "تلك", "هؤلاء", "أولئك", "هناك", "هنا", "الذي", "التي", "الذين",
    "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي",
    // verbs that only frame a question
    "يوجد", "توجد", "يتم", "تم", "يكون", "تكون",
    // copy-paste fragments
    "ال", "-",
};

const std::unordered_set<std::string>& stop_words() {
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> out;
        for (const std::string_view w : stop_word_list) out.insert(Analyzer::fold_word(w));
        return out;
    }();
    return words;
}

double parse_number(std::string_view key, std::string_view value) {
    try {
        std::size_t used = 0;
        const double d = std::stod(std::string(value), &used);
        if (used == value.size() && d >= 0) return d;
    } catch (const std::exception&) {
    }
    throw UsageError("--ranking: " + std::string(key) + "=" + std::string(value) +
                     ": not a number >= 0");
}

Xapian::Query scaled(const Xapian::Query& q, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

}  // namespace

RankingOptions parse_ranking_spec(std::string_view spec, RankingOptions base) {
    std::size_t begin = 0;
    while (begin <= spec.size()) {
        std::size_t end = spec.find(',', begin);
        if (end == std::string_view::npos) end = spec.size();
        const std::string_view item = spec.substr(begin, end - begin);
        begin = end + 1;
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) {
            throw UsageError("--ranking: " + std::string(item) + ": expected key=value");
        }
        const std::string_view key = item.substr(0, eq);
        const double v = parse_number(key, item.substr(eq + 1));
        if (key == "k1") base.k1 = v;
        else if (key == "b") base.b = v > 1 ? 1 : v;
        else if (key == "and_max") base.and_max_words = static_cast<std::size_t>(v);
        else if (key == "stop") base.stop_words = v != 0;
        else if (key == "exact") base.exact_boost = v;
        else if (key == "folded") base.folded_boost = v;
        else if (key == "title") base.title_boost = v;
        else if (key == "prox") base.proximity_boost = v;
        else if (key == "window") base.proximity_window = static_cast<Xapian::termcount>(v);
        else {
            throw UsageError("--ranking: unknown key " + std::string(key) +
                             " (k1, b, and_max, stop, exact, folded, title, prox, window)");
        }
    }
    return base;
}

Xapian::BM25Weight make_weight(const RankingOptions& options) {
    return Xapian::BM25Weight(options.k1, 0, 1, options.b, 0.5);
}

bool is_stop_word(std::string_view folded) {
    return stop_words().count(std::string(folded)) != 0U;
}

Xapian::Query free_text_query(const std::vector<FreeWord>& words,
                              const std::vector<Xapian::Query>& others,
                              const RankingOptions& options) {
    std::vector<const Token*> content;
    for (const FreeWord& w : words) {
        if (!options.stop_words || !w.stop) content.push_back(&w.token);
    }
    if (content.empty() && others.empty()) {
        for (const FreeWord& w : words) content.push_back(&w.token);
    }
    std::vector<Xapian::Query> core;
    for (const Token* t : content) core.emplace_back(std::string(schema::stem) + t->stem);
    core.insert(core.end(), others.begin(), others.end());
    if (core.empty()) return {};
    const Xapian::Query::op op =
        core.size() <= options.and_max_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
    const Xapian::Query main =
        core.size() == 1 ? core.front() : Xapian::Query(op, core.begin(), core.end());

    std::vector<Xapian::Query> boosts;
    for (const Token* t : content) {
        if (options.exact_boost > 0) {
            boosts.push_back(scaled(Xapian::Query(std::string(schema::exact) + t->exact),
                                    options.exact_boost));
        }
        if (options.folded_boost > 0) {
            boosts.push_back(scaled(Xapian::Query(t->folded), options.folded_boost));
        }
        if (options.title_boost > 0) {
            boosts.push_back(scaled(
                Xapian::Query(std::string(schema::title_stem) + t->stem), options.title_boost));
        }
    }
    if (options.proximity_boost > 0 && options.proximity_window >= 2) {
        for (std::size_t i = 1; i < content.size(); ++i) {
            const Xapian::Query pair[] = {Xapian::Query(content[i - 1]->folded),
                                          Xapian::Query(content[i]->folded)};
            boosts.push_back(scaled(Xapian::Query(Xapian::Query::OP_NEAR, pair, pair + 2,
                                                  options.proximity_window),
                                    options.proximity_boost));
        }
    }
    if (boosts.empty()) return main;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

}  // namespace fahras
