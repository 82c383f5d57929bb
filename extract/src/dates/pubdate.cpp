// SPDX-License-Identifier: GPL-3.0-or-later
// Publication dates: metadata strings (ISO 8601, RFC 822, DD/MM/YYYY), file paths, datelines.
#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "fahras/extract/dates.hpp"

namespace fahras::dates {

namespace {

bool digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// The value of `count` digits at `pos`, or -1.
int digits_at(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return -1;
    int v = 0;
    for (std::size_t k = 0; k < count; ++k) {
        if (!digit(s[pos + k])) return -1;
        v = v * 10 + (s[pos + k] - '0');
    }
    return v;
}

std::optional<CivilDate> valid(int y, int m, int d) {
    if (y < 1 || m < 1 || d < 1) return std::nullopt;
    const CivilDate c{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
    if (!is_valid(c)) return std::nullopt;
    return c;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0)
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0)
        s.remove_suffix(1);
    return s;
}

/// ISO 8601: YYYY-MM-DD, YYYYMMDD, then nothing or a time (T or space).
std::optional<CivilDate> parse_iso(std::string_view s) {
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
        if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
        return valid(digits_at(s, 0, 4), digits_at(s, 5, 2), digits_at(s, 8, 2));
    }
    if (s.size() >= 8 && (s.size() == 8 || s[8] == 'T')) {
        return valid(digits_at(s, 0, 4), digits_at(s, 4, 2), digits_at(s, 6, 2));
    }
    return std::nullopt;
}

/// DD/MM/YYYY (also `-` or `.`, one-digit day and month), then nothing or a time.
std::optional<CivilDate> parse_dmy(std::string_view s) {
    std::array<int, 3> parts{};
    std::array<std::size_t, 3> widths{};
    std::size_t pos = 0;
    char sep_char = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        const std::size_t begin = pos;
        while (pos < s.size() && digit(s[pos])) ++pos;
        widths[k] = pos - begin;
        if (widths[k] == 0 || widths[k] > 4) return std::nullopt;
        parts[k] = digits_at(s, begin, widths[k]);
        if (k < 2) {
            if (pos >= s.size()) return std::nullopt;
            const char c = s[pos];
            if (c != '/' && c != '-' && c != '.') return std::nullopt;
            if (sep_char != 0 && c != sep_char) return std::nullopt;
            sep_char = c;
            ++pos;
        }
    }
    if (pos < s.size() && s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
    if (widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2)
        return valid(parts[2], parts[1], parts[0]);
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2)
        return valid(parts[0], parts[1], parts[2]);
    return std::nullopt;
}

/// RFC 822 / 2822: [Day, ] DD Mon YYYY [time zone]; two-digit years are 19xx/20xx.
std::optional<CivilDate> parse_rfc822(std::string_view s) {
    static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    if (const auto comma = s.find(','); comma != std::string_view::npos && comma <= 10) {
        s = trim(s.substr(comma + 1));
    }
    std::size_t pos = 0;
    while (pos < s.size() && digit(s[pos])) ++pos;
    if (pos == 0 || pos > 2) return std::nullopt;
    const int day = digits_at(s, 0, pos);
    while (pos < s.size() && s[pos] == ' ') ++pos;
    if (pos + 3 > s.size()) return std::nullopt;
    std::string mon(s.substr(pos, 3));
    for (char& c : mon) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int month = 0;
    for (int k = 0; k < 12; ++k) {
        if (mon == months[k]) month = k + 1;
    }
    if (month == 0) return std::nullopt;
    pos += 3;
    while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos])) != 0)
        ++pos;  // "Sept"
    while (pos < s.size() && s[pos] == ' ') ++pos;
    const std::size_t begin = pos;
    while (pos < s.size() && digit(s[pos])) ++pos;
    int year = 0;
    if (pos - begin == 4) {
        year = digits_at(s, begin, 4);
    } else if (pos - begin == 2) {
        year = digits_at(s, begin, 2);
        year += year < 50 ? 2000 : 1900;
    } else {
        return std::nullopt;
    }
    return valid(year, month, day);
}

/// The date of a numeric metadata string (ISO, DMY), which may have a Hijri-looking year.
std::optional<CivilDate> parse_numeric(std::string_view s) {
    if (auto d = parse_iso(s)) return d;
    return parse_dmy(s);
}

/// The first absolute date of day precision written in `s` as in text.
std::optional<CivilDate> parse_as_text(std::string_view s) {
    for (const MentionedDate& d : extract_dates(s)) {
        if (d.precision == Precision::day && d.kind == DateKind::absolute) return d.date;
    }
    return std::nullopt;
}

}  // namespace

std::optional<CivilDate> parse_date_string(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    if (auto d = parse_numeric(s)) {
        if (!hijri_looking_year(d->year)) return d;
        return hijri_to_gregorian(*d);  // as in text: see dates.hpp
    }
    if (auto d = parse_rfc822(s)) return d;
    return parse_as_text(s);
}

std::string metadata_date_problem(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.empty() || parse_date_string(s)) return {};
    return "date '" + std::string(s) +
           "' is not a date (day, month and year); no publication date taken from it";
}

std::optional<CivilDate> date_from_path(std::string_view path) {
    std::optional<CivilDate> found;
    for (std::size_t i = 0; i + 8 <= path.size(); ++i) {
        if (i > 0 && digit(path[i - 1])) continue;  // start of a digit run only
        const int y = digits_at(path, i, 4);
        if (y < 1900 || y > 2100) continue;
        std::optional<CivilDate> d;
        std::size_t end = 0;
        const char sep_char = i + 4 < path.size() ? path[i + 4] : 0;
        if (sep_char == '-' || sep_char == '_' || sep_char == '/' || sep_char == '.') {
            if (i + 10 <= path.size() && path[i + 7] == sep_char) {
                d = valid(y, digits_at(path, i + 5, 2), digits_at(path, i + 8, 2));
                end = i + 10;
            }
        } else {
            d = valid(y, digits_at(path, i + 4, 2), digits_at(path, i + 6, 2));
            end = i + 8;
        }
        if (d && (end >= path.size() || !digit(path[end]))) found = d;
    }
    return found;
}

std::optional<CivilDate> date_from_dateline(std::string_view text) {
    // The first three non-empty lines, at most 400 bytes (cut at a line end or a space).
    std::size_t pos = 0;
    int lines = 0;
    while (pos < text.size() && lines < 3) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        if (!trim(text.substr(pos, nl - pos)).empty()) ++lines;
        pos = nl + 1;
    }
    std::string_view head = text.substr(0, std::min(pos, text.size()));
    if (head.size() > 400) {
        std::size_t cut = head.rfind(' ', 400);
        head = head.substr(0, cut == std::string_view::npos ? 0 : cut);
    }
    if (head.empty()) return std::nullopt;
    for (const MentionedDate& d : extract_dates(head)) {
        if (d.precision == Precision::day && d.kind == DateKind::absolute) return d.date;
    }
    return std::nullopt;
}

std::string_view to_string(DateSource source) noexcept {
    switch (source) {
        case DateSource::none:
            return "";
        case DateSource::metadata:
            return "metadata";
        case DateSource::path:
            return "path";
        case DateSource::dateline:
            return "dateline";
    }
    return "";
}

PubDate resolve_pubdate(std::string_view metadata_date, std::string_view path,
                        std::string_view body) {
    if (auto d = parse_date_string(metadata_date)) return {*d, DateSource::metadata};
    if (auto d = date_from_path(path)) return {*d, DateSource::path};
    if (auto d = date_from_dateline(body)) return {*d, DateSource::dateline};
    return {};
}

std::optional<std::pair<CivilDate, Precision>> parse_user_date(std::string_view text) {
    const std::string_view s = trim(text);
    const auto sep_ok = [&](std::size_t at) { return s[at] == '-' || s[at] == '/'; };
    if (s.size() == 4) {
        const int y = digits_at(s, 0, 4);
        if (y < 1) return std::nullopt;
        return std::pair{CivilDate{y, 0, 0}, Precision::year};
    }
    if (s.size() == 7 && sep_ok(4)) {
        const int y = digits_at(s, 0, 4);
        const int m = digits_at(s, 5, 2);
        if (y < 1 || m < 1 || m > 12) return std::nullopt;
        return std::pair{CivilDate{y, static_cast<unsigned>(m), 0}, Precision::month};
    }
    if (s.size() == 10 && sep_ok(4) && s[7] == s[4]) {
        if (auto d = valid(digits_at(s, 0, 4), digits_at(s, 5, 2), digits_at(s, 8, 2))) {
            return std::pair{*d, Precision::day};
        }
    }
    return std::nullopt;
}

}  // namespace fahras::dates
