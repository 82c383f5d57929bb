// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/query_parser.hpp"

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/common/exact_terms.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/query/ranking.hpp"

namespace fahras {

namespace {

// ---- Lexer ------------------------------------------------------------------------------

enum class Lex {
    word,    ///< an unquoted chunk, possibly with a field or `=`
    phrase,  ///< a quoted chunk, possibly with a field or `=`
    lparen,
    rparen,
    plus,   ///< `+` glued to the item that follows: required
    minus,  ///< `-` glued to the item that follows: excluded
    op_and,
    op_or,
    op_not,
    end,
};

enum class Field {
    none, title, source, category,
    person, place, org,                     // entities (issue 4)
    date, year, mentioned, hijri, agency,   // dates (issue #3), news (issue #8)
};

struct Lexeme {
    Lex kind = Lex::end;
    std::string text;  ///< the word, or the phrase without its quotes
    Field field = Field::none;
    bool exact = false;      ///< written with a leading `=`
    std::size_t column = 0;  ///< 1-based, in code points
};

bool is_space(char32_t cp) noexcept {
    switch (cp) {
        case 0x0009: case 0x000A: case 0x000B: case 0x000C: case 0x000D: case 0x0020:
        case 0x00A0:  // NO-BREAK SPACE
        case 0x1680:  // OGHAM SPACE MARK
        case 0x2028:  // LINE SEPARATOR
        case 0x2029:  // PARAGRAPH SEPARATOR
        case 0x202F:  // NARROW NO-BREAK SPACE
        case 0x205F:  // MEDIUM MATHEMATICAL SPACE
        case 0x3000:  // IDEOGRAPHIC SPACE
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;  // EN QUAD … HAIR SPACE
    }
}

/// The closing quote for an opening one, or 0 if `cp` does not open a phrase.
char32_t closing_quote(char32_t cp) noexcept {
    switch (cp) {
        case U'"': return U'"';
        case 0x00AB: return 0x00BB;  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK → RIGHT-…
        case 0x201C: return 0x201D;  // LEFT DOUBLE QUOTATION MARK → RIGHT DOUBLE QUOTATION MARK
        default: return 0;
    }
}

/// Splits a query string into lexemes. Throws QueryError for an unclosed quote or a field
/// without a value.
class Lexer {
  public:
    explicit Lexer(std::string_view text) : m_text(text) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        for (;;) {
            skip_spaces();
            if (m_pos >= m_text.size()) break;
            const std::size_t start = m_pos;
            const char32_t cp = peek();
            if (cp == U'(' || cp == U')') {
                ++m_pos;
                out.push_back({cp == U'(' ? Lex::lparen : Lex::rparen, {}, Field::none, false,
                               column(start)});
                continue;
            }
            if ((cp == U'+' || cp == U'-') && modifier_applies(m_pos + 1)) {
                ++m_pos;
                out.push_back({cp == U'+' ? Lex::plus : Lex::minus, {}, Field::none, false,
                               column(start)});
                continue;  // the item follows without a space
            }
            out.push_back(item());
        }
        return out;
    }

    /// 1-based column, in code points, of byte offset `pos`.
    [[nodiscard]] std::size_t column(std::size_t pos) const {
        return utf8::length(utf8::sanitize(m_text.substr(0, pos))) + 1;
    }

  private:
    [[nodiscard]] char32_t peek(std::size_t pos) const {
        if (pos >= m_text.size()) return 0;
        const char32_t cp = utf8::decode(m_text, pos);
        return cp == utf8::invalid ? utf8::replacement : cp;
    }
    [[nodiscard]] char32_t peek() const { return peek(m_pos); }
    void advance() { (void)utf8::decode(m_text, m_pos); }

    void skip_spaces() {
        while (m_pos < m_text.size() && is_space(peek())) advance();
    }

    /// True when the code point at `pos` ends an unquoted chunk.
    [[nodiscard]] bool ends_word(std::size_t pos) const {
        if (pos >= m_text.size()) return true;
        const char32_t cp = peek(pos);
        return is_space(cp) || cp == U'(' || cp == U')' || closing_quote(cp) != 0;
    }

    /// A `+` or `-` is a modifier only when an item follows it directly: `-word`, `-"…"`,
    /// `-(…)`. A lone `-` (as in `2015 - 2016`) is an ordinary chunk that analyses to nothing.
    [[nodiscard]] bool modifier_applies(std::size_t next) const {
        if (next >= m_text.size()) return false;
        const char32_t cp = peek(next);
        if (cp == U'(' || closing_quote(cp) != 0) return true;
        return !ends_word(next) && cp != U'+' && cp != U'-';
    }

    /// A word or phrase, with its optional `=` and field.
    Lexeme item() {
        Lexeme lex;
        lex.column = column(m_pos);
        if (peek() == U'=' &&
            (!ends_word(m_pos + 1) || closing_quote(peek(m_pos + 1)) != 0)) {
            lex.exact = true;
            ++m_pos;
        }
        if (!lex.exact) lex.field = field_prefix(lex.column);
        if (closing_quote(peek()) != 0) {
            lex.kind = Lex::phrase;
            lex.text = quoted();
            return lex;
        }
        const std::size_t start = m_pos;
        while (!ends_word(m_pos)) advance();
        lex.kind = Lex::word;
        lex.text.assign(m_text.substr(start, m_pos - start));
        if (lex.field == Field::none && !lex.exact) {
            if (lex.text == "AND") lex.kind = Lex::op_and;
            if (lex.text == "OR") lex.kind = Lex::op_or;
            if (lex.text == "NOT") lex.kind = Lex::op_not;
        }
        return lex;
    }

    /// Consumes `title:`, `source:` or `category:` (any case) at the cursor and returns the
    /// field; leaves the cursor alone for anything else, including unknown fields.
    Field field_prefix(std::size_t item_column) {
        std::size_t end = m_pos;
        while (end < m_text.size() && ((m_text[end] >= 'a' && m_text[end] <= 'z') ||
                                       (m_text[end] >= 'A' && m_text[end] <= 'Z'))) {
            ++end;
        }
        if (end >= m_text.size() || m_text[end] != ':') return Field::none;
        std::string name(m_text.substr(m_pos, end - m_pos));
        for (char& c : name) c = static_cast<char>(c | 0x20);
        Field field = Field::none;
        if (name == "title") field = Field::title;
        if (name == "source") field = Field::source;
        if (name == "category") field = Field::category;
        if (name == "person") field = Field::person;
        if (name == "place") field = Field::place;
        if (name == "org") field = Field::org;
        if (name == "agency") field = Field::agency;  // news (issue #8)
        if (name == "date") field = Field::date;
        if (name == "year") field = Field::year;
        if (name == "mentioned") field = Field::mentioned;
        if (name == "hijri") field = Field::hijri;
        if (field == Field::none) return Field::none;
        m_pos = end + 1;
        if (ends_word(m_pos) && closing_quote(peek()) == 0) {
            throw QueryError("query syntax error at column " + std::to_string(item_column) +
                             ": " + name + ": needs a word or a \"phrase\" right after the colon");
        }
        return field;
    }

    /// The text between a pair of quotes; the cursor is on the opening quote.
    std::string quoted() {
        const std::size_t open = m_pos;
        const char32_t close = closing_quote(peek());
        advance();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && peek() != close) advance();
        if (m_pos >= m_text.size()) {
            throw QueryError("query syntax error at column " + std::to_string(column(open)) +
                             ": the quote opened here is never closed");
        }
        std::string inside(m_text.substr(start, m_pos - start));
        advance();
        return inside;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

[[nodiscard]] const char* describe(Lex kind) noexcept {
    switch (kind) {
        case Lex::op_and: return "AND";
        case Lex::op_or: return "OR";
        case Lex::op_not: return "NOT";
        case Lex::plus: return "+";
        case Lex::minus: return "-";
        case Lex::rparen: return ")";
        case Lex::lparen: return "(";
        default: return "term";
    }
}

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
        case Field::source: return FilterField::source;
        case Field::category: return FilterField::category;
        case Field::agency: return FilterField::agency;
        case Field::person: return FilterField::person;
        case Field::place: return FilterField::place;
        case Field::org: return FilterField::org;
        case Field::date: return FilterField::date;
        case Field::year: return FilterField::year;
        case Field::mentioned: return FilterField::mentioned;
        case Field::hijri: return FilterField::hijri;
        default: return std::nullopt;
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
        : m_lexer(text), m_mode(mode), m_analyzer(analyzer), m_ranking(ranking) {
        m_lexemes = m_lexer.run();
        m_lexemes.push_back({Lex::end, {}, Field::none, false, m_lexer.column(text.size())});
    }

    ParsedQuery run() {
        Node main;
        if (peek().kind != Lex::end) main = parse_or();
        if (peek().kind == Lex::rparen) error(peek(), "')' has no matching '('");
        if (peek().kind != Lex::end) {
            error(peek(), "unexpected " + std::string(describe(peek().kind)));
        }

        ParsedQuery out;
        out.match_all = !main.has_value();
        out.query = main ? *main : Xapian::Query::MatchAll;
        // Inline fields, included ones by field (every value of a field in one clause: any of
        // them), then the excluded ones in query order.
        for (auto& [field, clause] : m_filters) out.filters.push_back(std::move(clause));
        for (FilterClause& clause : m_excluded) out.filters.push_back(std::move(clause));
        if (!m_highlight.empty()) {
            out.highlight = Xapian::Query(Xapian::Query::OP_OR, m_highlight.begin(),
                                          m_highlight.end());
        }
        return out;
    }

  private:
    [[noreturn]] static void error(const Lexeme& at, const std::string& what) {
        throw QueryError("query syntax error at column " + std::to_string(at.column) + ": " +
                         what);
    }

    [[nodiscard]] const Lexeme& peek() const { return m_lexemes[m_next]; }
    const Lexeme& take() { return m_lexemes[m_next++]; }

    [[nodiscard]] static bool starts_item(Lex kind) noexcept {
        return kind == Lex::word || kind == Lex::phrase || kind == Lex::lparen ||
               kind == Lex::plus || kind == Lex::minus;
    }

    /// Throws unless an item follows the operator `op`.
    void need_right_operand(const Lexeme& op) const {
        if (!starts_item(peek().kind)) {
            error(op, std::string(describe(op.kind)) + " needs a term after it");
        }
    }

    Node parse_or() {
        Node left = parse_and();
        while (peek().kind == Lex::op_or) {
            const Lexeme& op = take();
            if (!starts_item(peek().kind) && peek().kind != Lex::op_not) {
                error(op, "OR needs a term after it");
            }
            left = combine(Xapian::Query::OP_OR, left, parse_and());
        }
        return left;
    }

    Node parse_and() {
        Node left;
        if (peek().kind == Lex::op_not) {
            // A leading NOT: everything except what follows.
            const Lexeme& op = take();
            need_right_operand(op);
            left = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                                 negated_sequence());
        } else if (starts_item(peek().kind)) {
            left = parse_sequence();
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
                    left = combine(Xapian::Query::OP_AND_NOT, left, negated_sequence());
                } else {
                    need_right_operand(op);
                    left = combine(Xapian::Query::OP_AND, left, parse_sequence());
                }
            } else if (peek().kind == Lex::op_not) {
                const Lexeme& op = take();
                need_right_operand(op);
                left = combine(Xapian::Query::OP_AND_NOT, left, negated_sequence());
            } else {
                return left;
            }
        }
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
            Node item = parse_item();
            if (group) m_free_word.reset();  // set by the last word inside the parentheses
            if (modifier == Lex::minus) --m_negation;
            if (!item) continue;
            if (modifier == Lex::plus) required.push_back(*item);
            else if (modifier == Lex::minus) excluded.push_back(*item);
            else if (m_mode == MatchMode::auto_ && m_free_word) {
                free_words.push_back({*m_free_word, is_stop_word(m_free_word->folded)});
            } else {
                plain.push_back(*item);
            }
        }

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
                Node inner = parse_or();
                if (peek().kind != Lex::rparen) error(lex, "the '(' opened here is never closed");
                take();
                return inner;
            }
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
        if (const std::optional<FilterField> field = filter_field(lex.field)) {
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

    Lexer m_lexer;
    MatchMode m_mode;
    const Analyzer& m_analyzer;
    const RankingOptions& m_ranking;
    std::vector<Lexeme> m_lexemes;
    std::size_t m_next = 0;
    int m_negation = 0;  ///< > 0 while parsing under NOT or `-`
    std::map<Field, FilterClause> m_filters;  ///< included inline fields, by field
    std::vector<FilterClause> m_excluded;     ///< excluded inline fields, in query order
    std::set<std::string> m_highlight;
    /// Set by atom() for a plain word that analysed to one token (a free word of auto_).
    std::optional<Token> m_free_word;
};

}  // namespace

ParsedQuery QueryParser::parse(std::string_view text) const {
    return Parser(text, m_mode, *m_analyzer, m_ranking).run();
}

ParsedQuery parse_query(std::string_view text, MatchMode mode) {
    return QueryParser(mode).parse(text);
}

}  // namespace fahras
