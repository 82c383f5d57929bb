// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/query/histogram.hpp"

#include "output_json.hpp"

namespace fahras {

namespace output_detail {

std::string dump(const Json& json, int indent) {
    return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string one_line(std::string_view text) {
    return collapse_spaces(text);
}

Json mention_to_json(std::string_view text, const EntityMention& m) {
    Json item = {{"type", std::string(to_string(m.kind))},
                 {"text", std::string(text.substr(m.start, m.end - m.start))},
                 {"start", m.start},
                 {"end", m.end},
                 {"id", m.id},
                 {"name", m.name}};
    if (!m.latin.empty()) item["latin"] = m.latin;
    return item;
}

}  // namespace output_detail

namespace {

using namespace output_detail;

constexpr std::string_view ansi_bold = "\x1b[1m";
constexpr std::string_view ansi_reset = "\x1b[0m";

/// Escapes text for HTML element content, as MSet::snippet() does (& < >).
std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string format_score(double score) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", score);
    return buffer;
}

/// `n` with a comma between groups of three digits: 52,000.
std::string grouped(Xapian::doccount n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

/// The number of matches for the text format: "139" when exact, else "about 52,000
/// (51,200–53,900)" with Xapian's bounds.
std::string text_total(const SearchResult& result) {
    if (result.total_exact) return grouped(result.total_estimate);
    return "about " + grouped(result.total_estimate) + " (" + grouped(result.total_lower) +
           "\u2013" + grouped(result.total_upper) + ")";  // EN DASH
}

Json hit_to_json(const Hit& hit) {
    std::string snippet;
    for (const SnippetPart& part : hit.snippet) {
        if (part.highlighted) snippet += "<b>";
        snippet += html_escape(part.text);
        if (part.highlighted) snippet += "</b>";
    }
    Json json = {
        {"rank", hit.rank},         {"id", hit.id},
        {"score", hit.score},       {"percent", hit.percent},
        {"title", hit.title},       {"date", hit.date},
        {"source", hit.source},     {"url", hit.url},
        {"path", hit.path},         {"author", hit.author},
        {"category", hit.category}, {"snippet", snippet},
    };
    if (hit.line != 0) json["line"] = hit.line;
    Json entities = Json::array();
    for (const HitEntity& e : hit.entities) {
        Json item = {{"id", e.id}, {"type", e.type}, {"name", e.name}};
        if (!e.latin.empty()) item["latin"] = e.latin;
        item["count"] = e.count;
        entities.push_back(std::move(item));
    }
    json["entities"] = std::move(entities);
    // News: the story key, and with --collapse the other versions.
    if (!hit.story.empty()) json["story"] = hit.story;
    if (!hit.agencies.empty()) json["agencies"] = hit.agencies;
    if (hit.other_versions != 0 || !hit.other_sources.empty()) {
        json["other_versions"] = hit.other_versions;
        json["other_sources"] = hit.other_sources;
    }
    json["date_source"] = hit.date_source;
    Json mentioned = Json::array();
    for (const HitDate& d : hit.mentioned_dates) {
        Json j = {{"value", d.value}, {"text", d.text},           {"start", d.start},
                  {"end", d.end},     {"precision", d.precision}, {"calendar", d.calendar}};
        if (!d.hijri.empty()) j["hijri"] = d.hijri;
        j["kind"] = d.kind;
        j["field"] = d.field;
        mentioned.push_back(std::move(j));
    }
    json["mentioned_dates"] = std::move(mentioned);
    return json;
}

Json resolved_to_json(const std::vector<ResolvedEntityFilter>& filters) {
    Json out = Json::array();
    for (const ResolvedEntityFilter& f : filters) {
        Json entities = Json::array();
        for (const Entity& e : f.entities) {
            Json item = {{"id", e.id}, {"type", std::string(to_string(e.kind))}, {"name", e.name}};
            if (!e.latin.empty()) item["latin"] = e.latin;
            entities.push_back(std::move(item));
        }
        out.push_back({{"input", f.input},
                       {"type", f.kind ? std::string(to_string(*f.kind)) : std::string("any")},
                       {"method", std::string(to_string(f.method))},
                       {"ambiguous", f.ambiguous()},
                       {"excluded", f.excluded},
                       {"entities", std::move(entities)}});
    }
    return out;
}

Json facets_to_json(const std::vector<Facet>& facets) {
    Json out = Json::object();
    for (const Facet& facet : facets) {
        Json values = Json::array();
        for (const FacetCount& v : facet.values) {
            Json value = {{"value", v.value}, {"count", v.count}};
            if (!v.label.empty()) value["label"] = v.label;
            values.push_back(std::move(value));
        }
        out[facet.name] = std::move(values);
    }
    return out;
}

Json result_to_json(const SearchResult& result, bool with_facets) {
    Json hits = Json::array();
    for (const Hit& hit : result.hits) hits.push_back(hit_to_json(hit));
    Json json = {
        {"query", result.query},
        {"total_estimate", result.total_estimate},
        {"total_exact", result.total_exact},
        {"total_lower", result.total_lower},
        {"total_upper", result.total_upper},
        {"offset", result.offset},
        {"hits", std::move(hits)},
    };
    if (!result.resolved_entities.empty()) {
        json["resolved_entities"] = resolved_to_json(result.resolved_entities);
    }
    if (with_facets) {
        json["facets"] = facets_to_json(result.facets);
        json["facets_counted"] = result.facets_counted;
        json["facets_exact"] = result.facets_exact;
        // Issue #6: counts taken on a 1-in-scale sample of the matches and multiplied by it.
        json["facets_estimated"] = result.facets_scale > 1;
        json["facets_scale"] = result.facets_scale;
    }
    return json;
}

/// The facet block of the text format: one line per facet, "value (count)" by count.
void write_text_facets(std::ostream& out, const SearchResult& result) {
    if (result.facets_scale > 1) {
        out << "\nFacets (estimated: counted on a sample of " << result.facets_counted
            << " matches, 1 in " << result.facets_scale << ", counts \u00D7 " << result.facets_scale
            << "):\n";
    } else {
        out << "\nFacets (" << (result.facets_exact ? "all " : "first ") << result.facets_counted
            << " matches):\n";
    }
    for (const Facet& facet : result.facets) {
        out << "   " << facet.name << ':';
        if (facet.values.empty()) out << " —";  // EM DASH: nothing to count
        for (std::size_t i = 0; i < facet.values.size(); ++i) {
            const FacetCount& v = facet.values[i];
            out << (i == 0 ? " " : "  ·  ") << one_line(v.label.empty() ? v.value : v.label) << " ("
                << v.count << ')';
        }
        if (facet.distinct > facet.values.size()) {
            out << "  … " << facet.distinct - facet.values.size() << " more";
        }
        out << '\n';
    }
}

/// One line per entity filter: what the name resolved to, and whether it is ambiguous.
void write_text_resolved(std::ostream& out, const SearchResult& result) {
    for (const ResolvedEntityFilter& f : result.resolved_entities) {
        out << (f.excluded ? "Excluding " : "Filtering on ")
            << (f.kind ? std::string(to_string(*f.kind)) : std::string("entity")) << ' '
            << one_line(f.input) << ": ";
        if (f.entities.empty()) out << "no known entity (only names found by context cues)";
        if (f.ambiguous()) out << "ambiguous, any of ";
        for (std::size_t i = 0; i < f.entities.size(); ++i) {
            const Entity& e = f.entities[i];
            out << (i == 0 ? "" : ", ") << e.name;
            if (!e.latin.empty()) out << " / " << e.latin;
            out << " (" << e.id << ')';
        }
        out << '\n';
    }
}

/// "date  ·  source  ·  path[:line]" of a hit, the fields it has.
std::string meta_line(const Hit& hit) {
    std::string meta;
    for (const std::string* field : {&hit.date, &hit.source, &hit.path}) {
        if (field->empty()) continue;
        if (!meta.empty()) meta += "  \u00B7  ";  // MIDDLE DOT
        meta += one_line(*field);
    }
    if (hit.line != 0) meta += ":" + std::to_string(hit.line);
    return meta;
}

void write_text_hits(std::ostream& out, const SearchResult& result, const OutputStyle& style,
                     bool first) {
    if (!first) out << '\n';
    write_text_resolved(out, result);
    const std::string query = one_line(result.query);
    // With --collapse the hits are stories and the number counts articles: say so.
    const std::string_view counted = result.collapsed ? " articles (one hit per story)" : "";
    if (result.hits.empty() && result.total_lower > result.offset) {
        // Nothing asked for on this page (--limit 0: counting only).
        std::string total = text_total(result);
        if (!result.total_exact) total[0] = 'A';  // "About 52,000 (…)"
        const bool one = result.total_exact && result.total_estimate == 1;
        out << total << (result.collapsed ? " matching article" : " match")
            << (one                ? ""
                : result.collapsed ? "s"
                                   : "es")
            << " for: " << query << '\n';
        return;
    }
    if (result.hits.empty()) {
        out << "No results for: " << query;
        if (result.total_estimate != 0) {
            out << " (" << text_total(result) << " matches, none from " << result.offset + 1
                << " on)";
        }
        out << '\n';
        return;
    }
    out << "Results " << result.hits.front().rank << "\u2013" << result.hits.back().rank << " of "
        << text_total(result) << counted << " for: " << query << '\n';
    const std::string_view start = style.ansi ? ansi_bold : "[";
    const std::string_view end = style.ansi ? ansi_reset : "]";
    for (const Hit& hit : result.hits) {
        out << '\n'
            << hit.rank << ". " << (hit.title.empty() ? "(untitled)" : one_line(hit.title)) << '\n';
        if (const std::string meta = meta_line(hit); !meta.empty()) out << "   " << meta << '\n';
        const std::string snippet = one_line(render_snippet(hit.snippet, start, end));
        if (!snippet.empty()) out << "   " << snippet << '\n';
        if (hit.other_versions != 0) {  // --collapse
            out << "   + " << hit.other_versions
                << (hit.other_versions == 1 ? " other version" : " other versions");
            std::string sources;
            for (const std::string& s : hit.other_sources) {
                if (!sources.empty()) sources += ", ";
                sources += one_line(s);
            }
            if (!sources.empty()) out << " (" << sources << ')';
            out << '\n';
        }
    }
}

void write_text(std::ostream& out, const SearchResult& result, const OutputStyle& style,
                bool first) {
    write_text_hits(out, result, style, first);
    if (style.facets) write_text_facets(out, result);
}

void write_tsv(std::ostream& out, const SearchResult& result, const OutputStyle& style,
               bool first) {
    // Columns are a contract: new ones are appended at the end (agencies was one).
    if (first) out << "rank\tid\tscore\tdate\tsource\ttitle\tpath\tsnippet\tagencies\n";
    // Before the result's hits, marked so that it cannot be taken for one: the number of
    // matching articles, whether it is exact, and its bounds.
    out << "#total\t" << result.total_estimate << '\t'
        << (result.total_exact ? "exact" : "estimate") << '\t' << result.total_lower << '\t'
        << result.total_upper << '\n';
    for (const Hit& hit : result.hits) {
        std::string agencies;  // canonical codes, comma-separated; empty when none
        for (const std::string& code : hit.agencies) {
            if (!agencies.empty()) agencies += ',';
            agencies += one_line(code);
        }
        out << hit.rank << '\t' << one_line(hit.id) << '\t' << format_score(hit.score) << '\t'
            << one_line(hit.date) << '\t' << one_line(hit.source) << '\t' << one_line(hit.title)
            << '\t' << one_line(hit.path) << '\t' << one_line(render_snippet(hit.snippet, "[", "]"))
            << '\t' << agencies << '\n';
    }
    // Facet rows follow the hits, marked so that they cannot be taken for hits.
    if (!style.facets) return;
    // Estimated counts say so first: scale, then the size of the sample counted.
    if (result.facets_scale > 1) {
        out << "#facets_estimated\t" << result.facets_scale << '\t' << result.facets_counted
            << '\n';
    }
    for (const Facet& facet : result.facets) {
        for (const FacetCount& v : facet.values) {
            out << "#facet\t" << facet.name << '\t' << one_line(v.value) << '\t' << v.count;
            if (!v.label.empty()) out << '\t' << one_line(v.label);
            out << '\n';
        }
    }
}

}  // namespace

OutputFormat parse_output_format(std::string_view name) {
    if (name == "text") return OutputFormat::text;
    if (name == "json") return OutputFormat::json;
    if (name == "tsv") return OutputFormat::tsv;
    throw UsageError("unknown output format '" + std::string(name) +
                     "' (expected text, json or tsv)");
}

std::string to_json(const SearchResult& result, bool with_facets) {
    return dump(result_to_json(result, with_facets));
}

namespace {

Json mentions_to_json(std::string_view field, std::string_view text,
                      const std::vector<EntityMention>& mentions) {
    Json list = Json::array();
    for (const EntityMention& m : mentions) {
        Json item = mention_to_json(text, m);
        item["field"] = std::string(field);
        list.push_back(std::move(item));
    }
    return list;
}

}  // namespace

std::string article_to_json(const ArticleView& article,
                            const std::vector<EntityMention>& title_mentions,
                            const std::vector<EntityMention>& body_mentions) {
    Json json = hit_to_json(article.hit);
    for (const char* key : {"rank", "score", "percent", "snippet"}) json.erase(key);
    json["body"] = article.body;
    Json mentions = mentions_to_json("title", article.hit.title, title_mentions);
    for (Json& m : mentions_to_json("body", article.body, body_mentions)) {
        mentions.push_back(std::move(m));
    }
    json["mentions"] = std::move(mentions);
    Json versions = Json::array();
    for (const Hit& v : article.versions) {
        versions.push_back({{"id", v.id},
                            {"title", v.title},
                            {"date", v.date},
                            {"source", v.source},
                            {"path", v.path}});
    }
    json["versions"] = std::move(versions);
    return dump(json);
}

void write_article(std::ostream& out, const ArticleView& article) {
    const Hit& hit = article.hit;
    out << (hit.title.empty() ? "(untitled)" : one_line(hit.title)) << '\n';
    out << meta_line(hit) << '\n' << "id: " << one_line(hit.id) << '\n';
    if (!hit.url.empty()) out << "url: " << one_line(hit.url) << '\n';
    if (!hit.agencies.empty()) {
        out << "agencies:";
        for (const std::string& a : hit.agencies) out << ' ' << one_line(a);
        out << '\n';
    }
    if (!hit.entities.empty()) {
        out << "entities:";
        for (std::size_t i = 0; i < hit.entities.size(); ++i) {
            const HitEntity& e = hit.entities[i];
            out << (i == 0 ? " " : ", ") << one_line(e.name) << " (" << e.type << ')';
        }
        out << '\n';
    }
    out << '\n' << article.body << '\n';
    if (!article.versions.empty()) {
        out << '\n'
            << article.versions.size()
            << (article.versions.size() == 1 ? " other version" : " other versions")
            << " of this story:\n";
        for (const Hit& v : article.versions) {
            out << "   " << one_line(v.date) << "  \u00B7  " << one_line(v.source) << "  \u00B7  "
                << one_line(v.id) << "  " << one_line(v.title) << '\n';
        }
    }
}

std::string histogram_to_json(const Histogram& histogram, double took_ms) {
    Json buckets = Json::array();
    Xapian::doccount total = histogram.undated;
    for (const HistogramBucket& b : histogram.buckets) {
        buckets.push_back({{"period", b.period}, {"count", b.count}});
        total += b.count;
    }
    Json json = {{"query", histogram.query},
                 {"by", to_string(histogram.by)},
                 {"histogram", std::move(buckets)},
                 {"undated", histogram.undated},
                 {"total", total},
                 {"counted", histogram.counted},
                 {"exact", histogram.exact},
                 {"estimated", histogram.scale > 1},
                 {"scale", histogram.scale}};
    if (!histogram.resolved_entities.empty()) {
        json["resolved_entities"] = resolved_to_json(histogram.resolved_entities);
    }
    json["took_ms"] = std::round(took_ms * 1000) / 1000;
    return dump(json);
}

void write_result(std::ostream& out, const SearchResult& result, const OutputStyle& style,
                  bool first) {
    switch (style.format) {
        case OutputFormat::json:
            out << dump(result_to_json(result, style.facets), style.json_lines ? -1 : 2) << '\n';
            break;
        case OutputFormat::tsv:
            write_tsv(out, result, style, first);
            break;
        case OutputFormat::text:
            write_text(out, result, style, first);
            break;
    }
}

void write_query_error(std::ostream& out, std::string_view query, std::string_view message,
                       const OutputStyle& style) {
    if (style.format != OutputFormat::json) return;
    out << dump({{"query", std::string(query)}, {"error", std::string(message)}}) << '\n';
}

}  // namespace fahras
