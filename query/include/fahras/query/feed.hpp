// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Feeds of fahras-serve: a saved search as an Atom feed (RFC 4287) of its newest matches, so
// that any feed reader becomes an alert, and the OpenSearch description that lets a browser
// add Fahras as a search engine. Pure writers: no HTTP here (the server registers them).

#include <string>
#include <string_view>

#include "fahras/query/search.hpp"

namespace fahras {

/// What a feed needs besides the hits.
struct FeedContext {
    /// The server's address as clients reach it, without a trailing slash, e.g.
    /// "http://127.0.0.1:8080" (request_base_url()).
    std::string base_url;
    /// The query string of the search (already URL-encoded, without '?'), as the page and
    /// /api/search take it; the feed's own address and its HTML alternate are built from it.
    std::string query_string;
    /// The feed's <updated> when no hit has a date: RFC 3339, e.g. "2026-12-06T08:00:00Z".
    std::string now;
};

/// Text for XML element content and attribute values: & < > " ' escaped, characters XML 1.0
/// forbids (C0 controls but TAB, LF and CR; U+FFFE, U+FFFF) dropped, ill-formed UTF-8 replaced
/// by U+FFFD REPLACEMENT CHARACTER.
[[nodiscard]] std::string xml_escape(std::string_view text);

/// `text` percent-encoded for a URL path segment or query value (RFC 3986: everything but
/// unreserved characters).
[[nodiscard]] std::string percent_encode(std::string_view text);

/// An RFC 3339 timestamp for a publication date "YYYY-MM-DD" (midnight UTC); empty for a
/// date that is not of that form.
[[nodiscard]] std::string rfc3339_date(std::string_view date);

/// The current time, RFC 3339 in UTC to the second ("2026-12-06T08:00:00Z"): a feed's date,
/// an access log line's.
[[nodiscard]] std::string utc_now();

/// The Atom feed of a search answer: one entry per hit (its title, the article view's link,
/// the original URL as `related`, the source as author and category, the snippet as summary),
/// every field escaped as text. The feed's <updated> is the newest hit's date, else `now`.
[[nodiscard]] std::string atom_feed(const SearchResult& result, const FeedContext& context);

/// The OpenSearch 1.1 description of the server at `base_url`: HTML results at
/// `/?q={searchTerms}`, the Atom feed at `/feed?q={searchTerms}`.
[[nodiscard]] std::string opensearch_description(std::string_view base_url);

/// The base URL of a request from its Host header: "http://HOST" ("https://" when a proxy in
/// front says X-Forwarded-Proto: https); `fallback` (e.g. the listen address) when Host is
/// missing or holds anything but a host name or address and a port.
[[nodiscard]] std::string request_base_url(std::string_view host, std::string_view forwarded_proto,
                                           std::string_view fallback);

}  // namespace fahras
