#include "server/observability/log_sink.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace rml::server::observability {
namespace {

std::int64_t steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

log_sink::log_sink(int fd, std::function<std::string(std::uint64_t)> dropped_line, std::size_t max_lines,
                   std::size_t max_bytes)
    : fd_(fd), dropped_line_(std::move(dropped_line)), max_lines_(max_lines), max_bytes_(max_bytes) {}

log_sink::~log_sink() { stop(); }

void log_sink::start() {
    if (writer_.joinable()) return;
    writer_ = std::thread([this] { run(); });
}

void log_sink::push(std::string line) {
    line += '\n';
    std::lock_guard lk(mu_);
    // Once a line is dropped, every line is until the writer has reported the gap, so the
    // "dropped" line stands exactly where the lines are missing.
    if (dropped_unreported_ > 0 || pending_lines_ + 1 > max_lines_ || pending_bytes_ + line.size() > max_bytes_) {
        ++dropped_total_;
        if (++dropped_unreported_ == 1 && writer_parked_) wake_.notify_one();  // report the gap once it can
        return;
    }
    ++pending_lines_;
    pending_bytes_ += line.size();
    queue_.push_back(std::move(line));
    if (writer_parked_) {  // otherwise the writer is writing or lingering and takes this line next
        writer_parked_ = false;
        wake_.notify_one();
    }
}

std::uint64_t log_sink::dropped_total() const {
    std::lock_guard lk(mu_);
    return dropped_total_;
}

void log_sink::stop(int timeout_ms) {
    if (!writer_.joinable()) return;
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
        deadline_ms_ = steady_ms() + timeout_ms;
    }
    wake_.notify_one();
    writer_.join();
}

void log_sink::run() {
    // A reader that closed its end makes write() fail with EPIPE here instead of killing the process.
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);

    std::vector<std::string> batch;
    std::string data;
    std::unique_lock lk(mu_);
    while (true) {
        auto ready = [this] { return !queue_.empty() || stopping_ || dropped_unreported_ > 0; };
        if (!ready()) {
            writer_parked_ = true;
            wake_.wait(lk, ready);
            writer_parked_ = false;
        }
        if (queue_.empty() && dropped_unreported_ == 0) return;  // stopping, all written
        batch.swap(queue_);
        lk.unlock();

        data.clear();
        std::size_t bytes = 0;
        for (const auto& line : batch) bytes += line.size();
        data.reserve(bytes);
        for (const auto& line : batch) data += line;
        bool written = data.empty() || write_out(data);

        lk.lock();
        pending_lines_ -= batch.size();
        pending_bytes_ -= bytes;
        if (!written) dropped_total_ += batch.size();  // not written, in whole or in part
        std::uint64_t gap = dropped_unreported_;
        dropped_unreported_ = 0;
        bool give_up = !written && (stopping_ || fd_gone_);
        lk.unlock();
        batch.clear();
        if (gap > 0 && !give_up) write_out(dropped_line_(gap) + "\n");
        lk.lock();
        if (give_up) return;
        // Linger, so lines pushed meanwhile are written together (stop() cuts it short).
        wake_.wait_for(lk, std::chrono::milliseconds(linger_ms), [this] { return stopping_; });
    }
}

bool log_sink::write_out(const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
        if (fd_gone_) return false;
        pollfd p{fd_, POLLOUT, 0};
        int r = poll(&p, 1, 100);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || (p.revents & POLLOUT) == 0) {
            if (r > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL))) {
                fd_gone_ = true;
                return false;
            }
            std::lock_guard lk(mu_);
            if (stopping_ && steady_ms() > deadline_ms_) return false;
            continue;
        }
        // At most one pipe buffer page: POLLOUT promises room for that much, so this does not block.
        std::size_t chunk = std::min<std::size_t>(data.size() - off, 4096);
        ssize_t n = ::write(fd_, data.data() + off, chunk);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            fd_gone_ = true;
            return false;
        }
        off += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace rml::server::observability
