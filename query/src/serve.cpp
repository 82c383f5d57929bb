// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-serve's shared context and its JSON API handlers (docs/WEB.md).
#include "fahras/query/serve.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <httplib.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/histogram.hpp"
#include "fahras/query/output.hpp"
#include "fahras/query/serve_params.hpp"

namespace fahras {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

/// How long generation() trusts what it read: a rebuild is seen within this, plus the
/// reopen interval.
constexpr auto generation_ttl = std::chrono::milliseconds(200);

std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string out;
    char buffer[4096];
    in.read(buffer, sizeof buffer);
    out.assign(buffer, static_cast<std::size_t>(in.gcount()));
    return out;
}

/// The stub's target (`auto gen-…` → `gen-…`: the last word of its first line that is not a
/// `#` comment) of a stub directory, else empty.
std::string stub_target(const std::string& db) {
    std::istringstream stub(read_small_file(fs::path(db) / "XAPIANDB"));
    std::string line;
    while (std::getline(stub, line)) {
        if (line.empty() || line.front() == '#') continue;
        const std::size_t space = line.rfind(' ');
        return space == std::string::npos ? std::string() : line.substr(space + 1);
    }
    return {};
}

/// ISO 8601 UTC time of the last commit of a local database (its version file's mtime), or
/// empty when it cannot be told (remote shards, a stub file).
std::string last_indexed(const std::string& db) {
    fs::path dir(db);
    if (const std::string target = stub_target(db); !target.empty()) dir /= target;
    struct stat st {};
    if (stat((dir / "iamglass").c_str(), &st) != 0) return {};
    std::tm tm{};
    gmtime_r(&st.st_mtime, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

/// The column of a "query syntax error at column N: …" message, or 0.
std::size_t error_column(std::string_view message) {
    constexpr std::string_view marker = "at column ";
    const std::size_t at = message.find(marker);
    if (at == std::string_view::npos) return 0;
    std::size_t column = 0;
    for (std::size_t i = at + marker.size();
         i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i) {
        column = column * 10 + static_cast<std::size_t>(message[i] - '0');
    }
    return column;
}

std::string dump(const nlohmann::ordered_json& json) {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

ServeContext::ServeContext(ServeOptions options) : m_options(std::move(options)) {
    if (!m_options.access_log.empty()) {
        auto file = std::make_unique<std::ofstream>(m_options.access_log, std::ios::app);
        if (!*file) throw UsageError("cannot open access log " + m_options.access_log);
        m_log_file = std::move(file);
        m_log = m_log_file.get();
    } else {
        m_log = &std::cerr;
    }
}

ServeContext::~ServeContext() {
    std::unique_lock lock(m_resolver_lock);
    m_resolver_ready.wait(lock, [this] { return !m_resolver_building; });
    lock.unlock();
    if (m_resolver_thread.joinable()) m_resolver_thread.join();
}

std::string ServeContext::resolver_key() {
    return generation() + "|" + last_indexed(m_options.db);
}

void ServeContext::start_resolver_build(const std::string& key) {
    if (m_resolver_building) return;
    // The previous build has finished (m_resolver_building is false): joining is immediate.
    if (m_resolver_thread.joinable()) m_resolver_thread.join();
    m_resolver_building = true;
    m_resolver_thread = std::thread([this, key] {
        std::shared_ptr<const EntityResolver> built;
        std::string error;
        try {
            Searcher searcher(m_options.db);
            built = searcher.build_entity_resolver();
        } catch (const std::exception& e) {
            error = e.what();
        } catch (const Xapian::Error& e) {
            error = e.get_msg();
        }
        const std::lock_guard guard(m_resolver_lock);
        if (built) {
            m_resolver = std::move(built);
            m_resolver_key = key;
        } else {
            m_resolver_error = error;
        }
        m_resolver_building = false;
        m_resolver_ready.notify_all();
    });
}

void ServeContext::prepare_entity_resolver() {
    const std::string key = resolver_key();
    const std::lock_guard guard(m_resolver_lock);
    start_resolver_build(key);
}

std::shared_ptr<const EntityResolver> ServeContext::entity_resolver() {
    const std::string key = resolver_key();
    std::unique_lock lock(m_resolver_lock);
    if (m_resolver_key != key || !m_resolver) start_resolver_build(key);
    m_resolver_ready.wait(lock, [this] { return m_resolver != nullptr || !m_resolver_building; });
    if (!m_resolver) {
        throw DatabaseError("cannot read the entity catalogue of " + m_options.db + ": " +
                            m_resolver_error);
    }
    return m_resolver;
}

std::string ServeContext::generation() {
    const std::lock_guard guard(m_lock);
    const auto now = Clock::now();
    if (m_generation.empty() || now - m_generation_read > generation_ttl) {
        // `--rebuild` renames a new stub over DB/XAPIANDB, or (the first time) exchanges the
        // directory itself: either changes this.
        struct stat st {};
        const std::string inode =
            stat(m_options.db.c_str(), &st) == 0 ? std::to_string(st.st_ino) : std::string("-");
        m_generation = inode + ":" + stub_target(m_options.db);
        m_generation_read = now;
    }
    return m_generation;
}

std::unique_ptr<SearcherSlot> ServeContext::lease(bool fresh) {
    if (fresh) {
        const std::lock_guard guard(m_lock);
        m_generation.clear();  // read it again: the failure may be a switch not seen yet
    }
    const std::string current = generation();
    if (!fresh) {
        const std::lock_guard guard(m_lock);
        while (!m_idle.empty()) {
            std::unique_ptr<SearcherSlot> slot = std::move(m_idle.back());
            m_idle.pop_back();
            if (slot->generation == current) return slot;
        }
    }
    auto slot = std::make_unique<SearcherSlot>();
    slot->searcher = std::make_unique<Searcher>(m_options.db);
    slot->searcher->share_entity_resolver([this] { return entity_resolver(); });
    slot->generation = current;
    slot->checked = Clock::now();
    return slot;
}

void ServeContext::give_back(std::unique_ptr<SearcherSlot> slot) {
    const std::string current = generation();
    if (slot->generation != current) return;  // a rebuild switched generations: drop it
    const std::lock_guard guard(m_lock);
    m_idle.push_back(std::move(slot));
}

void ServeContext::with_searcher(const std::function<void(SearcherSlot&)>& work) {
    for (int attempt = 1;; ++attempt) {
        // A retry opens the database anew: an idle searcher may hold the same old generation.
        std::unique_ptr<SearcherSlot> slot = lease(attempt > 1);
        try {
            const auto interval = std::chrono::duration<double>(m_options.reopen_interval);
            if (Clock::now() - slot->checked > interval) {
                // An incremental run committed: see its changes (and drop what was cached).
                if (slot->searcher->refresh()) slot->catalogue.reset();
                slot->checked = Clock::now();
            }
            work(*slot);
        } catch (const DatabaseError&) {
            // The generation this searcher read may have been removed after a rebuild: a
            // fresh searcher opens the live one. A database that is really unavailable fails
            // again and is reported.
            if (attempt == 2) throw;
            continue;
        } catch (const Xapian::Error&) {
            if (attempt == 2) throw;
            continue;
        } catch (...) {
            give_back(std::move(slot));  // a bad request, not a bad searcher
            throw;
        }
        give_back(std::move(slot));
        return;
    }
}

const EntityExtractor& ServeContext::extractor() {
    std::call_once(m_extractor_once,
                   [this] { m_extractor = make_entity_extractor(m_options.extraction); });
    return *m_extractor;
}

void ServeContext::log(const std::string& line) {
    const std::lock_guard guard(m_log_lock);
    *m_log << line << '\n';
    m_log->flush();
}

void send_json(httplib::Response& res, int status, std::string body) {
    res.status = status;
    body += '\n';
    res.set_content(std::move(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    nlohmann::ordered_json error = {{"status", status}, {"message", message}};
    if (const std::size_t column = error_column(message); column != 0) error["column"] = column;
    send_json(res, status, dump({{"error", std::move(error)}}));
}

void answer(httplib::Response& res, const std::function<void()>& handler) {
    try {
        handler();
    } catch (const ParamError& e) {
        send_error(res, e.status(), e.what());
    } catch (const UsageError& e) {  // QueryError too: its message names the column
        send_error(res, 400, e.what());
    } catch (const DatabaseError& e) {
        send_error(res, 503, e.what());
    } catch (const Xapian::Error& e) {
        send_error(res, 503, "database error: " + e.get_msg());
    } catch (const std::exception&) {
        send_error(res, 500, "internal error");
    }
}

void register_api_routes(httplib::Server& server, ServeContext& context) {
    server.Get("/api/search", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            const auto start = Clock::now();
            SearchRequest request = search_request_from(req.params);
            request.options.time_limit = context.options().time_limit;
            std::string body;
            context.with_searcher([&](SearcherSlot& slot) {
                const SearchResult result = slot.searcher->search(request);
                body = to_json(result, request.options.facets);
            });
            // The object fahras-query --format json prints, plus took_ms.
            char took[48];
            std::snprintf(took, sizeof took, ",\"took_ms\":%.3f}", ms_since(start));
            body.pop_back();
            body += took;
            send_json(res, 200, std::move(body));
        });
    });
    server.Get("/api/article", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            const std::string id = article_id_from(req.params);
            std::optional<std::string> body;
            context.with_searcher([&](SearcherSlot& slot) {
                if (const std::optional<ArticleView> article = slot.searcher->article(id)) {
                    body = article_json(*article, context.extractor());
                }
            });
            if (!body) {
                send_error(res, 404, "no article with id '" + id + "'");
                return;
            }
            send_json(res, 200, std::move(*body));
        });
    });
    server.Get("/api/histogram", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            const auto start = Clock::now();
            HistogramRequest request = histogram_request_from(req.params);
            request.search.options.time_limit = context.options().time_limit;
            std::string body;
            context.with_searcher([&](SearcherSlot& slot) {
                const Histogram histogram = slot.searcher->histogram(request.search, request.by);
                body = histogram_to_json(histogram, ms_since(start));
            });
            send_json(res, 200, std::move(body));
        });
    });
    server.Get("/api/entities", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            const EntitiesOptions options = entities_request_from(req.params);
            std::string body;
            context.with_searcher([&](SearcherSlot& slot) {
                if (!slot.catalogue) slot.catalogue = slot.searcher->entity_catalogue();
                body = entities_to_json(select_entities(*slot.catalogue, options));
            });
            send_json(res, 200, std::move(body));
        });
    });
    server.Get("/api/analyze", [&context](const httplib::Request& req, httplib::Response& res) {
        answer(res, [&] {
            const AnalyzeOptions options = analyze_request_from(req.params);
            send_json(res, 200,
                      analyze_to_json(options.words.front(), context.extractor(), options));
        });
    });
    server.Get("/healthz", [&context](const httplib::Request&, httplib::Response& res) {
        try {
            nlohmann::ordered_json health = {{"status", "ok"}};
            context.with_searcher(
                [&](SearcherSlot& slot) { health["documents"] = slot.searcher->doc_count(); });
            const std::string target = stub_target(context.options().db);
            health["generation"] =
                target.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(target);
            const std::string when = last_indexed(context.options().db);
            health["last_indexed"] =
                when.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(when);
            send_json(res, 200, dump(health));
        } catch (const std::exception& e) {
            const std::string message = dynamic_cast<const DatabaseError*>(&e) != nullptr
                                            ? e.what()
                                            : "database unavailable";
            send_json(res, 503, dump({{"status", "unavailable"}, {"message", message}}));
        } catch (const Xapian::Error& e) {
            send_json(res, 503, dump({{"status", "unavailable"}, {"message", e.get_msg()}}));
        }
    });
}

}  // namespace fahras
