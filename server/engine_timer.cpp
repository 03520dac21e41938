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
    auto wall_ms = static_cast<std::int64_t>(std::ceil(std::max(0.0, sim_ms) / st_.clock.scale()));
    timer_.expires_after(std::chrono::milliseconds(wall_ms));
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) fire();
    });
}

void engine_timer::fire() {
    try {
        api::engine::catch_up(st_);
    } catch (const std::exception& e) {
        log_.message(observability::log_level::error, std::string("deployment engine: ") + e.what());
    }
    rearm();
}

}  // namespace rml::server
