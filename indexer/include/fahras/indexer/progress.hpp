// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace fahras {

/// A one-line progress display for a terminal: files done, articles, rate and ETA (from the
/// bytes left), and the records read of the file being read (a large JSON Lines file takes
/// minutes), redrawn at most every `interval`. Does nothing when not enabled (cron).
class Progress {
  public:
    Progress(std::ostream& out, bool enabled, std::size_t files, std::uintmax_t bytes,
             std::chrono::milliseconds interval = std::chrono::milliseconds(250));
    /// One more file done, `bytes` long; `articles` so far.
    void file_done(std::uintmax_t bytes, std::size_t articles);
    /// One more record of the file `shown` (being read); `articles` so far.
    void record_done(const std::string& shown, std::size_t articles);
    /// Erases the line, so that a message printed next starts on a fresh line; the line comes
    /// back at the next update.
    void clear();
    /// Clears the line.
    void finish() { clear(); }

  private:
    void draw();
    [[nodiscard]] bool due();

    std::ostream& m_out;
    bool m_enabled;
    std::size_t m_files_total;
    std::uintmax_t m_bytes_total;
    std::size_t m_files = 0;
    std::uintmax_t m_bytes = 0;
    std::size_t m_articles = 0;
    std::string m_file;  ///< the file being read ("" between files)
    std::size_t m_file_records = 0;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
    bool m_drawn = false;
};

}  // namespace fahras
