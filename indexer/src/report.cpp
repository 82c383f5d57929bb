// SPDX-License-Identifier: GPL-3.0-or-later
// What a run tells its user: the summary line, the --report JSON, the progress line.
#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/progress.hpp"

namespace fahras {

std::string format_summary(const IndexSummary& s) {
    const double rate = s.seconds > 0 ? static_cast<double>(s.indexed + s.replaced) / s.seconds : 0;
    char timing[96];
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f articles/s, %.2f MB/s)", s.seconds, rate,
                  s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0);
    std::string out =
        "fahras-index: " + std::to_string(s.files) + " files: " + std::to_string(s.indexed) +
        " indexed, " + std::to_string(s.replaced) + " replaced, " + std::to_string(s.skipped) +
        " skipped, " + std::to_string(s.failed) + " failed, " +
        (s.warnings != 0 ? std::to_string(s.warnings) + " warnings, " : "") +
        std::to_string(s.deleted) + " deleted, " + std::to_string(s.unchanged) + " unchanged";
    if (s.duplicates != 0) {
        out += " (" + std::to_string(s.duplicates) + " duplicate id(s), the later kept)";
    }
    if (s.known_failed != 0) {
        out += " (" + std::to_string(s.known_failed) + " failed file(s) unchanged, not retried)";
    }
    out += timing;
    if (s.interrupted) out += "; " + interrupted_message(s);
    return out;
}

std::string interrupted_message(const IndexSummary& s) {
    return s.rebuild ? "interrupted: the new database was discarded; the live database is "
                       "untouched; run the rebuild again"
                     : "interrupted: committed what was done; run again to finish";
}

std::string summary_json(const IndexSummary& s, const IndexOptions& options) {
    nlohmann::json failures = nlohmann::json::array();
    for (const InputFailure& f : s.failures) {
        nlohmann::json j = {{"path", f.path}, {"reason", f.reason}};
        if (f.line != 0) j["line"] = f.line;
        failures.push_back(std::move(j));
    }
    const nlohmann::json report = {
        {"db", options.db},
        {"rebuild", options.rebuild},
        {"shards", s.shards},
        {"exit_status", s.exit_status()},
        {"interrupted", s.interrupted},
        {"added", s.indexed},
        {"updated", s.replaced},
        {"deleted", s.deleted},
        {"unchanged", s.unchanged},
        {"failed", s.failed},
        {"duplicate_ids", s.duplicates},
        {"warnings", s.warnings},
        {"changes", s.changes()},
        {"files",
         {{"seen", s.files},
          {"unchanged", s.files_unchanged},
          {"skipped", s.skipped},
          {"known_failed", s.known_failed}}},
        {"failures", failures},
        {"commits", s.commits},
        {"bytes_analysed", s.bytes},
        {"durations",
         {{"total", s.seconds},
          {"scan", s.scan_seconds},
          {"index", s.index_seconds},
          {"delete", s.delete_seconds},
          {"commit", s.commit_seconds},
          {"publish", s.publish_seconds}}},
        {"cpu",
         {{"reader", s.cpu.reader},
          {"analysis", s.cpu.analysis},
          {"writer", s.cpu.writer},
          {"commit", s.cpu.commit},
          {"boilerplate", s.cpu.boilerplate},
          {"process", s.cpu.process}}},
        {"waits", {{"writer", s.waits.writer}, {"reader", s.waits.reader}}},
    };
    return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

Progress::Progress(std::ostream& out, bool enabled, std::size_t files, std::uintmax_t bytes,
                   std::chrono::milliseconds interval)
    : m_out(out),
      m_enabled(enabled),
      m_files_total(files),
      m_bytes_total(bytes),
      m_interval(interval),
      m_start(std::chrono::steady_clock::now()),
      m_last_draw(m_start) {}

bool Progress::due() {
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last_draw < m_interval) return false;
    m_last_draw = now;
    return true;
}

void Progress::file_done(std::uintmax_t bytes, std::size_t articles) {
    ++m_files;
    m_bytes += bytes;
    m_articles = articles;
    m_file.clear();
    m_file_records = 0;
    if (!m_enabled) return;
    if (!due() && m_files != m_files_total) return;
    draw();
}

void Progress::record_done(const std::string& shown, std::size_t articles) {
    if (shown != m_file) {
        m_file = shown;
        m_file_records = 0;
    }
    ++m_file_records;
    m_articles = articles;
    if (m_enabled && due()) draw();
}

void Progress::draw() {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const double rate = elapsed > 0 ? static_cast<double>(m_articles) / elapsed : 0;
    const double done =
        m_bytes_total > 0 ? static_cast<double>(m_bytes) / static_cast<double>(m_bytes_total) : 1.0;
    char line[160];
    if (done > 0 && done < 1) {
        const long eta = static_cast<long>(elapsed / done - elapsed);
        std::snprintf(
            line, sizeof line,
            "\r\033[K%zu/%zu files (%3.0f%%), %zu articles, %.0f articles/s, ETA %ld:%02ld",
            m_files, m_files_total, done * 100, m_articles, rate, eta / 60, eta % 60);
    } else {
        std::snprintf(line, sizeof line,
                      "\r\033[K%zu/%zu files (%3.0f%%), %zu articles, %.0f articles/s", m_files,
                      m_files_total, done * 100, m_articles, rate);
    }
    m_out << line;
    if (!m_file.empty()) {
        // The file being read, by its name only (a path can be long): "; big.jsonl.gz: 12000
        // records".
        const std::size_t slash = m_file.rfind('/');
        m_out << "; " << (slash == std::string::npos ? m_file : m_file.substr(slash + 1)) << ": "
              << m_file_records << " records";
    }
    m_out << std::flush;
    m_drawn = true;
}

void Progress::clear() {
    if (!m_drawn) return;
    m_out << "\r\033[K" << std::flush;
    m_drawn = false;
}

}  // namespace fahras
