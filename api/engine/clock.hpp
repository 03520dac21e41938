#pragma once
// The simulated clock. In real mode simulated time runs at `scale` times the wall clock from the
// moment of the last change; in manual mode it moves only through advance(). All resource times
// (createdAt, ARN timestamps, deployment steps) are read from here.
// Owned by the io_context thread; not thread-safe.
#include <cstdint>
#include <functional>
#include <string>

namespace rml::api::engine {

enum class clock_mode { real, manual };

class clock {
public:
    using wall_source = std::function<std::int64_t()>;  // epoch milliseconds

    clock(clock_mode mode, double scale, wall_source wall = system_wall_ms);

    std::int64_t now_ms() const;
    clock_mode mode() const { return mode_; }
    double scale() const { return scale_; }

    void set_mode(clock_mode mode);
    void set_scale(double scale);
    // Moves simulated time forward (either mode). Negative amounts are ignored.
    void advance_ms(std::int64_t ms);
    // Makes the present sim_ms from this instant on (start-up only: resuming a saved clock).
    void resume_at(std::int64_t sim_ms);
    std::int64_t wall_ms() const { return wall_(); }

    static std::int64_t system_wall_ms();

private:
    void rebase();  // pins the current simulated time as the new origin

    clock_mode mode_;
    double scale_;
    wall_source wall_;
    std::int64_t origin_sim_ms_;
    std::int64_t origin_wall_ms_;
};

std::string to_string(clock_mode mode);

}  // namespace rml::api::engine
