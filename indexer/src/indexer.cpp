// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <system_error>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/news.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

/// One file to read: where it is and the path used as its default article id.
struct InputFile {
    fs::path file;
    std::string relative;  ///< relative to the root input it was found under
};

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.';
}

/// Opens (creating if needed) the database for writing and checks its schema version.
Xapian::WritableDatabase open_for_writing(const std::string& path) {
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        throw DatabaseError("database " + path + " is locked by another writer: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot open database " + path + " for writing: " + e.get_msg());
    }
    const std::string key(schema::meta_version);
    const std::string version = db.get_metadata(key);
    const std::string ours = std::to_string(schema::version);
    if (version.empty()) {
        if (db.get_doccount() != 0) {
            throw DatabaseError("database " + path + " was not written by fahras-index");
        }
        db.set_metadata(key, ours);
    } else if (version != ours) {
        throw DatabaseError("database " + path + " has schema version " + version +
                            ", this fahras-index writes version " + ours +
                            ": rebuild it into a new directory");
    }
    return db;
}

/// The indexing of one run: reads files, writes documents, keeps the counts.
class IndexRun {
  public:
    IndexRun(const IndexOptions& options, std::ostream& log, std::ostream& err)
        : m_options(options), m_log(log), m_err(err), m_analyzer(default_analyzer()) {}

    IndexSummary run() {
        const auto started = std::chrono::steady_clock::now();
        const std::vector<InputFile> files = collect_inputs();
        m_db = open_for_writing(m_options.db);
        learn_boilerplate(files);  // news (issue #8): a first pass over the inputs
        for (const InputFile& f : files) index_file(f);
        commit();
        m_summary.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return m_summary;
    }

  private:
    void report(const InputError& e) {
        m_err << e.report() << '\n';
        ++m_summary.failed;
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
            if (!fs::is_directory(st)) {
                files.push_back({root, root.filename().string()});
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
                    found.push_back({p, p.lexically_relative(root).generic_string()});
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
        if (input_format(f.file) == InputFormat::unsupported) {
            ++m_summary.skipped;
            if (m_options.verbose) m_log << f.file.string() << ": skipped (unsupported type)\n";
            return;
        }
        const std::size_t before = m_summary.indexed + m_summary.replaced;
        const std::string shown = f.file.string();
        ReaderSink sink;
        sink.article = [&](Article&& a) { add(a); };
        sink.error = [&](const InputError& e) {
            report(InputError(shown, e.line(), e.reason()));
        };
        try {
            read_articles(f.file, f.relative, m_options.reader, sink);
        } catch (const InputError& e) {
            report(InputError(shown, e.line(), e.reason()));
        }
        if (m_options.verbose) {
            m_log << shown << ": " << (m_summary.indexed + m_summary.replaced - before)
                  << " article(s)\n";
        }
    }

    // ---- News (issue #8) ----------------------------------------------------------------
    /// Loads the boilerplate lines learned by earlier runs, then counts the lines of every
    /// article of this run (a first, read-only pass) and learns the frequent ones.
    void learn_boilerplate(const std::vector<InputFile>& files) {
        if (m_options.news.cleaning.keep_boilerplate) return;
        m_boilerplate.merge(m_db.get_metadata(std::string(schema::meta_boilerplate)));
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
        m_db.set_metadata(std::string(schema::meta_boilerplate), m_boilerplate.serialize());
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
        Xapian::Document doc = make_document(indexed, m_analyzer);
        add_news_terms(doc, news);
        const std::string& text = news.dropped.empty() ? article.body : news.body;
        m_stories.assign(doc, article.id,
                         fingerprint(text.empty() ? article.title : text,
                                     m_options.news.stories.fingerprint, m_analyzer));
        m_summary.news.stories = m_stories.stats();
        return doc;
    }

    void add(const Article& article) {
        const std::string idterm = id_term(article.id);
        Xapian::Document doc;
        try {
            doc = make_news_document(article);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read database " + m_options.db + ": " + e.get_msg());
        }
        try {
            if (m_db.term_exists(idterm)) {
                ++m_summary.replaced;
            } else {
                ++m_summary.indexed;
            }
            m_db.replace_document(idterm, doc);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write to database " + m_options.db + ": " + e.get_msg());
        }
        m_summary.bytes += article.title.size() + article.body.size();
        if (++m_pending >= m_options.commit_every) commit();
    }

    void commit() {
        try {
            m_db.commit();
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot commit to database " + m_options.db + ": " + e.get_msg());
        }
        m_pending = 0;
    }

    const IndexOptions& m_options;
    std::ostream& m_log;
    std::ostream& m_err;
    const Analyzer& m_analyzer;
    Xapian::WritableDatabase m_db;
    IndexSummary m_summary;
    BoilerplateTable m_boilerplate;                        // news (issue #8)
    StoryClusterer m_stories{m_db, m_options.news.stories};  // news (issue #8)
    std::size_t m_pending = 0;
};

}  // namespace

IndexSummary run_index(const IndexOptions& options, std::ostream& log, std::ostream& err) {
    if (options.db.empty()) throw UsageError("no database given (--db)");
    if (options.inputs.empty()) throw UsageError("nothing to index: give files or directories");
    if (options.commit_every == 0) throw UsageError("--commit-every must be at least 1");
    IndexRun run(options, log, err);
    IndexSummary summary = run.run();
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

std::string format_summary(const IndexSummary& s) {
    const double rate = s.seconds > 0 ? static_cast<double>(s.indexed + s.replaced) / s.seconds : 0;
    char timing[96];
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f articles/s, %.2f MB/s)", s.seconds, rate,
                  s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0);
    return "fahras-index: " + std::to_string(s.files) + " files: " + std::to_string(s.indexed) +
           " indexed, " + std::to_string(s.replaced) + " replaced, " +
           std::to_string(s.skipped) + " skipped, " + std::to_string(s.failed) + " failed" + timing;
}

}  // namespace fahras
