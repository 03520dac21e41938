#pragma once
// The end of life of the deployment service, on demand (SEMANTICS §9): `active` (the API as it
// worked until 2022), `deprecated` (from 2022-01-31: the calls that create or deploy fail, cleanup
// works) and `ended` (from 2022-05-02: every fleet, robot and deployment-job operation, and tagging
// of those resources, answers ThrottlingException with AWS's message; robot applications work).
// The phase starts from --service-phase and changes at run time through the control API
// (POST /_emulator/service-phase); it is not kept across a restart.
#include <optional>
#include <string>
#include <string_view>

#include "api/error.hpp"

namespace rml::api {

enum class service_phase { active, deprecated, ended };

std::string_view to_string(service_phase p);
// "active", "deprecated" or "ended"; anything else: nullopt.
std::optional<service_phase> parse_service_phase(std::string_view text);

// AWS's answer in the `ended` phase (HTTP 400 ThrottlingException), word for word.
inline constexpr std::string_view ended_message =
    "AWS RoboMaker is Unable to process this request as the support for the AWS RoboMaker application "
    "deployment feature has ended. Please see https://docs.aws.amazon.com/robomaker/latest/dg/fleets.html for "
    "additional information.";

// The error the phase gives this operation, or nullopt when it runs. resource_arn is the tag
// operations' ARN (their phase depends on the resource kind); empty for the others.
std::optional<api_error> phase_refusal(service_phase p, std::string_view operation, std::string_view resource_arn);

// Control API: {"phase":"..."} and POST {"phase": "active"|"deprecated"|"ended"} (parsed with
// parse_json_object; anything else is InvalidParameterException naming what is wrong).
std::string phase_json(service_phase p);
result<service_phase> parse_phase_body(std::string_view body);

}  // namespace rml::api
