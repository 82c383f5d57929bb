// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/batch.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <istream>
#include <numeric>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "fahras/common/cpu_time.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/output.hpp"

namespace fahras {

namespace {

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

/// Nearest-rank percentile `p` (0 < p <= 100) of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::string format_ms(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms);
    return buf;
}

void write_trec(std::ostream& out, const std::string& qid, const SearchResult& result,
                const std::string& tag) {
    char score[32];
    for (const Hit& hit : result.hits) {
        std::snprintf(score, sizeof score, "%.6f", hit.score);
        out << qid << " Q0 " << (hit.id.empty() ? "docid:" + std::to_string(hit.docid) : hit.id)
            << ' ' << hit.rank << ' ' << score << ' ' << tag << '\n';
    }
}

void write_json(std::ostream& out, const std::string& qid, const SearchResult& result,
                bool with_facets) {
    const auto fields = nlohmann::ordered_json::parse(to_json(result, with_facets));
    nlohmann::ordered_json line;
    line["qid"] = qid;
    for (const auto& [key, value] : fields.items()) line[key] = value;
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

/// CPU time of the calling thread, in milliseconds.
double thread_cpu_ms() {
    return thread_cpu_seconds() * 1e3;
}

}  // namespace

std::vector<BatchQuery> read_batch(std::istream& in) {
    std::vector<BatchQuery> out;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        BatchQuery q;
        q.line = number;
        if (const std::size_t tab = line.find('\t'); tab != std::string::npos) {
            q.qid = line.substr(0, tab);
            q.text = line.substr(tab + 1);
        } else {
            q.qid = std::to_string(number);
            q.text = line;
        }
        if (blank(q.text) || blank(q.qid)) continue;
        out.push_back(std::move(q));
    }
    return out;
}

LatencyStats latency_stats(std::vector<double> ms) {
    LatencyStats s;
    if (ms.empty()) return s;
    std::sort(ms.begin(), ms.end());
    s.n = ms.size();
    s.p50 = percentile(ms, 50);
    s.p95 = percentile(ms, 95);
    s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    return s;
}

std::string plain_words(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '"' || c == '(' || c == ')' || c == ':') c = ' ';
    }
    // U+00AB/U+00BB guillemets and U+201C/U+201D typographic quotes open and close phrases.
    for (const std::string_view q : {"\u00AB", "\u00BB", "\u201C", "\u201D"}) {
        for (std::size_t at = out.find(q); at != std::string::npos; at = out.find(q, at)) {
            out.replace(at, q.size(), std::string(q.size(), ' '));
        }
    }
    return out;
}

bool found(const SearchResult& result, const SearchOptions& options) {
    return !result.hits.empty() || (options.limit == 0 && result.total_lower > 0);
}

int run_batch(Searcher& searcher, const SearchOptions& search, const BatchOptions& batch,
              std::istream& in, std::ostream& out, std::ostream& err) {
    const std::vector<BatchQuery> queries = read_batch(in);
    const auto run_one = [&](const BatchQuery& q) {
        try {
            return searcher.search(q.text, search);
        } catch (const QueryError&) {
            SearchResult r = searcher.search(plain_words(q.text), search);
            r.query = q.text;
            return r;
        }
    };
    if (batch.latency) {
        // Warm-up: fill the OS and Xapian caches so that the first queries are not outliers.
        for (std::size_t i = 0; i < std::min(batch.warmup, queries.size()); ++i) {
            try {
                (void)run_one(queries[i]);
            } catch (const QueryError&) {
            }
        }
    }

    std::vector<double> latencies;
    std::vector<double> cpu_latencies;
    bool any_hits = false;
    bool any_error = false;
    for (const BatchQuery& q : queries) {
        SearchResult result;
        try {
            const auto start = std::chrono::steady_clock::now();
            const double cpu_start = thread_cpu_ms();
            result = run_one(q);
            cpu_latencies.push_back(thread_cpu_ms() - cpu_start);
            const std::chrono::duration<double, std::milli> took =
                std::chrono::steady_clock::now() - start;
            latencies.push_back(took.count());
        } catch (const QueryError& e) {
            err << "fahras-query: error: stdin line " << q.line << ": " << e.what() << '\n';
            any_error = true;
            continue;
        }
        any_hits = any_hits || found(result, search);
        if (batch.format == BatchFormat::trec)
            write_trec(out, q.qid, result, batch.run_tag);
        else
            write_json(out, q.qid, result, search.facets);
    }
    out.flush();
    if (batch.latency) {
        // The CPU line follows: bench.sh and eval.sh read the first by its prefix.
        for (const auto& [name, ms] :
             {std::pair{"LATENCY_MS", &latencies}, std::pair{"LATENCY_CPU_MS", &cpu_latencies}}) {
            const LatencyStats s = latency_stats(*ms);
            err << name << " n=" << s.n << " p50=" << format_ms(s.p50)
                << " p95=" << format_ms(s.p95) << " mean=" << format_ms(s.mean) << '\n';
        }
    }
    if (any_error) return query_error;
    return any_hits ? query_hits : query_no_hits;
}

}  // namespace fahras
