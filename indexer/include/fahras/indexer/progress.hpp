// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>

namespace fahras {

/// A one-line progress display for a terminal: files done, articles, rate and ETA (from the
/// bytes left), redrawn at most a few times a second. Does nothing when not enabled (cron).
class Progress {
  public:
    Progress(std::ostream& out, bool enabled, std::size_t files, std::uintmax_t bytes);
    /// One more file done, `bytes` long; `articles` so far.
    void file_done(std::uintmax_t bytes, std::size_t articles);
    /// Clears the line.
    void finish();

  private:
    void draw();

    std::ostream& m_out;
    bool m_enabled;
    std::size_t m_files_total;
    std::uintmax_t m_bytes_total;
    std::size_t m_files = 0;
    std::uintmax_t m_bytes = 0;
    std::size_t m_articles = 0;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
    bool m_drawn = false;
};

}  // namespace fahras
