// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// CPU time, the measure of work that the load of a shared machine does not distort (a thread
// that waits for a core or a lock is not charged for the wait), and the share of the CPU a
// thread gets.

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <ctime>

namespace fahras {

/// CPU seconds the calling thread has used so far (POSIX CLOCK_THREAD_CPUTIME_ID).
inline double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// CPU seconds, user + system, the whole process has used so far (getrusage RUSAGE_SELF).
inline double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const auto secs = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    return secs(ru.ru_utime) + secs(ru.ru_stime);
}

/// Lowers the calling thread's scheduling priority by `steps` nice levels (at most to 19), so
/// that it runs on what the process's other threads leave of the CPU (Linux: a thread's own
/// nice value, setpriority on its thread id). Best effort: returns whether it worked.
inline bool lower_thread_priority(int steps) {
    const auto tid = static_cast<id_t>(gettid());
    const int now = getpriority(PRIO_PROCESS, tid);
    return setpriority(PRIO_PROCESS, tid, now + steps > 19 ? 19 : now + steps) == 0;
}

/// A sum of seconds that several threads add to at once.
class SharedSeconds {
  public:
    void add(double seconds) {
        m_ns.fetch_add(static_cast<std::int64_t>(seconds * 1e9), std::memory_order_relaxed);
    }
    [[nodiscard]] double seconds() const {
        return static_cast<double>(m_ns.load(std::memory_order_relaxed)) / 1e9;
    }

  private:
    std::atomic<std::int64_t> m_ns{0};
};

}  // namespace fahras
