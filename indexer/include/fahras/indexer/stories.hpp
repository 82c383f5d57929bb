// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Story clustering at index time (issue #8): each article joins the story of every stored
// article whose body it nearly duplicates, found through the `XSH` shingle terms of its
// fingerprint (common/fingerprint.hpp). A story's key is the hash of its lowest member id, so
// the clustering does not depend on the order articles arrive in: when an article links two
// stories, or arrives with an id lower than a story's root, the members are relabelled.

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "fahras/common/fingerprint.hpp"
#include "fahras/indexer/write_index.hpp"

namespace fahras {

/// When two articles are versions of one story.
struct StoryOptions {
    FingerprintOptions fingerprint;
    /// Least number of shared sampled shingles.
    std::size_t min_shared = 3;
    /// Least estimated containment (shared samples / the smaller sample count).
    double min_containment = 0.05;
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
[[nodiscard]] bool same_story(const Fingerprint& a, const Fingerprint& b,
                              const StoryOptions& options) noexcept;

/// Days between two `YYYYMMDD` dates (absolute), or -1 when either is not such a date.
[[nodiscard]] long days_between(std::string_view a, std::string_view b) noexcept;

/// The story key of a root article id: 16 lower-case hex digits.
[[nodiscard]] std::string story_key(std::string_view root_article_id);

/// `XSTORY` + key.
[[nodiscard]] std::string story_term(std::string_view key);

/// Counts of what StoryClusterer did.
struct StoryStats {
    std::size_t joined = 0;      ///< articles that joined an existing story
    std::size_t relabelled = 0;  ///< stored articles whose story key changed
    std::size_t merged = 0;      ///< stories merged into another one
};

/// Assigns articles to stories in a database being written.
class StoryClusterer {
  public:
    StoryClusterer(Xapian::WritableDatabase& db, StoryOptions options)
        : m_db(db), m_options(std::move(options)) {}

    /// Adds to `doc` (the document of article `article_id`, about to be stored with
    /// replace_document(id term)) its shingle terms, story term and values, relabelling
    /// stored articles when stories merge. `fp` is the fingerprint of its cleaned body.
    void assign(Xapian::Document& doc, const std::string& article_id, const Fingerprint& fp);

    /// Looks ids and shingles up in `index` (which must follow every write to the database)
    /// instead of opening postlists on the WritableDatabase; the same answers, much cheaper.
    void use(WriteIndex* index) noexcept { m_index = index; }

    [[nodiscard]] const StoryStats& stats() const noexcept { return m_stats; }
    [[nodiscard]] const StoryOptions& options() const noexcept { return m_options; }

  private:
    void relabel(const std::string& old_key, const std::string& new_key,
                 const std::string& new_root, const std::string& new_date, Xapian::docid skip);

    Xapian::WritableDatabase& m_db;
    StoryOptions m_options;
    StoryStats m_stats;
    WriteIndex* m_index = nullptr;
};

}  // namespace fahras
