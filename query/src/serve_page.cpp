// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-serve's routes for the search page: /article/ID, /feed, /opensearch.xml and
// /api/highlight (serve_page.hpp).
#include "fahras/query/serve_page.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/query/feed.hpp"
#include "fahras/query/highlight.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/serve_params.hpp"

namespace fahras {

namespace {

/// Entries of a feed unless `limit` says otherwise.
constexpr std::size_t feed_default_limit = 20;

/// The decoded parameters as a query string again (names and values percent-encoded).
std::string query_string(const HttpParams& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += '&';
        out += percent_encode(name) + "=" + percent_encode(value);
    }
    return out;
}

std::string base_url(const httplib::Request& req, const ServeContext& context) {
    const ServeOptions& o = context.options();
    return request_base_url(req.get_header_value("Host"), req.get_header_value("X-Forwarded-Proto"),
                            o.host + ":" + std::to_string(o.port));
}

/// The one value of parameter `name` (empty when absent); ParamError 400 when repeated.
std::string single_param(const HttpParams& params, const std::string& name) {
    if (params.count(name) > 1) throw ParamError(400, "parameter '" + name + "' given twice");
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

}  // namespace

std::vector<FieldMark> field_marks(std::string_view query, std::string_view title,
                                   std::string_view body) {
    const ParsedQuery parsed = parse_query(query);
    // Weights only choose a snippet's passage; marks() marks every wanted word alike.
    std::vector<HighlightTerm> terms;
    for (auto it = parsed.highlight.get_unique_terms_begin();
         it != parsed.highlight.get_unique_terms_end(); ++it) {
        terms.push_back({*it, 1.0});
    }
    const Highlighter highlighter(terms);
    std::vector<FieldMark> out;
    if (highlighter.empty()) return out;
    for (const auto& [field, text] : {std::pair{"title", title}, std::pair{"body", body}}) {
        for (const auto& [start, end] : highlighter.marks(text)) {
            out.push_back({field, start, end});
        }
    }
    return out;
}

void register_page_routes(httplib::Server& server, ServeContext& context) {
    // The page routes on the client: an article's address serves the page itself.
    server.Get(R"(/article/.+)", [&context](const httplib::Request&, httplib::Response& res) {
        const std::filesystem::path index =
            std::filesystem::path(context.options().assets) / "index.html";
        std::ifstream in(index, std::ios::binary);
        if (!in) {
            send_error(res, 404, "not found");
            return;
        }
        std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.set_content(std::move(body), "text/html; charset=utf-8");
    });

    server.Get("/feed", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            SearchRequest request = search_request_from(req.params);
            if (req.params.count("limit") == 0) request.options.limit = feed_default_limit;
            request.options.sort = SortOrder::date_desc;  // a feed is the newest first
            request.options.facets = false;
            request.options.time_limit = context.options().time_limit;
            SearchResult result;
            context.with_searcher(
                [&](SearcherSlot& slot) { result = slot.searcher->search(request); });
            const FeedContext feed{base_url(req, context), query_string(req.params), utc_now()};
            res.set_content(atom_feed(result, feed), "application/atom+xml; charset=utf-8");
        });
    });

    server.Get("/opensearch.xml", [&context](const httplib::Request& req, httplib::Response& res) {
        res.set_content(opensearch_description(base_url(req, context)),
                        "application/opensearchdescription+xml; charset=utf-8");
    });

    server.Get("/api/highlight", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            for (const auto& [name, value] : req.params) {
                if (name != "id" && name != "q") {
                    throw ParamError(400, "unknown parameter '" + name + "' (expected id, q)");
                }
            }
            const std::string id = single_param(req.params, "id");
            const std::string query = single_param(req.params, "q");
            if (id.empty()) throw ParamError(400, "parameter 'id' is required");
            if (query.size() > api_limits::max_query_chars * 4) {
                throw ParamError(414, "parameter 'q' is longer than " +
                                          std::to_string(api_limits::max_query_chars) +
                                          " characters");
            }
            std::optional<ArticleView> article;
            context.with_searcher(
                [&](SearcherSlot& slot) { article = slot.searcher->article(id); });
            if (!article) {
                send_error(res, 404, "no article with id '" + id + "'");
                return;
            }
            nlohmann::ordered_json marks = nlohmann::ordered_json::array();
            for (const FieldMark& m : field_marks(query, article->hit.title, article->body)) {
                marks.push_back({{"field", m.field}, {"start", m.start}, {"end", m.end}});
            }
            send_json(res, 200,
                      nlohmann::ordered_json{{"id", id}, {"highlights", std::move(marks)}}.dump(
                          -1, ' ', false, nlohmann::json::error_handler_t::replace));
        });
    });
}

}  // namespace fahras
