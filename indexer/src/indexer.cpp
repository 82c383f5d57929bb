// SPDX-License-Identifier: GPL-3.0-or-later
// The indexing run: finds the inputs, decides what changed since the last run (omindex-style,
// with the state in FileState), and is the one place that writes to the database.
#include "fahras/indexer/indexer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <system_error>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/entity_extractor.hpp"
#include "fahras/common/ner.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/news.hpp"
#include "fahras/indexer/lock.hpp"
#include "fahras/indexer/progress.hpp"
#include "fahras/indexer/state.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// One file to read: where it is, the path used as its default article id, its size.
struct InputFile {
    fs::path file;
    std::string relative;  ///< relative to the root input it was found under
    std::uintmax_t size = 0;
};

/// Thrown through the readers when the run is asked to stop.
struct Interrupted {};

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.';
}

std::string absolute_path(const fs::path& p) {
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    if (ec) abs = p;
    abs = abs.lexically_normal();
    std::string s = abs.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

/// Opens (creating if needed) the database for writing and checks its schema version.
/// Returns true in `created` when the schema version had to be written (a new database).
Xapian::WritableDatabase open_for_writing(const std::string& path, bool& created) {
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        throw LockedError("database " + path + " is locked by another writer: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot open database " + path + " for writing: " + e.get_msg());
    }
    const std::string key(schema::meta_version);
    const std::string version = db.get_metadata(key);
    const std::string ours = std::to_string(schema::version);
    created = false;
    if (version.empty()) {
        if (db.get_doccount() != 0) {
            throw DatabaseError("database " + path + " was not written by fahras-index");
        }
        db.set_metadata(key, ours);
        created = true;
    } else if (version != ours) {
        throw DatabaseError("database " + path + " has schema version " + version +
                            ", this fahras-index writes version " + ours +
                            ": rebuild it with fahras-index --rebuild");
    }
    return db;
}

/// One indexing run into one database. Reading and analysis happen in index_file()/store();
/// every write goes through store(), delete_unseen(), record() and commit().
class IndexRun {
  public:
    IndexRun(const IndexOptions& options, std::string db_path, std::ostream& log,
             std::ostream& err)
        : m_options(options),
          m_db_path(std::move(db_path)),
          m_log(log),
          m_err(err),
          m_analyzer(default_analyzer()),
          m_document(options.document) {
        if (!options.entities) return;
        const Gazetteer* gazetteer = &default_gazetteer();
        if (!options.gazetteers.empty()) {
            m_gazetteer = std::make_unique<Gazetteer>(default_gazetteer());
            for (const std::string& file : options.gazetteers) m_gazetteer->load_tsv(file);
            gazetteer = m_gazetteer.get();
        }
        m_extractor = std::make_unique<EntityExtractor>(
            *gazetteer, ExtractorOptions{}, options.tagger ? &NerTagger::default_tagger() : nullptr);
        m_document.extractor = m_extractor.get();
    }

    IndexSummary run() {
        const auto started = Clock::now();
        const std::vector<InputFile> files = collect_inputs();
        m_summary.scan_seconds = seconds_since(started);

        bool created = false;
        m_db = open_for_writing(m_db_path, created);
        m_dirty = created;
        try {
            m_state.load(m_db);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + e.get_msg());
        }
        learn_boilerplate(files);  // news (issue #8): a first pass over the inputs

        const auto indexing = Clock::now();
        std::uintmax_t total_bytes = 0;
        for (const InputFile& f : files) total_bytes += f.size;
        Progress progress(m_err, m_options.progress, files.size(), total_bytes);
        for (const InputFile& f : files) {
            if (stop_requested()) {
                m_summary.interrupted = true;
                break;
            }
            index_file(f);
            if (m_summary.interrupted) break;
            progress.file_done(f.size, m_summary.indexed + m_summary.replaced + m_summary.unchanged);
        }
        progress.finish();
        m_summary.index_seconds = seconds_since(indexing);

        if (!m_summary.interrupted && !m_options.no_delete) {
            const auto deleting = Clock::now();
            delete_vanished();
            m_summary.delete_seconds = seconds_since(deleting);
        }
        commit();
        m_summary.seconds = seconds_since(started);
        return m_summary;
    }

  private:
    [[nodiscard]] bool stop_requested() const {
        return m_options.stop != nullptr && m_options.stop->load(std::memory_order_relaxed);
    }

    void report(const InputError& e) {
        m_err << e.report() << '\n';
        ++m_summary.failed;
        if (m_summary.failures.size() < max_failures_kept) {
            m_summary.failures.push_back({e.path(), e.line(), e.reason()});
        }
    }

    /// Every supported-or-not file under the inputs, in a stable order. Unreadable
    /// directories and broken links are reported and counted.
    std::vector<InputFile> collect_inputs() {
        std::vector<InputFile> files;
        for (const std::string& input : m_options.inputs) {
            const fs::path root(input);
            std::error_code ec;
            const fs::file_status st = fs::status(root, ec);
            if (ec || !fs::exists(st)) {
                throw UsageError("input " + input + " does not exist");
            }
            m_roots.push_back(absolute_path(root));
            if (!fs::is_directory(st)) {
                files.push_back({root, root.filename().string(), fs::file_size(root, ec)});
                continue;
            }
            std::vector<InputFile> found;
            fs::recursive_directory_iterator it(
                root, fs::directory_options::follow_directory_symlink |
                          fs::directory_options::skip_permission_denied, ec);
            if (ec) {
                report(InputError(input, 0, "cannot read directory: " + ec.message()));
                continue;
            }
            for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) {
                    report(InputError(it->path().string(), 0, "cannot read: " + ec.message()));
                    ec.clear();
                    continue;
                }
                const fs::path& p = it->path();
                if (is_hidden(p)) {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                std::error_code sec;
                const fs::file_status s = fs::status(p, sec);
                if (sec || !fs::exists(s)) {
                    if (fs::is_symlink(it->symlink_status(sec))) {
                        report(InputError(p.string(), 0, "broken symbolic link"));
                    }
                    continue;
                }
                if (fs::is_regular_file(s)) {
                    std::uintmax_t size = fs::file_size(p, sec);
                    if (sec) size = 0;
                    found.push_back({p, p.lexically_relative(root).generic_string(), size});
                }
            }
            std::sort(found.begin(), found.end(),
                      [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
            files.insert(files.end(), found.begin(), found.end());
        }
        return files;
    }

    void index_file(const InputFile& f) {
        ++m_summary.files;
        const std::string shown = f.file.string();
        if (input_format(f.file) == InputFormat::unsupported) {
            ++m_summary.skipped;
            if (m_options.verbose) m_log << shown << ": skipped (unsupported type)\n";
            return;
        }
        const std::string path = absolute_path(f.file);
        const std::string key = FileState::key_of(path);
        m_visited.insert(key);

        struct stat st {};
        if (::stat(f.file.c_str(), &st) != 0) {
            report(InputError(shown, 0, std::string("cannot stat: ") + std::strerror(errno)));
            return;
        }
        FileRecord record;
        record.path = path;
        record.size = static_cast<std::uintmax_t>(st.st_size);
        record.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                          st.st_mtim.tv_nsec;

        // If size and mtime are those of the last run, the file is unchanged; when only the
        // mtime moved, the content hash decides.
        const FileRecord* old = m_state.find(key);
        const bool retry = old != nullptr && old->failed && m_options.retry_failed;
        if (old != nullptr && !retry && old->size == record.size &&
            old->mtime_ns == record.mtime_ns) {
            unchanged_file(shown, *old);
            return;
        }
        try {
            record.hash = file_hash(f.file, shown);
        } catch (const InputError& e) {
            report(e);
            return;  // unreadable now: its articles are kept, nothing is recorded
        }
        if (old != nullptr && !retry && old->size == record.size && old->hash == record.hash) {
            FileRecord touched = *old;
            touched.mtime_ns = record.mtime_ns;
            unchanged_file(shown, touched);
            m_state.put(m_db, key, std::move(touched));
            m_dirty = true;
            return;
        }

        const Counts before = counts();
        std::size_t errors = 0;
        ReaderSink sink;
        sink.article = [&](Article&& a) {
            if (stop_requested()) throw Interrupted{};
            store(a, key);
        };
        sink.error = [&](const InputError& e) {
            ++errors;
            report(InputError(shown, e.line(), e.reason()));
        };
        try {
            read_articles(f.file, f.relative, m_options.reader, sink);
        } catch (const InputError& e) {
            report(InputError(shown, e.line(), e.reason()));
            record.failed = true;
            record.reason = e.reason();
        } catch (const Interrupted&) {
            // The file stays unrecorded: the next run reads it again and skips, by content
            // hash, the articles stored before the interruption.
            m_summary.interrupted = true;
            return;
        }
        // Articles no longer in the file go, unless the file could not be read completely:
        // then what is missing may just be unreadable, and nothing is lost.
        if (!record.failed && errors == 0 && !m_options.no_delete) delete_unseen(key);
        record.articles = term_frequency(std::string(schema::source_file) + key);
        m_state.put(m_db, key, std::move(record));
        m_dirty = true;
        if (m_options.verbose) {
            const Counts after = counts();
            m_log << shown << ": " << after.added - before.added << " added, "
                  << after.updated - before.updated << " updated, "
                  << after.unchanged - before.unchanged << " unchanged, "
                  << after.deleted - before.deleted << " deleted"
                  << (errors != 0 ? ", " + std::to_string(errors) + " error(s)" : "")
                  << (m_state.find(key)->failed ? " (failed)" : "") << '\n';
        }
    }

    void unchanged_file(const std::string& shown, const FileRecord& old) {
        if (old.failed) {
            ++m_summary.known_failed;
            if (m_options.verbose) {
                m_log << shown << ": failed before (" << old.reason
                      << "), unchanged: not retried (--retry-failed)\n";
            }
            return;
        }
        ++m_summary.files_unchanged;
        m_summary.unchanged += old.articles;
        if (m_options.verbose) m_log << shown << ": unchanged\n";
    }

    /// Adds or replaces one article, unless the database already holds it unchanged.
    void store(const Article& article, const std::string& file_key) {
        const std::string idterm = id_term(article.id);
        const std::string hash = article_hash(article, file_key);
        try {
            Xapian::docid existing = 0;
            const Xapian::PostingIterator p = m_db.postlist_begin(idterm);
            if (p != m_db.postlist_end(idterm)) existing = *p;
            const std::string line = article.line != 0 ? std::to_string(article.line) : "";
            if (existing != 0) {
                Xapian::Document old = m_db.get_document(existing);
                if (old.get_value(schema::slot_article_hash) == hash) {
                    mark_seen(existing);
                    ++m_summary.unchanged;
                    if (old.get_value(schema::slot_article_line) != line) {
                        // Only its line moved: fix the stored line; Xapian rewrites no terms
                        // for a document read from the database whose terms are untouched.
                        nlohmann::json data = nlohmann::json::parse(old.get_data(), nullptr, false);
                        if (data.is_object()) {
                            data["line"] = article.line;
                            old.set_data(data.dump(-1, ' ', false,
                                                   nlohmann::json::error_handler_t::replace));
                        }
                        old.add_value(schema::slot_article_line, line);
                        m_db.replace_document(existing, old);
                        changed();
                    }
                    return;
                }
            }
            Xapian::Document doc = make_news_document(article);  // news (issue #8)
            doc.add_boolean_term(std::string(schema::source_file) + file_key);
            doc.add_value(schema::slot_article_hash, hash);
            if (!line.empty()) doc.add_value(schema::slot_article_line, line);
            mark_seen(m_db.replace_document(idterm, doc));
            ++(existing != 0 ? m_summary.replaced : m_summary.indexed);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write to database " + m_db_path + ": " + e.get_msg());
        }
        m_summary.bytes += article.title.size() + article.body.size();
        changed();
    }

    // ---- News (issue #8) ----------------------------------------------------------------
    /// Loads the boilerplate lines learned by earlier runs, then counts the lines of every
    /// article of this run (a first, read-only pass) and learns the frequent ones.
    void learn_boilerplate(const std::vector<InputFile>& files) {
        if (m_options.news.cleaning.keep_boilerplate) return;
        try {
            m_boilerplate.merge(m_db.get_metadata(std::string(schema::meta_boilerplate)));
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + e.get_msg());
        }
        ReaderSink sink;
        sink.article = [&](Article&& a) { m_boilerplate.observe(a); };
        sink.error = [](const InputError&) {};  // reported by the indexing pass
        for (const InputFile& f : files) {
            if (input_format(f.file) == InputFormat::unsupported) continue;
            try {
                read_articles(f.file, f.relative, m_options.reader, sink);
            } catch (const InputError&) {
            }
        }
        m_boilerplate.learn(m_options.news.cleaning.learn_min_articles);
        m_summary.news.learned_lines = m_boilerplate.size();
        try {
            m_db.set_metadata(std::string(schema::meta_boilerplate), m_boilerplate.serialize());
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write to database " + m_db_path + ": " + e.get_msg());
        }
    }

    /// The article's document, with its news cleaning, agencies and story.
    Xapian::Document make_news_document(const Article& article) {
        const NewsText news = clean_news(article, &m_boilerplate, m_options.news.cleaning);
        m_summary.news.add(article.source, article.body.size(), news);
        if (m_options.verbose) {
            for (const DroppedLine& d : news.dropped) {
                m_log << article.path;
                if (article.line != 0) m_log << ':' << article.line;
                m_log << ": dropped " << to_string(d.reason) << " (body line " << d.line
                      << "): " << d.text << '\n';
            }
        }
        Article indexed = article;
        if (!news.dropped.empty()) indexed.indexed_body = news.body;
        std::vector<DocumentEntity> entities;
        DocumentOptions options = m_document;  // entities (docs/ENTITIES.md) when enabled
        options.entities = &entities;
        Xapian::Document doc = make_document(indexed, m_analyzer, options);
        for (const DocumentEntity& e : entities) remember(e);
        add_news_terms(doc, news);
        const std::string& text = news.dropped.empty() ? article.body : news.body;
        m_stories.assign(doc, article.id,
                         fingerprint(text.empty() ? article.title : text,
                                     m_options.news.stories.fingerprint, m_analyzer));
        m_summary.news.stories = m_stories.stats();
        return doc;
    }

    /// Deletes the articles of file `key` that this run did not see.
    void delete_unseen(const std::string& key) {
        const std::string term = std::string(schema::source_file) + key;
        std::vector<Xapian::docid> gone;
        try {
            for (auto p = m_db.postlist_begin(term); p != m_db.postlist_end(term); ++p) {
                if (!was_seen(*p)) gone.push_back(*p);
            }
            for (const Xapian::docid did : gone) {
                m_stories.remove(did);  // a story whose root goes is re-rooted first
                m_db.delete_document(did);
                ++m_summary.deleted;
                changed();
            }
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot delete from database " + m_db_path + ": " + e.get_msg());
        }
    }

    /// Deletes the articles of files under the indexed roots that are gone from the disk.
    /// Files outside the roots (indexed by other runs) are left alone; so are files that
    /// exist but could not be reached (permissions): only ENOENT/ENOTDIR count as gone.
    void delete_vanished() {
        std::vector<std::string> keys;
        for (const auto& [key, record] : m_state.records()) {
            if (m_visited.count(key) == 0 && under_roots(record.path)) keys.push_back(key);
        }
        for (const std::string& key : keys) {
            const FileRecord* record = m_state.find(key);
            struct stat st {};
            if (::stat(record->path.c_str(), &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) {
                continue;
            }
            if (m_options.verbose) m_log << record->path << ": gone, its articles deleted\n";
            delete_unseen(key);
            m_state.erase(m_db, key);
            m_dirty = true;
        }
    }

    [[nodiscard]] bool under_roots(const std::string& path) const {
        return std::any_of(m_roots.begin(), m_roots.end(), [&](const std::string& root) {
            return path == root ||
                   (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                    (path[root.size()] == '/' || root == "/"));
        });
    }

    [[nodiscard]] std::size_t term_frequency(const std::string& term) const {
        try {
            return m_db.get_termfreq(term);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + e.get_msg());
        }
    }

    void mark_seen(Xapian::docid did) {
        if (did >= m_seen.size()) m_seen.resize(std::max<std::size_t>(did + 1, m_seen.size() * 2));
        m_seen[did] = true;
    }
    [[nodiscard]] bool was_seen(Xapian::docid did) const {
        return did < m_seen.size() && m_seen[did];
    }

    void changed() {
        m_dirty = true;
        if (++m_pending >= m_options.commit_every) commit();
    }

    /// Keeps what the entity catalogue needs to know of an entity (see write_catalogue()).
    void remember(const DocumentEntity& e) {
        auto [it, added] = m_catalogue.try_emplace(e.id);
        CatalogueEntry& c = it->second;
        if (added) {
            c.kind = e.kind;
            c.name = e.name;
            c.latin = e.latin;
        }
        for (const std::string& v : e.variants) {
            if (c.variants.size() < 32) c.variants.insert(v);
        }
    }

    /// Writes the entities seen since the last commit into the database metadata
    /// (schema::meta_entity_prefix + id), merging the variants already recorded.
    void write_catalogue() {
        const Gazetteer* g = m_extractor ? &m_extractor->gazetteer() : nullptr;
        for (auto& [id, c] : m_catalogue) {
            const std::string key = std::string(schema::meta_entity_prefix) + id;
            if (key.size() > 240) continue;
            nlohmann::json old = nlohmann::json::parse(m_db.get_metadata(key), nullptr, false);
            if (old.is_object()) {
                for (const auto& v : old.value("variants", nlohmann::json::array())) {
                    if (v.is_string() && c.variants.size() < 32) c.variants.insert(v.get<std::string>());
                }
            }
            nlohmann::json aliases = nlohmann::json::array();
            if (g != nullptr) {
                if (const Entity* e = g->find_id(id)) {
                    for (const std::string& a : e->aliases) aliases.push_back(a);
                }
            }
            const nlohmann::json entry = {{"type", std::string(to_string(c.kind))},
                                          {"name", c.name},
                                          {"latin", c.latin},
                                          {"aliases", std::move(aliases)},
                                          {"variants", c.variants}};
            m_db.set_metadata(key, entry.dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace));
        }
        m_catalogue.clear();
    }

    void commit() {
        if (!m_dirty) return;
        const auto started = Clock::now();
        try {
            write_catalogue();
            m_db.commit();
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot commit to database " + m_db_path + ": " + e.get_msg());
        }
        ++m_summary.commits;
        m_summary.commit_seconds += seconds_since(started);
        if (m_options.verbose) {
            m_log << "committed: " << m_db.get_doccount() << " articles in the database\n";
            m_log.flush();
        }
        m_pending = 0;
        m_dirty = false;
    }

    struct Counts {
        std::size_t added, updated, unchanged, deleted;
    };
    [[nodiscard]] Counts counts() const {
        return {m_summary.indexed, m_summary.replaced, m_summary.unchanged, m_summary.deleted};
    }

    static constexpr std::size_t max_failures_kept = 10000;

    const IndexOptions& m_options;
    std::string m_db_path;
    std::ostream& m_log;
    std::ostream& m_err;
    const Analyzer& m_analyzer;
    DocumentOptions m_document;  ///< options.document, with the entity extractor when enabled
    std::unique_ptr<Gazetteer> m_gazetteer;  ///< the shipped one plus --gazetteer files
    std::unique_ptr<EntityExtractor> m_extractor;  ///< null with entities off
    struct CatalogueEntry {
        EntityKind kind = EntityKind::place;
        std::string name;
        std::string latin;
        std::set<std::string> variants;
    };
    std::map<std::string, CatalogueEntry> m_catalogue;
    Xapian::WritableDatabase m_db;
    FileState m_state;
    std::vector<std::string> m_roots;            ///< absolute paths of the inputs
    std::unordered_set<std::string> m_visited;   ///< keys of the files found this run
    std::vector<bool> m_seen;                    ///< docids stored or found unchanged this run
    IndexSummary m_summary;
    BoilerplateTable m_boilerplate;                          // news (issue #8)
    StoryClusterer m_stories{m_db, m_options.news.stories};  // news (issue #8)
    std::size_t m_pending = 0;
    bool m_dirty = false;  ///< something was written since the last commit
};

}  // namespace

IndexSummary run_index(const IndexOptions& options, std::ostream& log, std::ostream& err) {
    if (options.db.empty()) throw UsageError("no database given (--db)");
    if (options.inputs.empty()) throw UsageError("nothing to index: give files or directories");
    if (options.commit_every == 0) throw UsageError("--commit-every must be at least 1");
    if (options.compact && !options.rebuild) throw UsageError("--compact needs --rebuild");
    if (!options.reader.encoding.empty()) {
        (void)decode_text("", options.reader.encoding);  // UsageError for an unknown name
    }
    for (const std::string& input : options.inputs) {
        std::error_code ec;
        if (!fs::exists(input, ec)) throw UsageError("input " + input + " does not exist");
    }
    {
        // The lock file lives beside the database; its directory must exist.
        std::error_code ec;
        const fs::path parent = fs::path(lock_file_of(options.db)).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
    }

    const auto started = Clock::now();
    const DbLock lock(options.db, options.wait_seconds);
    IndexSummary summary;
    if (options.rebuild) {
        Generation generation(options.db);
        summary = IndexRun(options, generation.path().string(), log, err).run();
        if (!summary.interrupted) {
            const auto publishing = Clock::now();
            if (options.compact) generation.compact();
            generation.publish(options.swap_grace_seconds);
            summary.publish_seconds = seconds_since(publishing);
        }
    } else {
        summary = IndexRun(options, options.db, log, err).run();
    }
    summary.seconds = seconds_since(started);

    if (!options.report.empty()) {
        std::ofstream out(options.report, std::ios::trunc);
        out << summary_json(summary, options) << '\n';
        out.close();
        if (!out) err << "fahras-index: warning: cannot write report " << options.report << '\n';
    }
    if (!options.quiet) {
        log << format_summary(summary) << '\n';
        log << format_news_summary(summary.news) << '\n';  // news (issue #8)
        if (options.verbose) {
            for (const auto& [source, bytes] : summary.news.by_source) {
                char share[32];
                std::snprintf(share, sizeof share, "%.2f%%",
                              bytes.first > 0 ? 100.0 * static_cast<double>(bytes.second) /
                                                    static_cast<double>(bytes.first)
                                              : 0.0);
                log << "fahras-index: news: source " << (source.empty() ? "(none)" : source)
                    << ": " << bytes.second << " of " << bytes.first << " body bytes dropped ("
                    << share << ")\n";
            }
        }
    }
    return summary;
}

}  // namespace fahras
