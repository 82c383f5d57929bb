// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ranking of free-text queries: the weighting scheme and how the words of a sequence without
// operators (`ما هي عاصمة سوريا`) are combined under MatchMode::auto_ (see query_parser.hpp).
// docs/QUALITY.md gives the measurements behind every default here.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// Tunable ranking parameters. The defaults are the measured best (docs/QUALITY.md);
/// `fahras-query --ranking key=value,...` overrides them for experiments.
struct RankingOptions {
    /// The weighting scheme: BM25 (the default, measured best) or one of Xapian 1.4's others,
    /// kept for comparison (docs/QUALITY.md).
    enum class Scheme { bm25, bm25plus, pl2, pl2plus, dlh, dph, inl2, ifb2, ineb2, bb2, lm };
    Scheme scheme = Scheme::bm25;
    /// BM25+ and PL2+: the lower bound δ of a matching term's frequency part.
    double delta = 1.0;
    /// PL2, PL2+, InL2, IfB2, IneB2, BB2: the DFR length normalisation parameter c.
    double dfr_c = 1.0;
    // Xapian::BM25Weight parameters. Xapian's defaults are k1 1, b 0.5; Lucene's (and the
    // usual textbook values) 1.2 and 0.75, which do better here (docs/QUALITY.md).
    double k1 = 1.2;  ///< term frequency saturation
    double b = 0.75;  ///< document length normalisation
    /// MatchMode::auto_: sequences of at most this many content words are AND'ed, longer
    /// ones OR'ed (ranked by how many and how rare the matching words are). 0: always OR,
    /// which measured best even for two-word queries.
    std::size_t and_max_words = 0;
    /// MatchMode::auto_: leave Arabic question and function words (is_stop_word()) out of a
    /// sequence that has other words.
    bool stop_words = true;
    /// With stop_words: leave out the wider set of function words too (فيه، عليها، وفي، خلال،
    /// كان …), see ranking.cpp.
    bool function_words = false;
    /// MatchMode::auto_: weight factor of an extra match on the exact (unfolded, unstemmed)
    /// form of each word; 0 leaves it out.
    double exact_boost = 0;
    /// MatchMode::auto_: weight factor of an extra match on the folded (unstemmed) form, so
    /// that the very word asked for ranks above words the stemmer merged with it.
    double folded_boost = 0.5;
    /// MatchMode::auto_: weight factor of an extra match on the title stem (`ZS`).
    double title_boost = 0;
    /// MatchMode::auto_: weight factor of a match of each pair of adjacent words within
    /// `proximity_window` positions (in order or not); 0 leaves it out.
    double proximity_boost = 0;
    Xapian::termcount proximity_window = 3;
    /// Coordination: the top `rerank_depth` hits (at least the page asked for) are reordered
    /// by weight × (m / n)^coord, where n is the number of distinct `Z` stems of the query and
    /// m how many of them the document has; 0 leaves the order to the weighting scheme.
    double coord = 0;
    Xapian::doccount rerank_depth = 100;
    /// Pseudo-relevance feedback: the `Z` stems that best tell the top `prf_docs` hits from
    /// the collection (Xapian's ESet, at most `prf_terms`) are OR'ed into the query, the best
    /// with weight factor `prf_weight`, the others in proportion; 0 documents: off.
    Xapian::doccount prf_docs = 0;
    Xapian::termcount prf_terms = 10;
    double prf_weight = 0.3;
    /// The scheme for a natural-language question (is_question()); keyword and title queries
    /// keep `scheme`. DLH by default: parameter-free, with a length normalisation that does not
    /// push long articles up for a question's many weak words (docs/QUALITY.md: +0.052
    /// nDCG@10 on the dev questions, no change on the known-item titles, which are not
    /// questions). `qscheme=NAME` sets it, `qscheme=same` uses `scheme` for questions too.
    std::optional<Scheme> question_scheme = Scheme::dlh;

    friend bool operator==(const RankingOptions&, const RankingOptions&) = default;
};

/// Parses `key=value,key=value` (keys: k1, b, and_max, stop, exact, folded, title, prox,
/// window, fwords, delta, c, coord, depth, prf, prf_terms, prf_weight, and
/// scheme=bm25|bm25plus|pl2|pl2plus|dlh|dph|inl2|ifb2|ineb2|bb2|lm)
/// over `base`. Throws UsageError naming the bad key or value.
[[nodiscard]] RankingOptions parse_ranking_spec(std::string_view spec, RankingOptions base = {});

/// True when `query_text` reads as a question: its first word (leading punctuation such as the
/// "- " of pasted questions skipped) is a question word — ما، ماذا، متى، كم، هل، أين، كيف،
/// لماذا، من، أي … with or without hamza, or one of them with و/ف or a preposition — or it has
/// a U+061F ARABIC QUESTION MARK or "?" anywhere (pasted questions trail fragments after it).
[[nodiscard]] bool is_question(std::string_view query_text);

/// The weighting scheme for `options` (BM25 unless `options.scheme` names another).
[[nodiscard]] std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& options);

/// The order in which to show the hits of `mset` (indices into it) under `options.coord`:
/// weight × (m / n)^coord, with n the distinct `Z` stems of `query` and m those the hit
/// matches; ties keep the weighting scheme's order. Without coordination or stems, 0, 1, 2 ….
[[nodiscard]] std::vector<Xapian::doccount> coordination_order(const Xapian::Enquire& enquire,
                                                               const Xapian::MSet& mset,
                                                               const Xapian::Query& query,
                                                               const RankingOptions& options);

/// The pseudo-relevance feedback query for the top hits `top` of `enquire` (see
/// RankingOptions::prf_docs): an OR of weighted `Z` stems not already in the query, or an
/// empty query when there is nothing to add.
[[nodiscard]] Xapian::Query feedback_query(const Xapian::Enquire& enquire, const Xapian::MSet& top,
                                           const RankingOptions& options);

/// True for a folded Arabic question or function word (من، ما، متى، كم، هل، اين، كيف، في،
/// علي، عن، الي، هو، هي، التي …) that says little about what a question is about.
[[nodiscard]] bool is_stop_word(std::string_view folded);

/// One free word of a sequence: a plain unquoted word that analysed to one token.
struct FreeWord {
    Token token;
    bool stop = false;  ///< is_stop_word(token.folded)
};

/// The query for the free words of one sequence under MatchMode::auto_, combined with
/// `others` (phrases and multi-token chunks of the same sequence, which count as words):
/// AND of `Z` stems for short sequences, OR for long ones, stop words left out when there is
/// anything else, plus the optional boosts of `options`. Returns an empty query when there
/// is nothing.
[[nodiscard]] Xapian::Query free_text_query(const std::vector<FreeWord>& words,
                                            const std::vector<Xapian::Query>& others,
                                            const RankingOptions& options);

}  // namespace fahras
