#pragma once
// The control API under /_emulator/ (DESIGN §2): not part of AWS, same error format.
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/router.hpp"

namespace rml::server::control {

api::result<std::string> handle_control(app_state& app, std::string_view method, const transport::route& r,
                                        std::string_view body);

// The Content-Type of a successful control answer: JSON, except the dashboard page (text/html).
std::string_view control_content_type(std::string_view method, const transport::route& r);

}  // namespace rml::server::control
