// SPDX-License-Identifier: GPL-3.0-or-later
// The extractor of dates mentioned in a text. It walks the analyser's tokens and tries, at
// each one, the patterns below, longest first; a match consumes its tokens. Patterns look at
// folded forms (so spelling variants meet) and at the raw text between tokens (separators).
//
//   numeric    D/M/YYYY, YYYY/M/D, D-M-YYYY, D.M.YYYY        (+ هـ: Hijri; + م: Gregorian)
//   day-month  D [من] [شهر] MONTH [/ MONTH | (MONTH)] [YEAR] [هـ|م]
//              D الشهر الجاري|الماضي|المقبل
//   month      MONTH [/ MONTH | (MONTH)] YEAR [هـ|م];  MONTH الجاري|الماضي|المقبل
//   year       عام|سنة YEAR;  في YEAR (then punctuation or the end);  YEARم;  YEAR هـ
//   relative   أمس، أول أمس، اليوم، غدا، بعد غد، اليوم الجمعة، يوم الجمعة الماضي،
//              الأسبوع|الشهر|العام الماضي|الجاري|المقبل
#include <charconv>

#include "fahras/extract/dates.hpp"
#include "names.hpp"

namespace fahras::dates {

namespace {

using detail::Direction;
using detail::is_one_of;

constexpr int min_gregorian_year = 1900;
constexpr int max_gregorian_year = 2100;

/// Text between two tokens with its whitespace removed ("" for spaces only).
std::string separator(std::string_view text, const Token& a, const Token& b) {
    // Words split out of one raw token by clean() (U+00A0 NO-BREAK SPACE inside a word,
    // ligatures) share its offsets: nothing but a space lies between them.
    if (b.start < a.end) return {};
    std::string out;
    for (const char c : text.substr(a.end, b.start - a.end)) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    }
    // U+00A0 NO-BREAK SPACE and U+200F RIGHT-TO-LEFT MARK are spacing too.
    for (const std::string_view s :
         {std::string_view("\u00A0"), std::string_view("\u200F"), std::string_view("\u200E")}) {
        for (auto p = out.find(s); p != std::string::npos; p = out.find(s)) out.erase(p, s.size());
    }
    return out;
}

/// The value of a token made of ASCII digits only (after folding), with its digit count.
std::optional<std::pair<int, std::size_t>> integer(const Token& t) {
    if (t.kind != TokenKind::number || t.folded.empty() || t.folded.size() > 4) return std::nullopt;
    int value = 0;
    const auto* first = t.folded.data();
    const auto* last = first + t.folded.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last) return std::nullopt;
    return std::pair{value, t.folded.size()};
}

class Extractor {
  public:
    Extractor(std::string_view text, const std::vector<Token>& tokens,
              const ExtractOptions& options)
        : m_text(text), m_tok(tokens), m_opt(options) {}

    std::vector<MentionedDate> run() {
        std::size_t i = 0;
        while (i < m_tok.size()) {
            if (auto m = at(i)) {
                i = m->second;
                m_out.push_back(std::move(m->first));
            } else {
                ++i;
            }
        }
        return std::move(m_out);
    }

  private:
    using Match = std::optional<std::pair<MentionedDate, std::size_t>>;  // date, next token

    // ---- helpers ---------------------------------------------------------------------

    [[nodiscard]] bool has(std::size_t i) const { return i < m_tok.size(); }
    [[nodiscard]] const std::string& word(std::size_t i) const {
        static const std::string none;
        return has(i) ? m_tok[i].folded : none;
    }
    /// Separator between tokens i-1 and i.
    [[nodiscard]] std::string sep(std::size_t i) const {
        return separator(m_text, m_tok[i - 1], m_tok[i]);
    }
    /// Token i follows token i-1 with only spaces (or nothing) between them.
    [[nodiscard]] bool spaced(std::size_t i) const {
        if (!has(i) || i == 0) return false;
        const Token& a = m_tok[i - 1];
        const Token& b = m_tok[i];
        if (b.start < a.end) return true;
        // Fast path (no allocation): ASCII spaces only, the common case.
        bool ascii_spaces = true;
        for (std::size_t k = a.end; k < b.start && ascii_spaces; ++k) {
            const char c = m_text[k];
            ascii_spaces = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }
        return ascii_spaces || sep(i).empty();
    }
    [[nodiscard]] std::optional<int> number(std::size_t i, std::size_t min_digits,
                                            std::size_t max_digits) const {
        if (!has(i)) return std::nullopt;
        const auto n = integer(m_tok[i]);
        if (!n || n->second < min_digits || n->second > max_digits) return std::nullopt;
        return n->first;
    }

    /// Builds a match spanning tokens [first, last].
    Match make(std::size_t first, std::size_t last, CivilDate date, Precision precision,
               DateKind kind, std::string hijri = {}) const {
        MentionedDate d;
        d.start = m_tok[first].start;
        d.end = m_tok[last].end;
        d.text = std::string(m_text.substr(d.start, d.end - d.start));
        d.date = date;
        if (precision == Precision::year) d.date.month = 0;
        if (precision == Precision::year || precision == Precision::month) d.date.day = 0;
        d.precision = precision;
        d.calendar = hijri.empty() ? Calendar::gregorian : Calendar::hijri;
        d.hijri = std::move(hijri);
        d.kind = kind;
        return std::pair{std::move(d), last + 1};
    }

    /// A Hijri suffix (هـ, هجري, هجرية, للهجرة) at token i, right after a number.
    [[nodiscard]] bool hijri_suffix(std::size_t i) const {
        return spaced(i) && is_one_of(word(i), {"ه", "هجري", "هجريه", "للهجره"});
    }
    /// A Gregorian suffix (م, ميلادي, ميلادية, للميلاد) at token i.
    [[nodiscard]] bool gregorian_suffix(std::size_t i) const {
        return spaced(i) && is_one_of(word(i), {"م", "ميلادي", "ميلاديه", "للميلاد"});
    }

    /// Converts a Hijri date at `precision` (its first day for month and year precision).
    Match hijri(std::size_t first, std::size_t last, CivilDate h, Precision precision,
                DateKind kind = DateKind::absolute) const {
        if (!hijri_looking_year(h.year)) return std::nullopt;
        CivilDate full = h;
        if (full.month == 0) full.month = 1;
        if (full.day == 0) full.day = 1;
        const auto g = hijri_to_gregorian(full, m_opt.islamic_calendar);
        if (!g) return std::nullopt;
        return make(first, last, *g, precision, kind, to_iso(h, precision));
    }

    Match gregorian(std::size_t first, std::size_t last, CivilDate d, Precision precision,
                    DateKind kind = DateKind::absolute) const {
        if (d.year < min_gregorian_year || d.year > max_gregorian_year) return std::nullopt;
        if (precision == Precision::day && !is_valid(d)) return std::nullopt;
        return make(first, last, d, precision, kind);
    }

    // ---- patterns --------------------------------------------------------------------

    Match at(std::size_t i) {
        if (m_tok[i].kind == TokenKind::number) {
            if (auto m = numeric(i)) return m;
            if (auto m = day_month(i)) return m;
            if (auto m = bare_year(i)) return m;
            return std::nullopt;
        }
        if (m_tok[i].kind != TokenKind::arabic) return std::nullopt;
        if (auto m = month_first(i)) return m;
        if (auto m = year_cue(i)) return m;
        if (m_opt.pubdate) return relative(i);
        return std::nullopt;
    }

    /// D/M/YYYY, YYYY/M/D (separators `/`, `-`) and D.M.YYYY (one token).
    Match numeric(std::size_t i) {
        int a = 0, b = 0, c = 0;
        std::size_t last = i;
        std::size_t a_digits = 0, c_digits = 0;
        const std::string& w = m_tok[i].folded;
        if (w.find('.') != std::string::npos) {
            // "18.09.2015" is one token (the tokenizer keeps inner dots between digits).
            const auto d1 = w.find('.');
            const auto d2 = w.find('.', d1 + 1);
            if (d2 == std::string::npos || w.find('.', d2 + 1) != std::string::npos) {
                return std::nullopt;
            }
            const auto parse = [&](std::string_view s, int& out) {
                const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
                return ec == std::errc() && p == s.data() + s.size() && !s.empty() && s.size() <= 4;
            };
            const std::string_view sv(w);
            if (!parse(sv.substr(0, d1), a) || !parse(sv.substr(d1 + 1, d2 - d1 - 1), b) ||
                !parse(sv.substr(d2 + 1), c)) {
                return std::nullopt;
            }
            a_digits = d1;
            c_digits = sv.size() - d2 - 1;
            if (d2 - d1 - 1 > 2) return std::nullopt;
        } else {
            if (!has(i + 2)) return std::nullopt;
            const auto n1 = integer(m_tok[i]);
            const auto n2 = integer(m_tok[i + 1]);
            const auto n3 = integer(m_tok[i + 2]);
            if (!n1 || !n2 || !n3 || n2->second > 2) return std::nullopt;
            const std::string s1 = sep(i + 1);
            if ((s1 != "/" && s1 != "-") || sep(i + 2) != s1) return std::nullopt;
            a = n1->first;
            b = n2->first;
            c = n3->first;
            a_digits = n1->second;
            c_digits = n3->second;
            last = i + 2;
        }
        CivilDate d;
        if (a_digits == 4 && c_digits <= 2) {
            d = {a, static_cast<unsigned>(b), static_cast<unsigned>(c)};
        } else if (c_digits == 4 && a_digits <= 2) {
            d = {c, static_cast<unsigned>(b), static_cast<unsigned>(a)};
        } else {
            return std::nullopt;
        }
        if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
        if (hijri_suffix(last + 1) || hijri_looking_year(d.year)) {
            if (d.day > 30) return std::nullopt;
            const std::size_t end = hijri_suffix(last + 1) ? last + 1 : last;
            return hijri(i, end, d, Precision::day);
        }
        const std::size_t end = gregorian_suffix(last + 1) ? last + 1 : last;
        return gregorian(i, end, d, Precision::day);
    }

    /// The month name at i, possibly paired with its other name ("آب/ أغسطس", "سبتمبر
    /// (أيلول)", or with a space only: "تموز يوليو"). Returns the month and the index of the
    /// last token of the pair.
    [[nodiscard]] std::optional<std::pair<detail::MonthMatch, std::size_t>> month_at(
        std::size_t i) const {
        const auto m = detail::match_month(m_text, m_tok, i);
        if (!m) return std::nullopt;
        std::size_t last = i + m->tokens - 1;
        const std::size_t next = last + 1;
        if (has(next)) {
            const std::string s = sep(next);
            if (s.empty() || s == "/" || s == "(" || s == "-" || s == "\\" || s == "|" ||
                s == "،/") {
                const auto other = detail::match_month(m_text, m_tok, next);
                if (other && other->month == m->month && other->hijri == m->hijri) {
                    last = next + other->tokens - 1;
                }
            }
        }
        return std::pair{*m, last};
    }

    /// A year right after token `last` (spaces, or a closing parenthesis of a paired month).
    [[nodiscard]] std::optional<int> year_after(std::size_t last) const {
        const std::size_t i = last + 1;
        if (!has(i)) return std::nullopt;
        const std::string s = sep(i);
        if (!s.empty() && s != ")" && s != "،" && s != ",") return std::nullopt;
        return number(i, 4, 4);
    }

    /// Resolves a year-less day and month against the publication date: the year that puts
    /// the date nearest to it.
    Match nearest_year(std::size_t first, std::size_t last, unsigned month, unsigned day,
                       bool is_hijri) const {
        const CivilDate pub = *m_opt.pubdate;
        const long pub_days = days_from_civil(pub);
        std::optional<CivilDate> best;
        std::optional<CivilDate> best_hijri;
        long best_distance = 0;
        int base = pub.year;
        if (is_hijri) {
            const auto h = gregorian_to_hijri(pub, m_opt.islamic_calendar);
            if (!h) return std::nullopt;
            base = h->year;
        }
        for (int y = base - 1; y <= base + 1; ++y) {
            std::optional<CivilDate> g;
            const CivilDate cand{y, month, day};
            if (is_hijri) {
                g = hijri_to_gregorian(cand, m_opt.islamic_calendar);
            } else if (is_valid(cand)) {
                g = cand;
            }
            if (!g) continue;
            const long dist = std::labs(days_from_civil(*g) - pub_days);
            if (!best || dist < best_distance) {
                best = g;
                best_distance = dist;
                if (is_hijri) best_hijri = cand;
            }
        }
        if (!best) return std::nullopt;
        return make(first, last, *best, Precision::day, DateKind::relative,
                    best_hijri ? to_iso(*best_hijri, Precision::day) : std::string());
    }

    /// D [من] [شهر] MONTH [pair] [YEAR [suffix]]; D الشهر الجاري.
    Match day_month(std::size_t i) {
        const auto day = number(i, 1, 2);
        if (!day || *day < 1 || *day > 31) return std::nullopt;
        std::size_t j = i + 1;
        if (!spaced(j)) return std::nullopt;
        // "30 الشهر الجاري"
        if (word(j) == "الشهر" && spaced(j + 1) && m_opt.pubdate) {
            const auto dir = detail::match_direction(word(j + 1));
            if (!dir) return std::nullopt;
            CivilDate d = month_shift(*m_opt.pubdate, *dir);
            d.day = static_cast<unsigned>(*day);
            return gregorian(i, j + 1, d, Precision::day, DateKind::relative);
        }
        if (word(j) == "من" && spaced(j + 1)) ++j;
        if (is_one_of(word(j), {"شهر", "لشهر"}) && spaced(j + 1)) ++j;
        const auto month = month_at(j);
        if (!month) return std::nullopt;
        const auto [m, last] = *month;
        const unsigned d = static_cast<unsigned>(*day);
        if (const auto year = year_after(last)) {
            const std::size_t y = last + 1;
            if (m.hijri) {
                const std::size_t end = hijri_suffix(y + 1) ? y + 1 : y;
                return hijri(i, end, {*year, m.month, d}, Precision::day);
            }
            const std::size_t end = gregorian_suffix(y + 1) ? y + 1 : y;
            return gregorian(i, end, {*year, m.month, d}, Precision::day);
        }
        // No year: "21 ديسمبر الحالي", or "18 سبتمبر" resolved against the publication date.
        if (!m_opt.pubdate) return std::nullopt;
        if (m.hijri) {
            if (d > 30) return std::nullopt;
            return nearest_year(i, last, m.month, d, true);
        }
        if (spaced(last + 1)) {
            if (const auto dir = detail::match_direction(word(last + 1))) {
                const CivilDate anchor = month_named(m.month, *dir);
                return gregorian(i, last + 1, {anchor.year, m.month, d}, Precision::day,
                                 DateKind::relative);
            }
        }
        return nearest_year(i, last, m.month, d, false);
    }

    /// The publication month moved one month back, kept or one forward.
    [[nodiscard]] static CivilDate month_shift(CivilDate pub, Direction dir) {
        CivilDate d{pub.year, pub.month, 1};
        if (dir == Direction::past) {
            d = d.month == 1 ? CivilDate{d.year - 1, 12, 1} : CivilDate{d.year, d.month - 1, 1};
        } else if (dir == Direction::next) {
            d = d.month == 12 ? CivilDate{d.year + 1, 1, 1} : CivilDate{d.year, d.month + 1, 1};
        }
        return d;
    }

    /// "أيلول الماضي|الجاري|المقبل": that month before, in or after the publication year.
    [[nodiscard]] CivilDate month_named(unsigned month, Direction dir) const {
        const CivilDate pub = *m_opt.pubdate;
        int year = pub.year;
        if (dir == Direction::past && month >= pub.month) --year;
        if (dir == Direction::next && month <= pub.month) ++year;
        return {year, month, 1};
    }

    /// MONTH [pair] YEAR [suffix]; MONTH الجاري.
    Match month_first(std::size_t i) {
        // A day number right before the month that day_month() refused ("35 أبريل 2015",
        // "31 نيسان 2015"): an invalid date, not a month.
        const auto month = month_at(i);
        if (!month) return std::nullopt;
        if (i > 0 && number(i - 1, 1, 2) && spaced(i)) return std::nullopt;
        const auto [m, last] = *month;
        if (const auto year = year_after(last)) {
            const std::size_t y = last + 1;
            if (m.hijri) {
                const std::size_t end = hijri_suffix(y + 1) ? y + 1 : y;
                return hijri(i, end, {*year, m.month, 0}, Precision::month);
            }
            const std::size_t end = gregorian_suffix(y + 1) ? y + 1 : y;
            return gregorian(i, end, {*year, m.month, 1}, Precision::month);
        }
        if (!m_opt.pubdate || m.hijri || !spaced(last + 1)) return std::nullopt;
        if (const auto dir = detail::match_direction(word(last + 1))) {
            return gregorian(i, last + 1, month_named(m.month, *dir), Precision::month,
                             DateKind::relative);
        }
        return std::nullopt;
    }

    /// عام|سنة YEAR; في YEAR before punctuation or the end.
    Match year_cue(std::size_t i) {
        const std::string& w = word(i);
        const bool strong = is_one_of(w, {"عام", "العام", "لعام", "للعام", "بعام", "وعام", "سنه",
                                          "السنه", "لسنه", "للسنه", "وسنه", "عامي"});
        const bool weak = is_one_of(w, {"في", "وفي", "منذ", "ومنذ", "خلال"});
        if (!strong && !weak) return std::nullopt;
        if (!spaced(i + 1)) return std::nullopt;
        const auto year = number(i + 1, 4, 4);
        if (!year) return std::nullopt;
        const std::size_t first = strong ? i : i + 1;
        if (hijri_suffix(i + 2)) return hijri(first, i + 2, {*year, 0, 0}, Precision::year);
        if (gregorian_suffix(i + 2)) {
            return gregorian(first, i + 2, {*year, 1, 1}, Precision::year);
        }
        if (weak) {
            // "في 2014 حالة" counts things: only a year followed by punctuation or the end.
            if (has(i + 2) && sep(i + 2).empty()) return std::nullopt;
        }
        if (hijri_looking_year(*year)) {
            return std::nullopt;  // a Hijri year needs هـ or a Hijri month
        }
        return gregorian(first, i + 1, {*year, 1, 1}, Precision::year);
    }

    /// A year with a calendar suffix and no cue: "2014م", "1436هـ".
    Match bare_year(std::size_t i) {
        const auto year = number(i, 4, 4);
        if (!year) return std::nullopt;
        if (hijri_suffix(i + 1)) return hijri(i, i + 1, {*year, 0, 0}, Precision::year);
        // "م" glued to the number: a year; "2000 م" with a space may be metres.
        if (has(i + 1) && m_tok[i + 1].start == m_tok[i].end && gregorian_suffix(i + 1)) {
            return gregorian(i, i + 1, {*year, 1, 1}, Precision::year);
        }
        if (has(i + 1) && spaced(i + 1) &&
            is_one_of(word(i + 1), {"ميلادي", "ميلاديه", "للميلاد"})) {
            return gregorian(i, i + 1, {*year, 1, 1}, Precision::year);
        }
        return std::nullopt;
    }

    /// The date of weekday `wd` relative to the publication date: the nearest one (ties go
    /// to the past), the last one before it, or the next one after it.
    [[nodiscard]] CivilDate weekday_date(unsigned wd, std::optional<Direction> dir) const {
        const CivilDate pub = *m_opt.pubdate;
        const int pub_wd = static_cast<int>(weekday(pub));
        int back = (pub_wd - static_cast<int>(wd) + 7) % 7;  // 0..6 days back
        if (dir == Direction::past) return add_days(pub, back == 0 ? -7 : -back);
        int ahead = (static_cast<int>(wd) - pub_wd + 7) % 7;
        if (dir == Direction::next) return add_days(pub, ahead == 0 ? 7 : ahead);
        return add_days(pub, back <= ahead ? -back : ahead);
    }

    /// True when an absolute day-month date starts at token i (a weekday before it is then
    /// just its label: "الجمعة 18 سبتمبر").
    [[nodiscard]] bool absolute_follows(std::size_t i) {
        if (!has(i) || m_tok[i].kind != TokenKind::number) return false;
        return numeric(i).has_value() || day_month(i).has_value();
    }

    Match relative(std::size_t i) {
        const CivilDate pub = *m_opt.pubdate;
        const std::string& w = word(i);
        // أول أمس، أول من أمس، أمس الأول
        if (is_one_of(w, {"اول", "واول"})) {
            std::size_t j = i + 1;
            if (word(j) == "من" && spaced(j)) ++j;
            if (spaced(j) && is_one_of(word(j), {"امس", "الامس"})) {
                return make(i, j, add_days(pub, -2), Precision::day, DateKind::relative);
            }
            return std::nullopt;
        }
        if (is_one_of(w, {"امس", "وامس", "بالامس", "البارحه"})) {
            if (spaced(i + 1) && word(i + 1) == "الاول") {
                return make(i, i + 1, add_days(pub, -2), Precision::day, DateKind::relative);
            }
            return make(i, weekday_label(i), add_days(pub, -1), Precision::day, DateKind::relative);
        }
        if (is_one_of(w, {"اليوم", "واليوم"})) return today(i);
        if (is_one_of(w, {"غدا", "وغدا"})) {
            return make(i, weekday_label(i), add_days(pub, 1), Precision::day, DateKind::relative);
        }
        if (w == "بعد" && spaced(i + 1) && is_one_of(word(i + 1), {"غد", "غدا"})) {
            return make(i, i + 1, add_days(pub, 2), Precision::day, DateKind::relative);
        }
        if (w == "يوم" && spaced(i + 1)) {
            if (word(i + 1) == "غد") {
                return make(i, i + 1, add_days(pub, 1), Precision::day, DateKind::relative);
            }
            if (word(i + 1) == "امس") {
                return make(i, i + 1, add_days(pub, -1), Precision::day, DateKind::relative);
            }
        }
        // يوم الجمعة [الماضي]، مساء الخميس، الجمعة الماضي
        const bool day_cue = is_one_of(w, {"يوم", "ويوم", "مساء", "صباح", "ظهر", "فجر", "عصر",
                                           "ليل", "ليله", "مساء", "ظهير", "نهار"});
        std::size_t wd_at = day_cue ? i + 1 : i;
        if (day_cue && !spaced(wd_at)) return std::nullopt;
        if (const auto wd = detail::match_weekday(word(wd_at))) {
            std::optional<Direction> dir;
            std::size_t last = wd_at;
            if (spaced(wd_at + 1)) {
                dir = detail::match_direction(word(wd_at + 1));
                if (dir == Direction::current)
                    dir.reset();
                else if (dir)
                    last = wd_at + 1;
            }
            if (!day_cue && !dir) return std::nullopt;
            if (absolute_follows(last + 1)) return std::nullopt;
            return make(i, last, weekday_date(*wd, dir), Precision::day, DateKind::relative);
        }
        // الأسبوع|الشهر|العام|السنة الماضي|الجاري|المقبل
        if (is_one_of(w, {"الاسبوع", "والاسبوع", "الشهر", "والشهر", "العام", "السنه", "والعام",
                          "والسنه"}) &&
            spaced(i + 1)) {
            const auto dir = detail::match_direction(word(i + 1));
            if (!dir) return std::nullopt;
            if (is_one_of(w, {"الاسبوع", "والاسبوع"})) {
                const long shift = *dir == Direction::past ? -7 : *dir == Direction::next ? 7 : 0;
                return make(i, i + 1, add_days(pub, shift), Precision::week, DateKind::relative);
            }
            if (is_one_of(w, {"الشهر", "والشهر"})) {
                return make(i, i + 1, month_shift(pub, *dir), Precision::month, DateKind::relative);
            }
            if (is_one_of(w, {"العام", "السنه", "والعام", "والسنه"})) {
                const int shift = *dir == Direction::past ? -1 : *dir == Direction::next ? 1 : 0;
                return make(i, i + 1, {pub.year + shift, 1, 1}, Precision::year,
                            DateKind::relative);
            }
        }
        return std::nullopt;
    }

    /// The last token of "أمس (الأحد)": a weekday right after, bare or in parentheses.
    [[nodiscard]] std::size_t weekday_label(std::size_t i) const {
        if (has(i + 1)) {
            const std::string s = sep(i + 1);
            if ((s.empty() || s == "(" || s == "،") && detail::match_weekday(word(i + 1))) {
                return i + 1;
            }
        }
        return i;
    }

    /// اليوم: the publication day; "اليوم الجمعة" / "اليوم (الاثنين)": the nearest Friday.
    Match today(std::size_t i) {
        const CivilDate pub = *m_opt.pubdate;
        if (has(i + 1)) {
            const std::string s = sep(i + 1);
            if (s.empty() || s == "(" || s == "،") {
                if (const auto wd = detail::match_weekday(word(i + 1))) {
                    // "اليوم الأربعاء المقبل": the direction wins over "today".
                    std::optional<Direction> dir;
                    std::size_t last = i + 1;
                    if (spaced(i + 2)) {
                        dir = detail::match_direction(word(i + 2));
                        if (dir == Direction::current)
                            dir.reset();
                        else if (dir)
                            last = i + 2;
                    }
                    if (absolute_follows(last + 1)) return std::nullopt;
                    return make(i, last, weekday_date(*wd, dir), Precision::day,
                                DateKind::relative);
                }
            }
            // "اليوم التالي", "اليوم العالمي", "اليوم الأول": a day, not today.
            if (s.empty() && (m_tok[i + 1].kind == TokenKind::number ||
                              word(i + 1).starts_with("\u0627\u0644"))) {  // ALEF LAM
                return std::nullopt;
            }
        }
        // "صحيفة اليوم", "جريدة اليوم", "يومنا" …: a name, not a date.
        if (i > 0 && is_one_of(word(i - 1), {"صحيفه", "جريده", "موقع", "قناه", "وكاله", "عين",
                                             "مجله", "برنامج", "نشره", "منذ"})) {
            return std::nullopt;
        }
        return make(i, i, pub, Precision::day, DateKind::relative);
    }

    std::string_view m_text;
    const std::vector<Token>& m_tok;
    const ExtractOptions& m_opt;
    std::vector<MentionedDate> m_out;
};

}  // namespace

std::vector<MentionedDate> extract_dates(std::string_view text, const std::vector<Token>& tokens,
                                         const ExtractOptions& options) {
    return Extractor(text, tokens, options).run();
}

std::vector<MentionedDate> extract_dates(std::string_view text, const ExtractOptions& options,
                                         const Analyzer& analyzer) {
    return extract_dates(text, analyzer.analyze(text), options);
}

}  // namespace fahras::dates
