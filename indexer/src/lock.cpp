// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

namespace fahras {

namespace {

/// The holder's note: "pid N since 2026-11-23T11:00:00Z", or "" when unreadable.
std::string read_note(int fd) {
    char buf[256];
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return {};
    std::string note(buf, static_cast<std::size_t>(n));
    while (!note.empty() && (note.back() == '\n' || note.back() == '\0')) note.pop_back();
    return note;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

}  // namespace

std::string lock_file_of(const std::string& db) {
    std::string base = db;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    return base + ".lock";
}

DbLock::DbLock(const std::string& db, double wait_seconds) {
    const std::string path = lock_file_of(db);
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        throw DatabaseError("cannot create lock file " + path + ": " + std::strerror(errno));
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(wait_seconds));
    for (;;) {
        if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const int saved = errno;
            ::close(m_fd);
            throw DatabaseError("cannot lock " + path + ": " + std::strerror(saved));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string note = read_note(m_fd);
            ::close(m_fd);
            m_fd = -1;
            // The note reads "pid N since T"; turn it into the documented message.
            std::string who = "another fahras-index";
            if (note.rfind("pid ", 0) == 0) {
                const std::size_t since = note.find(" since ");
                who += ", " + note.substr(0, since);
                if (since != std::string::npos) who += ", since " + note.substr(since + 7);
            }
            std::string msg = "database is being updated by " + who + " (" + db + ")";
            if (wait_seconds > 0)
                msg += " (waited " + std::to_string(static_cast<long>(wait_seconds)) + " s)";
            throw LockedError(msg);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string note = "pid " + std::to_string(::getpid()) + " since " + utc_now() + "\n";
    if (::ftruncate(m_fd, 0) != 0 ||
        ::pwrite(m_fd, note.data(), note.size(), 0) != static_cast<ssize_t>(note.size())) {
        // The lock is held all the same; only the note for others is missing.
    }
}

DbLock::~DbLock() {
    if (m_fd >= 0) ::close(m_fd);  // releases the flock
}

}  // namespace fahras
