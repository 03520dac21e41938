#pragma once
// The text of an injected failure (SEMANTICS §7): the robot tag emulator:fail = CODE[@STEP] and
// the job variable EMULATOR_FAIL = CODE[@STEP][:ROBOTNAME]. Tag values cannot hold '@' (the
// model's TagValue pattern), so a tag may also write the step after ':' or '/'.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "api/engine/failure_codes.hpp"
#include "api/engine/timing.hpp"

namespace rml::api::engine {

struct fail_spec {
    std::string code;
    std::optional<robot_step> step;
    std::optional<std::string> robot_name;  // EMULATOR_FAIL only: just this robot
};

// The parsed spec, or a message saying what is wrong with it.
std::variant<fail_spec, std::string> parse_fail_spec(std::string_view text, bool is_tag);

}  // namespace rml::api::engine
