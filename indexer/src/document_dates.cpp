// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/document_dates.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stored_fields.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

namespace {

/// Adds the date term of `prefix` and the ISO date `iso` (its precision is the term's).
void add_term(Xapian::Document& doc, std::string_view prefix, std::string_view iso) {
    doc.add_boolean_term(date_term(prefix, iso));
}

}  // namespace

ArticleDates article_dates(const Article& article, bool extract_mentions,
                           const std::vector<Token>* title_tokens,
                           const std::vector<Token>* body_tokens) {
    ArticleDates out;
    out.pub = dates::resolve_pubdate(article.date, article.path, article.body);
    if (!extract_mentions) return out;
    dates::ExtractOptions options;
    if (out.pub.source != dates::DateSource::none) options.pubdate = out.pub.date;
    out.title = title_tokens != nullptr
                    ? dates::extract_dates(article.title, *title_tokens, options)
                    : dates::extract_dates(article.title, options);
    out.body = body_tokens != nullptr ? dates::extract_dates(article.body, *body_tokens, options)
                                      : dates::extract_dates(article.body, options);
    return out;
}

void add_date_terms(Xapian::Document& doc, const ArticleDates& dates) {
    using dates::Precision;
    if (dates.pub.source != dates::DateSource::none) {
        const dates::CivilDate& d = dates.pub.date;
        doc.add_value(schema::slot_date, date_value(to_iso(d, Precision::day)));
        add_term(doc, schema::pub_year, to_iso(d, Precision::year));
        add_term(doc, schema::pub_month, to_iso(d, Precision::month));
        add_term(doc, schema::pub_day, to_iso(d, Precision::day));
    }

    std::map<std::string, std::size_t> month_counts;  // "YYYY-MM" → mentions
    std::vector<std::string> month_order;             // first-seen order, for ties
    for (const auto* list : {&dates.title, &dates.body}) {
        for (const dates::MentionedDate& m : *list) {
            add_term(doc, schema::mentioned_year, to_iso(m.date, Precision::year));
            if (m.precision != Precision::year) {
                add_term(doc, schema::mentioned_month, to_iso(m.date, Precision::month));
                const std::string month = to_iso(m.date, Precision::month);
                if (month_counts[month]++ == 0) month_order.push_back(month);
            }
            if (m.precision == Precision::day) {
                add_term(doc, schema::mentioned_day, to_iso(m.date, Precision::day));
            }
            if (m.calendar == dates::Calendar::hijri && m.hijri.size() >= 4) {
                // m.hijri is ISO ("1436-09-05"): its first 4 and 7 bytes are year and month.
                const std::string_view h = m.hijri;
                add_term(doc, schema::mentioned_hijri_year, h.substr(0, 4));
                if (h.size() >= 7) add_term(doc, schema::mentioned_hijri_month, h.substr(0, 7));
            }
        }
    }
    std::stable_sort(month_order.begin(), month_order.end(),
                     [&](const std::string& a, const std::string& b) {
                         return month_counts[a] > month_counts[b];
                     });
    set_multi_values(doc, schema::slot_mentioned_month_first, schema::mentioned_month_capacity,
                     month_order, schema::slot_packed_mentioned_month);
}

void add_date_data(nlohmann::json& data, const Article& article, const ArticleDates& dates) {
    const bool resolved = dates.pub.source != dates::DateSource::none;
    // An ISO date or nothing: what the input said is kept in date_raw.
    data[stored::date] = resolved ? to_iso(dates.pub.date, dates::Precision::day) : std::string();
    data[stored::date_raw] = article.date;
    data[stored::date_source] = std::string(to_string(dates.pub.source));
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [field, found] :
         {std::pair{stored::title, &dates.title}, std::pair{stored::body, &dates.body}}) {
        for (const dates::MentionedDate& date : *found) {
            nlohmann::json j = {
                {stored::mention::value, date.value()},
                {stored::mention::text, date.text},
                {stored::mention::start, date.start},
                {stored::mention::end, date.end},
                {stored::mention::precision, std::string(to_string(date.precision))},
                {stored::mention::calendar,
                 date.calendar == dates::Calendar::hijri ? "hijri" : "gregorian"},
                {stored::mention::kind,
                 date.kind == dates::DateKind::relative ? "relative" : "absolute"},
                {stored::mention::field, field},
            };
            if (date.calendar == dates::Calendar::hijri) j[stored::mention::hijri] = date.hijri;
            list.push_back(std::move(j));
        }
    }
    data[stored::mentioned_dates] = std::move(list);
}

}  // namespace fahras
