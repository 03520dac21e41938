#pragma once
// Where log lines go: a bounded queue drained to stdout by a writer thread of its own, so a slow
// or stuck reader of stdout never blocks the io_context (docs/observability.md, "Logs").
//
// Threads: push(), dropped_total(), start() and stop() are called by the io_context thread (or
// main before/after it runs); the writer thread only writes. The queue and the counters are
// shared under mu_; the writer never holds mu_ while it writes. Asio's own threads stay disabled:
// the writer thread touches no Asio object.
//
// Bound: lines not yet written (queued or in the batch being written) stay under max_lines and
// max_bytes; a line that does not fit is dropped and counted. After the writer has written what
// it had, it writes one line (made by the `dropped_line` callback, on the writer thread) telling
// how many lines were dropped since the last such line.
//
// Cost on the io_context: push() wakes the writer only when it is parked on an empty queue. After
// each write the writer lingers (linger_ms) before taking the next batch, so under load lines are
// written in batches, a few hundred writes a second at most, instead of one wake-up and one write
// per request. A line reaches the fd at most about linger_ms after it was pushed.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rml::server::observability {

class log_sink {
public:
    static constexpr std::size_t default_max_lines = 10'000;
    static constexpr std::size_t default_max_bytes = 4 * 1024 * 1024;
    static constexpr int linger_ms = 5;

    // fd: where lines go (1 = stdout). dropped_line(n) makes the line (without '\n') reporting n
    // dropped lines; it must be safe to call on the writer thread.
    log_sink(int fd, std::function<std::string(std::uint64_t)> dropped_line,
             std::size_t max_lines = default_max_lines, std::size_t max_bytes = default_max_bytes);
    ~log_sink();  // stop(default timeout) when still running
    log_sink(const log_sink&) = delete;
    log_sink& operator=(const log_sink&) = delete;

    // Starts the writer thread. Lines pushed before are held (within the bound) until then, so a
    // line written synchronously before start() (the "listening" line) comes first.
    void start();
    // Queues one line (a '\n' is added) or drops it when it does not fit. Never blocks on the fd.
    void push(std::string line);
    // Lines dropped since the process started.
    std::uint64_t dropped_total() const;
    // Writes what is queued, then ends the writer thread. Gives up on what is left once `timeout`
    // has passed without the fd taking it (a stuck pipe), so it returns within about timeout.
    void stop(int timeout_ms = 2000);

private:
    void run();
    bool write_out(const std::string& data);  // false when given up (stop deadline) or fd gone

    int fd_;
    std::function<std::string(std::uint64_t)> dropped_line_;
    std::size_t max_lines_;
    std::size_t max_bytes_;

    mutable std::mutex mu_;
    std::condition_variable wake_;
    std::vector<std::string> queue_;     // guarded by mu_
    std::size_t pending_lines_ = 0;      // guarded by mu_: queued + being written
    std::size_t pending_bytes_ = 0;      // guarded by mu_
    std::uint64_t dropped_total_ = 0;    // guarded by mu_
    std::uint64_t dropped_unreported_ = 0;  // guarded by mu_
    bool stopping_ = false;              // guarded by mu_
    bool writer_parked_ = false;         // guarded by mu_: the writer waits on an empty queue
    std::int64_t deadline_ms_ = 0;       // guarded by mu_: steady-clock ms after which stop() gives up
    bool fd_gone_ = false;               // writer thread only: a write failed for good (EPIPE…)
    std::thread writer_;                 // joined by stop()
};

}  // namespace rml::server::observability
