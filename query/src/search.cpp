// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/search.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stored_fields.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/dates.hpp"
#include "fahras/query/document_data.hpp"
#include "fahras/query/highlight.hpp"
#include "fahras/query/reopen.hpp"
#include "fahras/query/shards.hpp"
#include "fahras/query/stories.hpp"

namespace fahras {

namespace {

/// Opens of a database path tried before giving up (see Searcher::Searcher).
constexpr int open_attempts = 5;

/// The objects of the list member `key` of the document data.
std::vector<DocumentData> object_list(const DocumentData& data, std::string_view key) {
    std::vector<DocumentData> out;
    const auto raw = data.raw(key);
    if (!raw) return out;
    for (const std::string_view element : json_array_elements(*raw)) {
        DocumentData object(element);
        if (object.is_object()) out.push_back(std::move(object));
    }
    return out;
}

/// Article fields from the document data (see schema.hpp), read with DocumentData: only the
/// members asked for are decoded, and the body (most of the data) is only skipped over
/// unless `body` is wanted. Without `details`, only the id (all a TREC run shows).
/// Data that is not a JSON object with an id (a damaged database) is a DatabaseError naming
/// the document, not a hit with empty fields.
void fill_fields(Hit& hit, std::string* body, const std::string& json, bool details,
                 const std::string& db_path) {
    const DocumentData data(json);
    if (data.is_object()) hit.id = data.string(stored::id);
    if (hit.id.empty()) {
        throw DatabaseError("cannot read database " + db_path + ": the data of document " +
                            std::to_string(hit.docid) +
                            " is damaged (not a JSON object with an id); check the database "
                            "with xapian-check, rebuild it with fahras-index --rebuild");
    }
    if (!details) return;
    hit.title = data.string(stored::title);
    hit.date = data.string(stored::date);
    // An ISO date or nothing: a database indexed before the indexer made sure of it may hold
    // the input's unparsable date there.
    if (const auto d = dates::parse_user_date(hit.date); !d || d->second != dates::Precision::day) {
        hit.date.clear();
    }
    hit.source = data.string(stored::source);
    hit.url = data.string(stored::url);
    hit.author = data.string(stored::author);
    hit.category = data.string(stored::category);
    hit.path = data.string(stored::path);
    if (const auto line = data.unsigned_number(stored::line)) hit.line = *line;
    if (body != nullptr) *body = data.string(stored::body);
    for (const DocumentData& e : object_list(data, stored::entities)) {
        HitEntity h;
        h.id = e.string(stored::entity::id);
        h.type = e.string(stored::entity::type);
        h.name = e.string(stored::entity::name);
        h.latin = e.string(stored::entity::latin);
        h.count = e.unsigned_number(stored::entity::count).value_or(0);
        hit.entities.push_back(std::move(h));
    }
    hit.date_source = data.string(stored::date_source);
    for (const DocumentData& d : object_list(data, stored::mentioned_dates)) {
        HitDate date;
        date.value = d.string(stored::mention::value);
        date.text = d.string(stored::mention::text);
        date.precision = d.string(stored::mention::precision);
        date.calendar = d.string(stored::mention::calendar);
        date.hijri = d.string(stored::mention::hijri);
        date.kind = d.string(stored::mention::kind);
        date.field = d.string(stored::mention::field);
        date.start = d.unsigned_number(stored::mention::start).value_or(0);
        date.end = d.unsigned_number(stored::mention::end).value_or(0);
        hit.mentioned_dates.push_back(std::move(date));
    }
}

/// The number of matching articles of `mset`, run with check_at_least
/// SearchOptions::count_exact_max: exact when Xapian's bounds meet, which they do once it has
/// checked every match.
void set_total(SearchResult& result, const Xapian::MSet& mset) {
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();
    result.total_estimate = mset.get_matches_estimated();
    result.total_exact = result.total_lower == result.total_upper;
}

/// The articles `query` matches, counted (up to `check`) by an unweighted match of its own:
/// with a collapse key Xapian's counts, even "uncollapsed", stay loose bounds whatever
/// check_at_least is, since the documents collapsed away are not counted as checked. Bounded
/// by `time_limit` seconds (0: none) like the ranked match.
Xapian::MSet count_articles(const Xapian::Database& db, const Xapian::Query& query,
                            Xapian::doccount check, double time_limit) {
    Xapian::Enquire enquire(db);
    if (time_limit > 0) enquire.set_time_limit(time_limit);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, check);
}

}  // namespace

std::string render_snippet(const Snippet& snippet, std::string_view start, std::string_view end) {
    std::string out;
    for (const SnippetPart& part : snippet) {
        if (part.highlighted) out.append(start);
        out += part.text;
        if (part.highlighted) out.append(end);
    }
    return out;
}

Snippet parse_snippet(std::string_view marked, std::string_view start, std::string_view end) {
    Snippet out;
    bool highlighted = false;
    std::string text;
    const auto flush = [&] {
        if (!text.empty()) out.push_back({std::move(text), highlighted});
        text.clear();
    };
    std::size_t i = 0;
    while (i < marked.size()) {
        const std::string_view rest = marked.substr(i);
        if (!start.empty() && rest.starts_with(start)) {
            flush();
            highlighted = true;
            i += start.size();
        } else if (!end.empty() && rest.starts_with(end)) {
            flush();
            highlighted = false;
            i += end.size();
        } else if (rest.starts_with("&amp;")) {
            text += '&';
            i += 5;
        } else if (rest.starts_with("&lt;")) {
            text += '<';
            i += 4;
        } else if (rest.starts_with("&gt;")) {
            text += '>';
            i += 4;
        } else {
            text += marked[i++];
        }
    }
    flush();
    return out;
}

SortOrder parse_sort_order(std::string_view name) {
    if (name == "relevance") return SortOrder::relevance;
    if (name == "date") return SortOrder::date;
    if (name == "-date") return SortOrder::date_desc;
    throw UsageError("unknown sort order '" + std::string(name) +
                     "' (expected relevance, date or -date)");
}

Searcher::Searcher(const std::string& db_path) : m_path(db_path) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec)) {
        throw DatabaseError("cannot open database " + db_path + ": no such file or directory");
    }
    // `fahras-index --rebuild` swaps a plain database directory for a stub directory in one
    // rename (docs/NIGHTLY.md); an open that began before the swap and looks for the old files
    // after it fails with DatabaseOpeningError although the path is valid both before and
    // after. Such an open is tried again; a database that really cannot be opened fails the
    // same way each time and is reported.
    for (int attempt = 1;; ++attempt) {
        try {
            m_db = Xapian::Database(db_path);
            break;
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (attempt == open_attempts) {
                throw DatabaseError("cannot open database " + db_path + ": " + e.get_msg());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot open database " + db_path + ": " + e.get_msg());
        }
    }
    m_remote = any_remote_shard(db_path);
    std::string version;
    try {
        version =
            read_retrying([&] { return m_db.get_metadata(std::string(schema::meta_version)); },
                          [&] { reopen(); }, &m_reopens);
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read database " + db_path + ": " + e.get_msg());
    }
    // Versions from oldest_migrated_version on differ only in what fahras-index migrates.
    bool readable = version.empty();
    for (int v = schema::oldest_migrated_version; v <= schema::version; ++v) {
        readable = readable || version == std::to_string(v);
    }
    if (!readable) {
        throw DatabaseError("database " + db_path + " has schema version " + version +
                            ", this fahras-query reads version " + std::to_string(schema::version) +
                            ": rebuild it with fahras-index");
    }
}

SearchResult Searcher::search(std::string_view query_text, const SearchOptions& options) {
    const QueryParser parser(options.match, default_analyzer(), options.ranking);
    return search(parser.parse(query_text), query_text, options);
}

const EntityResolver* Searcher::entity_resolver() {
    if (m_resolver_source) {
        m_resolver = m_resolver_source();  // held until the next use: the search may need it
    } else if (!m_resolver) {
        m_resolver = build_entity_resolver();
    }
    return m_resolver.get();
}

std::shared_ptr<const EntityResolver> Searcher::build_entity_resolver() {
    std::vector<Entity> entities;
    for (CatalogueEntity& c : entity_catalogue()) {
        m_labels.add(c.entity.id, c.entity.name);
        entities.push_back(std::move(c.entity));
    }
    return std::make_shared<const EntityResolver>(std::move(entities));
}

FilterContext Searcher::filter_context() {
    return {[this] { return entity_resolver(); }, &m_db};
}

SearchResult Searcher::search(const ParsedQuery& parsed, std::string_view query_text,
                              const SearchOptions& options) {
    // A writer committing while we read invalidates our revision: reopen and run the whole
    // search again (read_retrying()), so hits, counts and facets come from one revision.
    try {
        return read_retrying([&] { return run(parsed, query_text, options); }, [&] { reopen(); },
                             &m_reopens);
    } catch (const Xapian::WildcardError&) {
        std::string prefixes;
        for (const std::string& p : parsed.prefixes) {
            prefixes += (prefixes.empty() ? "" : ", ") + p;
        }
        throw QueryError("a prefix search (" + prefixes + ") matches more than " +
                         std::to_string(max_prefix_terms) +
                         " different words: give more letters before the '*'");
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot search database " + m_path + ": " + e.get_msg());
    }
}

SearchResult Searcher::run(const ParsedQuery& parsed, std::string_view query_text,
                           const SearchOptions& options) {
    SearchResult result;
    result.query = std::string(query_text);
    result.offset = options.offset;
    const SearchPlan plan = plan_search(parsed, options, filter_context());
    result.resolved_entities = plan.filters.resolved();
    result.collapsed = plan.collapse_key != Xapian::BAD_VALUENO;

    Xapian::Enquire enquire(m_db);
    enquire.set_query(plan.query);
    if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
    if (plan.collapse_key != Xapian::BAD_VALUENO) enquire.set_collapse_key(plan.collapse_key);
    RankingOptions ranking = options.ranking;
    if (ranking.question_scheme && is_question(query_text))
        ranking.scheme = *ranking.question_scheme;
    const std::unique_ptr<Xapian::Weight> weight = make_weight(ranking);
    enquire.set_weighting_scheme(*weight);
    const bool by_relevance = plan.by_relevance;
    if (by_relevance && options.ranking.prf_docs > 0) {
        // Feedback terms only reorder what the query matches (AND_MAYBE): exclusions and
        // required words keep their meaning.
        const Xapian::Query extra =
            feedback_query(enquire, enquire.get_mset(0, options.ranking.prf_docs), options.ranking);
        if (!extra.empty()) {
            enquire.set_query(
                plan.filters.filter(Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.words, extra)));
        }
    }
    if (!by_relevance) {
        // Dates are stored as sortable YYYYMMDD; a query without words lists newest first.
        enquire.set_sort_by_value_then_relevance(schema::slot_date, plan.newest_first);
    }
    const auto first = static_cast<Xapian::doccount>(options.offset);
    const auto count = static_cast<Xapian::doccount>(options.limit);
    // Coordination reorders the top hits, so it fetches them all from the first.
    const bool rerank = by_relevance && options.ranking.coord > 0;
    const Xapian::doccount depth = std::max(first + count, options.ranking.rerank_depth);
    // At least one match checked: whether there is any is known even with --limit 0.
    const Xapian::doccount check = std::max<Xapian::doccount>(options.count_exact_max, 1);
    // The ranked match checks only what the page needs, so that Xapian can skip the documents
    // that cannot reach it (weighing up to `check` matches cost long questions most of their
    // time); the same page comes back. The count up to `check` is then an unweighted match of
    // its own, unless the ranked match already saw every match or the count is not wanted
    // (SearchOptions::count_total). With facets, that count (exact up to `check`) sizes the
    // facet sample.
    constexpr Xapian::doccount ranked_check = 1;
    const Xapian::MSet mset = rerank ? enquire.get_mset(0, depth, ranked_check)
                                     : enquire.get_mset(first, count, ranked_check);
    const std::vector<Xapian::doccount> order =
        coordination_order(enquire, mset, plan.words, options.ranking);
    const std::size_t skip = rerank ? first : 0;
    const std::size_t shown =
        order.size() > skip ? std::min<std::size_t>(order.size() - skip, count) : 0;
    const bool ranked_counts =
        (!options.count_total && plan.facets.empty()) ||
        (!result.collapsed && mset.get_matches_lower_bound() == mset.get_matches_upper_bound());
    set_total(result, ranked_counts
                          ? mset
                          : count_articles(m_db, enquire.get_query(), check, options.time_limit));
    if (!plan.facets.empty()) {
        count_facets(enquire.get_query(), result.total_estimate, options, plan.facets, result);
        // An exact facet count saw every matching article (the facet match does not collapse):
        // the total is known too, even past count_exact_max.
        if (result.facets_exact) {
            result.total_estimate = result.total_lower = result.total_upper = result.facets_counted;
            result.total_exact = true;
        }
    }

    // Snippets: our own highlighter over the body, weighted by the rarity of the wanted words
    // (one term-frequency lookup per word of the query, not per word of each body).
    const bool snippets = options.snippets && options.hit_details;
    std::optional<Highlighter> highlighter;
    if (snippets && shown > 0) {
        const Xapian::Query wanted =
            expand_highlight_prefixes(plan.highlight, parsed.highlight_prefixes, m_db);
        if (!wanted.empty()) highlighter.emplace(weigh_highlight_terms(wanted, m_db));
    }

    std::size_t index = 0;
    for (; index < shown; ++index) {
        const Xapian::MSetIterator it = mset[order[skip + index]];
        Hit hit;
        hit.rank = options.offset + index + 1;
        hit.docid = *it;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        std::string body;
        const Xapian::Document doc = it.get_document();
        if (!options.hit_details) hit.id = doc.get_value(schema::slot_id);
        if (hit.id.empty()) {
            fill_fields(hit, snippets ? &body : nullptr, doc.get_data(), options.hit_details,
                        m_path);
        }
        if (options.hit_details) fill_story(m_db, hit, doc, options);
        if (!snippets) {
            result.hits.push_back(std::move(hit));
            continue;
        }
        const std::string& text = body.empty() ? hit.title : body;
        hit.snippet = highlighter ? highlighter->snippet(text, options.snippet_bytes)
                                  : lead_snippet(text, options.snippet_bytes);
        result.hits.push_back(std::move(hit));
    }
    return result;
}

std::optional<ArticleView> Searcher::article(std::string_view id) {
    /// Most other versions of a story listed with an article.
    constexpr std::size_t max_versions = 100;
    try {
        const std::string term = id_term(id);
        const Xapian::PostingIterator it = m_db.postlist_begin(term);
        if (it == m_db.postlist_end(term)) return std::nullopt;
        ArticleView view;
        view.hit.docid = *it;
        const Xapian::Document doc = m_db.get_document(*it);
        fill_fields(view.hit, &view.body, doc.get_data(), true, m_path);
        fill_story(m_db, view.hit, doc, SearchOptions{});
        if (view.hit.story.empty()) return view;
        for (const Xapian::docid member :
             story_members(m_db, view.hit.story, view.hit.docid, max_versions)) {
            Hit version;
            version.docid = member;
            fill_fields(version, nullptr, m_db.get_document(member).get_data(), true, m_path);
            version.entities.clear();
            version.mentioned_dates.clear();
            view.versions.push_back(std::move(version));
        }
        return view;
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read database " + m_path + ": " + e.get_msg());
    }
}

Histogram Searcher::histogram(const SearchRequest& request, HistogramBy by) {
    const QueryParser parser(request.options.match, default_analyzer(), request.options.ranking);
    const ParsedQuery parsed = parser.parse(request.query);
    Histogram out;
    out.query = request.query;
    out.by = by;
    try {
        const SearchPlan plan = plan_search(parsed, request.options, filter_context());
        out.resolved_entities = plan.filters.resolved();
        Xapian::Enquire enquire(m_db);
        enquire.set_query(plan.query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        SearchOptions counting = request.options;
        counting.facet_top = 0;
        SearchResult counted;
        count_facets(plan.query, enquire.get_mset(0, 0).get_matches_estimated(), counting,
                     {histogram_spec(by)}, counted);
        Xapian::doccount dated = 0;
        for (const FacetCount& v : counted.facets.front().values) {
            out.buckets.push_back({v.value, v.count});
            dated += v.count;
        }
        std::sort(
            out.buckets.begin(), out.buckets.end(),
            [](const HistogramBucket& a, const HistogramBucket& b) { return a.period < b.period; });
        out.scale = counted.facets_scale;
        out.exact = counted.facets_exact;
        out.counted = counted.facets_counted;
        const Xapian::doccount total = counted.facets_counted * counted.facets_scale;
        out.undated = total > dated ? total - dated : 0;
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot search database " + m_path + ": " + e.get_msg());
    }
    return out;
}

std::vector<CatalogueEntity> Searcher::entity_catalogue() {
    try {
        return read_retrying([&] { return load_entity_catalogue(m_db, open_shards(m_path)); },
                             [&] { reopen(); }, &m_reopens);
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read database " + m_path + ": " + e.get_msg());
    }
}

bool Searcher::refresh() {
    try {
        if (!m_db.reopen()) return false;
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot reopen database " + m_path + ": " + e.get_msg());
    }
    m_resolver.reset();
    m_labels = EntityLabels();
    m_shards.clear();
    return true;
}

void Searcher::reopen() {
    m_db.reopen();
    m_shards.clear();  // opened again by the next label_facets()
}

void Searcher::label_facets(const std::vector<FacetSpec>& specs, std::vector<Facet>& facets) {
    // The catalogue names of the values shown only: entity_label() falls back to loading the
    // whole shipped gazetteer for an id the catalogue does not know.
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < facets.size() && i < specs.size(); ++i) {
        if (!specs[i].label_of) continue;
        for (const FacetCount& v : facets[i].values) ids.push_back(v.value);
    }
    if (ids.empty()) return;
    try {
        if (m_shards.empty()) m_shards = open_shards(m_path);
        m_labels.load(m_shards, ids);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // search() reopens and runs the search again
    } catch (const Xapian::DatabaseCorruptError&) {
        throw;  // likewise (read_retrying(): a reused block can look corrupt)
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read database " + m_path + ": " + e.get_msg());
    }
    for (std::size_t i = 0; i < facets.size() && i < specs.size(); ++i) {
        if (!specs[i].label_of) continue;
        for (FacetCount& v : facets[i].values) v.label = m_labels.label(v.value);
    }
}

void Searcher::count_facets(const Xapian::Query& query, Xapian::doccount estimate,
                            const SearchOptions& options, const std::vector<FacetSpec>& specs,
                            SearchResult& result) {
    // A match of its own, after the ranked one: the ranked match stops early (it only needs
    // the best page), while counting must see every match. Unweighted (weights scaled by 0,
    // BoolWeight), it costs the posting-list merge and the spy, no weight computation.
    const Xapian::doccount limit = options.facet_max_docs;
    const Xapian::doccount all = m_db.get_doccount();
    // The level k of the 1 in 2^k sample whose expected size is at most `limit`.
    const auto level_for = [&](Xapian::doccount matches) {
        unsigned k = 0;
        while (limit != 0 && k < schema::sample_levels && (matches >> k) > limit) ++k;
        return k;
    };
    unsigned level = level_for(estimate);
    for (;;) {
        Xapian::Query counted(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0);
        if (level > 0) {
            counted =
                Xapian::Query(Xapian::Query::OP_FILTER, counted, Xapian::Query(sample_term(level)));
        }
        Xapian::Enquire enquire(m_db);
        enquire.set_query(counted);
        if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        FacetCounter counter(m_db, specs);
        counter.attach(enquire, m_remote);
        // Counting everything (a sample is counted whole): the estimate of the ranked match
        // may be low, so an exact count stops after `limit` + 1 and, if there are more,
        // starts again on a sample sized from what this count saw.
        const bool bounded = level == 0 && limit != 0 && limit < all;
        const Xapian::MSet counted_mset = enquire.get_mset(0, 0, bounded ? limit + 1 : all);
        const bool complete =
            counted_mset.get_matches_lower_bound() == counted_mset.get_matches_upper_bound();
        if (level == 0 && !complete) {
            const unsigned retry = level_for(counted_mset.get_matches_estimated());
            level = retry > 0 ? retry : 1;
            continue;
        }
        result.facets_scale = 1u << level;
        result.facets = counter.results(options.facet_top, result.facets_scale, false);
        label_facets(specs, result.facets);
        result.facets_counted = counted_mset.get_matches_lower_bound();
        result.facets_exact = level == 0;
        return;
    }
}

}  // namespace fahras
