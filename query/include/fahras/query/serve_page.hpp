// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// fahras-serve's routes for the search page (docs/WEB.md, "The search page"): the page's own
// paths, its feeds, and the highlights of its article view. Registered after the JSON API and
// before the static files.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fahras/query/serve.hpp"

namespace fahras {

/// The whole-word highlights of `query` in a title and a body, as {field, start, end} with
/// UTF-8 byte offsets, in text order ("title" first): the words the search's snippet would
/// mark (Highlighter::marks). Throws QueryError for a query that cannot be parsed.
struct FieldMark {
    std::string field;
    std::size_t start = 0;
    std::size_t end = 0;
};
[[nodiscard]] std::vector<FieldMark> field_marks(std::string_view query, std::string_view title,
                                                 std::string_view body);

/// Registers:
/// - `/article/ID` → the page's index.html (the page shows the article; a pasted link works);
/// - `/feed?…` (the parameters of /api/search) → the Atom feed of the newest matches
///   (`limit` default 20), `application/atom+xml`;
/// - `/opensearch.xml` → the OpenSearch description;
/// - `/api/highlight?id=ID&q=QUERY` → `{"id", "highlights": [{"field", "start", "end"}]}`,
///   the words of QUERY in the article's title and body (404 when there is no such article).
void register_page_routes(httplib::Server& server, ServeContext& context);

}  // namespace fahras
