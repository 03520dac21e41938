#pragma once
// The server's one state object, made in main and passed to every connection. Everything in it
// is owned by the single thread that runs the io_context: handlers run to completion between
// suspension points, so no locking is needed.
#include <chrono>
#include <list>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "api/service.hpp"
#include "server/config.hpp"
#include "server/job_waiters.hpp"
#include "server/journal.hpp"
#include "server/logger.hpp"
#include "server/metrics.hpp"
#include "api/uuid.hpp"

namespace rml::server {

// A live connection, so shutdown can close the idle ones.
struct connection {
    boost::beast::tcp_stream* stream;
    bool busy = false;  // a request is being handled or its response written
};

struct app_state {
    app_state(const config& c, boost::asio::io_context& i, logger& l, api::service& s)
        : cfg(c), io(i), log(l), service(s), journal(c.journal_size), metrics(service_operation_names()) {}

    const config& cfg;
    boost::asio::io_context& io;
    logger& log;
    api::service& service;
    api::uuid_source ids;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool stopping = false;
    std::list<connection> connections;
    job_waiters waiters;  // GET /_emulator/wait
    server::journal journal;  // GET /_emulator/requests
    server::metrics metrics;  // GET /_emulator/metrics
};

}  // namespace rml::server
