// SPDX-License-Identifier: GPL-3.0-or-later
// The ordered worker pipeline of the indexer: results in input order whatever the
// workers' timing, bounded in-flight items (backpressure), errors rethrown in place, cancel.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "fahras/common/cpu_time.hpp"
#include "fahras/indexer/pipeline.hpp"

using fahras::lower_thread_priority;
using fahras::OrderedPipeline;

namespace {

/// Items whose index is a multiple of 3 take longest, so later items finish first.
int slow_square(int& v) {
    if (v % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return v * v;
}

}  // namespace

TEST_CASE("pipeline: results come out in input order", "[pipeline]") {
    for (const std::size_t workers : {0u, 1u, 3u, 4u}) {
        for (const std::size_t capacity : {1u, 2u, 7u, 64u}) {
            CAPTURE(workers, capacity);
            OrderedPipeline<int, int> p(slow_square, workers, capacity);
            std::thread producer([&] {
                for (int i = 0; i < 60; ++i) REQUIRE(p.push(i));
                p.close();
            });
            std::vector<int> got;
            while (auto r = p.next()) got.push_back(*r);
            producer.join();
            REQUIRE(got.size() == 60);
            for (int i = 0; i < 60; ++i) REQUIRE(got[static_cast<std::size_t>(i)] == i * i);
        }
    }
}

TEST_CASE("pipeline: a slow consumer holds the producer at the capacity", "[pipeline]") {
    constexpr std::size_t capacity = 5;
    OrderedPipeline<int, int> p([](int& v) { return v; }, 2, capacity);
    std::atomic<int> pushed{0};
    std::thread producer([&] {
        for (int i = 0; i < 40; ++i) {
            if (!p.push(i)) break;
            ++pushed;
        }
        p.close();
    });
    // Nothing is taken yet: the producer must stop at `capacity` items.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(pushed.load() == static_cast<int>(capacity));
    REQUIRE(p.in_flight_now() == capacity);
    // Each item taken lets exactly one more in.
    REQUIRE(p.next() == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(pushed.load() == static_cast<int>(capacity) + 1);
    int expected = 1;
    while (auto r = p.next()) {
        REQUIRE(*r == expected++);
        REQUIRE(p.in_flight_now() <= capacity);
    }
    producer.join();
    REQUIRE(expected == 40);
}

TEST_CASE("pipeline: an exception comes out at its item's place", "[pipeline]") {
    for (const std::size_t workers : {0u, 2u}) {
        OrderedPipeline<int, int> p(
            [](int& v) {
                if (v == 7) throw std::runtime_error("seven");
                return v;
            },
            workers, 4);
        std::thread producer([&] {
            for (int i = 0; i < 20; ++i) {
                if (!p.push(i)) break;
            }
            p.close();
        });
        int taken = 0;
        try {
            while (auto r = p.next()) {
                REQUIRE(*r == taken);
                ++taken;
            }
            FAIL("no exception");
        } catch (const std::runtime_error& e) {
            REQUIRE(std::string(e.what()) == "seven");
        }
        REQUIRE(taken == 7);
        p.cancel();  // the producer, blocked on a full pipeline, gives up
        producer.join();
        REQUIRE_FALSE(p.next().has_value());
    }
}

TEST_CASE("pipeline: the weight in flight is bounded too, a heavy item let in alone",
          "[pipeline]") {
    // Weights: the item's value. Budget 10: items 4, 4 fit; the third (4) waits.
    OrderedPipeline<int, int> p([](int& v) { return v; }, 2, 100,
                                [](const int& v) { return static_cast<std::size_t>(v); }, 10);
    std::atomic<int> pushed{0};
    std::thread producer([&] {
        for (const int v : {4, 4, 4, 50, 1}) {
            if (!p.push(v)) break;
            ++pushed;
        }
        p.close();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(pushed.load() == 2);
    REQUIRE(p.next() == 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(pushed.load() == 3);  // 50 waits until it is alone
    REQUIRE(p.next() == 4);
    REQUIRE(p.next() == 4);
    REQUIRE(p.next() == 50);
    REQUIRE(p.next() == 1);
    REQUIRE_FALSE(p.next());
    producer.join();
}

TEST_CASE("pipeline: a thread can yield the CPU to the others", "[pipeline]") {
    const auto tid = [] { return static_cast<id_t>(gettid()); };
    const int caller_before = getpriority(PRIO_PROCESS, tid());
    int before = 0;
    int after = 0;
    bool lowered = false;
    std::thread worker([&] {
        before = getpriority(PRIO_PROCESS, tid());
        lowered = lower_thread_priority(5);
        after = getpriority(PRIO_PROCESS, tid());
    });
    worker.join();
    REQUIRE(lowered);
    CHECK(after == std::min(before + 5, 19));
    CHECK(getpriority(PRIO_PROCESS, tid()) == caller_before);  // only the calling thread
}
