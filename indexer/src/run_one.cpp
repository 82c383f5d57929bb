// SPDX-License-Identifier: GPL-3.0-or-later
// One indexing run into one database (run.hpp, run_one()): finds the inputs, decides what
// changed since the last run (omindex-style: the file records in FileState, what the run saw in
// RunBookkeeping), and is the one place that writes to the database.
#include "fahras/indexer/indexer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <thread>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/cpu_time.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/dates.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/extract/ner.hpp"
#include "fahras/indexer/bookkeeping.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/document_builder.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/lock.hpp"
#include "fahras/indexer/news.hpp"
#include "fahras/indexer/pipeline.hpp"
#include "fahras/indexer/progress.hpp"
#include "fahras/indexer/shards.hpp"
#include "fahras/indexer/state.hpp"
#include "fahras/indexer/write_index.hpp"

#include "catalogue.hpp"
#include "inputs.hpp"
#include "run.hpp"

namespace fahras {

namespace {

/// One indexing run into one database: a pipeline of
///   - a reading thread (read_inputs(): file decisions, decompression, parsing),
///   - `threads` analysis workers (DocumentBuilder::analyse: cleaning, analysis, entities,
///     dates, fingerprint), and
///   - the writer, this object's own thread, which takes the events strictly in input order and
///     is the only one to touch the database: id lookup and hash compare, story clustering,
///     replace_document, deletions, file records, commits.
/// The writer sees exactly the sequence a serial run would, so the database does not depend on
/// the number of threads.
class IndexRun {
  public:
    IndexRun(const IndexOptions& options, std::string db_path, std::ostream& log, std::ostream& err,
             ShardRole role = {})
        : m_options(options),
          m_role(role),
          m_db_path(std::move(db_path)),
          m_log(log),
          m_err(err),
          m_analyzer(default_analyzer()),
          m_builder(m_analyzer, options.document,
                    options.news.cleaning.keep_boilerplate ? nullptr : &m_boilerplate,
                    options.news) {
        if (!options.entities) return;
        m_extractor = make_entity_extractor(options.extraction);
        DocumentOptions document = options.document;
        document.extractor = m_extractor.get();
        m_builder = DocumentBuilder(
            m_analyzer, document, options.news.cleaning.keep_boilerplate ? nullptr : &m_boilerplate,
            options.news);
    }

    IndexSummary run() {
        const auto started = Clock::now();
        const InputSet inputs = collect_inputs(m_options.inputs, m_options.id_prefixes,
                                               [this](const InputError& e) { report(e); });
        m_books = RunBookkeeping(inputs.roots, inputs.unreachable);
        m_summary.files += inputs.skipped;
        m_summary.skipped += inputs.skipped;
        m_summary.scan_seconds = seconds_since(started);

        bool created = false;
        int migrated_from = 0;
        m_db = open_for_writing(m_db_path, created, &migrated_from);
        m_dirty = created;
        try {
            m_state.load(m_db);
            if (migrated_from != 0) migrate(migrated_from);
            m_write_index = std::make_unique<WriteIndex>(m_db_path);
            m_stories.use(m_write_index.get());
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + xapian_reason(e));
        }
        learn_boilerplate(inputs.files);  // news: a first pass over the inputs

        const auto indexing = Clock::now();
        std::uintmax_t total_bytes = 0;
        for (const InputFile& f : inputs.files) total_bytes += f.size;
        m_progress = std::make_unique<Progress>(
            m_err, m_options.progress, inputs.files.size(), total_bytes,
            std::chrono::milliseconds(static_cast<long>(m_options.progress_seconds * 1000)));
        const double writer_started = thread_cpu_seconds();
        index_files(inputs);
        m_progress->finish();
        m_summary.index_seconds = seconds_since(indexing);

        if (!m_summary.interrupted && !m_options.no_delete) {
            const auto deleting = Clock::now();
            delete_vanished();
            m_summary.delete_seconds = seconds_since(deleting);
        }
        commit();
        m_summary.cpu.writer = thread_cpu_seconds() - writer_started - m_writer_analysis;
        m_summary.cpu.analysis = m_analysis.seconds() + m_writer_analysis;
        m_summary.seconds = seconds_since(started);
        return m_summary;
    }

  private:
    struct Counts {
        std::size_t added, updated, unchanged, deleted;
    };
    [[nodiscard]] Counts counts() const {
        return {m_summary.indexed, m_summary.replaced, m_summary.unchanged, m_summary.deleted};
    }

    /// What flows from the reader through the workers to the writer: an input event and, for
    /// an article analysed by a worker, its analysis.
    struct Item {
        InputEvent event;
        std::optional<AnalysedArticle> analysed;
    };

    [[nodiscard]] bool stop_requested() const {
        return m_options.stop != nullptr && m_options.stop->load(std::memory_order_relaxed);
    }

    void report(const InputError& e) {
        if (m_progress) m_progress->clear();  // the message starts on a fresh line
        m_err << e.report() << '\n';
        if (e.is_warning()) {
            ++m_summary.warnings;
            return;
        }
        ++m_summary.failed;
        if (m_summary.failures.size() < max_failures_kept) {
            m_summary.failures.push_back({e.path(), e.line(), e.reason()});
        }
    }

    /// Says that a database of schema version `from` is upgraded: the default ids of file
    /// articles changed, and as the file records of older versions have none (FileRecord::id),
    /// every file is read again in this run (and in the next runs that cover a file, until
    /// each is), its articles stored under their new ids and the old ones deleted. The new
    /// version is committed with the first commit.
    void migrate(int from) {
        m_dirty = true;
        if (m_role.index == 0) {
            m_log << "fahras-index: database " << m_options.db << ": schema version " << from
                  << " -> " << schema::version
                  << ": article ids of files now start with their input's name (see "
                     "docs/SCHEMA.md); every file is read again, its articles re-identified\n";
        }
    }

    /// Runs the pipeline over `files` and applies its events in input order.
    void index_files(const InputSet& inputs) {
        const std::size_t workers = worker_count(m_options);
        // With workers, articles are analysed in the pipeline; without, by the writer after
        // the hash compare (an unchanged article is then never analysed).
        const bool parallel = workers > 0;
        OrderedPipeline<InputEvent, Item> pipeline(
            [this, parallel](InputEvent& ev) {
                Item item{std::move(ev), std::nullopt};
                if (parallel && item.event.kind == InputEvent::Kind::article) {
                    // The writer is the critical path: the workers take what CPU it leaves.
                    [[maybe_unused]] thread_local const bool yields = lower_thread_priority(5);
                    const double cpu = thread_cpu_seconds();
                    item.analysed.emplace(m_builder.analyse(item.event.article));
                    m_analysis.add(thread_cpu_seconds() - cpu);
                }
                return item;
            },
            workers, queue_capacity(m_options, workers),
            [](const InputEvent& ev) { return ev.article.title.size() + ev.article.body.size(); },
            in_flight_bytes(m_options.reader));
        std::thread reader([&] {
            read_inputs(
                inputs, m_state, m_options.reader, m_options.retry_failed,
                [this] { return stop_requested(); },
                [&](InputEvent&& ev) {
                    const bool elsewhere =
                        m_role.count > 1 &&
                        (ev.kind == InputEvent::Kind::article ||
                         ev.kind == InputEvent::Kind::duplicate) &&
                        shard_of(routing_key(ev.article), m_role.count) != m_role.index;
                    if (ev.kind == InputEvent::Kind::duplicate) {
                        ev.routed_here = !elsewhere;
                    } else if (elsewhere) {
                        return true;  // another shard's article
                    }
                    const auto waiting = Clock::now();
                    const bool pushed = pipeline.push(std::move(ev));
                    m_summary.waits.reader += seconds_since(waiting);
                    return pushed;
                });
            pipeline.close();
            m_summary.cpu.reader = thread_cpu_seconds();  // this thread did nothing else
        });
        // Whatever happens in the writer, the reader and the workers are stopped and joined.
        const StopAndJoin<OrderedPipeline<InputEvent, Item>> join{pipeline, reader};
        for (;;) {
            const auto waiting = Clock::now();
            std::optional<Item> item = pipeline.next();
            m_summary.waits.writer += seconds_since(waiting);
            if (!item) break;
            apply(*item);
            if (m_summary.interrupted) break;
        }
    }

    /// Applies one event of the reading stage (see InputEvent::Kind).
    void apply(Item& item) {
        InputEvent& ev = item.event;
        using Kind = InputEvent::Kind;
        switch (ev.kind) {
            case Kind::skipped:
                ++m_summary.files;
                ++m_summary.skipped;
                if (m_options.verbose) m_log << ev.shown << ": skipped (unsupported type)\n";
                m_progress->file_done(ev.size, articles_done());
                break;
            case Kind::unreadable:
                ++m_summary.files;
                m_books.file_found(ev.key);
                report(*ev.error);
                m_progress->file_done(ev.size, articles_done());
                break;
            case Kind::unchanged:
            case Kind::touched:
                ++m_summary.files;
                m_books.file_found(ev.key);
                unchanged_file(ev.shown, ev.record);
                if (ev.kind == Kind::touched) {
                    m_state.put(m_db, ev.key, std::move(ev.record));
                    m_dirty = true;
                }
                m_progress->file_done(ev.size, articles_done());
                break;
            case Kind::begin:
                ++m_summary.files;
                m_books.file_found(ev.key);
                m_file_before = counts();
                m_file_errors = 0;
                m_file_key = ev.key;
                m_file_shown = ev.shown;
                m_file_links.clear();
                break;
            case Kind::duplicate:
                duplicate(ev);
                break;
            case Kind::article:
                if (stop_requested()) {
                    // The file stays unrecorded: the next run reads it again and skips, by content
                    // hash, the articles stored before the interruption.
                    m_summary.interrupted = true;
                    break;
                }
                warn_date(ev);
                store(ev.article, ev.key, item.analysed);
                m_progress->record_done(m_file_shown, articles_done());
                break;
            case Kind::bad_record:
                // A warning (bytes replaced, the article indexed) leaves the file complete.
                if (!ev.error->is_warning()) ++m_file_errors;
                report(*ev.error);
                break;
            case Kind::end:
                end_file(ev);
                m_progress->file_done(ev.size, articles_done());
                break;
            case Kind::interrupted:
                m_summary.interrupted = true;
                break;
            case Kind::failure:
                std::rethrow_exception(ev.exception);
        }
    }

    /// A metadata date that is not used (dates::metadata_date_problem()) is a warning, counted
    /// as such: the article is indexed, dated by its path or dateline if they have a date.
    void warn_date(const InputEvent& ev) {
        const std::string problem = dates::metadata_date_problem(ev.article.date);
        if (problem.empty()) return;
        report(InputError(m_file_shown, ev.article.line, problem, InputError::Severity::warning));
    }

    [[nodiscard]] std::size_t articles_done() const {
        return m_summary.indexed + m_summary.replaced + m_summary.unchanged;
    }

    /// A changed file was read completely (or failed): deletions and its record.
    void end_file(InputEvent& ev) {
        FileRecord& record = ev.record;
        const std::string& key = ev.key;
        if (record.failed) report(*ev.error);
        // Articles no longer in the file go, unless the file could not be read completely
        // (RunBookkeeping::unseen_articles).
        if (!m_options.no_delete) delete_unseen(key, !record.failed && m_file_errors == 0);
        record.articles = term_frequency(std::string(schema::source_file) + key);
        record.linked.assign(m_file_links.begin(), m_file_links.end());
        m_state.put(m_db, key, std::move(record));
        m_dirty = true;
        if (m_options.verbose) {
            const Counts after = counts();
            const Counts& before = m_file_before;
            m_log << ev.shown << ": " << after.added - before.added << " added, "
                  << after.updated - before.updated << " updated, "
                  << after.unchanged - before.unchanged << " unchanged, "
                  << after.deleted - before.deleted << " deleted"
                  << (m_file_errors != 0 ? ", " + std::to_string(m_file_errors) + " error(s)" : "")
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
    /// `analysed` is its analysis when a worker made it.
    void store(const Article& article, const std::string& file_key,
               std::optional<AnalysedArticle>& analysed) {
        const std::string idterm = id_term(article.id);
        const std::string hash = article_hash(article, file_key);
        try {
            const Xapian::docid existing = m_write_index->find(idterm);
            if (existing != 0) {
                Xapian::Document old = m_db.get_document(existing);
                if (old.get_value(schema::slot_article_hash) == hash) {
                    m_books.article_seen(existing);
                    ++m_summary.unchanged;
                    if (restamp_line(old, article.line)) {  // only its line moved
                        m_db.replace_document(existing, old);
                        changed();
                    }
                    return;
                }
                if (!m_books.was_seen(existing)) taken_over(old, article);
            }
            if (!analysed) {  // --threads 1: the analysis runs here, and is counted as such
                const double cpu = thread_cpu_seconds();
                analysed.emplace(m_builder.analyse(article));
                m_writer_analysis += thread_cpu_seconds() - cpu;
            }
            count_news(article, *analysed);
            for (const DocumentEntity& e : analysed->entities) m_catalogue.remember(e);
            StoredAs stored{file_key, hash, article.line,
                            m_stories.place(analysed->doc, article.id, analysed->fingerprint)};
            m_summary.news.stories = m_stories.stats();
            FinishedDocument finished = m_builder.finish(std::move(*analysed), stored);
            const Xapian::docid did = m_db.replace_document(idterm, finished.doc);
            m_books.article_seen(did);
            m_write_index->stored(did, idterm, std::move(finished.shingles));
            ++(existing != 0 ? m_summary.replaced : m_summary.indexed);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write to database " + m_db_path + ": " + xapian_reason(e));
        }
        m_summary.bytes += article.title.size() + article.body.size();
        changed();
    }

    // ---- News ----------------------------------------------------------------
    /// Loads the boilerplate lines learned by earlier runs, then counts the lines of every
    /// article of this run (a first, read-only pass) and learns the frequent ones; a shard of a
    /// sharded run takes the table learned once for all shards instead.
    void learn_boilerplate(const std::vector<InputFile>& files) {
        if (m_options.news.cleaning.keep_boilerplate) return;
        if (m_role.learned != nullptr) {
            m_boilerplate = *m_role.learned;
        } else {
            try {
                m_boilerplate.merge(m_db.get_metadata(std::string(schema::meta_boilerplate)));
            } catch (const Xapian::Error& e) {
                throw DatabaseError("cannot read database " + m_db_path + ": " + xapian_reason(e));
            }
            const std::size_t workers = worker_count(m_options);
            m_summary.cpu.boilerplate =
                observe_boilerplate(files, m_options.reader, workers,
                                    queue_capacity(m_options, workers), m_boilerplate);
            m_boilerplate.learn(m_options.news.cleaning.learn_min_articles);
        }
        m_summary.news.learned_lines = m_boilerplate.size();
        try {
            m_db.set_metadata(std::string(schema::meta_boilerplate), m_boilerplate.serialize());
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write to database " + m_db_path + ": " + xapian_reason(e));
        }
    }

    /// Counts the news cleaning of an article about to be stored (and, verbose, logs its
    /// dropped lines).
    void count_news(const Article& article, const AnalysedArticle& analysed) {
        m_summary.news.add(article.source, article.body.size(), analysed.news);
        if (m_options.verbose) log_dropped_lines(m_log, article, analysed.news);
    }

    /// Deletes the articles of file `key` that this run did not see, when it was read
    /// `complete`ly (RunBookkeeping::unseen_articles); returns how many.
    std::size_t delete_unseen(const std::string& key, bool complete = true) {
        std::vector<Xapian::docid> gone;
        try {
            gone = m_books.unseen_articles(m_db, key, complete);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + e.get_msg());
        }
        for (const Xapian::docid did : gone) delete_article(did);
        return gone.size();
    }

    void delete_article(Xapian::docid did) {
        try {
            m_stories.remove(did);  // a story whose root goes is re-rooted first
            m_db.delete_document(did);
            m_write_index->deleted(did);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot delete from database " + m_db_path + ": " +
                                xapian_reason(e));
        }
        ++m_summary.deleted;
        changed();
    }

    /// Another record of this run claimed the id of the article that follows
    /// (InputEvent::Kind::duplicate): the warning; the link between the two files, so that
    /// they are read together from now on; and, when the later article is stored by another
    /// shard, the end of this shard's earlier copy.
    void duplicate(const InputEvent& ev) {
        ++m_summary.duplicates;
        report(*ev.error);
        Xapian::docid held = 0;
        try {
            const Xapian::docid did = m_write_index->find(id_term(ev.article.id));
            if (did != 0 && source_file_key(m_db.get_document(did)) == ev.other_key) held = did;
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + e.get_msg());
        }
        if (ev.other_key != ev.key) link_to(ev.other_key, held != 0);
        if (held != 0 && !ev.routed_here) delete_article(held);
    }

    /// Links file `earlier` and the current file (FileRecord::linked, written with the current
    /// file's record); `lost`: an article of `earlier` goes to the current file.
    void link_to(const std::string& earlier, bool lost) {
        m_file_links.insert(earlier);
        m_state.link(m_db, earlier, m_file_key, lost);
        m_dirty = true;
    }

    /// `article`, read from the current file, replaces `old`, which another file gave in an
    /// earlier run. When that file is still there, both provide the id: a duplicate across
    /// runs, warned about and linked as one found within the run is, unless the two are linked
    /// already (then the reading stage reads both, and reports the duplicate). Only the shard
    /// holding `old` sees it: the warning says so, for run_shards() to pass it on.
    void taken_over(const Xapian::Document& old, const Article& article) {
        const std::string other = source_file_key(old);
        const FileRecord* record = m_state.find(other);
        const FileRecord* current = m_state.find(m_file_key);
        if (current != nullptr && std::find(current->linked.begin(), current->linked.end(),
                                            other) != current->linked.end()) {
            return;
        }
        struct stat st {};
        if (other.empty() || other == m_file_key || record == nullptr ||
            ::stat(record->path.c_str(), &st) != 0) {
            return;  // the same file, or one gone (a file moved): not a duplicate
        }
        std::string where = record->path;
        const std::string line = old.get_value(schema::slot_article_line);
        if (!line.empty()) where += ":" + line;
        report(InputError(m_file_shown, article.line,
                          "duplicate id \"" + article.id + "\", also at " + where + " " +
                              std::string(taken_over_marker) + ": this one is kept",
                          InputError::Severity::warning));
        ++m_summary.duplicates;
        ++m_summary.duplicates_across_runs;
        link_to(other, true);
    }

    /// Deletes the articles of the files last recorded under this run's inputs that the walk
    /// did not find (RunBookkeeping::vanished), and their records.
    void delete_vanished() {
        for (const VanishedFile& f : m_books.vanished(m_state)) {
            const std::size_t deleted = delete_unseen(f.key);
            if (m_options.verbose) {
                m_log << InputError::one_line(f.path)
                      << (f.exists ? ": no longer an input, " : ": gone, ") << deleted
                      << (deleted == 1 ? " article" : " articles") << " deleted\n";
            }
            m_state.erase(m_db, f.key);
            m_dirty = true;
        }
    }

    [[nodiscard]] std::size_t term_frequency(const std::string& term) const {
        try {
            return m_db.get_termfreq(term);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_db_path + ": " + xapian_reason(e));
        }
    }

    void changed() {
        m_dirty = true;
        if (++m_pending >= m_options.commit_every) commit();
    }

    void commit() {
        if (!m_dirty) return;
        const auto started = Clock::now();
        const double cpu = thread_cpu_seconds();
        ensure_room_to_commit(m_db_path, m_summary.bytes - m_bytes_committed);
        try {
            m_catalogue.write(m_db, m_extractor ? &m_extractor->gazetteer() : nullptr);
            m_db.commit();
            m_write_index->committed();
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot commit to database " + m_db_path + ": " + xapian_reason(e));
        }
        ++m_summary.commits;
        m_summary.commit_seconds += seconds_since(started);
        m_summary.cpu.commit += thread_cpu_seconds() - cpu;
        if (m_options.verbose) {
            m_log << "committed: " << m_db.get_doccount() << " articles in the database\n";
            m_log.flush();
        }
        m_pending = 0;
        m_dirty = false;
        m_bytes_committed = m_summary.bytes;
    }

    static constexpr std::size_t max_failures_kept = 10000;

    const IndexOptions& m_options;
    ShardRole m_role;
    std::string m_db_path;
    std::ostream& m_log;
    std::ostream& m_err;
    const Analyzer& m_analyzer;
    BoilerplateTable m_boilerplate;  ///< news; read-only once learned
    DocumentBuilder m_builder;       ///< used by the workers: reads only immutable state
    std::unique_ptr<Progress> m_progress;
    Counts m_file_before{};         ///< counts() when the current file began
    std::size_t m_file_errors = 0;  ///< bad records in the current file
    std::string m_file_shown;       ///< the file being read, for the progress line and messages
    std::unique_ptr<EntityExtractor> m_extractor;  ///< null with entities off
    EntityCatalogue m_catalogue;
    Xapian::WritableDatabase m_db;
    FileState m_state;
    RunBookkeeping m_books{{}, {}};      ///< what this run saw: what it deletes
    std::string m_file_key;              ///< FileState key of the current file
    std::set<std::string> m_file_links;  ///< keys linked to the current file
    IndexSummary m_summary;
    StoryClusterer m_stories{m_db, m_options.news.stories};  // news
    std::unique_ptr<WriteIndex> m_write_index;               ///< follows every write
    std::size_t m_pending = 0;
    SharedSeconds m_analysis;           ///< CPU in DocumentBuilder::analyse in the workers
    double m_writer_analysis = 0;       ///< and in the writer's thread (--threads 1)
    std::size_t m_bytes_committed = 0;  ///< m_summary.bytes at the last commit
    bool m_dirty = false;               ///< something was written since the last commit
};

}  // namespace

IndexSummary run_one(const IndexOptions& options, const std::string& db_path, std::ostream& log,
                     std::ostream& err, const ShardRole& role) {
    return IndexRun(options, db_path, log, err, role).run();
}

}  // namespace fahras
