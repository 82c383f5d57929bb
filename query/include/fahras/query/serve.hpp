// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// fahras-serve: the search engine over HTTP, a JSON API on cpp-httplib (docs/WEB.md).
//
// httplib runs each connection on a thread of a fixed pool. Xapian's Database and Enquire are
// not thread-safe, so a request leases a Searcher of its own from ServeContext (a pool holding
// at most one per thread in use); shared state is read-only once loaded (the analyzer, the
// gazetteer, the entity extractor) or behind ServeContext's lock. A Searcher is reopened when
// the database changed and replaced when a rebuild switched it to a new generation, so
// requests see new data within about a second, without a restart and without failing.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fahras/extract/entity_extractor.hpp"
#include "fahras/query/entity_filters.hpp"
#include "fahras/query/search.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fahras {

class EntityExtractor;

/// Exit statuses of fahras-serve (also in --help).
enum ServeExit : int {
    serve_ok = 0,     ///< stopped by SIGTERM or SIGINT after finishing the requests in flight
    serve_error = 2,  ///< bad options, the address cannot be bound
};

/// How fahras-serve runs.
struct ServeOptions {
    std::string db;                  ///< database directory, stub, or stub of shards
    std::string host = "127.0.0.1";  ///< --listen HOST:PORT
    int port = 8080;
    unsigned threads = 0;    ///< worker threads; 0: one per core (at least 2)
    std::string access_log;  ///< file; empty: stderr
    std::string assets;      ///< static files of the search page
    /// Seconds a search may spend matching before it answers with what it has (Xapian's
    /// Enquire::set_time_limit); 0: no limit.
    double time_limit = 2.0;
    /// Seconds between checks that the database changed (reopen, or a new generation).
    double reopen_interval = 1.0;
    /// How /api/analyze and /api/article find mentions: fahras-index's extractor set-up
    /// (`--gazetteer`, `--no-tagger`, `--ner-article-pass`).
    ExtractorSetup extraction;
};

/// One Searcher leased for a request, and what the server caches with it.
struct SearcherSlot {
    std::unique_ptr<Searcher> searcher;
    std::string generation;  ///< ServeContext::generation() when it was opened
    std::chrono::steady_clock::time_point checked;  ///< last reopen check
    /// The entity catalogue, loaded by the first /api/entities request on this searcher.
    std::optional<std::vector<CatalogueEntity>> catalogue;
};

/// The state every handler shares. Thread-safe.
class ServeContext {
  public:
    explicit ServeContext(ServeOptions options);
    ~ServeContext();
    ServeContext(const ServeContext&) = delete;
    ServeContext& operator=(const ServeContext&) = delete;

    [[nodiscard]] const ServeOptions& options() const noexcept { return m_options; }

    /// Runs `work` with a Searcher of this thread's own, reopened or replaced first if the
    /// database changed. A DatabaseError (a generation removed under it) is retried once on
    /// a freshly opened Searcher. Throws DatabaseError when the database cannot be opened.
    void with_searcher(const std::function<void(SearcherSlot&)>& work);

    /// What identifies the database's current generation (the stub's target and the
    /// directory's inode): a change means a rebuild switched it. Cached for a fraction of a
    /// second.
    [[nodiscard]] std::string generation();

    /// The entity resolver every worker shares (building one reads the whole entity catalogue:
    /// seconds on a large database). Rebuilt in the background when the database changed;
    /// meanwhile the previous one answers. Waits only when there is none yet. Throws
    /// DatabaseError when it cannot be built and there is no previous one.
    [[nodiscard]] std::shared_ptr<const EntityResolver> entity_resolver();

    /// Starts building the shared entity resolver in the background (at start-up, so that the
    /// first entity filter does not wait for it).
    void prepare_entity_resolver();

    /// The entity extractor of ServeOptions::extraction (make_entity_extractor()), built once.
    [[nodiscard]] const EntityExtractor& extractor();

    /// Appends one line to the access log.
    void log(const std::string& line);

  private:
    /// An idle searcher of the current generation, or a new one (always with `fresh`).
    std::unique_ptr<SearcherSlot> lease(bool fresh);
    /// Starts a resolver build for `key` unless one runs; m_resolver_lock held.
    void start_resolver_build(const std::string& key);
    /// What the shared resolver was built from: the generation and the time of the last commit.
    [[nodiscard]] std::string resolver_key();
    void give_back(std::unique_ptr<SearcherSlot> slot);

    ServeOptions m_options;
    std::mutex m_lock;  ///< guards everything below
    std::vector<std::unique_ptr<SearcherSlot>> m_idle;
    std::string m_generation;
    std::chrono::steady_clock::time_point m_generation_read;
    std::mutex m_resolver_lock;  ///< guards the four members below
    std::condition_variable m_resolver_ready;
    std::shared_ptr<const EntityResolver> m_resolver;
    std::string m_resolver_key;  ///< resolver_key() of m_resolver, or of the build running
    bool m_resolver_building = false;
    std::string m_resolver_error;  ///< why the last build failed
    std::thread m_resolver_thread;
    std::once_flag m_extractor_once;
    std::unique_ptr<EntityExtractor> m_extractor;
    std::mutex m_log_lock;
    std::unique_ptr<std::ostream> m_log_file;
    std::ostream* m_log = nullptr;
};

/// Registers the JSON API: /api/search, /api/article, /api/histogram, /api/entities,
/// /api/analyze and /healthz. Other features register their own routes the same way (a
/// function of the server and the context) before register_static_routes().
void register_api_routes(httplib::Server& server, ServeContext& context);

/// Registers the static files of ServeOptions::assets for every other GET path (so it comes
/// last): `/` is index.html; a path with `..`, a dot file, an encoded `/` or `\`, or one that
/// leaves the directory through a symlink is a 404, as is anything missing.
void register_static_routes(httplib::Server& server, ServeContext& context);

/// Sends `body` (a JSON document) with `status`.
void send_json(httplib::Response& res, int status, std::string body);

/// Sends {"error": {"status", "message"[, "column"]}} with `status`.
void send_error(httplib::Response& res, int status, const std::string& message);

/// Runs `handler`, turning the exceptions of the library into JSON errors: ParamError its
/// status, QueryError and UsageError 400 (with the column of a syntax error), DatabaseError
/// 503, anything else 500 without details.
void answer(httplib::Response& res, const std::function<void()>& handler);

/// The whole `fahras-serve` command: parses `args` (without the program name), serves until
/// SIGTERM or SIGINT, and returns the exit status. Every exception is caught here.
int serve_main(const std::vector<std::string>& args);

}  // namespace fahras
