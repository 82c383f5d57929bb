// SPDX-License-Identifier: GPL-3.0-or-later
#include "query_lexer.hpp"

#include <charconv>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras::query_lexer {

namespace {

bool is_space(char32_t cp) noexcept {
    switch (cp) {
        case 0x0009:
        case 0x000A:
        case 0x000B:
        case 0x000C:
        case 0x000D:
        case 0x0020:
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
        case U'"':
            return U'"';
        case 0x00AB:
            return 0x00BB;  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK → RIGHT-…
        case 0x201C:
            return 0x201D;  // LEFT DOUBLE QUOTATION MARK → RIGHT DOUBLE QUOTATION MARK
        default:
            return 0;
    }
}

[[noreturn]] void syntax_error(std::size_t column, const std::string& what) {
    throw QueryError("query syntax error at column " + std::to_string(column) + ": " + what);
}

/// Splits a query string into lexemes.
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
                Lexeme paren;
                paren.kind = cp == U'(' ? Lex::lparen : Lex::rparen;
                paren.column = column(start);
                out.push_back(std::move(paren));
                continue;
            }
            if ((cp == U'+' || cp == U'-') && modifier_applies(m_pos + 1)) {
                ++m_pos;
                Lexeme modifier;
                modifier.kind = cp == U'+' ? Lex::plus : Lex::minus;
                modifier.column = column(start);
                out.push_back(std::move(modifier));
                continue;  // the item follows without a space
            }
            out.push_back(item());
        }
        Lexeme end;
        end.column = column(m_text.size());
        out.push_back(std::move(end));
        return out;
    }

  private:
    /// 1-based column, in code points, of byte offset `pos`. Columns are asked for in
    /// increasing order (an error's column may go back once), so counting resumes from the
    /// last one asked for: lexing stays linear in the length of the query.
    [[nodiscard]] std::size_t column(std::size_t pos) {
        if (pos < m_counted_pos) {
            m_counted_pos = 0;
            m_counted_columns = 0;
        }
        while (m_counted_pos < pos) {
            (void)utf8::decode(m_text, m_counted_pos);  // an ill-formed byte counts as one
            ++m_counted_columns;
        }
        return m_counted_columns + 1;
    }

    [[nodiscard]] char32_t peek(std::size_t pos) const {
        if (pos >= m_text.size()) return 0;
        const char32_t cp = utf8::decode(m_text, pos);
        return cp == utf8::invalid ? utf8::replacement : cp;
    }
    [[nodiscard]] char32_t peek() const { return peek(m_pos); }

    /// Moves past the code point at the cursor. A NUL is refused here, wherever it is (inside
    /// a word or phrase too): it would otherwise cut the query short in C APIs and logs.
    void advance() {
        if (m_text[m_pos] == '\0') {
            syntax_error(column(m_pos), "a NUL character (U+0000) cannot be part of a query");
        }
        (void)utf8::decode(m_text, m_pos);
    }

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
        if (peek() == U'=' && (!ends_word(m_pos + 1) || closing_quote(peek(m_pos + 1)) != 0)) {
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
        if (lex.field == Field::none && !lex.exact) keyword(lex);
        if (lex.kind == Lex::word && lex.text.ends_with('*')) {
            // `word*`: a prefix search; `*` alone: every article.
            lex.text.erase(lex.text.find_last_not_of('*') + 1);
            if (lex.text.empty() && lex.field == Field::none && !lex.exact) {
                lex.kind = Lex::all;
            } else {
                lex.prefix = true;
            }
        }
        return lex;
    }

    /// Turns `lex` into an operator when its text is one: AND, OR, NOT, NEAR, NEAR/n (upper
    /// case only).
    void keyword(Lexeme& lex) const {
        if (lex.text == "AND") lex.kind = Lex::op_and;
        if (lex.text == "OR") lex.kind = Lex::op_or;
        if (lex.text == "NOT") lex.kind = Lex::op_not;
        if (lex.text == "NEAR") {
            lex.kind = Lex::op_near;
            lex.window = default_near_distance;
        }
        if (lex.text.starts_with("NEAR/")) {
            const std::string_view n = std::string_view(lex.text).substr(5);
            std::size_t value = 0;
            const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), value);
            if (n.empty() || ec != std::errc() || end != n.data() + n.size() || value == 0 ||
                value > max_near_distance) {
                syntax_error(lex.column, "NEAR/n needs a distance n from 1 to " +
                                             std::to_string(max_near_distance) + " (NEAR/5)");
            }
            lex.kind = Lex::op_near;
            lex.window = value;
        }
    }

    /// Consumes a known field name and its colon (`title:`, `source:` …, any case) at the
    /// cursor and returns the field; leaves the cursor alone for anything else, including
    /// unknown fields.
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
        if (name == "agency") field = Field::agency;
        if (name == "date") field = Field::date;
        if (name == "year") field = Field::year;
        if (name == "mentioned") field = Field::mentioned;
        if (name == "hijri") field = Field::hijri;
        if (field == Field::none) return Field::none;
        m_pos = end + 1;
        if (ends_word(m_pos) && closing_quote(peek()) == 0) {
            syntax_error(item_column,
                         name + ": needs a word or a \"phrase\" right after the colon");
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
            syntax_error(column(open), "the quote opened here is never closed");
        }
        std::string inside(m_text.substr(start, m_pos - start));
        advance();
        return inside;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_counted_pos = 0;      ///< column(): the byte offset counted up to
    std::size_t m_counted_columns = 0;  ///< column(): code points before m_counted_pos
};

}  // namespace

std::vector<Lexeme> lex(std::string_view text) {
    return Lexer(text).run();
}

const char* describe(Lex kind) noexcept {
    switch (kind) {
        case Lex::op_and:
            return "AND";
        case Lex::op_or:
            return "OR";
        case Lex::op_not:
            return "NOT";
        case Lex::op_near:
            return "NEAR";
        case Lex::plus:
            return "+";
        case Lex::minus:
            return "-";
        case Lex::rparen:
            return ")";
        case Lex::lparen:
            return "(";
        default:
            return "term";
    }
}

}  // namespace fahras::query_lexer
