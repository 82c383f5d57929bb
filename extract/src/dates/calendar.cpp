// SPDX-License-Identifier: GPL-3.0-or-later
// Civil-date arithmetic (Howard Hinnant's days-from-civil algorithm, written from its
// published description) and Hijri conversion through ICU's Islamic calendars.
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include "fahras/common/errors.hpp"
#include "fahras/extract/dates.hpp"

namespace fahras::dates {

bool is_valid(const CivilDate& d) noexcept {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

unsigned days_in_month(int year, unsigned month) noexcept {
    static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

long days_from_civil(const CivilDate& d) noexcept {
    const long y = static_cast<long>(d.year) - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;  // [0, 399]
    const long m = static_cast<long>(d.month);
    const long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<long>(d.day) - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long z) noexcept {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long day = doy - (153 * mp + 2) / 5 + 1;
    const long month = mp < 10 ? mp + 3 : mp - 9;
    const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return {static_cast<int>(year), static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

CivilDate add_days(const CivilDate& d, long days) noexcept {
    return civil_from_days(days_from_civil(d) + days);
}

unsigned weekday(const CivilDate& d) noexcept {
    const long z = days_from_civil(d);
    return static_cast<unsigned>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);  // 1970-01-01: Thursday
}

std::string to_iso(const CivilDate& d, Precision precision) {
    char buffer[32];
    switch (precision) {
        case Precision::year:
            std::snprintf(buffer, sizeof buffer, "%04d", d.year);
            break;
        case Precision::month:
            std::snprintf(buffer, sizeof buffer, "%04d-%02u", d.year, d.month);
            break;
        case Precision::week:
        case Precision::day:
            std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", d.year, d.month, d.day);
            break;
    }
    return buffer;
}

std::string_view to_string(Precision precision) noexcept {
    switch (precision) {
        case Precision::year:
            return "year";
        case Precision::month:
            return "month";
        case Precision::week:
            return "week";
        case Precision::day:
            return "day";
    }
    return "day";
}

namespace {

constexpr double ms_per_day = 86400000.0;

/// An ICU calendar set to UTC, built for `keyword` ("gregorian", "islamic-umalqura", …).
std::unique_ptr<icu::Calendar> make_calendar(std::string_view keyword) {
    UErrorCode status = U_ZERO_ERROR;
    const std::string locale = "@calendar=" + std::string(keyword);
    std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale(locale.c_str()), status));
    if (U_FAILURE(status) || !cal) {
        throw Error("ICU cannot build the " + std::string(keyword) +
                    " calendar: " + u_errorName(status));
    }
    if (std::string_view(cal->getType()) != keyword) {
        throw Error("ICU has no " + std::string(keyword) + " calendar (got " + cal->getType() +
                    ")");
    }
    cal->setLenient(false);
    return cal;
}

/// ICU calendars are not thread-safe: one lock guards the conversions (they are rare: a
/// handful per article).
std::mutex& calendar_mutex() {
    static std::mutex m;
    return m;
}

/// The calendar for `keyword`, built once; call with calendar_mutex() held.
icu::Calendar& cached_calendar(std::string_view keyword) {
    static std::map<std::string, std::unique_ptr<icu::Calendar>, std::less<>> cache;
    auto it = cache.find(keyword);
    if (it == cache.end()) it = cache.emplace(std::string(keyword), make_calendar(keyword)).first;
    return *it->second;
}

}  // namespace

std::optional<CivilDate> hijri_to_gregorian(const CivilDate& hijri, std::string_view calendar) {
    if (hijri.month < 1 || hijri.month > 12 || hijri.day < 1 || hijri.day > 30 || hijri.year < 1 ||
        hijri.year > 1600) {
        return std::nullopt;
    }
    const std::lock_guard lock(calendar_mutex());
    icu::Calendar* cal = &cached_calendar(calendar);
    UErrorCode status = U_ZERO_ERROR;
    cal->clear();
    cal->set(static_cast<int32_t>(hijri.year), static_cast<int32_t>(hijri.month - 1),
             static_cast<int32_t>(hijri.day));
    const UDate ms = cal->getTime(status);
    if (U_FAILURE(status)) return std::nullopt;  // day 30 of a 29-day month
    const long days = static_cast<long>(ms / ms_per_day + (ms < 0 ? -0.5 : 0.5));
    return civil_from_days(days);
}

std::optional<CivilDate> gregorian_to_hijri(const CivilDate& gregorian, std::string_view calendar) {
    if (!is_valid(gregorian)) return std::nullopt;
    const std::lock_guard lock(calendar_mutex());
    icu::Calendar* cal = &cached_calendar(calendar);
    UErrorCode status = U_ZERO_ERROR;
    cal->setTime(static_cast<UDate>(days_from_civil(gregorian)) * ms_per_day + ms_per_day / 2,
                 status);
    const int32_t year = cal->get(UCAL_EXTENDED_YEAR, status);
    const int32_t month = cal->get(UCAL_MONTH, status);
    const int32_t day = cal->get(UCAL_DATE, status);
    if (U_FAILURE(status)) return std::nullopt;
    return CivilDate{year, static_cast<unsigned>(month + 1), static_cast<unsigned>(day)};
}

}  // namespace fahras::dates
