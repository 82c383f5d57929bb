// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Story clustering at index time. A story is anchored to its ROOT, the first of its
// versions to be indexed; its key is the hash of the root's article id. An article joins a
// story only when it nearly duplicates that story's root (found through the `XSH` shingle terms
// of its fingerprint, common/fingerprint.hpp), never because it resembles some other member:
// single-link clustering chained unrelated articles through bodies that carry other articles'
// text (A~B, B~C made A and C one story). An article joins at most one story, so stories never
// merge. The result is deterministic for a given order of arrival (the indexer's input order).
//
// When a root leaves (deleted, or re-indexed with text that no longer matches any of its
// members), its story is re-rooted: the remaining member indexed first (lowest docid) becomes
// the root, and every remaining member takes the key of the new root; the members are not
// re-tested against it (they were all versions of the old root). docs/NEWS.md has the rules.

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "fahras/common/fingerprint.hpp"
#include "fahras/common/terms.hpp"  // story_key, story_term, shingle_term
#include "fahras/indexer/write_index.hpp"

namespace fahras {

/// When two articles are versions of one story.
struct StoryOptions {
    FingerprintOptions fingerprint;
    /// Least number of shared sampled shingles.
    std::size_t min_shared = 3;
    /// Least estimated containment (shared samples / the smaller sample count).
    double min_containment = 0.05;
    /// Least estimated containment when both articles name the same (non-empty) source. An
    /// outlet that runs a story again (another category, an update) keeps most of its text,
    /// while two of its articles that share a background paragraph, a quoted statement or
    /// the lead of a related story are follow-ups of a topic, not versions of one story.
    /// The low `min_containment` is for versions from different outlets, which rewrite the
    /// wire copy around its quotes (the seeds: 0.05). Articles without a source count as
    /// different outlets.
    double same_source_containment = 0.5;
    /// Shingle terms held by more documents than this are not followed (boilerplate and
    /// stock phrases: they cost time and say little).
    Xapian::doccount max_postings = 400;
    /// Versions of a story are published within this many days of the story's date (its
    /// earliest member's): template texts (weather reports, security round-ups) that recur
    /// day after day do not chain into one "story". Articles without a date are not limited.
    int max_days = 2;
    /// False: give every article its own story (no lookup, no `XSH` terms).
    bool enabled = true;

    /// "k=5 mod=4 shared=3 containment=0.05": recorded in the database metadata.
    [[nodiscard]] std::string describe() const;
};

/// The decision for two fingerprints: true when they are versions of one story.
/// `same_source`: both articles name the same outlet (see `same_source_containment`).
[[nodiscard]] bool same_story(const Fingerprint& a, const Fingerprint& b,
                              const StoryOptions& options, bool same_source = false) noexcept;

/// Days between two `YYYYMMDD` dates (absolute), or -1 when either is not such a date.
[[nodiscard]] long days_between(std::string_view a, std::string_view b) noexcept;

/// Counts of what StoryClusterer did.
struct StoryStats {
    std::size_t joined = 0;      ///< articles that joined an existing story
    std::size_t relabelled = 0;  ///< stored articles whose story key changed (re-rooting)
    std::size_t merged = 0;      ///< stories re-rooted because their root left (since the
                                 ///< root-only rule, stories no longer merge)
};

/// The story an article joins (StoryClusterer::place); DocumentBuilder::finish writes it into
/// the article's document (`XSTORY` term, story slots).
struct StoryAssignment {
    std::string key;   ///< story_key() of the root
    std::string root;  ///< the root's article id
    std::string date;  ///< the root's date (`YYYYMMDD`), "" when it has none
};

/// Assigns articles to stories in a database being written.
class StoryClusterer {
  public:
    StoryClusterer(Xapian::WritableDatabase& db, StoryOptions options)
        : m_db(db), m_options(std::move(options)) {}

    /// The story of article `article_id`, about to be stored with replace_document(id term):
    /// `doc` is its analysed document (its date and source values are read) and `fp` the
    /// fingerprint of its cleaned body. The article joins the story of the best-matching root
    /// within the date window, or founds a story of its own. A re-indexed root stays the root
    /// while its new text still matches one of its members; otherwise its story is re-rooted
    /// first (see the top of this file).
    [[nodiscard]] StoryAssignment place(const Xapian::Document& doc, const std::string& article_id,
                                        const Fingerprint& fp);

    /// Call before deleting stored document `did`: when it is the root of a story with other
    /// members, re-roots that story so the members keep one consistent key.
    void remove(Xapian::docid did);

    /// Looks ids and shingles up in `index` (which must follow every write to the database)
    /// instead of opening postlists on the WritableDatabase; the same answers, much cheaper.
    void use(WriteIndex* index) noexcept { m_index = index; }

    [[nodiscard]] const StoryStats& stats() const noexcept { return m_stats; }
    [[nodiscard]] const StoryOptions& options() const noexcept { return m_options; }

  private:
    /// Re-roots the story `key` without its leaving root `leaving`.
    void reroot(const std::string& key, Xapian::docid leaving);

    Xapian::WritableDatabase& m_db;
    StoryOptions m_options;
    StoryStats m_stats;
    WriteIndex* m_index = nullptr;
};

}  // namespace fahras
