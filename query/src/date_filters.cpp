// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/date_filters.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/dates.hpp"

namespace fahras {

namespace {

using dates::CivilDate;
using dates::Precision;

/// Bounds used for open range ends.
constexpr int min_year = 1900;
constexpr int max_year = 2100;
/// A mentioned range expands to at most this many terms (a century of months is 1,200).
constexpr std::size_t max_terms = 5000;

struct UserDate {
    CivilDate date;
    Precision precision;
};

template <typename E>
UserDate parse(std::string_view text, std::string_view what) {
    const auto d = dates::parse_user_date(text);
    if (!d) {
        throw E(std::string(what) + ": '" + std::string(text) +
                "' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    return {d->first, d->second};
}

/// First and last day a date covers at its precision.
CivilDate first_day(const UserDate& d) {
    return {d.date.year, d.date.month == 0 ? 1 : d.date.month, d.date.day == 0 ? 1 : d.date.day};
}
CivilDate last_day(const UserDate& d) {
    const unsigned month = d.date.month == 0 ? 12 : d.date.month;
    return {d.date.year, month,
            d.date.day == 0 ? dates::days_in_month(d.date.year, month) : d.date.day};
}

/// The term of one date at its precision with the given year/month/day prefixes.
std::string term_of(const UserDate& d, std::string_view y, std::string_view m,
                    std::string_view day) {
    switch (d.precision) {
        case Precision::year:
            return date_term(y, dates::to_iso(d.date, Precision::year));
        case Precision::month:
            return date_term(m, dates::to_iso(d.date, Precision::month));
        default:
            return date_term(day, dates::to_iso(d.date, Precision::day));
    }
}

/// Splits `FROM..TO`; nullopt when there is no "..".
std::optional<std::pair<std::string_view, std::string_view>> split_range(std::string_view v) {
    const auto dots = v.find("..");
    if (dots == std::string_view::npos) return std::nullopt;
    return std::pair{v.substr(0, dots), v.substr(dots + 2)};
}

template <typename E>
std::pair<CivilDate, CivilDate> bounds(std::string_view from, std::string_view to,
                                       std::string_view what, std::optional<UserDate>* f = nullptr,
                                       std::optional<UserDate>* t = nullptr) {
    CivilDate lo{min_year, 1, 1};
    CivilDate hi{max_year, 12, 31};
    if (!from.empty()) {
        const UserDate d = parse<E>(from, what);
        lo = first_day(d);
        if (f != nullptr) *f = d;
    }
    if (!to.empty()) {
        const UserDate d = parse<E>(to, what);
        hi = last_day(d);
        if (t != nullptr) *t = d;
    }
    if (hi < lo) {
        throw E(std::string(what) + ": the range " + std::string(from) + ".." + std::string(to) +
                " ends before it starts");
    }
    return {lo, hi};
}

template <typename E>
Xapian::Query value_range(std::string_view from, std::string_view to, std::string_view what) {
    const auto [lo, hi] = bounds<E>(from, to, what);
    if (from.empty() && to.empty()) return Xapian::Query::MatchAll;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_date,
                         date_value(dates::to_iso(lo, Precision::day)),
                         date_value(dates::to_iso(hi, Precision::day)));
}

template <typename E>
Xapian::Query mentioned_terms(std::string_view from, std::string_view to, std::string_view what) {
    std::optional<UserDate> f;
    std::optional<UserDate> t;
    const auto [lo, hi] = bounds<E>(from, to, what, &f, &t);
    std::vector<std::string> terms;
    const bool years = f && t && f->precision == Precision::year && t->precision == Precision::year;
    if (years) {
        for (int y = lo.year; y <= hi.year; ++y) {
            terms.push_back(
                date_term(schema::mentioned_year, dates::to_iso({y, 0, 0}, Precision::year)));
        }
    } else {
        CivilDate d = lo;
        while (d <= hi && terms.size() <= max_terms) {
            const CivilDate month_end{d.year, d.month, dates::days_in_month(d.year, d.month)};
            if (d.day == 1 && month_end <= hi) {
                terms.push_back(
                    date_term(schema::mentioned_month, dates::to_iso(d, Precision::month)));
                d = dates::add_days(month_end, 1);
            } else {
                terms.push_back(date_term(schema::mentioned_day, dates::to_iso(d, Precision::day)));
                d = dates::add_days(d, 1);
            }
        }
    }
    if (terms.size() > max_terms) {
        throw E(std::string(what) + ": the range is too wide (give year bounds, e.g. 2010..2015)");
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query pub_date_range(std::string_view from, std::string_view to) {
    return value_range<UsageError>(from, to, "--from/--to");
}

Xapian::Query pub_date_filter(std::string_view value) {
    if (const auto r = split_range(value)) {
        if (r->first.empty() && r->second.empty())
            throw QueryError("date: needs a date or a range");
        return value_range<QueryError>(r->first, r->second, "date");
    }
    const UserDate d = parse<QueryError>(value, "date");
    return Xapian::Query(term_of(d, schema::pub_year, schema::pub_month, schema::pub_day));
}

Xapian::Query year_filter(std::string_view value) {
    const auto check_year = [](std::string_view y) {
        if (!y.empty() && parse<QueryError>(y, "year").precision != Precision::year) {
            throw QueryError("year: '" + std::string(y) + "' is not a year (expected YYYY)");
        }
    };
    if (const auto r = split_range(value)) {
        check_year(r->first);
        check_year(r->second);
        if (r->first.empty() && r->second.empty())
            throw QueryError("year: needs a year or a range");
        return value_range<QueryError>(r->first, r->second, "year");
    }
    check_year(value);
    return Xapian::Query(std::string(schema::pub_year) + std::string(value));
}

Xapian::Query mentioned_range(std::string_view from, std::string_view to) {
    if (from.empty() && to.empty()) return Xapian::Query::MatchAll;
    return mentioned_terms<UsageError>(from, to, "--mentioned-from/--mentioned-to");
}

Xapian::Query mentioned_filter(std::string_view value) {
    if (const auto r = split_range(value)) {
        if (r->first.empty() && r->second.empty()) {
            throw QueryError("mentioned: needs a date or a range");
        }
        return mentioned_terms<QueryError>(r->first, r->second, "mentioned");
    }
    const UserDate d = parse<QueryError>(value, "mentioned");
    return Xapian::Query(
        term_of(d, schema::mentioned_year, schema::mentioned_month, schema::mentioned_day));
}

Xapian::Query hijri_filter(std::string_view value) {
    const auto d = dates::parse_user_date(value);
    if (!d || d->second == Precision::day) {
        throw QueryError("hijri: '" + std::string(value) +
                         "' is not a Hijri year or month (expected YYYY or YYYY-MM, e.g. 1436-09)");
    }
    return Xapian::Query(
        d->second == Precision::year
            ? date_term(schema::mentioned_hijri_year, dates::to_iso(d->first, Precision::year))
            : date_term(schema::mentioned_hijri_month, dates::to_iso(d->first, Precision::month)));
}

}  // namespace fahras
