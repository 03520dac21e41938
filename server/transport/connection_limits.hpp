#pragma once
// The live connections and the cap on how many there are (--max-connections), so that a flood
// of idle or half-sent connections cannot starve a fresh request (SEMANTICS §10).
//
// Every connection is in one phase: idle (waiting for the first byte of its next request),
// reading (a request has started arriving), or handling (the request runs or its response is
// being written). Only idle connections may be closed to make room: they have nothing in
// flight, and an HTTP client retries a request on a kept-alive connection the server closed.
// The list is in order of last activity (a connection moves to the back when a request
// finishes), so eviction takes the least recently active idle connection first.
//
// Connections over the cap that find no idle one to evict are "overflow" connections: they are
// kept apart, not counted against the cap, answered by transport/overflow.hpp and closed.
//
// Timeouts: each connection has a deadline for the read or write it is waiting on (none while
// its request is handled); close_expired(), called by the listener's sweeper every
// `sweep_interval`, closes the sockets whose deadline passed, and the session then ends as on
// any failed read or write. One periodic sweep costs less than arming and cancelling a timer for
// every read and write (bench/README.md), and a deadline is met to within one interval.
//
// Owned by the io_context thread; no locking.
#include <chrono>
#include <cstddef>
#include <list>
#include <string>

#include <boost/asio/ip/tcp.hpp>

namespace rml::server::transport {

constexpr std::chrono::milliseconds sweep_interval{100};

struct connection {
    using clock = std::chrono::steady_clock;
    enum class phase { idle, reading, handling };
    boost::asio::ip::tcp::socket* socket;
    phase state = phase::idle;
    clock::time_point deadline = clock::time_point::max();

    // The next read or write must finish within d.
    void expires_after(clock::duration d) { deadline = clock::now() + d; }
    void expires_never() { deadline = clock::time_point::max(); }
};

class connection_table {
public:
    using handle = std::list<connection>::iterator;

    // cap: connections served at once (>= 1); overflow_cap: over-cap connections being
    // answered at once; beyond both, a new connection is closed without an answer.
    explicit connection_table(std::size_t cap, std::size_t overflow_cap = 16) : cap_(cap), overflow_cap_(overflow_cap) {}

    handle add(boost::asio::ip::tcp::socket& s);
    void remove(handle h) { live_.erase(h); }
    // The connection finished a request: it becomes the most recently active.
    void touch(handle h) { live_.splice(live_.end(), live_, h); }

    handle add_overflow(boost::asio::ip::tcp::socket& s) { return overflow_.insert(overflow_.end(), connection{&s}); }
    void remove_overflow(handle h) { overflow_.erase(h); }
    bool overflow_full() const { return overflow_.size() >= overflow_cap_; }

    std::size_t size() const { return live_.size(); }
    std::size_t cap() const { return cap_; }
    void set_cap(std::size_t cap) { cap_ = cap < 1 ? 1 : cap; }
    bool full() const { return live_.size() >= cap_; }
    bool empty() const { return live_.empty() && overflow_.empty(); }

    // Closes the socket of the least recently active idle connection (its session then ends
    // and leaves the table); false when no connection is idle.
    bool evict_idle();
    // Closes the socket of every connection whose deadline is before now; returns how many.
    std::size_t close_expired(connection::clock::time_point now);
    // Shutdown: close idle and overflow connections; close_all closes every socket.
    void close_idle();
    void close_all();

private:
    std::size_t cap_;
    std::size_t overflow_cap_;
    std::list<connection> live_;
    std::list<connection> overflow_;
};

// File descriptors kept free for the database, the log, the acceptor and the overflow answers.
constexpr std::size_t reserved_fds = 48;

// The cap to use for `configured` connections: first raises the soft RLIMIT_NOFILE towards the
// hard limit as far as configured + reserved_fds needs, then lowers the cap to what the limit
// leaves (at least 1). `note` is set to a line for the log when the cap was lowered.
std::size_t fit_cap_to_fd_limit(std::size_t configured, std::string& note);

}  // namespace rml::server::transport
