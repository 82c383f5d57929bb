// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/feed.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "fahras/common/utf8.hpp"

namespace fahras {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(text, pos);
        if (cp == utf8::invalid) {
            utf8::append(out, utf8::replacement);
            continue;
        }
        switch (cp) {
            case U'&':
                out += "&amp;";
                continue;
            case U'<':
                out += "&lt;";
                continue;
            case U'>':
                out += "&gt;";
                continue;
            case U'"':
                out += "&quot;";
                continue;
            case U'\'':
                out += "&apos;";
                continue;
            default:
                break;
        }
        // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
        // (decode() already refuses surrogates).
        if ((cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) || cp == 0xFFFE || cp == 0xFFFF) {
            continue;
        }
        out.append(text.substr(start, pos - start));
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}

std::string rfc3339_date(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (std::isdigit(static_cast<unsigned char>(date[i])) == 0) return {};
    }
    return std::string(date) + "T00:00:00Z";
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

std::string atom_feed(const SearchResult& result, const FeedContext& context) {
    const std::string& base = context.base_url;
    const std::string query = context.query_string.empty() ? "" : "?" + context.query_string;
    std::string updated;
    for (const Hit& hit : result.hits) updated = std::max(updated, rfc3339_date(hit.date));
    if (updated.empty()) updated = context.now;

    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\">\n";
    const std::string title =
        result.query.empty() ? "فهرس: أحدث المقالات" : "فهرس: " + result.query;
    out += "  <title type=\"text\">" + xml_escape(title) + "</title>\n";
    out += "  <id>" + xml_escape(base + "/feed" + query) + "</id>\n";
    out += "  <updated>" + xml_escape(updated) + "</updated>\n";
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escape(base + "/feed" + query) + "\"/>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(base + "/" + query) +
           "\"/>\n";
    out += "  <author><name>فهرس</name></author>\n";
    out += "  <generator>Fahras</generator>\n";
    for (const Hit& hit : result.hits) {
        const std::string link = base + "/article/" + percent_encode(hit.id);
        std::string entry_updated = rfc3339_date(hit.date);
        if (entry_updated.empty()) entry_updated = updated;
        out += "  <entry>\n";
        out += "    <title type=\"text\">" + xml_escape(hit.title.empty() ? hit.id : hit.title) +
               "</title>\n";
        out += "    <id>" + xml_escape(link) + "</id>\n";
        out +=
            "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(link) + "\"/>\n";
        if (!hit.url.empty()) {
            out += "    <link rel=\"related\" href=\"" + xml_escape(hit.url) + "\"/>\n";
        }
        out += "    <updated>" + xml_escape(entry_updated) + "</updated>\n";
        if (!hit.date.empty() && !rfc3339_date(hit.date).empty()) {
            out += "    <published>" + xml_escape(entry_updated) + "</published>\n";
        }
        if (!hit.source.empty()) {
            out += "    <author><name>" + xml_escape(hit.source) + "</name></author>\n";
            out += "    <category term=\"" + xml_escape(hit.source) + "\"/>\n";
        }
        for (const std::string& agency : hit.agencies) {
            out += "    <category term=\"" + xml_escape(agency) + "\" label=\"agency\"/>\n";
        }
        const std::string summary = render_snippet(hit.snippet, "", "");
        if (!summary.empty()) {
            out += "    <summary type=\"text\">" + xml_escape(summary) + "</summary>\n";
        }
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

std::string opensearch_description(std::string_view base_url) {
    const std::string base = xml_escape(base_url);
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
           "  <ShortName>فهرس</ShortName>\n"
           "  <Description>البحث في أرشيف الأخبار العربية (Fahras)</Description>\n"
           "  <InputEncoding>UTF-8</InputEncoding>\n"
           "  <Language>ar</Language>\n"
           "  <Url type=\"text/html\" method=\"get\" template=\"" +
           base +
           "/?q={searchTerms}\"/>\n"
           "  <Url type=\"application/atom+xml\" method=\"get\" template=\"" +
           base +
           "/feed?q={searchTerms}\"/>\n"
           "</OpenSearchDescription>\n";
}

std::string request_base_url(std::string_view host, std::string_view forwarded_proto,
                             std::string_view fallback) {
    const bool valid =
        !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return std::isalnum(u) != 0 || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        });
    const std::string scheme = forwarded_proto == "https" ? "https://" : "http://";
    return scheme + std::string(valid ? host : fallback);
}

}  // namespace fahras
