#pragma once
// The server's one state object, made in main and passed to every connection. Everything in it
// is owned by the single thread that runs the io_context: handlers run to completion between
// suspension points, so no locking is needed.
#include <chrono>
#include <list>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "api/service.hpp"
#include "server/config/config.hpp"
#include "server/control/job_waiters.hpp"
#include "server/observability/journal.hpp"
#include "server/observability/logger.hpp"
#include "server/observability/metrics.hpp"
#include "api/uuid.hpp"

namespace rml::server {

// A live connection, so shutdown can close the idle ones.
struct connection {
    boost::beast::tcp_stream* stream;
    bool busy = false;  // a request is being handled or its response written
};

struct app_state {
    app_state(const config::options& c, boost::asio::io_context& i, observability::logger& l, api::service& s)
        : cfg(c), io(i), log(l), service(s), journal(c.journal_size), metrics(observability::service_operation_names()) {}

    const config::options& cfg;
    boost::asio::io_context& io;
    observability::logger& log;
    api::service& service;
    api::uuid_source ids;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool stopping = false;
    std::set<std::string> warned_keys;  // real-looking AWS access keys already warned about (once each)
    std::list<connection> connections;
    control::job_waiters waiters;  // GET /_emulator/wait
    observability::journal journal;  // GET /_emulator/requests
    observability::metrics metrics;  // GET /_emulator/metrics
};

}  // namespace rml::server
