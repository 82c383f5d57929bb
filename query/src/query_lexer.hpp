// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The lexer of the Fahras query language (grammar in query_parser.hpp). Private to
// fahras_query: the grammar (query_parser.cpp) is its only user.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::query_lexer {

enum class Lex {
    word,    ///< an unquoted chunk, possibly with a field, `=` or a trailing `*`
    phrase,  ///< a quoted chunk, possibly with a field or `=`
    all,     ///< a lone `*`: every article
    lparen,
    rparen,
    plus,   ///< `+` glued to the item that follows: required
    minus,  ///< `-` glued to the item that follows: excluded
    op_and,
    op_or,
    op_not,
    op_near,  ///< `NEAR` or `NEAR/n`
    end,
};

enum class Field {
    none,
    title,
    source,
    category,
    person,
    place,
    org,
    date,
    year,
    mentioned,
    hijri,
    agency,
};

struct Lexeme {
    Lex kind = Lex::end;
    std::string text;  ///< the word (without a trailing `*`), or the phrase without its quotes
    Field field = Field::none;
    bool exact = false;      ///< written with a leading `=`
    bool prefix = false;     ///< a word written with a trailing `*`: words starting with it
    std::size_t window = 0;  ///< op_near: the n of `NEAR/n` (default_near_distance for `NEAR`)
    std::size_t column = 0;  ///< 1-based, in code points
};

/// How many words apart `NEAR` without `/n` lets its terms be (see query_parser.hpp).
inline constexpr std::size_t default_near_distance = 10;
/// The largest n of `NEAR/n`.
inline constexpr std::size_t max_near_distance = 1000;

/// Splits `text` into lexemes, the last one Lex::end (whose column is one past the text).
/// Throws QueryError (with the column) for an unclosed quote, a field without a value, a NUL
/// character, and a `NEAR/` without a valid distance. Linear in the length of `text`.
[[nodiscard]] std::vector<Lexeme> lex(std::string_view text);

/// "AND", "+", ")" …: how a lexeme kind is named in error messages.
[[nodiscard]] const char* describe(Lex kind) noexcept;

}  // namespace fahras::query_lexer
