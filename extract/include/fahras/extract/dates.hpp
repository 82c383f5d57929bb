// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Dates in Arabic news: the civil-date type, Hijri conversion, the extractor of dates mentioned
// in a text (three Gregorian month-naming systems, Hijri months, numeric and relative dates)
// and the parser of publication dates. docs/DATES.md describes what is recognised and why.

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"

namespace fahras::dates {

/// A proleptic Gregorian calendar date, or a Hijri one (see HijriDate). `month` and `day`
/// are 1-based; 0 means "not known" (a year- or month-precision date).
struct CivilDate {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;

    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

/// True for a valid full date (month 1–12, day within the month).
[[nodiscard]] bool is_valid(const CivilDate& d) noexcept;
/// Days in `month` of `year` (Gregorian).
[[nodiscard]] unsigned days_in_month(int year, unsigned month) noexcept;
/// Days since 1970-01-01 of a full date.
[[nodiscard]] long days_from_civil(const CivilDate& d) noexcept;
/// The full date `days` days after 1970-01-01.
[[nodiscard]] CivilDate civil_from_days(long days) noexcept;
/// `d` moved by `days` days.
[[nodiscard]] CivilDate add_days(const CivilDate& d, long days) noexcept;
/// Day of the week, 0 = Sunday … 6 = Saturday.
[[nodiscard]] unsigned weekday(const CivilDate& d) noexcept;

/// How precise a date is.
enum class Precision {
    year,   ///< "عام 2014"
    month,  ///< "آب/ أغسطس 2014"
    week,  ///< "الأسبوع الماضي": value is a day of that week (the publication weekday)
    day,   ///< "18 سبتمبر 2015"
};

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (weeks are written as a day): the ISO form of `d` at
/// `precision`.
[[nodiscard]] std::string to_iso(const CivilDate& d, Precision precision);
/// "year", "month", "week", "day".
[[nodiscard]] std::string_view to_string(Precision precision) noexcept;

/// The Islamic calendar used to convert Hijri dates: an ICU calendar keyword value.
/// Umm al-Qura (`islamic-umalqura`, the Saudi official calendar) is the default; `islamic`
/// (astronomical) and `islamic-civil` (tabular) are the alternatives.
inline constexpr std::string_view default_islamic_calendar = "islamic-umalqura";

/// The Gregorian date of Hijri day `day` of `month` of `year`, converted with ICU's Islamic
/// calendar `calendar`. Throws Error when ICU cannot build that calendar; returns nullopt for
/// an invalid Hijri date (month out of 1–12, day out of 1–30, year out of 1–1600).
[[nodiscard]] std::optional<CivilDate> hijri_to_gregorian(
    const CivilDate& hijri, std::string_view calendar = default_islamic_calendar);
/// The Hijri date of a Gregorian one (the inverse of hijri_to_gregorian()).
[[nodiscard]] std::optional<CivilDate> gregorian_to_hijri(
    const CivilDate& gregorian, std::string_view calendar = default_islamic_calendar);

/// The calendar a date was written in.
enum class Calendar { gregorian, hijri };
/// Whether the date was written out or resolved against the publication date.
enum class DateKind { absolute, relative };

/// One date found in a text.
struct MentionedDate {
    std::size_t start = 0;  ///< UTF-8 byte offset of the first byte of the expression
    std::size_t end = 0;    ///< one past its last byte
    std::string text;       ///< text[start, end)
    CivilDate date;         ///< Gregorian, with 0 for the parts beyond `precision`
    Precision precision = Precision::day;
    Calendar calendar = Calendar::gregorian;
    /// Hijri form at the same precision ("1436", "1436-09", "1436-09-01") when written in the
    /// Hijri calendar; empty otherwise.
    std::string hijri;
    DateKind kind = DateKind::absolute;

    /// ISO value at its precision: to_iso(date, precision).
    [[nodiscard]] std::string value() const { return to_iso(date, precision); }
};

/// Settings of the extractor.
struct ExtractOptions {
    /// Publication date: relative expressions (أمس، الشهر الماضي، "اليوم الجمعة") and day-month
    /// dates without a year are resolved against it; without it they yield nothing.
    std::optional<CivilDate> pubdate;
    /// ICU Islamic calendar keyword value for Hijri dates.
    std::string islamic_calendar = std::string(default_islamic_calendar);
};

/// Finds the dates mentioned in `text`, in order, without overlaps. Works over the
/// analyser's folded tokens, so hamza, alef maqsura, teh marbuta, tatweel, diacritics and
/// Arabic-Indic digits vary freely. Precision comes first: a number becomes a day or a year
/// only next to a month name, a Hijri/Gregorian suffix or a year cue (عام، سنة، في).
[[nodiscard]] std::vector<MentionedDate> extract_dates(
    std::string_view text, const ExtractOptions& options = {},
    const Analyzer& analyzer = default_analyzer());

/// Same, over tokens the caller already has (from analyzer.analyze(text)).
[[nodiscard]] std::vector<MentionedDate> extract_dates(std::string_view text,
                                                       const std::vector<Token>& tokens,
                                                       const ExtractOptions& options);

// ---- Publication dates ----------------------------------------------------------------

/// Parses a date string from article metadata: ISO 8601 dates and date-times
/// (`2015-09-18`, `2015-09-18T10:00:00+03:00`, `20150918`), RFC 822 / 2822 dates
/// (`Fri, 18 Sep 2015 10:00:00 +0300`, two-digit years too) and `DD/MM/YYYY` (also with `-`
/// or `.`, and a time after it); else the first full date (day, month, year) written as in
/// text (extract_dates()): Hijri dates (`10 شوال 1436 هـ`, `1436/10/10هـ`) and Arabic month
/// names (`18 أيلول 2015`). A numeric date whose year is hijri_looking_year() is Hijri, with
/// or without the suffix (`1436-10-10`), as in text: the Gregorian years 1300–1500 hold no
/// news. Hijri dates are converted with hijri_to_gregorian() (Umm al-Qura). The date is the
/// one written (local to the outlet), not converted to UTC. Nullopt when nothing parses to a
/// valid date.
[[nodiscard]] std::optional<CivilDate> parse_date_string(std::string_view text);

/// True for a year in 1300–1500: in a date, a Hijri year (Hijri 1300–1500 is Gregorian
/// 1882–2077), never a Gregorian one.
[[nodiscard]] constexpr bool hijri_looking_year(int year) noexcept {
    return year >= 1300 && year <= 1500;
}

/// Why a metadata date string is not used (the text of an index-time warning), or empty when
/// parse_date_string() reads it or it is blank.
[[nodiscard]] std::string metadata_date_problem(std::string_view text);

/// The date in a file path: `2015-09-18`, `2015_09_18`, `2015/09/18` or `20150918`, the last
/// one found (the file name wins over directory names). Nullopt when there is none.
[[nodiscard]] std::optional<CivilDate> date_from_path(std::string_view path);

/// The date of a dateline in the first lines of a text: the first full date (day, month,
/// year) written in its first three non-empty lines (at most 400 bytes).
[[nodiscard]] std::optional<CivilDate> date_from_dateline(std::string_view text);

/// Where a publication date came from.
enum class DateSource { none, metadata, path, dateline };
/// "", "metadata", "path", "dateline".
[[nodiscard]] std::string_view to_string(DateSource source) noexcept;

/// A resolved publication date.
struct PubDate {
    CivilDate date;
    DateSource source = DateSource::none;
};

/// The publication date of an article: from `metadata_date`, else from `path`, else from a
/// dateline in `body`. `source` is DateSource::none when none of them has one.
[[nodiscard]] PubDate resolve_pubdate(std::string_view metadata_date, std::string_view path,
                                      std::string_view body);

/// Parses a date written by a user (command line, query): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`
/// (also with `/`), returning the date and its precision. Nullopt when it does not parse.
[[nodiscard]] std::optional<std::pair<CivilDate, Precision>> parse_user_date(std::string_view text);

}  // namespace fahras::dates
