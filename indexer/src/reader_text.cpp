// SPDX-License-Identifier: GPL-3.0-or-later
// Text helpers of the readers: white space, trimming, line numbers, and the split of a .txt
// article into title and body (split out of readers.cpp).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fahras/common/utf8.hpp"
#include "fahras/indexer/readers.hpp"
#include "reader_text.hpp"

namespace fahras {

namespace reader_text {

namespace {

/// Lengths, in characters, of what a JSON syntax error quotes of the input, and of its whole
/// reason: short enough for one line of a log.
constexpr std::size_t max_token_chars = 40;
constexpr std::size_t max_reason_chars = 160;

}  // namespace

/// True for the code points that separate words or pad lines in news text.
bool is_space(char32_t cp) {
    switch (cp) {
        case U'\t':
        case U'\n':
        case U'\v':
        case U'\f':
        case U'\r':
        case U' ':
        case 0x00A0:  // NO-BREAK SPACE
        case 0x1680:  // OGHAM SPACE MARK
        case 0x200B:  // ZERO WIDTH SPACE
        case 0x200E:  // LEFT-TO-RIGHT MARK
        case 0x200F:  // RIGHT-TO-LEFT MARK
        case 0x2028:  // LINE SEPARATOR
        case 0x2029:  // PARAGRAPH SEPARATOR
        case 0x202F:  // NARROW NO-BREAK SPACE
        case 0x205F:  // MEDIUM MATHEMATICAL SPACE
        case 0x3000:  // IDEOGRAPHIC SPACE
        case 0xFEFF:  // ZERO WIDTH NO-BREAK SPACE (byte order mark)
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;  // EN QUAD .. HAIR SPACE
    }
}

/// Decodes the code point that ends just before `end` (a UTF-8 boundary) and moves `end` to its
/// start. Ill-formed bytes come back as utf8::invalid, one byte at a time.
char32_t decode_backwards(std::string_view s, std::size_t& end) {
    std::size_t start = end - 1;
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
        --start;
    }
    std::size_t pos = start;
    const char32_t cp = utf8::decode(s, pos);
    if (cp == utf8::invalid || pos != end) {
        --end;
        return utf8::invalid;
    }
    end = start;
    return cp;
}

/// `s` without leading and trailing white space (see is_space).
std::string_view trim(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t pos = begin;
        if (!is_space(utf8::decode(s, pos))) break;
        begin = pos;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t pos = end;
        if (!is_space(decode_backwards(s, pos))) break;
        end = pos;
    }
    return s.substr(begin, end - begin);
}

namespace {

struct LineShape {
    std::size_t words = 0;
    std::size_t chars = 0;
    bool ends_sentence = false;
};

/// Counts the words and code points of a trimmed line and looks at its final punctuation.
LineShape shape_of(std::string_view line) {
    LineShape shape;
    bool in_word = false;
    std::size_t pos = 0;
    while (pos < line.size()) {
        const char32_t cp = utf8::decode(line, pos);
        ++shape.chars;
        if (is_space(cp)) {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            ++shape.words;
        }
    }
    // Look through closing quotes and brackets: «... الإسلامية».» still ends a sentence.
    std::size_t end = line.size();
    while (end > 0) {
        const char32_t cp = decode_backwards(line, end);
        switch (cp) {
            case U'"':
            case U'\'':
            case U')':
            case U']':
            case 0x00BB:  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
            case 0x2019:  // RIGHT SINGLE QUOTATION MARK
            case 0x201D:  // RIGHT DOUBLE QUOTATION MARK
                continue;
            case U'.':
            case U'!':
            case U'?':
            case 0x061F:  // ARABIC QUESTION MARK
            case 0x06D4:  // ARABIC FULL STOP
            case 0x2026:  // HORIZONTAL ELLIPSIS
            case 0x3002:  // IDEOGRAPHIC FULL STOP
                shape.ends_sentence = true;
                break;
            default:
                break;
        }
        break;
    }
    return shape;
}

}  // namespace

// Arabic news headlines run to about 5-15 words; lead paragraphs to 25 and more.
bool looks_like_paragraph(std::string_view line) {
    const LineShape shape = shape_of(line);
    return shape.words > 25 || shape.chars > 180 || (shape.words > 12 && shape.ends_sentence);
}

/// 1-based line number of byte `offset` of `text`.
std::size_t line_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string log_excerpt(std::string_view s, std::size_t max_chars, bool keep_end) {
    std::u32string chars;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char32_t cp = utf8::decode(s, pos);
        if (cp == utf8::invalid) continue;
        // C0 and C1 controls, DEL, and U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR
        // would break the line or the terminal.
        const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
        chars.push_back(control ? U' ' : cp);
    }
    if (chars.size() > max_chars) {
        const std::size_t keep = max_chars > 0 ? max_chars - 1 : 0;
        chars = keep_end ? U"\u2026" + chars.substr(chars.size() - keep)
                         : chars.substr(0, keep) + U"\u2026";  // HORIZONTAL ELLIPSIS
    }
    return utf8::from_u32(chars);
}

std::string json_error_detail(std::string_view what) {
    std::string detail(what);
    const std::size_t at = detail.find("parse error");
    if (at != std::string::npos) {
        const std::size_t colon = detail.find(": ", at);
        if (colon != std::string::npos) detail.erase(0, colon + 2);
    }
    // "…; last read: '<token>'": the token can be a whole line, and it ends wherever the
    // parser stopped, in the middle of a character too. Keep its end, short and whole.
    constexpr std::string_view last_read = "last read: '";
    const std::size_t token = detail.find(last_read);
    if (token != std::string::npos) {
        const std::size_t begin = token + last_read.size();
        const std::size_t end = detail.rfind('\'');
        if (end != std::string::npos && end >= begin) {
            detail.replace(begin, end - begin,
                           log_excerpt(std::string_view(detail).substr(begin, end - begin),
                                       max_token_chars, true));
        }
    }
    return log_excerpt(detail, max_reason_chars);
}

std::string invalid_utf8_reason(std::size_t offset, std::size_t replaced) {
    std::string reason = "invalid UTF-8 at byte offset " + std::to_string(offset) + "; ";
    if (replaced > 1) reason += std::to_string(replaced) + " ill-formed bytes ";
    return reason + "replaced by U+FFFD";
}

}  // namespace reader_text

std::string record_too_large(std::uintmax_t size, std::uintmax_t limit) {
    const auto mib = [](std::uintmax_t bytes) {
        if (bytes < (1 << 20)) return std::to_string(bytes) + " bytes";
        char out[32];
        std::snprintf(out, sizeof out, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
        return std::string(out);
    };
    return "record is " + mib(size) + ", over --max-record-size " + mib(limit);
}

using reader_text::looks_like_paragraph;
using reader_text::trim;

void split_title_body(std::string_view text, std::string& title, std::string& body) {
    title.clear();
    body.clear();
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(pos, end - pos));
        if (!line.empty()) {
            if (looks_like_paragraph(line)) {
                body = trim(text.substr(pos));
            } else {
                title = line;
                body = trim(text.substr(std::min(end + 1, text.size())));
            }
            return;
        }
        pos = end + 1;
    }
}

}  // namespace fahras
