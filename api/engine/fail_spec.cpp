#include "api/engine/fail_spec.hpp"
#include "api/message_quote.hpp"

#include <cctype>

namespace rml::api::engine {

std::variant<fail_spec, std::string> parse_fail_spec(std::string_view text, bool is_tag) {
    fail_spec out;
    std::string_view rest = text;
    if (!is_tag) {
        if (auto colon = rest.find(':'); colon != std::string_view::npos) {
            out.robot_name = std::string(rest.substr(colon + 1));
            rest = rest.substr(0, colon);
            if (out.robot_name->empty()) return std::string("the robot name after ':' is empty");
            for (char ch : *out.robot_name) {
                if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') {
                    return "'" + quote_for_message(*out.robot_name) + "' is not a robot name ([a-zA-Z0-9_-]); write CODE@STEP:ROBOTNAME";
                }
            }
        }
    }
    std::string_view step_text;
    auto sep = rest.find_first_of(is_tag ? "@:/" : "@");
    if (sep != std::string_view::npos) {
        step_text = rest.substr(sep + 1);
        rest = rest.substr(0, sep);
    }
    if (!find_failure_code(rest)) {
        return "'" + quote_for_message(std::string(rest)) + "' is not a deployment failure code (DeploymentJobErrorCode)";
    }
    out.code = std::string(rest);
    if (sep != std::string_view::npos) {
        out.step = step_from_name(step_text);
        if (!out.step || *out.step == robot_step::finished) {
            return "'" + quote_for_message(std::string(step_text)) + "' is not a robot deployment step (Validating .. ExecutingPostLaunch)";
        }
    }
    return out;
}

}  // namespace rml::api::engine
