// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/query_parser.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/common/exact_terms.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stem.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/query/ranking.hpp"
#include "query_lexer.hpp"

namespace fahras {

namespace {

using query_lexer::describe;
using query_lexer::Field;
using query_lexer::Lex;
using query_lexer::Lexeme;

// ---- Parser -----------------------------------------------------------------------------

/// A sub-query, or nothing: an item with no words (a filter, punctuation) drops out of the
/// operator it sits in instead of matching nothing.
using Node = std::optional<Xapian::Query>;

Node combine(Xapian::Query::op op, Node left, Node right) {
    if (!right) return left;
    if (!left) {
        if (op == Xapian::Query::OP_AND_NOT) {
            return Xapian::Query(op, Xapian::Query::MatchAll, *right);
        }
        return right;
    }
    return Xapian::Query(op, *left, *right);
}

/// The filter a field of the query syntax restricts, or nothing for a field that searches
/// words (title:) and for no field.
std::optional<FilterField> filter_field(Field field) noexcept {
    switch (field) {
        case Field::source:
            return FilterField::source;
        case Field::category:
            return FilterField::category;
        case Field::agency:
            return FilterField::agency;
        case Field::person:
            return FilterField::person;
        case Field::place:
            return FilterField::place;
        case Field::org:
            return FilterField::org;
        case Field::date:
            return FilterField::date;
        case Field::year:
            return FilterField::year;
        case Field::mentioned:
            return FilterField::mentioned;
        case Field::hijri:
            return FilterField::hijri;
        default:
            return std::nullopt;
    }
}

Xapian::Query combine_all(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
}

class Parser {
  public:
    Parser(std::string_view text, MatchMode mode, const Analyzer& analyzer,
           const RankingOptions& ranking)
        : m_lexemes(query_lexer::lex(text)),
          m_mode(mode),
          m_analyzer(analyzer),
          m_ranking(ranking) {}

    ParsedQuery run() {
        Node main;
        if (peek().kind != Lex::end) main = parse_or();
        if (peek().kind == Lex::rparen) error(peek(), "')' has no matching '('");
        if (peek().kind == Lex::op_near) misplaced_near(peek());
        if (peek().kind != Lex::end) {
            error(peek(), "unexpected " + std::string(describe(peek().kind)));
        }
        if (m_lexemes.size() > 1 && !m_searchable) {
            throw QueryError(std::string(no_searchable_words));
        }

        ParsedQuery out;
        out.match_all = !main.has_value() || !m_wanted_words;
        out.prefixes = std::move(m_prefixes);
        out.highlight_prefixes = std::move(m_highlight_prefixes);
        out.query = main ? *main : Xapian::Query::MatchAll;
        // Inline fields, included ones by field (every value of a field in one clause: any of
        // them), then the excluded ones in query order.
        for (auto& [field, clause] : m_filters) out.filters.push_back(std::move(clause));
        for (FilterClause& clause : m_excluded) out.filters.push_back(std::move(clause));
        if (!m_highlight.empty()) {
            out.highlight =
                Xapian::Query(Xapian::Query::OP_OR, m_highlight.begin(), m_highlight.end());
        }
        return out;
    }

  private:
    [[noreturn]] static void error(const Lexeme& at, const std::string& what) {
        throw QueryError("query syntax error at column " + std::to_string(at.column) + ": " + what);
    }

    [[nodiscard]] const Lexeme& peek() const { return m_lexemes[m_next]; }
    const Lexeme& take() { return m_lexemes[m_next++]; }

    [[nodiscard]] static bool starts_item(Lex kind) noexcept {
        return kind == Lex::word || kind == Lex::phrase || kind == Lex::all ||
               kind == Lex::lparen || kind == Lex::plus || kind == Lex::minus;
    }

    [[noreturn]] static void misplaced_near(const Lexeme& op) {
        error(op, "NEAR goes between two words (a NEAR b, a NEAR/3 b)");
    }

    /// Throws unless an item follows the operator `op`.
    void need_right_operand(const Lexeme& op) const {
        if (!starts_item(peek().kind)) {
            error(op, std::string(describe(op.kind)) + " needs a term after it");
        }
    }

    // Chains of one operator (`a OR b OR c …`, `a NOT b NOT c …`) become one n-ary Xapian
    // query, not a left-deep tree: a long query must not nest as deep as it is long (Xapian
    // recurses over the tree to build, optimise and destroy it).

    Node parse_or() {
        std::vector<Xapian::Query> parts;
        if (Node first = parse_and()) parts.push_back(std::move(*first));
        while (peek().kind == Lex::op_or) {
            const Lexeme& op = take();
            if (!starts_item(peek().kind) && peek().kind != Lex::op_not) {
                error(op, "OR needs a term after it");
            }
            if (Node next = parse_and()) parts.push_back(std::move(*next));
        }
        if (parts.empty()) return std::nullopt;
        return combine_all(Xapian::Query::OP_OR, parts);
    }

    /// AND and NOT, left to right: `a AND b NOT c AND d` is (a AND b AND d) AND_NOT c.
    Node parse_and() {
        std::vector<Xapian::Query> wanted;
        std::vector<Xapian::Query> excluded;
        if (peek().kind == Lex::op_not) {
            // A leading NOT: everything except what follows.
            const Lexeme& op = take();
            need_right_operand(op);
            excluded.push_back(negated_sequence());
        } else if (starts_item(peek().kind)) {
            if (Node first = parse_sequence()) wanted.push_back(std::move(*first));
        } else {
            const Lexeme& at = peek();
            if (at.kind == Lex::end) error(at, "the query ends where a term was expected");
            if (at.kind == Lex::rparen) error(at, "')' has no matching '('");
            error(at, std::string(describe(at.kind)) + " needs a term before it");
        }
        for (;;) {
            if (peek().kind == Lex::op_and) {
                const Lexeme& op = take();
                if (peek().kind == Lex::op_not) {
                    const Lexeme& inner = take();
                    need_right_operand(inner);
                    excluded.push_back(negated_sequence());
                } else {
                    need_right_operand(op);
                    if (Node next = parse_sequence()) wanted.push_back(std::move(*next));
                }
            } else if (peek().kind == Lex::op_not) {
                const Lexeme& op = take();
                need_right_operand(op);
                excluded.push_back(negated_sequence());
            } else {
                break;
            }
        }
        if (wanted.empty() && excluded.empty()) return std::nullopt;
        // Nothing wanted (`NOT a`, or words that analyse to nothing): everything but.
        Xapian::Query out =
            wanted.empty() ? Xapian::Query::MatchAll : combine_all(Xapian::Query::OP_AND, wanted);
        if (!excluded.empty()) {
            out = Xapian::Query(Xapian::Query::OP_AND_NOT, out,
                                combine_all(Xapian::Query::OP_OR, excluded));
        }
        return out;
    }

    /// A sequence under NOT. Always a query: a NOT of nothing excludes nothing.
    Xapian::Query negated_sequence() {
        ++m_negation;
        Node q = parse_sequence();
        --m_negation;
        return q ? *q : Xapian::Query();
    }

    Node parse_sequence() {
        std::vector<Xapian::Query> plain;
        std::vector<Xapian::Query> required;
        std::vector<Xapian::Query> excluded;
        std::vector<FreeWord> free_words;  // MatchMode::auto_ only
        while (starts_item(peek().kind)) {
            Lex modifier = Lex::end;
            if (peek().kind == Lex::plus || peek().kind == Lex::minus) modifier = take().kind;
            if (modifier == Lex::minus) ++m_negation;
            const bool group = peek().kind == Lex::lparen;
            const bool near = m_next + 1 < m_lexemes.size() &&
                              m_lexemes[m_next + 1].kind == Lex::op_near &&
                              peek().kind != Lex::lparen;
            Node item = near ? parse_near() : parse_item();
            if (near) m_free_word.reset();
            if (group) m_free_word.reset();  // set by the last word inside the parentheses
            if (modifier == Lex::minus) --m_negation;
            if (!item) continue;
            if (modifier == Lex::plus)
                required.push_back(*item);
            else if (modifier == Lex::minus)
                excluded.push_back(*item);
            else if (m_mode == MatchMode::auto_ && m_free_word) {
                free_words.push_back({*m_free_word, is_stop_word(m_free_word->folded)});
            } else {
                plain.push_back(*item);
            }
        }

        if (peek().kind == Lex::op_near) misplaced_near(peek());

        Node out;
        if (m_mode == MatchMode::auto_) {
            if (!required.empty()) out = combine_all(Xapian::Query::OP_AND, required);
            const Xapian::Query free = free_text_query(free_words, plain, m_ranking);
            if (!free.empty()) {
                // Required items filter, the free words rank (as with --match any).
                out = out ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, *out, free) : free;
            }
        } else if (m_mode == MatchMode::all) {
            std::vector<Xapian::Query> all = required;
            all.insert(all.end(), plain.begin(), plain.end());
            if (!all.empty()) out = combine_all(Xapian::Query::OP_AND, all);
        } else {
            if (!required.empty()) out = combine_all(Xapian::Query::OP_AND, required);
            if (!plain.empty()) {
                const Xapian::Query any = combine_all(Xapian::Query::OP_OR, plain);
                out = out ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, *out, any) : any;
            }
        }
        if (!excluded.empty()) {
            out = combine(Xapian::Query::OP_AND_NOT, out,
                          combine_all(Xapian::Query::OP_OR, excluded));
        }
        return out;
    }

    Node parse_item() {
        const Lexeme& lex = take();
        switch (lex.kind) {
            case Lex::lparen: {
                if (peek().kind == Lex::rparen) error(lex, "nothing inside the parentheses");
                // The grammar recurses once per level: the bound keeps any query a clean
                // error instead of a stack overflow (a server thread has a small stack).
                if (++m_depth > max_query_nesting) {
                    error(lex, "parentheses nested more than " + std::to_string(max_query_nesting) +
                                   " deep");
                }
                Node inner = parse_or();
                if (peek().kind != Lex::rparen) error(lex, "the '(' opened here is never closed");
                take();
                --m_depth;
                return inner;
            }
            case Lex::all:
                m_searchable = true;
                return Xapian::Query::MatchAll;
            case Lex::word:
            case Lex::phrase:
                return atom(lex);
            default:
                // starts_item() vouched for an item; a modifier must be followed by one.
                error(lex, std::string(describe(lex.kind)) + " must be followed by a term");
        }
    }

    /// Records the highlight terms of a word the user is looking for.
    void highlight(const Token& t) {
        if (m_negation != 0) return;
        m_highlight.insert(std::string(schema::stem) + t.stem);
        m_highlight.insert(t.folded);
    }

    static Xapian::Query phrase(const std::vector<std::string>& terms) {
        if (terms.size() == 1) return Xapian::Query(terms.front());
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(terms.size()));
    }

    Node atom(const Lexeme& lex) {
        m_free_word.reset();
        if (lex.prefix) return prefix_atom(lex);
        if (const std::optional<FilterField> field = filter_field(lex.field)) {
            m_searchable = true;
            // A filter on the whole query wherever it sits (request.hpp): several values of one
            // field are OR'ed, different fields AND'ed, and a negated one excludes. A date value
            // is checked here so that the error points at it.
            if (lex.field == Field::date || lex.field == Field::year ||
                lex.field == Field::mentioned || lex.field == Field::hijri) {
                try {
                    (void)date_filter_query(*field, lex.text);
                } catch (const QueryError& e) {
                    error(lex, e.what());
                }
            }
            FilterValue value{lex.text, lex.column};
            if (m_negation != 0) {
                m_excluded.push_back({*field, {std::move(value)}, true, false});
            } else {
                FilterClause& clause = m_filters[lex.field];
                clause.field = *field;
                clause.values.push_back(std::move(value));
            }
            return std::nullopt;
        }

        const std::vector<Token> tokens = m_analyzer.analyze(lex.text);
        if (tokens.empty()) return std::nullopt;
        for (const Token& t : tokens) highlight(t);
        const bool quoted = lex.kind == Lex::phrase;
        // Plain words that are all stop words (في من) search nothing of their own: a query of
        // only such words would list nearly every article.
        if (quoted || lex.exact || lex.field != Field::none ||
            !std::all_of(tokens.begin(), tokens.end(),
                         [](const Token& t) { return is_stop_word(t.folded); })) {
            m_searchable = true;
        }
        if (m_negation == 0) m_wanted_words = true;

        std::vector<std::string> positional;  // unprefixed or `S` folded terms, for phrases
        const std::string_view pos_prefix = lex.field == Field::title ? schema::title : "";
        for (const Token& t : tokens) positional.push_back(std::string(pos_prefix) + t.folded);

        if (lex.exact) {
            std::vector<Xapian::Query> parts;
            for (const Token& t : tokens) {
                parts.push_back(exact_form_query(t));
            }
            if (tokens.size() > 1) parts.push_back(phrase(positional));
            return combine_all(Xapian::Query::OP_AND, parts);
        }
        if (tokens.size() == 1 && !quoted) {
            if (lex.field == Field::none) m_free_word = tokens.front();
            const std::string_view stem_prefix =
                lex.field == Field::title ? schema::title_stem : schema::stem;
            return Xapian::Query(std::string(stem_prefix) + tokens.front().stem);
        }
        return phrase(positional);
    }

    /// `word*`, `title:word*`: the words starting with the word (prefix_words_query()).
    Node prefix_atom(const Lexeme& lex) {
        if (lex.exact || (lex.field != Field::none && lex.field != Field::title)) {
            error(lex, "a prefix search (word*) works on words and title:word* only");
        }
        const std::vector<Token> tokens = m_analyzer.analyze(lex.text);
        if (tokens.empty()) {
            if (lex.text.empty()) error(lex, "'*' after a field needs letters before it");
            return std::nullopt;  // punctuation, like any chunk without words
        }
        if (tokens.size() > 1) {
            error(lex, "a prefix search needs one word before the '*' (\"" + lex.text + "\")");
        }
        m_searchable = true;
        if (m_negation == 0) m_wanted_words = true;
        m_prefixes.push_back(lex.text + '*');
        if (m_negation == 0) {
            for (std::string& form : prefix_word_forms(tokens.front().folded)) {
                m_highlight_prefixes.push_back(std::move(form));
            }
        }
        return prefix_words_query(tokens.front().folded,
                                  lex.field == Field::title ? schema::title : "");
    }

    /// `a NEAR b`, `a NEAR/3 b NEAR c`: OP_NEAR over the words' positional (folded) terms.
    /// Xapian's OP_NEAR takes terms only, so its operands are single words, plain or title:.
    Node parse_near() {
        std::vector<Xapian::Query> terms;
        std::size_t window = 1;
        for (;;) {
            const Lexeme& lex = take();
            terms.emplace_back(near_term(lex));
            if (peek().kind != Lex::op_near) break;
            const Lexeme& op = take();
            if (peek().kind != Lex::word && peek().kind != Lex::phrase) misplaced_near(op);
            window += op.window;
        }
        m_searchable = true;
        if (m_negation == 0) m_wanted_words = true;
        return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(window));
    }

    /// The positional term of one operand of NEAR.
    std::string near_term(const Lexeme& lex) {
        if (lex.kind != Lex::word && lex.kind != Lex::phrase) misplaced_near(lex);
        if (lex.kind == Lex::phrase || lex.exact || lex.prefix ||
            (lex.field != Field::none && lex.field != Field::title)) {
            error(lex,
                  "NEAR takes single words or title:words (not phrases, =exact forms, "
                  "prefixes or filters)");
        }
        const std::vector<Token> tokens = m_analyzer.analyze(lex.text);
        if (tokens.size() != 1) {
            error(lex, "NEAR takes single words; \"" + lex.text + "\" is " +
                           std::to_string(tokens.size()) + " words");
        }
        highlight(tokens.front());
        return std::string(lex.field == Field::title ? schema::title : "") + tokens.front().folded;
    }

    std::vector<Lexeme> m_lexemes;
    MatchMode m_mode;
    const Analyzer& m_analyzer;
    const RankingOptions& m_ranking;
    std::size_t m_next = 0;
    std::size_t m_depth = 0;                  ///< parentheses open around the cursor
    int m_negation = 0;                       ///< > 0 while parsing under NOT or `-`
    std::map<Field, FilterClause> m_filters;  ///< included inline fields, by field
    std::vector<FilterClause> m_excluded;     ///< excluded inline fields, in query order
    std::set<std::string> m_highlight;
    std::vector<std::string> m_prefixes;            ///< ParsedQuery::prefixes
    std::vector<std::string> m_highlight_prefixes;  ///< ParsedQuery::highlight_prefixes
    bool m_searchable = false;                      ///< a word to search, a filter or `*` was seen
    bool m_wanted_words = false;  ///< a word to search was seen outside NOT and `-`
    /// Set by atom() for a plain word that analysed to one token (a free word of auto_).
    std::optional<Token> m_free_word;
};

}  // namespace

ParsedQuery QueryParser::parse(std::string_view text) const {
    if (m_max_bytes != 0 && text.size() > m_max_bytes) {
        throw QueryError("the query is " + std::to_string(text.size()) +
                         " bytes long; the longest query accepted is " +
                         std::to_string(m_max_bytes) + " bytes");
    }
    return Parser(text, m_mode, *m_analyzer, m_ranking).run();
}

std::vector<std::string> prefix_word_forms(std::string_view folded) {
    const std::string start(strip_article_prefix(folded));
    std::vector<std::string> forms{start};
    if (is_arabic_word(start)) {
        // The clitic forms the stemmer strips are words of their own in the folded terms.
        for (const std::string_view clitic : stem_prefixes()) {
            forms.push_back(std::string(clitic) + start);
        }
    }
    return forms;
}

Xapian::Query prefix_words_query(std::string_view folded, std::string_view term_prefix) {
    std::vector<Xapian::Query> wildcards;
    for (const std::string& form : prefix_word_forms(folded)) {
        wildcards.emplace_back(Xapian::Query::OP_WILDCARD, std::string(term_prefix) + form,
                               max_prefix_terms, Xapian::Query::WILDCARD_LIMIT_ERROR,
                               Xapian::Query::OP_SYNONYM);
    }
    return combine_all(Xapian::Query::OP_SYNONYM, wildcards);
}

ParsedQuery parse_query(std::string_view text, MatchMode mode) {
    return QueryParser(mode).parse(text);
}

}  // namespace fahras
