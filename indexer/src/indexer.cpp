// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include <nlohmann/json.hpp>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/entity_extractor.hpp"
#include "fahras/common/ner.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"

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
        : m_options(options), m_log(log), m_err(err), m_analyzer(default_analyzer()) {
        if (!options.entities) return;
        const Gazetteer* gazetteer = &default_gazetteer();
        if (!options.gazetteers.empty()) {
            m_gazetteer = std::make_unique<Gazetteer>(default_gazetteer());
            for (const std::string& file : options.gazetteers) m_gazetteer->load_tsv(file);
            gazetteer = m_gazetteer.get();
        }
        m_extractor = std::make_unique<EntityExtractor>(
            *gazetteer, ExtractorOptions{}, options.tagger ? &NerTagger::default_tagger() : nullptr);
    }

    IndexSummary run() {
        const auto started = std::chrono::steady_clock::now();
        const std::vector<InputFile> files = collect_inputs();
        m_db = open_for_writing(m_options.db);
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

    void add(const Article& article) {
        std::vector<DocumentEntity> entities;
        const Xapian::Document doc =
            make_document(article, m_analyzer, m_extractor.get(), &entities);
        for (DocumentEntity& e : entities) remember(e);
        const std::string idterm = id_term(article.id);
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
        try {
            write_catalogue();
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
    IndexSummary m_summary;
    std::size_t m_pending = 0;
};

}  // namespace

IndexSummary run_index(const IndexOptions& options, std::ostream& log, std::ostream& err) {
    if (options.db.empty()) throw UsageError("no database given (--db)");
    if (options.inputs.empty()) throw UsageError("nothing to index: give files or directories");
    if (options.commit_every == 0) throw UsageError("--commit-every must be at least 1");
    IndexRun run(options, log, err);
    IndexSummary summary = run.run();
    if (!options.quiet) log << format_summary(summary) << '\n';
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
