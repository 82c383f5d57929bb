// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/boilerplate.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "fahras/common/clean.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"

namespace fahras {

namespace {

/// Longest related-link line, in words (a headline, not a paragraph).
constexpr std::size_t max_link_words = 30;
/// Longest caption, in words before the credit.
constexpr std::size_t max_caption_words = 20;
/// How many of the first non-empty body lines may repeat the title.
constexpr std::size_t title_lines = 3;
/// Most trailing lines the share-word rule looks at.
constexpr std::size_t max_trailer_lines = 5;
/// Longest outlet name in a credit, in words.
constexpr std::size_t max_outlet_words = 3;
/// Fewest lines of an appended-teaser block. Measured on ANT v2.1: CNN appends blocks of 5;
/// three shared trailing paragraphs are common in SkyNews and BBC updates of one story.
constexpr std::size_t min_teaser_lines = 4;

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    // U+00A0 NO-BREAK SPACE at either end.
    while (s.starts_with("\u00A0")) s.remove_prefix(2);
    while (s.ends_with("\u00A0")) s.remove_suffix(2);
    return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

/// Keys (line_key) of the phrases that open a related-link line.
const std::vector<std::string>& link_markers() {
    static const std::vector<std::string> markers = [] {
        std::vector<std::string> out;
        for (const char* m :
             {"اقرأ أيضا",      "اقرأ أيضاً",       "إقرأ أيضا",         "اقرا ايضا",
              "اقرأ كذلك",      "اقرأ المزيد",     "للمزيد:",           "للمزيد :",
              "المزيد:",        "شاهد أيضا",       "شاهد أيضاً",         "طالع أيضا",
              "طالع أيضاً",      "اقرأ أيضًا",       "مواضيع ذات صلة",    "أخبار ذات صلة",
              "مقالات ذات صلة", "موضوعات ذات صلة", "اقرأ في هذا الملف", "روابط ذات صلة",
              "Read also",      "Read more"}) {
            out.push_back(line_key(m));
        }
        return out;
    }();
    return markers;
}

/// Folded words that make up comment-box and share trailers; `core` ones must be present.
struct ShareWords {
    std::unordered_set<std::string> core;
    std::unordered_set<std::string> filler;
};

const ShareWords& share_words() {
    static const ShareWords words = [] {
        ShareWords w;
        for (const char* c :
             {"التعليقات", "تعليقات",  "التعليق", "تعليق", "شارك",     "شاركها", "شاركوا",
              "مشاركة",    "المشاركة", "طباعة",   "اطبع",  "الطباعة",  "أرسل",   "لصديق",
              "تعليقك",    "أضف",      "share",   "print", "comments", "tweet"}) {
            w.core.insert(line_key(c));
        }
        for (const char* f :
             {"على",    "عبر",     "إلى",        "الى",        "في",     "و",        "أو",
              "هذا",    "الخبر",   "المقال",     "الموضوع",    "تويتر",  "فيسبوك",   "فيس",
              "بوك",    "واتساب",  "واتس",       "آب",         "تلغرام", "تيليجرام", "جوجل",
              "بلس",    "البريد",  "الإلكتروني", "الالكتروني", "صديق",   "حفظ",      "نسخ",
              "الرابط", "twitter", "facebook",   "whatsapp",   "email",  "|",        "-",
              "/",      "·",       "(0)",        "0"}) {
            w.filler.insert(line_key(f));
        }
        return w;
    }();
    return words;
}

/// Items of credit that name a picture source rather than an agency ("صورة أرشيفية").
bool is_photo_word(std::string_view item) {
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> out;
        for (const char* p : {"صورة",   "الصورة",   "صور",       "أرشيفية",       "صورة أرشيفية",
                              "أرشيف",  "ارشيفية",  "Getty",     "Getty Images",  "جيتي",
                              "غيتي",   "EPA",      "إي بي أيه", "مواقع التواصل", "تويتر",
                              "فيسبوك", "facebook", "twitter",   "photo",         "file photo"}) {
            out.insert(line_key(p));
        }
        return out;
    }();
    return words.contains(line_key(item));
}

/// Replaces the separators of credit items (U+060C ARABIC COMMA, U+061B ARABIC SEMICOLON,
/// '/', '|', '+', ' - ') by ','.
std::string separate_items(std::string_view text) {
    static constexpr std::string_view separators[] = {
        "\u060C",  // ARABIC COMMA
        "\u061B",  // ARABIC SEMICOLON
        "\u2013",  // EN DASH
        " - ",    " -", "- ", "/", "|", "+",
    };
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool matched = false;
        for (const std::string_view sep : separators) {
            if (text.substr(i).starts_with(sep)) {
                out += ',';
                i += sep.size();
                matched = true;
                break;
            }
        }
        if (!matched) out += text[i++];
    }
    return out;
}

/// "المصدر:" / "المصدر :" (source:) in front of a credit.
std::string_view strip_source_label(std::string_view text) {
    for (const std::string_view label : {"المصدر:", "المصدر :", "المصادر:", "المصدر"}) {
        if (text.starts_with(label)) return trim(text.substr(label.size()));
    }
    return text;
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

/// The agency an item names, also when it carries the conjunction "و" (and): "وأ ف ب".
const Agency* item_agency(std::string_view item) {
    if (const Agency* a = find_agency(item)) return a;
    if (item.starts_with("\u0648")) return find_agency(item.substr(2));  // ARABIC LETTER WAW
    return nullptr;
}

/// The parenthesised group that ends `line` (without the parentheses), or empty.
std::string_view final_group(std::string_view line, std::size_t& open) {
    if (!line.ends_with(')')) return {};
    open = line.rfind('(');
    if (open == std::string_view::npos) return {};
    return line.substr(open + 1, line.size() - open - 2);
}

/// Collects agencies named in every short parenthesised group of `text` made only of
/// agencies ("دمشق (سانا) -", "(رويترز)").
void scan_groups(std::string_view text, std::vector<std::string>& agencies) {
    std::size_t pos = 0;
    while ((pos = text.find('(', pos)) != std::string_view::npos) {
        const std::size_t close = text.find(')', pos + 1);
        if (close == std::string_view::npos) break;
        const std::string_view inner = text.substr(pos + 1, close - pos - 1);
        pos = close;
        if (inner.size() > 80 || inner.find('(') != std::string_view::npos) continue;
        std::vector<std::string> found;
        std::string outlet;
        if (parse_credit(inner, found, outlet) && outlet.empty()) {
            for (const std::string& code : found) add_unique(agencies, code);
        }
    }
}

bool is_share_trailer(std::string_view line) {
    const ShareWords& w = share_words();
    bool core = false;
    for (const std::string_view word : split_words(line)) {
        const std::string key = line_key(word);
        if (key.empty()) continue;
        if (w.core.contains(key)) {
            core = true;
        } else if (!w.filler.contains(key)) {
            return false;
        }
    }
    return core;
}

bool starts_with_link_marker(const std::string& key) {
    for (const std::string& marker : link_markers()) {
        if (key.starts_with(marker)) return true;
    }
    return false;
}

}  // namespace

std::string_view to_string(DropReason reason) noexcept {
    switch (reason) {
        case DropReason::related_link:
            return "related_link";
        case DropReason::repeated_title:
            return "repeated_title";
        case DropReason::credit:
            return "credit";
        case DropReason::caption:
            return "caption";
        case DropReason::learned:
            return "learned";
        case DropReason::share_trailer:
            return "share_trailer";
        case DropReason::teaser:
            return "teaser";
    }
    return "unknown";
}

std::size_t NewsText::dropped_bytes() const noexcept {
    std::size_t n = 0;
    for (const DroppedLine& d : dropped) n += d.text.size();
    return n;
}

std::string line_key(std::string_view line) {
    // filter_value(): cleaned, whitespace collapsed and trimmed; fold() maps letters and digits
    // one to one and leaves spaces alone, so folding after collapsing gives the same key.
    return fold(filter_value(line));
}

bool parse_credit(std::string_view text, std::vector<std::string>& agencies, std::string& outlet) {
    const std::string items = separate_items(strip_source_label(trim(text)));
    std::vector<std::string> found;
    std::string other;
    std::size_t others = 0;
    bool generic = false;
    std::size_t start = 0;
    while (start <= items.size()) {
        std::size_t comma = items.find(',', start);
        if (comma == std::string::npos) comma = items.size();
        const std::string_view item = trim(std::string_view(items).substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) continue;
        if (const Agency* a = item_agency(item)) {
            add_unique(found, a->code);
        } else if (is_generic_agency_credit(item) || is_photo_word(item)) {
            generic = true;
        } else {
            ++others;
            if (split_words(item).size() > max_outlet_words) return false;
            other = std::string(item);
        }
    }
    if (others > 1 || (found.empty() && !generic)) return false;
    if (found.empty() && others > 0) return false;  // "(صورة، غزة)" is not a credit
    for (const std::string& code : found) add_unique(agencies, code);
    outlet = other;
    return true;
}

// ---- BoilerplateTable ------------------------------------------------------------------

std::string BoilerplateTable::entry(std::string_view source, std::uint64_t hash) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    std::string out(source);
    out += '\t';
    out += hex;
    return out;
}

void BoilerplateTable::observe(const Article& article) {
    observe(article, line_hashes(article));
}

std::vector<std::uint64_t> BoilerplateTable::line_hashes(const Article& article) {
    std::vector<std::uint64_t> out;
    std::unordered_set<std::uint64_t> lines;
    std::size_t pos = 0;
    const std::string_view body = article.body;
    while (pos <= body.size()) {
        std::size_t nl = body.find('\n', pos);
        if (nl == std::string_view::npos) nl = body.size();
        const std::string key = line_key(body.substr(pos, nl - pos));
        pos = nl + 1;
        if (key.empty()) continue;
        const std::uint64_t hash = stable_hash(key);
        if (lines.insert(hash).second) out.push_back(hash);
    }
    return out;
}

void BoilerplateTable::observe(const Article& article, const std::vector<std::uint64_t>& hashes) {
    if (!article.url.empty() && !m_seen_urls.insert(stable_hash(article.url)).second) return;
    const std::uint64_t article_hash = stable_hash(article.url.empty() ? article.id : article.url);
    auto& counts = m_counts[article.source];
    for (const std::uint64_t hash : hashes) {
        LineCount& c = counts[hash];
        ++c.articles;
        c.signature += article_hash;  // wraps: a signature, not a sum to read
    }
}

std::size_t BoilerplateTable::learn(std::size_t min_articles) {
    std::size_t learned = 0;
    for (const auto& [source, counts] : m_counts) {
        for (const auto& [hash, count] : counts) {
            if (count.articles > min_articles) {
                if (m_learned.insert(entry(source, hash)).second) ++learned;
            } else if (count.articles >= 2) {
                m_repeats[source][hash] = count.signature == 0 ? 1 : count.signature;
            }
        }
    }
    m_counts.clear();
    m_seen_urls.clear();
    return learned;
}

bool BoilerplateTable::is_boilerplate(std::string_view source, std::string_view key) const {
    if (m_learned.empty()) return false;
    return m_learned.contains(entry(source, stable_hash(key)));
}

std::uint64_t BoilerplateTable::repeat_signature(std::string_view source,
                                                 std::string_view key) const {
    const auto s = m_repeats.find(std::string(source));
    if (s == m_repeats.end()) return 0;
    const auto it = s->second.find(stable_hash(key));
    return it == s->second.end() ? 0 : it->second;
}

std::string BoilerplateTable::serialize() const {
    std::vector<std::string> lines(m_learned.begin(), m_learned.end());
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines) {
        out += l;
        out += '\n';
    }
    return out;
}

void BoilerplateTable::merge(std::string_view serialized) {
    std::size_t pos = 0;
    while (pos < serialized.size()) {
        std::size_t nl = serialized.find('\n', pos);
        if (nl == std::string_view::npos) nl = serialized.size();
        const std::string_view line = serialized.substr(pos, nl - pos);
        pos = nl + 1;
        const std::size_t tab = line.rfind('\t');
        if (tab == std::string_view::npos || line.size() - tab - 1 != 16) continue;
        std::uint64_t hash = 0;
        const char* first = line.data() + tab + 1;
        const auto [ptr, ec] = std::from_chars(first, first + 16, hash, 16);
        if (ec != std::errc() || ptr != first + 16) continue;
        m_learned.insert(entry(line.substr(0, tab), hash));
    }
}

// ---- clean_news ---------------------------------------------------------------------------

namespace {

/// The appended-teaser rule: walking up from the end of the body (over empty and already
/// dropped lines), the run of lines that other articles of the source also have; the first
/// non-empty line (the lead) never counts. The run is a teaser block when it has at least
/// min_teaser_lines lines and most of them (more than half) are shared by sets of articles
/// of their own: a block of other stories' leads, each carried by different articles,
/// rather than paragraphs one article shares with its own updates (those share one set).
template <class Lines, class Drop>
void drop_teasers(Lines& lines, std::string_view source, const BoilerplateTable& table,
                  const Drop& drop) {
    std::size_t lead = 0;
    while (lead < lines.size() && lines[lead].text.empty()) ++lead;
    std::vector<std::size_t> run;
    std::unordered_set<std::uint64_t> signatures;
    for (std::size_t i = lines.size(); i-- > lead + 1;) {
        if (lines[i].text.empty() || lines[i].dropped) continue;
        const std::uint64_t sig = table.repeat_signature(source, line_key(lines[i].text));
        if (sig == 0) break;
        signatures.insert(sig);
        run.push_back(i);
    }
    // Most lines carried by sets of their own: two teasers that entered and left the rail
    // together share a set (CNN: 709 of 925 shared 4+-line tails are all distinct, 877 pass
    // the majority), while an article and its updates share one or two sets.
    if (run.size() < min_teaser_lines || signatures.size() < run.size() / 2 + 1) return;
    for (const std::size_t i : run) drop(lines[i], DropReason::teaser);
}

}  // namespace

NewsText clean_news(const Article& article, const BoilerplateTable* table,
                    const CleaningOptions& options) {
    NewsText out;
    // Agencies in the author field: "لوس أنجلوس - فرانس برس", "العربية.نت - وكالات".
    if (!article.author.empty()) {
        const std::string items = separate_items(article.author);
        std::size_t start = 0;
        while (start <= items.size()) {
            std::size_t comma = items.find(',', start);
            if (comma == std::string::npos) comma = items.size();
            if (const Agency* a =
                    item_agency(trim(std::string_view(items).substr(start, comma - start)))) {
                add_unique(out.agencies, a->code);
            }
            start = comma + 1;
        }
    }

    struct Line {
        std::string_view text;  // trimmed
        std::string_view raw;
        std::size_t number = 0;
        bool dropped = false;
    };
    std::vector<Line> lines;
    {
        const std::string_view body = article.body;
        std::size_t pos = 0;
        std::size_t number = 0;
        while (pos <= body.size()) {
            std::size_t nl = body.find('\n', pos);
            if (nl == std::string_view::npos) nl = body.size();
            const std::string_view raw = body.substr(pos, nl - pos);
            lines.push_back({trim(raw), raw, ++number, false});
            pos = nl + 1;
        }
    }
    const std::string title_key = line_key(article.title);
    const auto drop = [&](Line& l, DropReason reason) {
        l.dropped = true;
        out.dropped.push_back({reason, l.number, std::string(l.text)});
    };

    std::size_t non_empty = 0;
    bool after_bare_marker = false;
    for (Line& l : lines) {
        if (l.text.empty()) continue;
        ++non_empty;
        const std::string key = line_key(l.text);
        const std::size_t words = split_words(l.text).size();
        const bool follows_marker = after_bare_marker;
        after_bare_marker = false;

        // Credits are recognised whatever is kept.
        std::vector<std::string> found;
        std::string outlet;
        std::string_view whole = l.text;
        if (whole.starts_with('(') && whole.ends_with(')'))
            whole = whole.substr(1, whole.size() - 2);
        const bool credit_line = words <= 8 && parse_credit(whole, found, outlet);
        std::size_t open = 0;
        const std::string_view group = final_group(l.text, open);
        bool caption = false;
        if (!credit_line && !group.empty() && open > 0) {
            std::vector<std::string> caption_agencies;
            std::string caption_outlet;
            const std::string_view before = trim(l.text.substr(0, open));
            if (parse_credit(group, caption_agencies, caption_outlet) &&
                split_words(before).size() <= max_caption_words &&
                before.find('.') == std::string_view::npos && !before.ends_with(':')) {
                caption = true;
                found = std::move(caption_agencies);
            }
        }
        for (const std::string& code : found) add_unique(out.agencies, code);
        if (credit_line && !outlet.empty() && out.outlet_credit.empty()) out.outlet_credit = outlet;
        scan_groups(l.text, out.agencies);

        if (options.keep_boilerplate) continue;
        if (starts_with_link_marker(key) && words <= max_link_words) {
            drop(l, DropReason::related_link);
            after_bare_marker = words <= 3;
        } else if (follows_marker && words <= max_link_words && !l.text.ends_with('.')) {
            drop(l, DropReason::related_link);
        } else if (non_empty <= title_lines && !title_key.empty() && key == title_key) {
            drop(l, DropReason::repeated_title);
        } else if (credit_line) {
            drop(l, DropReason::credit);
        } else if (caption) {
            drop(l, DropReason::caption);
        } else if (table != nullptr && table->is_boilerplate(article.source, key)) {
            drop(l, DropReason::learned);
        }
    }
    if (!options.keep_boilerplate) {
        std::size_t looked = 0;
        for (auto it = lines.rbegin(); it != lines.rend() && looked < max_trailer_lines; ++it) {
            if (it->text.empty() || it->dropped) continue;
            ++looked;
            if (!is_share_trailer(it->text)) break;
            drop(*it, DropReason::share_trailer);
        }
        if (table != nullptr) drop_teasers(lines, article.source, *table, drop);
        std::sort(out.dropped.begin(), out.dropped.end(),
                  [](const DroppedLine& a, const DroppedLine& b) { return a.line < b.line; });
    }
    if (out.dropped.empty()) {
        out.body = article.body;
        return out;
    }
    for (const Line& l : lines) {
        if (l.dropped) continue;
        out.body += l.raw;
        out.body += '\n';
    }
    if (!out.body.empty()) out.body.pop_back();
    return out;
}

}  // namespace fahras
