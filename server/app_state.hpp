#pragma once
// The server's one state object, made in main and passed to every connection. Everything in it
// is owned by the single thread that runs the io_context: handlers run to completion between
// suspension points, so no locking is needed.
#include <chrono>
#include <list>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "api/service.hpp"
#include "server/config/config.hpp"
#include "server/control/job_waiters.hpp"
#include "server/observability/journal.hpp"
#include "server/observability/logger.hpp"
#include "server/observability/metrics.hpp"
#include "server/transport/buffer_budget.hpp"
#include "server/transport/connection_limits.hpp"
#include "api/uuid.hpp"
#include "store/snapshot_store.hpp"

namespace rml::server {

struct app_state {
    app_state(const config::options& c, boost::asio::io_context& i, observability::logger& l, api::service& s)
        : cfg(c), io(i), log(l), service(s), connections(static_cast<std::size_t>(c.max_connections)),
          budget(static_cast<std::size_t>(c.max_buffered_bytes)), journal(c.journal_size),
          metrics(observability::service_operation_names()), snapshots(config::snapshot_directory(c)) {}

    const config::options& cfg;
    boost::asio::io_context& io;
    observability::logger& log;
    api::service& service;
    api::uuid_source ids;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool stopping = false;  // SIGINT/SIGTERM: no new connections, no more keep-alive
    std::set<std::string> warned_keys;  // real-looking AWS access keys already warned about (once each)
    transport::connection_table connections;  // --max-connections
    transport::buffer_budget budget;  // --max-buffered-bytes, request bodies across connections
    std::list<boost::asio::steady_timer*> delays;  // injected latencies in flight, cut at shutdown
    control::job_waiters waiters;  // GET /_emulator/wait
    observability::journal journal;  // GET /_emulator/requests
    observability::metrics metrics;  // GET /_emulator/metrics
    store::snapshot_store snapshots;  // /_emulator/snapshots (--snapshot-dir)
};

}  // namespace rml::server
