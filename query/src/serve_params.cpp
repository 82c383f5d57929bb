// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/serve_params.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

[[noreturn]] void bad(const std::string& message) {
    throw ParamError(400, message);
}

/// Refuses parameters outside `known`: a misspelt filter must not silently widen a search.
void only(const HttpParams& params, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : params) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            bad("unknown parameter '" + name + "'");
        }
    }
}

/// The value of a parameter given at most once.
std::optional<std::string> single(const HttpParams& params, const std::string& name) {
    const auto [first, last] = params.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) bad("parameter '" + name + "' given more than once");
    return first->second;
}

std::vector<std::string> all(const HttpParams& params, const std::string& name) {
    std::vector<std::string> out;
    const auto [first, last] = params.equal_range(name);
    for (auto it = first; it != last; ++it) {
        if (it->second.empty()) bad("parameter '" + name + "' is empty");
        out.push_back(it->second);
    }
    return out;
}

std::size_t number(const HttpParams& params, const std::string& name, std::size_t fallback,
                   std::size_t max) {
    const std::optional<std::string> text = single(params, name);
    if (!text) return fallback;
    std::size_t value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc() || ptr != end) {
        bad("parameter '" + name + "' must be a whole number, not '" + *text + "'");
    }
    if (value > max) {
        bad("parameter '" + name + "' must be at most " + std::to_string(max) + ", not " + *text);
    }
    return value;
}

bool flag(const HttpParams& params, const std::string& name) {
    const std::optional<std::string> text = single(params, name);
    if (!text || *text == "0" || *text == "false") return false;
    if (*text == "1" || *text == "true") return true;
    bad("parameter '" + name + "' must be 1 or 0, not '" + *text + "'");
}

/// A text parameter, at most api_limits::max_query_chars code points (414 beyond).
std::string text_param(const HttpParams& params, const std::string& name) {
    std::string text = single(params, name).value_or("");
    if (utf8::length(utf8::sanitize(text)) > api_limits::max_query_chars) {
        throw ParamError(414, "parameter '" + name + "' is longer than " +
                                  std::to_string(api_limits::max_query_chars) + " characters");
    }
    return text;
}

/// The parameters that choose articles, shared by /api/search and /api/histogram.
SearchRequest selection_from(const HttpParams& params) {
    SearchRequest r;
    r.query = text_param(params, "q");
    const std::string match = single(params, "match").value_or("auto");
    if (match == "auto")
        r.options.match = MatchMode::auto_;
    else if (match == "all")
        r.options.match = MatchMode::all;
    else if (match == "any")
        r.options.match = MatchMode::any;
    else
        bad("parameter 'match' must be auto, all or any, not '" + match + "'");
    SearchOptions& o = r.options;
    o.from = single(params, "from").value_or("");
    o.to = single(params, "to").value_or("");
    o.mentioned_from = single(params, "mentioned_from").value_or("");
    o.mentioned_to = single(params, "mentioned_to").value_or("");
    o.same_story = single(params, "same_story").value_or("");
    o.agencies = all(params, "agency");
    o.sources = all(params, "source");
    // Each entity parameter is a filter of its own, as each --person option is (all must match).
    for (const auto& [name, kind] :
         {std::pair{"person", std::optional<EntityKind>(EntityKind::person)},
          std::pair{"place", std::optional<EntityKind>(EntityKind::place)},
          std::pair{"org", std::optional<EntityKind>(EntityKind::organisation)},
          std::pair{"entity", std::optional<EntityKind>()}}) {
        for (std::string& value : all(params, name)) {
            o.entity_filters.push_back({kind, std::move(value), false});
        }
    }
    return r;
}

}  // namespace

SearchRequest search_request_from(const HttpParams& params) {
    only(params, {"q", "limit", "offset", "sort", "facets", "facet_top", "collapse", "match",
                  "from", "to", "mentioned_from", "mentioned_to", "person", "place", "org",
                  "entity", "agency", "source", "same_story"});
    SearchRequest r = selection_from(params);
    SearchOptions& o = r.options;
    o.limit = number(params, "limit", o.limit, api_limits::max_limit);
    o.offset = number(params, "offset", o.offset, api_limits::max_offset);
    o.facet_top = number(params, "facet_top", o.facet_top, api_limits::max_facet_top);
    o.collapse = flag(params, "collapse");
    const std::string sort = single(params, "sort").value_or("relevance");
    try {
        o.sort = parse_sort_order(sort);
    } catch (const UsageError&) {
        bad("parameter 'sort' must be relevance, date or -date, not '" + sort + "'");
    }
    if (const std::optional<std::string> facets = single(params, "facets")) {
        if (*facets == "1" || *facets == "true") {
            o.facets = true;
        } else if (*facets != "0" && *facets != "false") {
            o.facets = true;
            // Names are checked by plan_search(), as --facet's are.
            std::size_t start = 0;
            for (;;) {
                const std::size_t comma = facets->find(',', start);
                std::string name = facets->substr(start, comma - start);
                o.facet_names.push_back(std::move(name));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
    }
    return r;
}

HistogramRequest histogram_request_from(const HttpParams& params) {
    only(params, {"q", "by", "match", "from", "to", "mentioned_from", "mentioned_to", "person",
                  "place", "org", "entity", "agency", "source", "same_story"});
    HistogramRequest h;
    h.search = selection_from(params);
    const std::string by = single(params, "by").value_or("year");
    if (by == "year")
        h.by = HistogramBy::year;
    else if (by == "month")
        h.by = HistogramBy::month;
    else if (by == "day")
        h.by = HistogramBy::day;
    else
        bad("parameter 'by' must be year, month or day, not '" + by + "'");
    return h;
}

EntitiesOptions entities_request_from(const HttpParams& params) {
    only(params, {"type", "q", "top"});
    EntitiesOptions e;
    e.format = OutputFormat::json;
    e.type = single(params, "type").value_or("");
    if (!e.type.empty() && e.type != "person" && e.type != "place" && e.type != "org" &&
        e.type != "organisation" && e.type != "organization") {
        bad("parameter 'type' must be person, place or organisation, not '" + e.type + "'");
    }
    e.prefix = text_param(params, "q");
    e.top = number(params, "top", e.top, api_limits::max_entities_top);
    return e;
}

AnalyzeOptions analyze_request_from(const HttpParams& params) {
    only(params, {"text", "pubdate"});
    AnalyzeOptions a;
    a.format = OutputFormat::json;
    if (!single(params, "text")) bad("parameter 'text' is required");
    a.words = {text_param(params, "text")};
    a.pubdate = single(params, "pubdate").value_or("");
    return a;
}

std::string article_id_from(const HttpParams& params) {
    only(params, {"id"});
    std::string id = single(params, "id").value_or("");
    if (id.empty()) bad("parameter 'id' is required");
    return id;
}

}  // namespace fahras
