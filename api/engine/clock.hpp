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

// The scales a clock accepts (SEMANTICS §10): slower than 1/1000 or faster than a million times
// the wall clock is refused at start-up (exit 2) and by POST /_emulator/clock (400).
inline constexpr double min_scale = 0.001;
inline constexpr double max_scale = 1e6;
// 9999-12-31T23:59:59.999Z: the last instant every client can parse. Simulated time never passes
// it: a manual advance beyond it is refused, and a real clock stops there.
inline constexpr std::int64_t max_sim_ms = 253402300799999;

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
