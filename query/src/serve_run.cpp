// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-serve's command line, request guards, static files and signal handling.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include <httplib.h>
#include <pthread.h>
#include <CLI/CLI.hpp>

#include "fahras/cli/app.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/query/feed.hpp"
#include "fahras/query/serve.hpp"
#include "fahras/query/serve_page.hpp"

namespace fahras {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Requests carry no body: the API is GET and HEAD only.
constexpr std::size_t payload_max = 1024;

/// Largest static file served.
constexpr std::uintmax_t max_asset_bytes = 16U << 20;

constexpr const char* description =
    "fahras-serve: the Fahras search engine over HTTP, a JSON API (docs/WEB.md).\n"
    "\n"
    "GET /api/search?q=…  (the object fahras-query --format json prints, plus took_ms),\n"
    "/api/article?id=…, /api/histogram?q=…&by=year|month|day, /api/entities?type=…&q=…,\n"
    "/api/analyze?text=…, /healthz; other paths are static files of --assets.\n";

constexpr const char* footer =
    "\nExamples:\n"
    "  fahras-serve --db ./fahras-db\n"
    "  fahras-serve --db ./fahras-db --listen 127.0.0.1:8080 --threads 4 --access-log access.log\n"
    "  curl 'http://127.0.0.1:8080/api/search?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&facets=1'\n"
    "\nIt binds 127.0.0.1 unless --listen says otherwise; put nginx or Apache with TLS in front\n"
    "to serve a network (docs/WEB.md). Rebuilds and incremental runs are picked up without a\n"
    "restart.\n"
    "\nExit status:\n"
    "  0  stopped by SIGTERM or SIGINT after finishing the requests in flight\n"
    "  2  error: bad options, database missing, address in use\n";

/// When the request being handled on this thread started (set by the pre-routing handler,
/// read by the logger).
thread_local Clock::time_point request_start;

/// The Content-Type of a static file, by extension.
std::string mime_type(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".xml") return "application/xml; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

/// True when the raw request target's path encodes a separator or a NUL: `%2f` and `%5c`
/// would otherwise become `/` and `\` after decoding, hiding a traversal from the checks.
bool encodes_separator(std::string_view target) {
    target = target.substr(0, target.find('?'));
    std::string lower(target);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
           lower.find("%00") != std::string::npos;
}

/// The file under `root` (canonical) that the decoded `path` names, or empty when it names
/// none: segments `..`, `.`, empty or starting with a dot, a backslash, or a resolved path
/// (symlinks followed) outside `root`.
fs::path asset_path(const fs::path& root, std::string_view path) {
    std::string rel(path.substr(1));
    if (rel.empty()) rel = "index.html";
    if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos) return {};
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = rel.find('/', start);
        const std::string_view segment =
            std::string_view(rel).substr(start, slash == std::string::npos ? slash : slash - start);
        if (segment.empty() || segment.front() == '.') return {};
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::error_code ec;
    const fs::path file = fs::canonical(root / rel, ec);
    if (ec) return {};
    const std::string prefix = root.string() + "/";
    if (file.string().compare(0, prefix.size(), prefix) != 0) return {};
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > max_asset_bytes) return {};
    return file;
}

/// "HOST:PORT" → host, port. Throws UsageError.
void parse_listen(const std::string& listen, ServeOptions& options) {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon + 1 == listen.size()) {
        throw UsageError("--listen: expected HOST:PORT, not '" + listen + "'");
    }
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    int port = 0;
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1) port = -1;
    } catch (const std::exception&) {
        port = -1;
    }
    if (port < 0 || port > 65535 || host.empty()) {
        throw UsageError("--listen: expected HOST:PORT, not '" + listen + "'");
    }
    options.host = host;
    options.port = port;
}

/// Refuses, before anything reads a body, what the API never takes: methods other than GET
/// and HEAD (405), a Content-Encoding (415: httplib would inflate gzip or brotli, the
/// zip-bomb class of bug) and any body (413).
httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    if (req.method != "GET" && req.method != "HEAD") {
        res.set_header("Allow", "GET, HEAD");
        send_error(res, 405, "method " + req.method + " not allowed (GET and HEAD only)");
        return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Content-Encoding")) {
        send_error(res, 415, "request bodies and Content-Encoding are not accepted");
        return httplib::Server::HandlerResponse::Handled;
    }
    const std::string length = req.get_header_value("Content-Length");
    if (req.has_header("Transfer-Encoding") || (!length.empty() && length != "0")) {
        send_error(res, 413, "request bodies are not accepted");
        return httplib::Server::HandlerResponse::Handled;
    }
    if (encodes_separator(req.target)) {
        send_error(res, 404, "not found");
        return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

void register_static_routes(httplib::Server& server, ServeContext& context) {
    std::error_code ec;
    const fs::path root = fs::canonical(context.options().assets, ec);
    server.Get(R"(/.*)", [root](const httplib::Request& req, httplib::Response& res) {
        const fs::path file = root.empty() ? fs::path() : asset_path(root, req.path);
        if (file.empty() || req.path.starts_with("/api/")) {
            send_error(res, 404, "not found");
            return;
        }
        std::ifstream in(file, std::ios::binary);
        std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.set_content(std::move(body), mime_type(file));
    });
}

int serve_main(const std::vector<std::string>& args) {
    ServeOptions options;
#ifdef FAHRAS_WEB_DIR
    options.assets = FAHRAS_WEB_DIR;
#endif
    std::string listen = "127.0.0.1:8080";
    CLI::App app{description, "fahras-serve"};
    app.footer(footer);
    cli::add_version(app, "fahras-serve");
    cli::add_db(app, options.db,
                "Database directory written by fahras-index (a plain database, a rebuilt stub "
                "directory, or a stub of local or remote shards)");
    app.add_option("--listen", listen, "Address to bind (127.0.0.1 keeps it on this machine)")
        ->capture_default_str()
        ->type_name("HOST:PORT");
    app.add_option("--threads", options.threads,
                   "Worker threads, each with its own database handle (0: one per core, at "
                   "least 2)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--access-log", options.access_log,
                   "Append one line per request (time, method, path, status, ms) to FILE "
                   "instead of stderr")
        ->type_name("FILE");
    app.add_option("--assets", options.assets, "Directory of the search page's static files")
        ->capture_default_str()
        ->type_name("DIR");
    app.add_option("--time-limit", options.time_limit,
                   "Seconds a search may spend matching before it answers with the matches "
                   "found so far (0: no limit)")
        ->capture_default_str()
        ->type_name("SECONDS");
    cli::add_gazetteer(app, options.extraction);
    cli::add_no_tagger(app, options.extraction,
                       "/api/analyze and /api/article find entities with the gazetteer and cues "
                       "only");
    cli::add_ner_article_pass(app, options.extraction,
                              "/api/analyze and /api/article run the tagger's article-level "
                              "second pass too, as fahras-index --ner-article-pass");
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return serve_ok;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << '\n';
        return serve_ok;
    } catch (const CLI::ParseError& e) {
        std::cerr << "fahras-serve: error: " << e.what() << " (see --help)\n";
        return serve_error;
    }

    try {
        if (options.db.empty()) throw UsageError("--db DIR is required");
        parse_listen(listen, options);
        if (options.threads == 0) {
            options.threads = std::max(2U, std::thread::hardware_concurrency());
        }
        ServeContext context(options);
        // Fail now, not on the first request, when the database cannot be opened.
        context.with_searcher([](SearcherSlot&) {});
        context.prepare_entity_resolver();
        // A --gazetteer file that cannot be read is a bad option: reported now, not on the
        // first /api/analyze.
        if (!options.extraction.gazetteers.empty()) (void)context.extractor();

        // SIGTERM and SIGINT are waited for by one thread; blocked before httplib's threads
        // start, so that they inherit the mask and none of them is interrupted.
        sigset_t stop_signals;
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGTERM);
        sigaddset(&stop_signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

        httplib::Server server;
        const unsigned threads = options.threads;
        server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        server.set_payload_max_length(payload_max);
        // Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
        // holds the body back for the client's delayed ACK (~40 ms per request).
        server.set_tcp_nodelay(true);
        // A connection holds its worker thread for as long as it is kept alive (httplib runs
        // one connection per thread): one request per connection keeps the queue fair when
        // clients outnumber threads, at the cost of a loopback or LAN connect per request.
        server.set_keep_alive_max_count(1);
        server.set_keep_alive_timeout(1);  // bounds the drain after SIGTERM
        server.set_read_timeout(10, 0);
        server.set_write_timeout(10, 0);
        server.set_default_headers({
            {"Content-Security-Policy",
             "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"Cache-Control", "no-store"},
        });
        server.set_pre_routing_handler(guard);
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            // httplib's own refusals (414 URI too long, 400 unparsable request) get a JSON body.
            if (res.body.empty()) {
                send_error(res, res.status,
                           res.status == 414 ? "URL longer than 8 KiB" : "bad request");
            }
        });
        server.set_logger([&context](const httplib::Request& req, const httplib::Response& res) {
            // httplib refuses an oversized or unparsable request before the pre-routing
            // handler: no start time, logged as "-".
            char line[64];
            if (request_start == Clock::time_point()) {
                std::snprintf(line, sizeof line, " %d -", res.status);
            } else {
                const double ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
                std::snprintf(line, sizeof line, " %d %.1f", res.status, ms);
            }
            request_start = Clock::time_point();
            // The path without its query string: never a body, never a reader's query.
            context.log(utc_now() + " " + req.method + " " +
                        (req.path.empty() ? std::string("-") : req.path) + line);
        });
        register_api_routes(server, context);
        register_page_routes(server, context);
        register_static_routes(server, context);

        if (!server.bind_to_port(options.host.c_str(), options.port)) {
            throw UsageError("cannot listen on " + listen);
        }
        std::thread stopper([&server, &stop_signals] {
            int signal = 0;
            sigwait(&stop_signals, &signal);
            server.stop();
        });
        std::cerr << "fahras-serve: listening on http://" << listen << "/ (" << threads
                  << " threads, database " << options.db << ")\n";
        server.listen_after_bind();  // returns after stop(), once the workers have finished
        if (stopper.joinable()) {
            // listen_after_bind() also returns on a socket error: wake the waiter up then.
            pthread_kill(stopper.native_handle(), SIGTERM);
            stopper.join();
        }
        std::cerr << "fahras-serve: stopped\n";
        return serve_ok;
    } catch (const InputError& e) {  // a file named by an option: `path[:line]: error: reason`
        std::cerr << "fahras-serve: " << e.report() << '\n';
    } catch (const Error& e) {
        std::cerr << "fahras-serve: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "fahras-serve: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "fahras-serve: error: " << e.what() << '\n';
    }
    return serve_error;
}

}  // namespace fahras
