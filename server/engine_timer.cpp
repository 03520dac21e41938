#include "server/engine_timer.hpp"

#include <cmath>

#include <boost/asio/post.hpp>

#include "api/engine/engine.hpp"

namespace rml::server {

engine_timer::engine_timer(boost::asio::io_context& io, api::state& st, observability::logger& log)
    : io_(io), st_(st), log_(log), timer_(io) {}

void engine_timer::request_rearm() {
    if (rearm_posted_ || stopped_) return;
    rearm_posted_ = true;
    boost::asio::post(io_, [this] {
        rearm_posted_ = false;
        rearm();
    });
}

void engine_timer::stop() {
    stopped_ = true;
    timer_.cancel();
}

void engine_timer::rearm() {
    if (stopped_) return;
    std::optional<std::int64_t> due;
    if (st_.clock.mode() == api::engine::clock_mode::real) due = api::engine::next_due(st_);
    timer_.cancel();
    if (!due) return;
    double sim_ms = static_cast<double>(*due - st_.clock.now_ms());
    // Clamped: at most an hour (re-armed then), and never sooner than the failure backoff.
    double wall = std::ceil(std::max(0.0, sim_ms) / st_.clock.scale());
    auto wall_ms = static_cast<std::int64_t>(std::min(wall, static_cast<double>(max_delay_ms)));
    wall_ms = std::max(wall_ms, backoff_ms_);
    timer_.expires_after(std::chrono::milliseconds(wall_ms));
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) fire();
    });
}

void engine_timer::fire() {
    try {
        api::engine::catch_up(st_);
        if (backoff_ms_ > 0) {
            log_.message(observability::log_level::info, "deployment engine: writing again after a store failure");
        }
        backoff_ms_ = 0;
    } catch (const std::exception& e) {
        st_.schedule.invalidate();
        if (backoff_ms_ == 0) {  // one line per change of state, not per retry
            log_.message(observability::log_level::error,
                         std::string("deployment engine: ") + e.what() + "; retrying with a backoff up to 5 s");
        }
        backoff_ms_ = backoff_ms_ == 0 ? first_backoff_ms : std::min(backoff_ms_ * 2, max_backoff_ms);
    }
    rearm();
}

}  // namespace rml::server
