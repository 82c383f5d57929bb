// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// fahras-serve's HTTP parameters, read into the request model every front end shares
// (request.hpp): the same SearchRequest `fahras-query` fills from its options. Pure functions
// of the decoded query-string parameters, so that they are tested without a server.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "fahras/common/errors.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/histogram.hpp"
#include "fahras/query/search.hpp"

namespace fahras {

/// Decoded query-string parameters; a name may repeat (httplib::Params has this shape).
using HttpParams = std::multimap<std::string, std::string>;

/// Limits of the HTTP API (docs/WEB.md).
namespace api_limits {
inline constexpr std::size_t max_query_chars = 1000;  ///< `q`, `text`, in code points
inline constexpr std::size_t max_limit = 100;
inline constexpr std::size_t max_offset = 10000;
inline constexpr std::size_t max_facet_top = 1000;
inline constexpr std::size_t max_entities_top = 1000;
}  // namespace api_limits

/// A parameter the API refuses: `status` 400 (bad value, unknown parameter) or 414 (`q` too
/// long). The message names the parameter.
class ParamError : public UsageError {
  public:
    ParamError(int status, const std::string& message) : UsageError(message), m_status(status) {}
    [[nodiscard]] int status() const noexcept { return m_status; }

  private:
    int m_status;
};

/// `/api/search`: q, limit, offset, sort, facets (`1` or names, comma-separated), facet_top,
/// collapse, match, and the filters from, to, mentioned_from, mentioned_to, person, place,
/// org, entity, agency, source, same_story (repeated as the CLI options repeat). The defaults
/// are fahras-query's. Throws ParamError.
[[nodiscard]] SearchRequest search_request_from(const HttpParams& params);

/// `/api/histogram`: the search parameters that select articles (q, match and the filters)
/// and `by` (year, month or day; default year). Throws ParamError.
struct HistogramRequest {
    SearchRequest search;
    HistogramBy by = HistogramBy::year;
};
[[nodiscard]] HistogramRequest histogram_request_from(const HttpParams& params);

/// `/api/entities`: type (person, place, org or organisation), q (a name or the start of any
/// word of one), top. Throws ParamError.
[[nodiscard]] EntitiesOptions entities_request_from(const HttpParams& params);

/// `/api/analyze`: text (required), pubdate. Throws ParamError.
[[nodiscard]] AnalyzeOptions analyze_request_from(const HttpParams& params);

/// `/api/article`: id (required). Throws ParamError.
[[nodiscard]] std::string article_id_from(const HttpParams& params);

}  // namespace fahras
