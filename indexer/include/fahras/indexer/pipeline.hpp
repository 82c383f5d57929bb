// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The ordered worker pipeline of the indexer: one producer hands in items in input
// order, K worker threads transform them in any order, and one consumer takes the results out
// strictly in input order (a reorder buffer). Memory is bounded by the settings, not by the
// input: at most `capacity` items are in flight (queued, being transformed, or transformed and
// waiting for their turn), and at most `max_weight` of their weight (bytes of text, say) unless
// one item alone weighs more, so a slow consumer stops the producer (backpressure) and a slow
// item holds back at most `capacity` others.
//
// With zero workers the transform runs in the consumer's thread when it asks for the item:
// the same results in the same order, with no threads (`--threads 1`).

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace fahras {

/// An input-ordered parallel map. `In` and `Out` must be movable. `transform` must be safe to
/// call from several threads at once; an exception it throws is stored and rethrown by next()
/// in the consumer's thread, at the position of the item that threw.
template <class In, class Out>
class OrderedPipeline {
  public:
    using Transform = std::function<Out(In&)>;
    using Weight = std::function<std::size_t(const In&)>;

    /// `workers` threads (0: transform in next()), at most `capacity` (>= 1) items in flight
    /// and, with `weight`, at most `max_weight` of their weights (an item heavier than that
    /// alone is let in when nothing else is in flight).
    OrderedPipeline(Transform transform, std::size_t workers, std::size_t capacity,
                    Weight weight = {}, std::size_t max_weight = 0)
        : m_transform(std::move(transform)),
          m_capacity(capacity < 1 ? 1 : capacity),
          m_weight(std::move(weight)),
          m_max_weight(max_weight) {
        m_threads.reserve(workers);
        for (std::size_t i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(); });
    }

    OrderedPipeline(const OrderedPipeline&) = delete;
    OrderedPipeline& operator=(const OrderedPipeline&) = delete;

    /// Stops the workers; items not yet taken are dropped.
    ~OrderedPipeline() {
        cancel();
        for (std::thread& t : m_threads) t.join();
    }

    /// Hands in the next item; blocks while `capacity` items are in flight. Returns false when
    /// the pipeline was cancelled (the item is dropped). Producer thread only.
    bool push(In item) {
        const std::size_t w = m_weight ? m_weight(item) : 0;
        std::unique_lock lock(m_mutex);
        m_room.wait(lock, [&] {
            return m_cancelled ||
                   (in_flight() < m_capacity &&
                    (!m_weight || in_flight() == 0 || m_weight_in_flight + w <= m_max_weight));
        });
        if (m_cancelled) return false;
        m_slots.emplace_back();
        m_slots.back().input = std::move(item);
        m_slots.back().weight = w;
        m_weight_in_flight += w;
        m_pending.push_back(m_pushed++);
        m_work.notify_one();
        m_ready.notify_all();  // a consumer with no workers may be waiting for an item
        return true;
    }

    /// No more items will be pushed. Producer thread only.
    void close() {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
        m_work.notify_all();
    }

    /// Wakes and stops everyone: push() returns false, next() returns nothing.
    void cancel() {
        const std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_room.notify_all();
        m_ready.notify_all();
        m_work.notify_all();
    }

    /// The result of the next item in input order; blocks until it is transformed. Nothing
    /// when the producer closed the pipeline and every item was taken, or on cancel().
    /// Consumer thread only.
    std::optional<Out> next() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_cancelled) return std::nullopt;
            if (!m_slots.empty()) {
                Slot& front = m_slots.front();
                if (front.state == State::done) break;
                if (m_threads.empty() && front.state == State::queued) {
                    // No workers: transform here, in input order.
                    m_pending.pop_front();
                    front.state = State::working;
                    In input = std::move(front.input);
                    lock.unlock();
                    run(front, input);
                    lock.lock();
                    continue;
                }
            } else if (m_closed) {
                return std::nullopt;
            }
            m_ready.wait(lock);
        }
        Slot slot = std::move(m_slots.front());
        m_slots.pop_front();
        ++m_taken;
        m_weight_in_flight -= slot.weight;
        m_room.notify_one();
        lock.unlock();
        if (slot.error) std::rethrow_exception(slot.error);
        return std::move(*slot.output);
    }

    /// Items pushed and not yet taken by next().
    [[nodiscard]] std::size_t in_flight_now() const {
        const std::lock_guard lock(m_mutex);
        return in_flight();
    }

  private:
    enum class State : std::uint8_t { queued, working, done };
    struct Slot {
        In input{};
        std::optional<Out> output;
        std::exception_ptr error;
        std::size_t weight = 0;
        State state = State::queued;
    };

    [[nodiscard]] std::size_t in_flight() const { return m_pushed - m_taken; }

    /// Transforms one slot's input; the slot stays where it is in m_slots (a deque keeps
    /// references to its elements valid across push_back and pop_front of other elements).
    void run(Slot& slot, In& input) {
        std::optional<Out> out;
        std::exception_ptr error;
        try {
            out.emplace(m_transform(input));
        } catch (...) {
            error = std::current_exception();
        }
        const std::lock_guard lock(m_mutex);
        slot.output = std::move(out);
        slot.error = error;
        slot.state = State::done;
        m_ready.notify_all();
    }

    void work() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_work.wait(lock, [&] { return m_cancelled || !m_pending.empty() || m_closed; });
            if (m_cancelled) return;
            if (m_pending.empty()) {
                if (m_closed) return;
                continue;
            }
            const std::uint64_t seq = m_pending.front();
            m_pending.pop_front();
            Slot& slot = m_slots[static_cast<std::size_t>(seq - m_taken)];
            slot.state = State::working;
            In input = std::move(slot.input);
            lock.unlock();
            run(slot, input);
            lock.lock();
        }
    }

    Transform m_transform;
    std::size_t m_capacity;
    Weight m_weight;
    std::size_t m_max_weight;
    std::size_t m_weight_in_flight = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_room;       ///< producer: a slot became free
    std::condition_variable m_work;       ///< workers: an item was queued
    std::condition_variable m_ready;      ///< consumer: an item was transformed or pushed
    std::deque<Slot> m_slots;             ///< items m_taken … m_pushed-1, in input order
    std::deque<std::uint64_t> m_pending;  ///< sequence numbers not yet picked by a worker
    std::uint64_t m_pushed = 0;
    std::uint64_t m_taken = 0;
    bool m_closed = false;
    bool m_cancelled = false;
    std::vector<std::thread> m_threads;
};

/// Whatever happens in the consumer, stops `pipeline` (cancel()) and joins the thread that
/// feeds it, on leaving the scope.
template <class Pipeline>
struct StopAndJoin {
    Pipeline& pipeline;
    std::thread& feeder;
    ~StopAndJoin() {
        pipeline.cancel();
        feeder.join();
    }
};

}  // namespace fahras
