#pragma once
// The one Asio timer that drives the deployment engine in real-clock mode (DESIGN §3). It is
// armed for the wall-clock instant of the engine's next due transition; when it fires, the
// engine catches up and the timer is re-armed. Whenever the schedule changes (a job created,
// canceled, the clock's mode or scale changed) the api calls schedule.changed, which posts one
// re-arm. In manual mode the timer stays idle: time moves only through the control API.
// Owned by the io_context thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "api/state.hpp"
#include "server/observability/logger.hpp"

namespace rml::server {

class engine_timer {
public:
    engine_timer(boost::asio::io_context& io, api::state& st, observability::logger& log);
    // Coalesced: many calls before the io_context runs again re-arm once.
    void request_rearm();
    void stop();

private:
    void rearm();
    void fire();

    boost::asio::io_context& io_;
    api::state& st_;
    observability::logger& log_;
    boost::asio::steady_timer timer_;
    bool rearm_posted_ = false;
    bool stopped_ = false;
    // After a failed catch-up (disk full, database locked, any store error) the next try waits
    // first_backoff_ms, doubling up to max_backoff_ms; 0 while writes succeed.
    static constexpr std::int64_t first_backoff_ms = 50, max_backoff_ms = 5000;
    static constexpr std::int64_t max_delay_ms = 3600 * 1000;  // a far transition: re-armed hourly
    std::int64_t backoff_ms_ = 0;
};

}  // namespace rml::server
