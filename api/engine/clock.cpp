#include "api/engine/clock.hpp"

#include <chrono>

namespace rml::api::engine {

clock::clock(clock_mode mode, double scale, wall_source wall)
    : mode_(mode), scale_(scale), wall_(std::move(wall)), origin_sim_ms_(wall_()), origin_wall_ms_(origin_sim_ms_) {}

std::int64_t clock::now_ms() const {
    if (mode_ == clock_mode::manual) return origin_sim_ms_;
    auto elapsed = static_cast<double>(wall_() - origin_wall_ms_);
    double now = static_cast<double>(origin_sim_ms_) + elapsed * scale_;
    return now >= static_cast<double>(max_sim_ms) ? max_sim_ms : static_cast<std::int64_t>(now);
}

void clock::rebase() {
    origin_sim_ms_ = now_ms();
    origin_wall_ms_ = wall_();
}

void clock::set_mode(clock_mode mode) {
    rebase();
    mode_ = mode;
}

void clock::set_scale(double scale) {
    rebase();
    scale_ = scale;
}

void clock::advance_ms(std::int64_t ms) {
    if (ms <= 0) return;
    rebase();
    origin_sim_ms_ = ms >= max_sim_ms - origin_sim_ms_ ? max_sim_ms : origin_sim_ms_ + ms;
}

void clock::resume_at(std::int64_t sim_ms) {
    origin_sim_ms_ = sim_ms;
    origin_wall_ms_ = wall_();
}

std::int64_t clock::system_wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string to_string(clock_mode mode) { return mode == clock_mode::real ? "real" : "manual"; }

}  // namespace rml::api::engine
