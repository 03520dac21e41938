#include "server/transport/connection_limits.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace rml::server::transport {

connection_table::handle connection_table::add(boost::asio::ip::tcp::socket& s) {
    return live_.insert(live_.end(), connection{&s});
}

bool connection_table::evict_idle() {
    for (auto& c : live_) {
        if (c.state != connection::phase::idle) continue;
        boost::system::error_code ignored;
        c.socket->close(ignored);  // frees the descriptor now; the session sees the abort
        // Not idle any more: a second eviction before the session ends must pick another one.
        c.state = connection::phase::handling;
        return true;
    }
    return false;
}

std::size_t connection_table::close_expired(connection::clock::time_point now) {
    std::size_t closed = 0;
    boost::system::error_code ignored;
    for (auto* list : {&live_, &overflow_}) {
        for (auto& c : *list) {
            if (c.deadline > now) continue;
            c.socket->close(ignored);  // the pending read or write ends with an error
            c.expires_never();
            ++closed;
        }
    }
    return closed;
}

void connection_table::close_idle() {
    boost::system::error_code ignored;
    for (auto& c : live_) {
        if (c.state == connection::phase::idle) c.socket->close(ignored);
    }
    for (auto& c : overflow_) c.socket->close(ignored);
}

void connection_table::close_all() {
    boost::system::error_code ignored;
    for (auto& c : live_) c.socket->close(ignored);
    for (auto& c : overflow_) c.socket->close(ignored);
}

std::size_t fit_cap_to_fd_limit(std::size_t configured, std::string& note) {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return configured;
    rlim_t wanted = static_cast<rlim_t>(configured + reserved_fds);
    if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < wanted) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, lim.rlim_max);
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
    }
    if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= wanted) return configured;
    std::size_t cap = lim.rlim_cur > reserved_fds + 1 ? static_cast<std::size_t>(lim.rlim_cur) - reserved_fds : 1;
    note = "max-connections lowered from " + std::to_string(configured) + " to " + std::to_string(cap) +
           " to fit the open-file limit of " + std::to_string(lim.rlim_cur) + " (ulimit -n)";
    return cap;
}

}  // namespace rml::server::transport
