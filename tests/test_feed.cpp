// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Atom and OpenSearch writers of fahras-serve (query/feed.hpp) and of the
// highlights of its article view (query/serve_page.hpp).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fahras/query/feed.hpp"
#include "fahras/query/serve_page.hpp"

using fahras::xml_escape;

namespace {

fahras::Hit hit(std::string id, std::string title, std::string date) {
    fahras::Hit h;
    h.id = std::move(id);
    h.title = std::move(title);
    h.date = std::move(date);
    return h;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("xml_escape: markup characters, forbidden characters, ill-formed UTF-8", "[feed]") {
    struct Row {
        std::string in, out;
    };
    const Row rows[] = {
        {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
        {"a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &apos;d&apos;"},
        {"&amp;", "&amp;amp;"},
        {"سطر\tأول\nثان\r", "سطر\tأول\nثان\r"},
        {std::string("a\x01\x1F"
                     "b\x7F",
                     5),
         "ab\x7F"},                              // C0 controls dropped, DEL is a Char
        {"x\xEF\xBF\xBEy\xEF\xBF\xBFz", "xyz"},  // U+FFFE, U+FFFF dropped
        {"ok\xC3(", "ok\xEF\xBF\xBD("},          // truncated sequence → U+FFFD
        {"\xED\xA0\x80",
         "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate: each byte → U+FFFD
        {"\xEF\xBF\xBD", "\xEF\xBF\xBD"},          // U+FFFD itself is kept
        {"\xF0\x9F\x93\xB0", "\xF0\x9F\x93\xB0"},  // U+1F4F0 NEWSPAPER
    };
    for (const Row& row : rows) {
        CAPTURE(row.in);
        CHECK(xml_escape(row.in) == row.out);
    }
}

TEST_CASE("percent_encode and rfc3339_date", "[feed]") {
    CHECK(fahras::percent_encode("ant21:FR-1 2/x") == "ant21%3AFR-1%202%2Fx");
    CHECK(fahras::percent_encode("مقال") == "%D9%85%D9%82%D8%A7%D9%84");
    CHECK(fahras::rfc3339_date("2018-06-30") == "2018-06-30T00:00:00Z");
    CHECK(fahras::rfc3339_date("2018-06").empty());
    CHECK(fahras::rfc3339_date("2018-0a-30").empty());
    CHECK(fahras::rfc3339_date("").empty());
}

TEST_CASE("atom_feed: one escaped entry per hit, newest date as updated", "[feed]") {
    fahras::SearchResult result;
    result.query = "ترامب & <b>";
    result.hits.push_back(hit("ant21:FR-1", "<img src=x onerror=alert(1)>", "2018-06-30"));
    result.hits.back().source = "france24";
    result.hits.back().url = "https://example.org/a?x=1&y=2";
    result.hits.back().agencies = {"AFP"};
    result.hits.back().snippet = {{"قال ", false}, {"ترامب", true}, {" <إن>", false}};
    result.hits.push_back(hit("seed/2", "", "2019-01-02"));
    result.hits.push_back(hit("undated", "بلا تاريخ", ""));
    const fahras::FeedContext context{"http://127.0.0.1:8080", "q=%D8%AA&source=a%26b",
                                      "2026-12-06T08:00:00Z"};
    const std::string feed = fahras::atom_feed(result, context);

    CHECK(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    CHECK(count(feed, "<entry>") == 3);
    CHECK(count(feed, "</entry>") == 3);
    CHECK(feed.find("<title type=\"text\">فهرس: ترامب &amp; &lt;b&gt;</title>") !=
          std::string::npos);
    CHECK(feed.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(feed.find("<img") == std::string::npos);
    CHECK(feed.find("<summary type=\"text\">قال ترامب &lt;إن&gt;</summary>") != std::string::npos);
    CHECK(feed.find("href=\"https://example.org/a?x=1&amp;y=2\"") != std::string::npos);
    CHECK(feed.find("<id>http://127.0.0.1:8080/article/ant21%3AFR-1</id>") != std::string::npos);
    CHECK(feed.find("href=\"http://127.0.0.1:8080/feed?q=%D8%AA&amp;source=a%26b\"") !=
          std::string::npos);
    CHECK(feed.find("<category term=\"AFP\" label=\"agency\"/>") != std::string::npos);
    // An untitled hit is titled by its id; the feed's date is the newest hit's.
    CHECK(feed.find("<title type=\"text\">seed/2</title>") != std::string::npos);
    CHECK(feed.find("<updated>2019-01-02T00:00:00Z</updated>\n  <link rel=\"self\"") !=
          std::string::npos);
    // An undated hit takes the feed's date and has no <published>.
    CHECK(count(feed, "<published>") == 2);
}

TEST_CASE("atom_feed: no hits gives a valid empty feed dated now", "[feed]") {
    const std::string feed = fahras::atom_feed({}, {"http://h", "", "2026-12-06T08:00:00Z"});
    CHECK(feed.find("<entry>") == std::string::npos);
    CHECK(feed.find("<updated>2026-12-06T08:00:00Z</updated>") != std::string::npos);
    CHECK(feed.find("<id>http://h/feed</id>") != std::string::npos);
}

TEST_CASE("opensearch_description and request_base_url", "[feed]") {
    const std::string xml = fahras::opensearch_description("http://127.0.0.1:8080");
    CHECK(xml.find("template=\"http://127.0.0.1:8080/?q={searchTerms}\"") != std::string::npos);
    CHECK(xml.find("type=\"application/atom+xml\" method=\"get\" "
                   "template=\"http://127.0.0.1:8080/feed?q={searchTerms}\"") != std::string::npos);
    CHECK(fahras::request_base_url("news.example:8080", "", "127.0.0.1:1") ==
          "http://news.example:8080");
    CHECK(fahras::request_base_url("[::1]:80", "https", "x") == "https://[::1]:80");
    CHECK(fahras::request_base_url("evil\"><x", "", "127.0.0.1:8080") == "http://127.0.0.1:8080");
    CHECK(fahras::request_base_url("", "http", "127.0.0.1:8080") == "http://127.0.0.1:8080");
}

TEST_CASE("field_marks: the query's whole words in title and body, title first", "[feed]") {
    const std::string title = "مسؤولين في بغداد";
    const std::string body = "قال المسؤول إن المسألة بالمسؤولية";
    const auto marks = fahras::field_marks("مسئولين", title, body);
    std::vector<std::string> seen;
    for (const fahras::FieldMark& m : marks) {
        const std::string& text = m.field == "title" ? title : body;
        seen.push_back(m.field + ":" + text.substr(m.start, m.end - m.start));
    }
    CHECK(seen == std::vector<std::string>{"title:مسؤولين", "body:المسؤول", "body:بالمسؤولية"});
    // Filters alone mark nothing.
    CHECK(fahras::field_marks("source:BBC", title, body).empty());
}
