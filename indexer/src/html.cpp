// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/html.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <gumbo.h>

namespace fahras {

namespace {

struct OutputCloser {
    void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

const char* attribute(const GumboElement& e, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a != nullptr ? a->value : nullptr;
}

bool dropped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
            return true;
        default:
            return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
            return true;
        default:
            return false;
    }
}

/// Appends the text under `node` to `out`, a line break around block elements.
void collect_text(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
        out += node->v.text.text;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = node->v.element;
    if (dropped(e.tag)) return;
    const bool block = is_block(e.tag);
    if (block) out += '\n';
    for (unsigned i = 0; i < e.children.length; ++i) {
        collect_text(static_cast<const GumboNode*>(e.children.data[i]), out);
    }
    if (block) out += '\n';
}

/// Collapses runs of spaces within lines and drops empty lines.
std::string tidy(std::string_view text) {
    std::string out;
    std::string line;
    const auto flush = [&] {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (!line.empty()) {
            if (!out.empty()) out += '\n';
            out += line;
        }
        line.clear();
    };
    for (const char c : text) {
        if (c == '\n' || c == '\r') {
            flush();
        } else if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            if (!line.empty() && line.back() != ' ') line += ' ';
        } else {
            line += c;
        }
    }
    flush();
    return out;
}

/// The page's facts, found in one walk.
struct Found {
    const GumboNode* title = nullptr;
    const GumboNode* h1 = nullptr;
    const GumboNode* article = nullptr;
    const GumboNode* body = nullptr;
    std::string og_title;
    std::string published;
    std::string time;
};

void walk(const GumboNode* node, Found& f) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = node->v.element;
    switch (e.tag) {
        case GUMBO_TAG_TITLE:
            if (f.title == nullptr) f.title = node;
            break;
        case GUMBO_TAG_H1:
            if (f.h1 == nullptr) f.h1 = node;
            break;
        case GUMBO_TAG_ARTICLE:
            if (f.article == nullptr) f.article = node;
            break;
        case GUMBO_TAG_BODY:
            if (f.body == nullptr) f.body = node;
            break;
        case GUMBO_TAG_META: {
            const char* property = attribute(e, "property");
            if (property == nullptr) property = attribute(e, "name");
            const char* content = attribute(e, "content");
            if (property != nullptr && content != nullptr) {
                const std::string p = lower(property);
                if (p == "article:published_time" && f.published.empty()) f.published = content;
                if (p == "og:title" && f.og_title.empty()) f.og_title = content;
            }
            break;
        }
        case GUMBO_TAG_TIME: {
            const char* datetime = attribute(e, "datetime");
            if (datetime != nullptr && f.time.empty()) f.time = datetime;
            break;
        }
        default:
            break;
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
        walk(static_cast<const GumboNode*>(e.children.data[i]), f);
    }
}

std::string text_of(const GumboNode* node) {
    std::string raw;
    if (node->type == GUMBO_NODE_ELEMENT) {
        // <title> and <h1> content, without the dropping rules of the body.
        for (unsigned i = 0; i < node->v.element.children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[i]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
                raw += child->v.text.text;
            } else {
                collect_text(child, raw);
            }
        }
    }
    std::string t = tidy(raw);
    std::replace(t.begin(), t.end(), '\n', ' ');
    return t;
}

}  // namespace

Article article_from_html(std::string_view html) {
    std::unique_ptr<GumboOutput, OutputCloser> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    Found f;
    walk(output->root, f);
    Article a;
    if (f.title != nullptr) a.title = text_of(f.title);
    if (a.title.empty()) a.title = tidy(f.og_title);
    if (a.title.empty() && f.h1 != nullptr) a.title = text_of(f.h1);
    const GumboNode* main = f.article != nullptr ? f.article : f.body;
    if (main != nullptr) {
        std::string raw;
        collect_text(main, raw);
        a.body = tidy(raw);
    }
    a.date = !f.published.empty() ? tidy(f.published) : tidy(f.time);
    return a;
}

std::string declared_charset(std::string_view html) {
    const std::string head = lower(html.substr(0, 2048));
    const std::size_t at = head.find("charset=");
    if (at == std::string::npos) return {};
    std::size_t pos = at + 8;
    while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) ++pos;
    std::size_t end = pos;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) != 0 ||
                                 head[end] == '-' || head[end] == '_' || head[end] == ':')) {
        ++end;
    }
    return head.substr(pos, end - pos);
}

}  // namespace fahras
