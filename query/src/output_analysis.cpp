// SPDX-License-Identifier: GPL-3.0-or-later
// The output of `fahras-query analyze`: a text's tokens, entities and dates, as JSON or as an
// aligned table (output.hpp). The search results' formats are in output.cpp.
#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "fahras/common/utf8.hpp"
#include "fahras/query/output.hpp"

#include "output_json.hpp"

namespace fahras {

namespace {

using namespace output_detail;

/// The dates found in a text, for analysis_to_json().
Json dates_to_json(const std::vector<dates::MentionedDate>& found) {
    Json list = Json::array();
    for (const dates::MentionedDate& d : found) {
        Json j = {
            {"text", d.text},
            {"start", d.start},
            {"end", d.end},
            {"value", d.value()},
            {"precision", std::string(to_string(d.precision))},
            {"calendar", d.calendar == dates::Calendar::hijri ? "hijri" : "gregorian"},
        };
        if (d.calendar == dates::Calendar::hijri) j["hijri"] = d.hijri;
        j["kind"] = d.kind == dates::DateKind::relative ? "relative" : "absolute";
        list.push_back(std::move(j));
    }
    return list;
}

}  // namespace

std::string analysis_to_json(std::string_view text, const std::vector<Token>& tokens,
                             const std::vector<dates::MentionedDate>& found_dates) {
    Json list = Json::array();
    for (const Token& t : tokens) {
        list.push_back({
            {"start", t.start},
            {"end", t.end},
            {"position", t.position},
            {"kind", std::string(to_string(t.kind))},
            {"raw", std::string(text.substr(t.start, t.end - t.start))},
            {"exact", t.exact},
            {"folded", t.folded},
            {"stem", t.stem},
        });
    }
    return dump({{"text", std::string(text)},
                 {"tokens", std::move(list)},
                 {"dates", dates_to_json(found_dates)}});
}

std::string analysis_to_json(std::string_view text, const std::vector<Token>& tokens,
                             const std::vector<EntityMention>& mentions,
                             const std::vector<dates::MentionedDate>& found_dates) {
    Json json = Json::parse(analysis_to_json(text, tokens, found_dates));
    Json list = Json::array();
    const Gazetteer* gazetteer = nullptr;
    for (const EntityMention& m : mentions) {
        Json item = mention_to_json(text, m);
        item["source"] = std::string(to_string(m.source));
        if (!m.candidates.empty()) {
            // Say so rather than pick one.
            if (gazetteer == nullptr) gazetteer = &default_gazetteer();
            Json candidates = Json::array();
            for (const std::string& id : m.candidates) {
                Json c = {{"id", id}};
                if (const Entity* e = gazetteer->find_id(id)) {
                    c["name"] = e->name;
                    c["type"] = std::string(to_string(e->kind));
                    if (!e->latin.empty()) c["latin"] = e->latin;
                }
                candidates.push_back(std::move(c));
            }
            item["ambiguous"] = true;
            item["resolved_entities"] = std::move(candidates);
        }
        list.push_back(std::move(item));
    }
    json["entities"] = std::move(list);
    return dump(json);
}

void write_analysis(std::ostream& out, std::string_view text, const std::vector<Token>& tokens,
                    const OutputStyle& style,
                    const std::vector<dates::MentionedDate>& found_dates) {
    write_analysis(out, text, tokens, std::vector<EntityMention>{}, style, found_dates);
}

void write_analysis(std::ostream& out, std::string_view text, const std::vector<Token>& tokens,
                    const std::vector<EntityMention>& mentions, const OutputStyle& style,
                    const std::vector<dates::MentionedDate>& found_dates) {
    if (style.format == OutputFormat::json) {
        const std::string json = analysis_to_json(text, tokens, mentions, found_dates);
        if (style.json_lines) {
            out << json << '\n';
        } else {
            out << dump(Json::parse(json), 2) << '\n';
        }
        return;
    }
    // An aligned table; widths count code points, which is right for Arabic without marks.
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"pos", "start", "end", "kind", "raw", "exact", "folded", "stem"});
    for (const Token& t : tokens) {
        rows.push_back({std::to_string(t.position), std::to_string(t.start), std::to_string(t.end),
                        std::string(to_string(t.kind)),
                        utf8::sanitize(one_line(text.substr(t.start, t.end - t.start))), t.exact,
                        t.folded, t.stem});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], utf8::length(row[i]));
        }
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line.append(widths[i] - utf8::length(row[i]) + 2, ' ');
        }
        out << line << '\n';
    }
    if (tokens.empty()) out << "(no words)\n";
    for (const EntityMention& m : mentions) {
        out << "entity  " << to_string(m.kind) << "  " << m.start << '-' << m.end << "  "
            << one_line(text.substr(m.start, m.end - m.start)) << "  ";
        if (m.id.empty()) {
            out << "ambiguous:";
            for (const std::string& id : m.candidates) out << ' ' << id;
        } else {
            out << m.id << "  " << m.name;
            if (!m.latin.empty()) out << " / " << m.latin;
        }
        out << "  (" << to_string(m.source) << ")\n";
    }
    for (const dates::MentionedDate& d : found_dates) {
        out << "date " << d.start << "-" << d.end << "  " << d.value() << "  "
            << to_string(d.precision) << "  "
            << (d.kind == dates::DateKind::relative ? "relative" : "absolute");
        if (d.calendar == dates::Calendar::hijri) out << "  hijri " << d.hijri;
        out << "  " << one_line(d.text) << '\n';
    }
}

}  // namespace fahras
