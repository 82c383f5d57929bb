// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// News-aware cleaning of article bodies: what is dropped from the *indexed* text
// (the document data keeps the body as given, for display) and which agencies an article
// credits. Rules, per line of the body:
//   - related-link lines: "اقرأ أيضا: …", "للمزيد: …", "شاهد أيضا" … (and the headline that
//     follows a bare "اقرأ أيضاً:" line);
//   - the title repeated among the first lines of the body;
//   - credit lines: "(الأخبار، رويترز)", "فرانس24/ أ ف ب", "المصدر: وكالات";
//   - photo captions: a short line ending in a credit, "يفرون من القصف قرب حلب، أمس (أ ف ب)";
//   - learned per-source boilerplate: lines seen in more than N articles of the same source
//     (BoilerplateTable);
//   - trailing comment-box and share words: "التعليقات", "شارك", "طباعة" …;
//   - appended teasers: a trailing block of at least 4 lines, each of which other articles of
//     the same source also carry, each in a different set of articles (CNN Arabic appends the
//     lead paragraphs of other recent articles to its bodies).
// docs/NEWS.md describes the rules and why they are safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fahras/common/article.hpp"

namespace fahras {

/// Why a line was left out of the indexed text.
enum class DropReason {
    related_link,    ///< "اقرأ أيضا: …"
    repeated_title,  ///< the title again as a body line
    credit,          ///< a line that is only a credit: "(الأخبار، رويترز)"
    caption,         ///< a photo caption ending in a credit
    learned,         ///< per-source boilerplate learned from the corpus
    share_trailer,   ///< trailing comment-box / share words
    teaser,          ///< a trailing block of other articles' paragraphs
};
inline constexpr std::size_t drop_reason_count = 7;

/// "related_link", "repeated_title", … (for reports).
[[nodiscard]] std::string_view to_string(DropReason reason) noexcept;

/// One line dropped from the indexed text.
struct DroppedLine {
    DropReason reason = DropReason::learned;
    std::size_t line = 0;  ///< 1-based line number within the body
    std::string text;      ///< the line as given
};

/// What clean_news() makes of an article.
struct NewsText {
    std::string body;  ///< the text to index: the body without the dropped lines
    std::vector<DroppedLine> dropped;
    /// Canonical codes of the agencies credited (in credit lines, captions, datelines,
    /// parenthesised credits and the author field), first seen first, no repeats.
    std::vector<std::string> agencies;
    /// The outlet named next to an agency in a credit ("الأخبار" in "(الأخبار، رويترز)").
    std::string outlet_credit;

    [[nodiscard]] std::size_t dropped_bytes() const noexcept;
};

/// Settings of the cleaning.
struct CleaningOptions {
    /// Keep every line (`--keep-boilerplate`): agencies are still recognised.
    bool keep_boilerplate = false;
    /// A line is learned boilerplate when more than this many articles of one source have it
    /// (`--boilerplate-min`).
    std::size_t learn_min_articles = 15;
};

/// The comparison key of a body line: clean()ed, folded, whitespace collapsed.
[[nodiscard]] std::string line_key(std::string_view line);

/// Per-source line frequencies and the boilerplate lines learned from them.
///
/// The indexer observes every article of a run in a first pass (before it writes anything),
/// then calls learn(); lines learned in earlier runs are loaded from the database metadata
/// (schema::meta_boilerplate) and merged, so a small incremental batch still knows the
/// boilerplate of its sources. Each article counts once per line; articles with the same
/// URL (the same text filed under two categories) count once.
class BoilerplateTable {
  public:
    /// Counts the distinct lines of one article.
    void observe(const Article& article);
    /// The same with the article's line_hashes() computed beforehand (in a worker thread:
    /// line_hashes() reads no table state).
    void observe(const Article& article, const std::vector<std::uint64_t>& hashes);
    /// The stable_hash()es of the distinct non-empty line_key()s of the article's body.
    [[nodiscard]] static std::vector<std::uint64_t> line_hashes(const Article& article);

    /// Marks as boilerplate every line seen in more than `min_articles` articles of its
    /// source, and forgets the counts. Returns the number of lines newly learned.
    std::size_t learn(std::size_t min_articles);

    /// True when `key` (a line_key()) is learned boilerplate of `source`.
    [[nodiscard]] bool is_boilerplate(std::string_view source, std::string_view key) const;

    /// For a line that at least 2 and at most `min_articles` articles of `source` had in
    /// this run's first pass: a signature of the set of those articles (equal sets, equal
    /// signatures); 0 for any other line. Teaser detection compares them. Unlike the learned
    /// lines these are not persisted: a teaser block is shared by articles of the same few
    /// days, which one batch holds.
    [[nodiscard]] std::uint64_t repeat_signature(std::string_view source,
                                                 std::string_view key) const;

    /// The learned lines, one "source<TAB>hash" per line (for the database metadata).
    [[nodiscard]] std::string serialize() const;

    /// Adds the lines of a serialize()d table. Malformed lines are ignored.
    void merge(std::string_view serialized);

    /// Number of learned lines.
    [[nodiscard]] std::size_t size() const noexcept { return m_learned.size(); }

  private:
    [[nodiscard]] static std::string entry(std::string_view source, std::uint64_t hash);

    struct LineCount {
        std::uint32_t articles = 0;   ///< articles of the source with the line
        std::uint64_t signature = 0;  ///< sum of the hashes of their URLs (or ids)
    };
    std::unordered_map<std::string, std::unordered_map<std::uint64_t, LineCount>> m_counts;
    /// Lines repeated in 2..min_articles articles: source → line hash → signature.
    std::unordered_map<std::string, std::unordered_map<std::uint64_t, std::uint64_t>> m_repeats;
    std::unordered_set<std::uint64_t> m_seen_urls;
    std::unordered_set<std::string> m_learned;
};

/// Cleans one article: see the rules at the top of this file. `table` may be null (no learned
/// boilerplate).
[[nodiscard]] NewsText clean_news(const Article& article, const BoilerplateTable* table,
                                  const CleaningOptions& options);

/// Agencies credited by a parenthesised or free-standing credit text such as
/// "الأخبار، رويترز" or "فرانس24/ أ ف ب". Returns false when `text` is not a credit (no agency,
/// or more than one item that is not an agency); else fills `agencies` (canonical codes) and
/// `outlet` (the one non-agency item, if any).
[[nodiscard]] bool parse_credit(std::string_view text, std::vector<std::string>& agencies,
                                std::string& outlet);

}  // namespace fahras
