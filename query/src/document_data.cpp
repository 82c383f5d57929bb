// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/document_data.hpp"

#include <charconv>
#include <cstring>

#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

constexpr std::size_t bad = static_cast<std::size_t>(-1);

std::size_t skip_spaces(std::string_view s, std::size_t at) noexcept {
    while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r')) {
        ++at;
    }
    return at;
}

/// One past the closing quote of the string literal opening at `at`, or `bad`. A quote is
/// found with memchr and counts as closing when an even number of backslashes precede it:
/// long bodies are skipped at memchr's speed.
std::size_t string_end(std::string_view s, std::size_t at) noexcept {
    std::size_t from = at + 1;
    while (from < s.size()) {
        const void* found = std::memchr(s.data() + from, '"', s.size() - from);
        if (found == nullptr) return bad;
        const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - s.data());
        std::size_t backslashes = 0;
        while (quote - backslashes > at + 1 && s[quote - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return quote + 1;
        from = quote + 1;
    }
    return bad;
}

/// One past the end of the JSON value starting at `at`, or `bad`.
std::size_t value_end(std::string_view s, std::size_t at) noexcept {
    if (at >= s.size()) return bad;
    const char c = s[at];
    if (c == '"') return string_end(s, at);
    if (c == '{' || c == '[') {
        int depth = 0;
        while (at < s.size()) {
            const char d = s[at];
            if (d == '"') {
                at = string_end(s, at);
                if (at == bad) return bad;
                continue;
            }
            if (d == '{' || d == '[') ++depth;
            if (d == '}' || d == ']') {
                if (--depth == 0) return at + 1;
            }
            ++at;
        }
        return bad;
    }
    // A number, true, false or null: up to the next delimiter.
    const std::size_t start = at;
    while (at < s.size() && s[at] != ',' && s[at] != '}' && s[at] != ']' && s[at] != ' ' &&
           s[at] != '\n' && s[at] != '\t' && s[at] != '\r') {
        ++at;
    }
    return at > start ? at : bad;
}

/// The four hex digits at `at` as a number, or -1.
long hex4(std::string_view s, std::size_t at) noexcept {
    if (at + 4 > s.size()) return -1;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + 4, value, 16);
    if (ec != std::errc() || end != s.data() + at + 4) return -1;
    return static_cast<long>(value);
}

}  // namespace

DocumentData::DocumentData(std::string_view json) {
    std::size_t at = skip_spaces(json, 0);
    if (at >= json.size() || json[at] != '{') return;
    at = skip_spaces(json, at + 1);
    if (at < json.size() && json[at] == '}') {
        m_object = true;
        return;
    }
    while (at < json.size() && json[at] == '"') {
        const std::size_t key_end = string_end(json, at);
        if (key_end == bad) break;
        const std::string_view key = json.substr(at + 1, key_end - at - 2);
        at = skip_spaces(json, key_end);
        if (at >= json.size() || json[at] != ':') break;
        const std::size_t value_start = skip_spaces(json, at + 1);
        const std::size_t end = value_end(json, value_start);
        if (end == bad) break;
        m_members.emplace_back(key, json.substr(value_start, end - value_start));
        at = skip_spaces(json, end);
        if (at < json.size() && json[at] == '}') {
            m_object = true;
            return;
        }
        if (at >= json.size() || json[at] != ',') break;
        at = skip_spaces(json, at + 1);
    }
    m_members.clear();  // broken off or malformed
}

std::optional<std::string_view> DocumentData::raw(std::string_view key) const {
    for (const auto& [k, v] : m_members) {
        if (k == key) return v;
    }
    return std::nullopt;
}

std::string DocumentData::string(std::string_view key) const {
    const auto value = raw(key);
    if (!value) return {};
    return decode_json_string(*value).value_or(std::string());
}

std::optional<std::size_t> DocumentData::unsigned_number(std::string_view key) const {
    const auto value = raw(key);
    if (!value || value->empty()) return std::nullopt;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
    return n;
}

std::vector<std::string_view> json_array_elements(std::string_view array) {
    std::vector<std::string_view> out;
    std::size_t at = skip_spaces(array, 0);
    if (at >= array.size() || array[at] != '[') return out;
    at = skip_spaces(array, at + 1);
    if (at < array.size() && array[at] == ']') return out;
    while (at < array.size()) {
        const std::size_t end = value_end(array, at);
        if (end == bad) break;
        out.push_back(array.substr(at, end - at));
        at = skip_spaces(array, end);
        if (at < array.size() && array[at] == ']') return out;
        if (at >= array.size() || array[at] != ',') break;
        at = skip_spaces(array, at + 1);
    }
    out.clear();  // broken off or malformed
    return out;
}

std::optional<std::string> decode_json_string(std::string_view literal) {
    if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"') return std::nullopt;
    const std::string_view s = literal.substr(1, literal.size() - 2);
    if (s.find('\\') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            // Copy the run up to the next escape at once.
            std::size_t next = s.find('\\', i);
            if (next == std::string_view::npos) next = s.size();
            out.append(s, i, next - i);
            i = next - 1;
            continue;
        }
        if (++i >= s.size()) return std::nullopt;
        switch (s[i]) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                const long unit = hex4(s, i + 1);
                if (unit < 0) return std::nullopt;
                i += 4;
                char32_t cp = static_cast<char32_t>(unit);
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    // A high surrogate: joined with the low one that should follow.
                    const long low = i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u'
                                         ? hex4(s, i + 3)
                                         : -1;
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) +
                             (static_cast<char32_t>(low) - 0xDC00);
                        i += 6;
                    } else {
                        cp = 0xFFFD;
                    }
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                utf8::append(out, cp);
                break;
            }
            default:
                return std::nullopt;
        }
    }
    return out;
}

}  // namespace fahras
