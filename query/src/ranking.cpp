// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>

#include "fahras/common/errors.hpp"
#include "fahras/common/exact_terms.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// Question words, pronouns, prepositions, conjunctions, demonstratives and relatives, as
/// people write them (with or without hamza, ى or ي): folded once when the set is built.
/// Words that carry meaning in a question (years, names, كان with a date) are not here.
/// The lone ال is the trailing fragment left by copy-paste in many typed questions.
constexpr std::string_view stop_word_list[] = {
    // question words
    "ما",
    "ماذا",
    "متى",
    "كم",
    "هل",
    "أين",
    "اين",
    "كيف",
    "لماذا",
    "لم",
    "من",
    "أي",
    "اي",
    "أية",
    "ماهو",
    "ماهي",
    "ماهى",
    "مالذي",
    "ماالذي",
    "كيفية",
    "بكم",
    "لمن",
    "ممن",
    "مما",
    "عما",
    "فيما",
    "بما",
    "إلام",
    "حتام",
    // pronouns
    "هو",
    "هي",
    "هم",
    "هما",
    "هن",
    "أنا",
    "نحن",
    "أنت",
    "انت",
    "أنتم",
    // prepositions and particles
    "في",
    "فى",
    "على",
    "علي",
    "عن",
    "إلى",
    "الى",
    "الي",
    "مع",
    "منذ",
    "حتى",
    "حتي",
    "عند",
    "لدى",
    "لدي",
    "بين",
    "ب",
    "ل",
    "ك",
    "و",
    "ف",
    "أو",
    "او",
    "أم",
    "ثم",
    "بل",
    "لكن",
    "لا",
    "لن",
    "قد",
    "لقد",
    "إن",
    "ان",
    "أن",
    "إنه",
    "انه",
    "أنه",
    "اذا",
    "إذا",
    "كما",
    "لما",
    "كل",
    "بعض",
    "غير",
    "أيضا",
    "ايضا",
    // demonstratives and relatives
    "هذا",
    "هذه",
    "هذي",
    "ذلك",
    "تلك",
    "هؤلاء",
    "أولئك",
    "هناك",
    "هنا",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "اللاتي",
    "اللواتي",
    // verbs that only frame a question
    "يوجد",
    "توجد",
    "يتم",
    "تم",
    "يكون",
    "تكون",
    // copy-paste fragments
    "ال",
    "-",
};

/// Words that open a question (is_question()), alone or with و/ف or a preposition.
constexpr std::string_view question_word_list[] = {
    "ما",  "ماذا", "متى",   "كم",    "هل",     "أين", "كيف",  "لماذا", "لم",    "من",   "أي",
    "أية", "ماهو", "ماهي",  "مالذي", "ماالذي", "بكم", "لمن",  "ممن",   "بماذا", "إلام", "كيفية",
    "وما", "فما",  "وماذا", "فماذا", "ولماذا", "ومن", "وكيف", "ومتى",  "وأين",  "وهل",  "وكم",
};

/// Function words beyond stop_word_list: prepositions with an attached pronoun, function
/// words with an attached conjunction, adverbs of time and place, and the question words
/// with a preposition (بماذا). RankingOptions::function_words.
constexpr std::string_view function_word_list[] = {
    // question words with a preposition or conjunction
    "بماذا",
    "وماذا",
    "فماذا",
    "ولماذا",
    "لماذا",
    "وما",
    "فما",
    "ومن",
    "وكيف",
    "ومتى",
    "وأين",
    "وهل",
    "وكم",
    // prepositions with an attached pronoun
    "فيه",
    "فيها",
    "فيهم",
    "منه",
    "منها",
    "منهم",
    "عنه",
    "عنها",
    "عنهم",
    "عليه",
    "عليها",
    "عليهم",
    "إليه",
    "اليه",
    "إليها",
    "اليها",
    "له",
    "لها",
    "لهم",
    "به",
    "بها",
    "بهم",
    "معه",
    "معها",
    "لك",
    "بينهما",
    // function words with an attached conjunction
    "وفي",
    "وعلى",
    "وعن",
    "وإلى",
    "والى",
    "ولا",
    "ولم",
    "ولن",
    "وقد",
    "وهو",
    "وهي",
    "فهو",
    "فهي",
    "وهم",
    "وكل",
    "وأن",
    "وان",
    "وإن",
    "فإن",
    "فان",
    "بأن",
    "بان",
    "أنها",
    "انها",
    "إنها",
    "وكان",
    "وكانت",
    // adverbs and other function words
    "الا",
    "إلا",
    "ألا",
    "أما",
    "اما",
    "إما",
    "نحو",
    "حيث",
    "بينما",
    "ضمن",
    "خلال",
    "عندما",
    "جميع",
    "الآن",
    "الان",
    "أيضاً",
    "كان",
    "كانت",
};

/// The folded forms of a word list (folded once, when first asked for).
template <std::size_t N>
std::unordered_set<std::string> folded_set(const std::string_view (&list)[N]) {
    std::unordered_set<std::string> out;
    for (const std::string_view w : list) out.insert(Analyzer::fold_word(w));
    return out;
}

const std::unordered_set<std::string>& function_words() {
    static const std::unordered_set<std::string> words = folded_set(function_word_list);
    return words;
}

const std::unordered_set<std::string>& stop_words() {
    static const std::unordered_set<std::string> words = folded_set(stop_word_list);
    return words;
}

const std::unordered_set<std::string>& question_words() {
    static const std::unordered_set<std::string> words = folded_set(question_word_list);
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

RankingOptions::Scheme parse_scheme(std::string_view name) {
    using Scheme = RankingOptions::Scheme;
    static constexpr std::pair<std::string_view, Scheme> names[] = {
        {"bm25", Scheme::bm25},   {"bm25plus", Scheme::bm25plus},
        {"pl2", Scheme::pl2},     {"pl2plus", Scheme::pl2plus},
        {"dlh", Scheme::dlh},     {"dph", Scheme::dph},
        {"inl2", Scheme::inl2},   {"ifb2", Scheme::ifb2},
        {"ineb2", Scheme::ineb2}, {"bb2", Scheme::bb2},
        {"lm", Scheme::lm},
    };
    for (const auto& [n, scheme] : names) {
        if (n == name) return scheme;
    }
    throw UsageError("--ranking: scheme=" + std::string(name) +
                     ": not one of bm25, bm25plus, pl2, pl2plus, dlh, dph, inl2, ifb2, ineb2, "
                     "bb2, lm");
}

/// A `Z` stem term (not a `ZS` title stem: stems are lower-case or Arabic).
bool is_stem_term(std::string_view term) {
    return term.size() > schema::stem.size() && term.starts_with(schema::stem) &&
           term.compare(schema::stem.size(), schema::title_stem.size() - schema::stem.size(),
                        schema::title_stem.substr(schema::stem.size())) != 0;
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
        if (key == "scheme") {
            base.scheme = parse_scheme(item.substr(eq + 1));
            continue;
        }
        if (key == "qscheme") {
            const std::string_view name = item.substr(eq + 1);
            base.question_scheme =
                name == "same" ? std::nullopt : std::optional(parse_scheme(name));
            continue;
        }
        const double v = parse_number(key, item.substr(eq + 1));
        if (key == "k1")
            base.k1 = v;
        else if (key == "b")
            base.b = v > 1 ? 1 : v;
        else if (key == "and_max")
            base.and_max_words = static_cast<std::size_t>(v);
        else if (key == "stop")
            base.stop_words = v != 0;
        else if (key == "fwords")
            base.function_words = v != 0;
        else if (key == "exact")
            base.exact_boost = v;
        else if (key == "folded")
            base.folded_boost = v;
        else if (key == "title")
            base.title_boost = v;
        else if (key == "prox")
            base.proximity_boost = v;
        else if (key == "window")
            base.proximity_window = static_cast<Xapian::termcount>(v);
        else if (key == "delta")
            base.delta = v;
        else if (key == "c")
            base.dfr_c = v > 0 ? v : 1;
        else if (key == "coord")
            base.coord = v;
        else if (key == "depth")
            base.rerank_depth = static_cast<Xapian::doccount>(v);
        else if (key == "prf")
            base.prf_docs = static_cast<Xapian::doccount>(v);
        else if (key == "prf_terms")
            base.prf_terms = static_cast<Xapian::termcount>(v);
        else if (key == "prf_weight")
            base.prf_weight = v;
        else {
            throw UsageError(
                "--ranking: unknown key " + std::string(key) +
                " (k1, b, and_max, stop, exact, folded, title, prox, window, "
                "fwords, scheme, qscheme, delta, c, coord, depth, prf, prf_terms, prf_weight)");
        }
    }
    return base;
}

std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& options) {
    using Scheme = RankingOptions::Scheme;
    const double c = options.dfr_c;
    switch (options.scheme) {
        case Scheme::bm25:
            break;
        case Scheme::bm25plus:
            return std::make_unique<Xapian::BM25PlusWeight>(options.k1, 0, 1, options.b, 0.5,
                                                            options.delta);
        case Scheme::pl2:
            return std::make_unique<Xapian::PL2Weight>(c);
        case Scheme::pl2plus:
            return std::make_unique<Xapian::PL2PlusWeight>(c, options.delta);
        case Scheme::dlh:
            return std::make_unique<Xapian::DLHWeight>();
        case Scheme::dph:
            return std::make_unique<Xapian::DPHWeight>();
        case Scheme::inl2:
            return std::make_unique<Xapian::InL2Weight>(c);
        case Scheme::ifb2:
            return std::make_unique<Xapian::IfB2Weight>(c);
        case Scheme::ineb2:
            return std::make_unique<Xapian::IneB2Weight>(c);
        case Scheme::bb2:
            return std::make_unique<Xapian::BB2Weight>(c);
        case Scheme::lm:
            return std::make_unique<Xapian::LMWeight>();
    }
    return std::make_unique<Xapian::BM25Weight>(options.k1, 0, 1, options.b, 0.5);
}

std::vector<Xapian::doccount> coordination_order(const Xapian::Enquire& enquire,
                                                 const Xapian::MSet& mset,
                                                 const Xapian::Query& query,
                                                 const RankingOptions& options) {
    std::vector<Xapian::doccount> order(mset.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    if (options.coord <= 0) return order;
    std::unordered_set<std::string> stems;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        if (is_stem_term(*t)) stems.insert(*t);
    }
    if (stems.size() < 2) return order;
    std::vector<double> score(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::size_t matched = 0;
        for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
             ++t) {
            if (stems.count(*t) != 0U) ++matched;
        }
        const double share = static_cast<double>(matched) / static_cast<double>(stems.size());
        score[it.get_rank() - mset.get_firstitem()] =
            it.get_weight() * std::pow(share, options.coord);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](Xapian::doccount a, Xapian::doccount b) { return score[a] > score[b]; });
    return order;
}

Xapian::Query feedback_query(const Xapian::Enquire& enquire, const Xapian::MSet& top,
                             const RankingOptions& options) {
    if (top.empty() || options.prf_terms == 0 || options.prf_weight <= 0) return {};
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    // Stems only: they are what the free-text query ranks by (not titles, entities or dates).
    struct StemsOnly : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override { return is_stem_term(term); }
    } decider;
    const Xapian::ESet eset = enquire.get_eset(options.prf_terms, rset, &decider);
    if (eset.empty()) return {};
    const double best = eset.begin().get_weight();
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        const double factor = best > 0 ? options.prf_weight * it.get_weight() / best : 0;
        if (factor > 0) terms.push_back(scaled(Xapian::Query(*it), factor));
    }
    if (terms.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

bool is_question(std::string_view query_text) {
    // A question mark anywhere: typed questions often trail a fragment after it ("…؟ ال").
    if (query_text.find('?') != std::string_view::npos ||
        query_text.find("\u061F") != std::string_view::npos) {  // ARABIC QUESTION MARK
        return true;
    }
    for (const Token& t : default_analyzer().analyze(query_text)) {
        if (t.kind == TokenKind::number) return false;
        return question_words().count(t.folded) != 0U;  // the first word decides
    }
    return false;
}

bool is_stop_word(std::string_view folded) {
    return stop_words().count(std::string(folded)) != 0U;
}

Xapian::Query free_text_query(const std::vector<FreeWord>& words,
                              const std::vector<Xapian::Query>& others,
                              const RankingOptions& options) {
    std::vector<const Token*> content;
    for (const FreeWord& w : words) {
        const bool stop =
            w.stop || (options.function_words && function_words().count(w.token.folded) != 0U);
        if (!options.stop_words || !stop) content.push_back(&w.token);
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
            boosts.push_back(scaled(exact_form_query(*t), options.exact_boost));
        }
        if (options.folded_boost > 0) {
            boosts.push_back(scaled(Xapian::Query(t->folded), options.folded_boost));
        }
        if (options.title_boost > 0) {
            boosts.push_back(scaled(Xapian::Query(std::string(schema::title_stem) + t->stem),
                                    options.title_boost));
        }
    }
    if (options.proximity_boost > 0 && options.proximity_window >= 2) {
        for (std::size_t i = 1; i < content.size(); ++i) {
            const Xapian::Query pair[] = {Xapian::Query(content[i - 1]->folded),
                                          Xapian::Query(content[i]->folded)};
            boosts.push_back(scaled(
                Xapian::Query(Xapian::Query::OP_NEAR, pair, pair + 2, options.proximity_window),
                options.proximity_boost));
        }
    }
    if (boosts.empty()) return main;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

}  // namespace fahras
