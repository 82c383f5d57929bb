// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/tokenize.hpp"

#include <array>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "fahras/common/clean.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

/// How a code point takes part in words.
enum class CharClass {
    separator,
    arabic_letter,
    latin_letter,
    other_letter,
    digit,
    mark,    ///< combining mark that clean() keeps: continues the word it follows
    joiner,  ///< dropped by clean() (tatweel, harakat, ZWJ/ZWNJ, bidi marks): continues a word
};

CharClass classify_any(char32_t cp) noexcept {
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::latin_letter;
        if (cp >= '0' && cp <= '9') return CharClass::digit;
        return CharClass::separator;
    }
    if (cp == utf8::invalid || cp == utf8::replacement) return CharClass::separator;
    if (is_dropped(cp)) return CharClass::joiner;
    const auto c = static_cast<UChar32>(cp);
    const int8_t type = u_charType(c);
    switch (type) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER: {
            UErrorCode status = U_ZERO_ERROR;
            const UScriptCode script = uscript_getScript(c, &status);
            if (script == USCRIPT_ARABIC) return CharClass::arabic_letter;
            if (script == USCRIPT_LATIN) return CharClass::latin_letter;
            return CharClass::other_letter;
        }
        case U_DECIMAL_DIGIT_NUMBER:
            return CharClass::digit;
        case U_NON_SPACING_MARK:
        case U_COMBINING_SPACING_MARK:
        case U_ENCLOSING_MARK:
            return CharClass::mark;
        default:
            return CharClass::separator;
    }
}

/// classify_any(), looked up in a table below U+0800 (ASCII and Arabic: nearly every code
/// point of the corpora), instead of asking ICU for the type and the script of each.
CharClass classify(char32_t cp) noexcept {
    static const std::array<CharClass, 0x800> table = [] {
        std::array<CharClass, 0x800> t{};
        for (char32_t c = 0; c < 0x800; ++c) t[c] = classify_any(c);
        return t;
    }();
    return cp < 0x800 ? table[cp] : classify_any(cp);
}

/// Separators that stay inside a number when a digit follows: 3.5, 2,500, ٣٫٥, ٢٬٥٠٠.
bool is_number_separator(char32_t cp) noexcept {
    return cp == '.' || cp == ',' || cp == 0x066B /* ARABIC DECIMAL SEPARATOR */ ||
           cp == 0x066C /* ARABIC THOUSANDS SEPARATOR */;
}

/// Peeks at the class of the code point starting at `pos` (separator at the end).
CharClass peek(std::string_view text, std::size_t pos, char32_t* cp_out = nullptr) noexcept {
    if (pos >= text.size()) return CharClass::separator;
    const char32_t cp = utf8::decode(text, pos);
    if (cp_out != nullptr) *cp_out = cp;
    return classify(cp);
}

}  // namespace

void tokenize(std::string_view text, const std::function<void(const RawToken&)>& sink) {
    bool in_word = false;
    RawToken current;
    const auto finish = [&] {
        if (in_word) sink(current);
        in_word = false;
    };
    const auto start = [&](std::size_t at, std::size_t end, TokenKind kind) {
        finish();
        current = RawToken{at, end, kind};
        in_word = true;
    };

    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t at = pos;
        const char32_t cp = utf8::decode(text, pos);
        const CharClass cls = classify(cp);
        switch (cls) {
            case CharClass::joiner:
            case CharClass::mark:
                // Continues the current word only if the word goes on after it; the word's end
                // moves when the next letter arrives, so trailing marks are not part of it.
                if (in_word) {
                    std::size_t look = pos;
                    CharClass next = peek(text, look);
                    while ((next == CharClass::joiner || next == CharClass::mark) &&
                           look < text.size()) {
                        (void)utf8::decode(text, look);
                        next = peek(text, look);
                    }
                    if (next == CharClass::separator) {
                        // A mark at the end of a word belongs to it (a final harakah).
                        current.end = pos;
                    }
                }
                break;
            case CharClass::arabic_letter:
                if (in_word && current.kind == TokenKind::arabic) {
                    current.end = pos;
                } else {
                    start(at, pos, TokenKind::arabic);
                }
                break;
            case CharClass::latin_letter:
                if (in_word &&
                    (current.kind == TokenKind::latin || current.kind == TokenKind::number)) {
                    // Digits then Latin letters (3D, 4G) make one Latin word.
                    current.kind = TokenKind::latin;
                    current.end = pos;
                } else {
                    start(at, pos, TokenKind::latin);
                }
                break;
            case CharClass::other_letter:
                if (in_word && current.kind == TokenKind::other) {
                    current.end = pos;
                } else {
                    start(at, pos, TokenKind::other);
                }
                break;
            case CharClass::digit:
                if (in_word &&
                    (current.kind == TokenKind::number || current.kind == TokenKind::latin)) {
                    current.end = pos;
                } else {
                    start(at, pos, TokenKind::number);
                }
                break;
            case CharClass::separator:
                if (in_word && current.kind == TokenKind::number && is_number_separator(cp) &&
                    peek(text, pos) == CharClass::digit) {
                    current.end = pos;
                    break;
                }
                // A stray U+007C VERTICAL LINE between two Arabic letters (ا|لأميركي, left by
                // markup in scraped archives) is ignored: the word goes on.
                if (cp == '|' && in_word && current.kind == TokenKind::arabic &&
                    current.end == at && peek(text, pos) == CharClass::arabic_letter) {
                    break;
                }
                finish();
                break;
        }
    }
    finish();
}

std::vector<RawToken> tokenize(std::string_view text) {
    std::vector<RawToken> out;
    tokenize(text, [&](const RawToken& t) { out.push_back(t); });
    return out;
}

}  // namespace fahras
