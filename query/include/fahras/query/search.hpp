// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <functional>
#include <memory>
#include <optional>

#include "fahras/query/entity_filters.hpp"
#include "fahras/query/facets.hpp"
#include "fahras/query/highlight.hpp"
#include "fahras/query/histogram.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/ranking.hpp"
#include "fahras/query/request.hpp"

namespace fahras {

/// Order of the hits.
enum class SortOrder {
    relevance,  ///< BM25 (a query without words: newest first)
    date,       ///< publication date, oldest first (undated articles come first)
    date_desc,  ///< publication date, newest first (`-date`)
};

/// Parses "relevance", "date" or "-date"; throws UsageError for anything else.
[[nodiscard]] SortOrder parse_sort_order(std::string_view name);

/// How to run one search.
struct SearchOptions {
    std::size_t limit = 10;  ///< hits to return
    std::size_t offset = 0;  ///< hits to skip (paging)
    MatchMode match = MatchMode::auto_;
    /// Target snippet length in UTF-8 bytes (~120 Arabic letters).
    std::size_t snippet_bytes = 240;
    // News, see query/stories.hpp.
    /// `--agency`: only articles crediting one of these agencies (any alias).
    std::vector<std::string> agencies;
    /// `--source`: only articles from one of these sources (as the input names them).
    std::vector<std::string> sources;
    /// `--collapse`: one hit per story, with the count and sources of the other versions.
    bool collapse = false;
    /// `--same-story ID`: only the versions of the story of article ID.
    std::string same_story;
    /// False: leave Hit::snippet empty (batch runs that only need ids and scores).
    bool snippets = true;
    /// False: a hit gets its id, docid, rank and scores only, nothing else of its document is
    /// read (batch runs in TREC format: the search-only latency). Implies no snippets.
    bool hit_details = true;
    /// BM25 parameters, and how MatchMode::auto_ builds free-text queries.
    RankingOptions ranking;
    /// Count the facets of facet_specs() over the whole match (see facets.hpp).
    bool facets = false;
    /// With `facets`: only the facets of these names (`--facet NAME`); empty: all.
    std::vector<std::string> facet_names;
    /// Values shown per facet (0: all).
    std::size_t facet_top = 10;
    /// Facet counts are exact up to about this many matching articles (0: always exact);
    /// past it they are counted on a uniform sample of 1 in 2^k matches (the `XSMP` terms,
    /// k = 1…8) of at most about this size and scaled up, and SearchResult says so. The
    /// default was chosen by measurement (docs/PERFORMANCE.md): the cost of counting is
    /// proportional to the documents counted.
    Xapian::doccount facet_max_docs = 2000;
    /// The number of matches (SearchResult::total_*) is exact whenever there are at most this
    /// many, whatever `limit` is (Xapian's `checkatleast`); past it, it is Xapian's estimate
    /// with its bounds. 0: the estimate only (whether there is a match at all is still
    /// known). `--count-exact-max`; the cost is in docs/PERFORMANCE.md.
    Xapian::doccount count_exact_max = 10000;
    /// False: the number of matches is not shown (batch runs in TREC format), so the match
    /// that counts up to count_exact_max is not run: SearchResult::total_* are then the ranked
    /// match's estimate and bounds (exact only when it saw every match), and whether anything
    /// matches is still known. The hits are the same either way.
    bool count_total = true;
    /// --person/--place/--org/--entity filters (all must match).
    std::vector<EntityFilterOption> entity_filters;
    SortOrder sort = SortOrder::relevance;
    /// Publication dates (YYYY, YYYY-MM or YYYY-MM-DD, inclusive at their precision); empty:
    /// open. `--from`, `--to`.
    std::string from, to;
    /// Dates mentioned in the text, same forms; `--mentioned-from`, `--mentioned-to`.
    std::string mentioned_from, mentioned_to;
    /// Seconds the matcher may spend on the ranked match and on the facet count each before
    /// it stops with what it found (Xapian's Enquire::set_time_limit; results and estimates
    /// are then partial); 0: no limit. fahras-serve's time budget.
    double time_limit = 0;
};

/// One search as asked by any front end (request.hpp): the query text in the query syntax and
/// the options; `--batch` lines share the options of the run.
struct SearchRequest {
    std::string query;
    SearchOptions options;
};

/// A date mentioned in an article, as stored by the indexer (see schema.hpp).
struct HitDate {
    std::string value;      ///< ISO at its precision: YYYY, YYYY-MM, YYYY-MM-DD
    std::string text;       ///< the words it came from
    std::size_t start = 0;  ///< UTF-8 byte offsets into `field`
    std::size_t end = 0;
    std::string precision;  ///< year, month, week, day
    std::string calendar;   ///< gregorian, hijri
    std::string hijri;      ///< Hijri form, for Hijri dates
    std::string kind;       ///< absolute, relative
    std::string field;      ///< title, body
};

/// The snippet as plain text with each highlighted stretch between `start` and `end`.
[[nodiscard]] std::string render_snippet(const Snippet& snippet, std::string_view start,
                                         std::string_view end);

/// An entity of a hit.
struct HitEntity {
    std::string id;
    std::string type;  ///< "person", "place", "organisation"
    std::string name;
    std::string latin;
    std::size_t count = 0;  ///< mentions in the article
};

/// One matching article.
struct Hit {
    std::size_t rank = 0;     ///< 1-based over the whole result list: offset + index + 1
    Xapian::docid docid = 0;  ///< Xapian's document id (changes when the article is re-indexed)
    double score = 0;         ///< BM25 weight
    int percent = 0;          ///< Xapian's percentage score
    // The article's fields, from the document data (see schema.hpp).
    std::string id;  ///< the article's unique id
    std::string title;
    std::string date;                      ///< publication date, YYYY-MM-DD, or empty when unknown
    std::string date_source;               ///< metadata, path, dateline, or empty
    std::vector<HitDate> mentioned_dates;  ///< dates mentioned in title and body
    std::string source;                    ///< as given by the input, e.g. "alarabia"
    std::string url;
    std::string author;
    std::string category;
    std::string path;      ///< input file, relative to the indexed root
    std::size_t line = 0;  ///< line in a JSON Lines input; 0 for whole-file articles
    Snippet snippet;       ///< best passage of the body (the title when there is no body)
    /// The article's entities, most salient first (from the document data).
    std::vector<HitEntity> entities;
    // News.
    std::string story;               ///< story key: the same for every version of a story
    std::size_t other_versions = 0;  ///< with --collapse: other versions of the story stored
    std::vector<std::string> other_sources;  ///< their sources, distinct, first seen first
    std::vector<std::string> agencies;       ///< canonical codes of the agencies credited
};

/// One stored article in full (`fahras-query show ID`, `/api/article`).
struct ArticleView {
    Hit hit;           ///< every field of a hit but rank, score and snippet
    std::string body;  ///< the body as given
    /// The other stored versions of its story (id, title, date, source, path, line).
    std::vector<Hit> versions;
};

/// The answer to one query.
struct SearchResult {
    std::string query;  ///< the query string as given
    /// Matching articles (with SearchOptions::collapse too: articles, not stories): the exact
    /// number when total_exact, else Xapian's estimate, between total_lower and total_upper.
    Xapian::doccount total_estimate = 0;
    /// True when total_estimate is the exact number of matching articles (then
    /// total_lower == total_estimate == total_upper).
    bool total_exact = false;
    Xapian::doccount total_lower = 0;  ///< at least this many articles match
    Xapian::doccount total_upper = 0;  ///< at most this many articles match
    /// SearchOptions::collapse was set: the hits are one per story, the totals count articles.
    bool collapsed = false;
    std::size_t offset = 0;
    std::vector<Hit> hits;
    /// Facet counts, one entry per facet_specs() entry; empty unless SearchOptions::facets.
    std::vector<Facet> facets;
    /// Matching articles the facet counts cover (the sample's size when sampled).
    Xapian::doccount facets_counted = 0;
    /// True when the facet counts cover every matching article.
    bool facets_exact = true;
    /// 1 when the facets were counted over every match; otherwise the counts were taken on
    /// a sample of 1 in `facets_scale` matching articles and multiplied by it (estimates).
    unsigned facets_scale = 1;
    /// What the entity filters (options and inline fields) resolved to, in order.
    std::vector<ResolvedEntityFilter> resolved_entities;
};

/// A Fahras database opened for searching. Open once, search many times.
class Searcher {
  public:
    /// Opens the database at `db_path` read-only and checks its schema version (when the
    /// database records one). Throws DatabaseError "cannot open database DIR: reason" when it
    /// is missing or unreadable, and when it was written with another schema version.
    explicit Searcher(const std::string& db_path);

    /// Parses `query_text` with options.match (and options.ranking) and runs it. Throws
    /// QueryError for a query that cannot be parsed or whose prefix search (`word*`) expands
    /// past max_prefix_terms, UsageError for a bad filter option, DatabaseError when the
    /// database cannot be read or a hit's document data is damaged (the message names its
    /// docid). Reads cut short by a writer's commits are run again (reopens()).
    [[nodiscard]] SearchResult search(std::string_view query_text, const SearchOptions& options);

    /// search(request.query, request.options).
    [[nodiscard]] SearchResult search(const SearchRequest& request) {
        return search(request.query, request.options);
    }

    /// Runs an already parsed query, planned by plan_search() (request.hpp) with `options`;
    /// `query_text` is only echoed in the result.
    ///
    /// Ranking is BM25 with options.ranking's parameters; a query without words (only filters,
    /// or empty) lists the matching articles newest first. Snippets come from Highlighter
    /// (highlight.hpp) over the article body (the title when there is none), marking the
    /// words of `parsed.highlight` (the wanted words of every field, phrase and exact form)
    /// weighted by the rarity of their stems. A query with nothing to highlight gets the
    /// opening of the body as its snippet. Since 2026-12-03 Xapian's
    /// MSet::snippet() is not used: its background model looked up the frequency of every
    /// distinct word of every hit.
    [[nodiscard]] SearchResult search(const ParsedQuery& parsed, std::string_view query_text,
                                      const SearchOptions& options);

    /// The article whose id is `id`, or nothing when none is stored. Throws DatabaseError.
    [[nodiscard]] std::optional<ArticleView> article(std::string_view id);

    /// Matching articles per publication period over the whole match (histogram.hpp):
    /// request.options select and filter as for search(); counted like the facets (exact up
    /// to facet_max_docs matches, estimated on a sample beyond). Throws as search().
    [[nodiscard]] Histogram histogram(const SearchRequest& request, HistogramBy by);

    /// The database's entity catalogue (load_entity_catalogue() over its shards). Throws
    /// DatabaseError.
    [[nodiscard]] std::vector<CatalogueEntity> entity_catalogue();

    /// Brings the database to its latest committed revision (an incremental run committed)
    /// and forgets what was cached from the old one. Returns false when nothing changed.
    /// A rebuild's new generation needs a new Searcher (the path names another database).
    /// Throws DatabaseError.
    bool refresh();

    /// Number of articles in the database.
    [[nodiscard]] Xapian::doccount doc_count() const { return m_db.get_doccount(); }

    /// The resolver over the database's entity catalogue, built on first use (or the one
    /// share_entity_resolver()'s source gives, asked again at each use).
    [[nodiscard]] const EntityResolver* entity_resolver();

    /// A new resolver over the database's entity catalogue: seconds on a large database.
    [[nodiscard]] std::shared_ptr<const EntityResolver> build_entity_resolver();

    /// Makes entity_resolver() take its resolver from `source` instead of building its own:
    /// fahras-serve builds one for all its workers. Called at each use of an entity filter.
    void share_entity_resolver(std::function<std::shared_ptr<const EntityResolver>()> source) {
        m_resolver_source = std::move(source);
    }

    /// Times the database was reopened because a writer's commits discarded the revision a
    /// read was on (Xapian::DatabaseModifiedError); every read of a Searcher (the schema
    /// check, searches with their facets and documents, the entity catalogue) then runs again
    /// from the start, up to modified_read_attempts times (reopen.hpp).
    [[nodiscard]] std::size_t reopens() const noexcept { return m_reopens; }

  private:
    /// Moves to the latest revision (m_db.reopen()); the shards are opened again when needed.
    void reopen();
    SearchResult run(const ParsedQuery& parsed, std::string_view query_text,
                     const SearchOptions& options);
    /// What filters need of this searcher: its resolver and database.
    [[nodiscard]] FilterContext filter_context();
    /// Counts the facets `specs` of the articles `query` matches into `result` (see facets.hpp and
    /// SearchOptions::facet_max_docs); `estimate` is the ranked match's estimate of their number.
    void count_facets(const Xapian::Query& query, Xapian::doccount estimate,
                      const SearchOptions& options, const std::vector<FacetSpec>& specs,
                      SearchResult& result);
    /// Fills the labels of the entity facets from the catalogue entries of the values shown
    /// (EntityLabels::load()), not the whole catalogue.
    void label_facets(const std::vector<FacetSpec>& specs, std::vector<Facet>& facets);

    std::string m_path;
    Xapian::Database m_db;
    std::shared_ptr<const EntityResolver> m_resolver;
    std::function<std::shared_ptr<const EntityResolver>()> m_resolver_source;
    /// Display names of the entity ids shown in facets, from this database's catalogue.
    EntityLabels m_labels;
    /// A shard is remote: facets are counted with Xapian's built-in spies only.
    bool m_remote = false;
    /// The shards behind m_path (open_shards()), opened on first use (facet labels).
    std::vector<Xapian::Database> m_shards;
    std::size_t m_reopens = 0;  ///< reopens()
};

/// Splits the output of Xapian::MSet::snippet() (no longer used by Searcher), called with
/// `hi_start` and `hi_end` as markers, into parts, undoing its HTML escaping (&amp; &lt; &gt;). The
/// markers must not occur in the text that was summarised.
[[nodiscard]] Snippet parse_snippet(std::string_view marked, std::string_view hi_start,
                                    std::string_view hi_end);

}  // namespace fahras
