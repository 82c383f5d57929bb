// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace fahras {

/// What a token is made of.
enum class TokenKind {
    arabic,  ///< Arabic letters (with any marks, tatweel or joiners inside)
    latin,   ///< Latin letters, possibly with digits (F16, mp3)
    number,  ///< digits, ASCII or Arabic-Indic, with inner decimal/thousands separators
    other,   ///< letters of any other script
};

/// A word found in a text: `[start, end)` are UTF-8 byte offsets into the tokenized text.
struct RawToken {
    std::size_t start = 0;
    std::size_t end = 0;
    TokenKind kind = TokenKind::other;
};

/// Step 2 of the analysis pipeline: split raw (uncleaned) text into words.
///
/// A word is a maximal run of letters and digits of one kind. Characters that clean() drops
/// (tatweel, harakat, ZWJ/ZWNJ, bidi marks) continue the word they sit in. Spaces, Arabic
/// punctuation (U+060C ARABIC COMMA, U+061B ARABIC SEMICOLON, U+061F ARABIC QUESTION MARK,
/// U+066A–U+066D, U+06D4 ARABIC FULL STOP), guillemets, typographic quotes and ASCII
/// punctuation separate words. Arabic letters and Latin letters never share a word; digits
/// glued to Arabic letters (2015م) are split off, digits glued to Latin letters (F16) are not.
/// A digit run keeps an inner `.` `,` U+066B ARABIC DECIMAL SEPARATOR or U+066C ARABIC
/// THOUSANDS SEPARATOR when a digit follows (3.5, 2,500). Ill-formed UTF-8 bytes separate
/// words.
void tokenize(std::string_view text, const std::function<void(const RawToken&)>& sink);

/// Convenience form of tokenize() collecting the tokens.
[[nodiscard]] std::vector<RawToken> tokenize(std::string_view text);

}  // namespace fahras
