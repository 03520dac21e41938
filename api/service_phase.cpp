#include "api/service_phase.hpp"

#include <array>

#include "api/json_body.hpp"
#include "api/json_out.hpp"
#include "api/message_quote.hpp"

namespace rml::api {
namespace {

// What AWS's model documents as "no longer supported and will throw an error if used".
constexpr std::array<std::string_view, 5> refused_when_deprecated = {
    "CreateFleet", "CreateRobot", "RegisterRobot", "CreateDeploymentJob", "SyncDeploymentJob"};

// The deployment feature: every fleet, robot and deployment-job operation.
constexpr std::array<std::string_view, 15> deployment_operations = {
    "CreateFleet", "DeleteFleet", "DescribeFleet", "ListFleets", "RegisterRobot", "DeregisterRobot",
    "CreateRobot", "DeleteRobot", "DescribeRobot", "ListRobots", "CreateDeploymentJob", "DescribeDeploymentJob",
    "ListDeploymentJobs", "CancelDeploymentJob", "SyncDeploymentJob"};

constexpr std::array<std::string_view, 3> tag_operations = {"TagResource", "UntagResource", "ListTagsForResource"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    for (auto n : names) {
        if (n == name) return true;
    }
    return false;
}

// arn:aws:robomaker:REGION:ACCOUNT:KIND/... names a fleet, robot or deployment job.
bool deployment_resource(std::string_view arn) {
    std::size_t colon = std::string_view::npos;
    for (int i = 0; i < 5; ++i) {
        colon = arn.find(':', colon == std::string_view::npos ? 0 : colon + 1);
        if (colon == std::string_view::npos) return false;
    }
    auto rest = arn.substr(colon + 1);
    auto kind = rest.substr(0, rest.find('/'));
    return kind == "deployment-fleet" || kind == "robot" || kind == "deployment-job";
}

}  // namespace

std::string_view to_string(service_phase p) {
    switch (p) {
        case service_phase::active: return "active";
        case service_phase::deprecated: return "deprecated";
        case service_phase::ended: return "ended";
    }
    return "active";
}

std::optional<service_phase> parse_service_phase(std::string_view text) {
    for (auto p : {service_phase::active, service_phase::deprecated, service_phase::ended}) {
        if (text == to_string(p)) return p;
    }
    return std::nullopt;
}

std::optional<api_error> phase_refusal(service_phase p, std::string_view operation, std::string_view resource_arn) {
    if (p == service_phase::ended) {
        bool deployment = contains(deployment_operations, operation) ||
                          (contains(tag_operations, operation) && deployment_resource(resource_arn));
        if (deployment) return api_error{"ThrottlingException", 400, std::string(ended_message)};
    }
    if (p == service_phase::deprecated && contains(refused_when_deprecated, operation)) {
        return invalid_parameter(std::string(operation) +
                                 " is no longer supported and throws an error if used: the AWS RoboMaker application "
                                 "deployment feature is deprecated (service phase 'deprecated', from 2022-01-31). "
                                 "Operations that read or remove fleets, robots and deployment jobs still work.");
    }
    return std::nullopt;
}

std::string phase_json(service_phase p) {
    json_out out;
    out.begin_object().field("phase", to_string(p)).end_object();
    return out.take();
}

result<service_phase> parse_phase_body(std::string_view body) {
    auto parsed = parse_json_object(body);
    if (!parsed) return parsed.error();
    const auto& doc = parsed.value();
    auto it = doc.FindMember("phase");
    if (it == doc.MemberEnd()) {
        return invalid_parameter("The body needs \"phase\": one of active, deprecated, ended.");
    }
    if (!it->value.IsString()) return invalid_parameter("'phase' must be a string: one of active, deprecated, ended.");
    std::string_view text(it->value.GetString(), it->value.GetStringLength());
    auto phase = parse_service_phase(text);
    if (!phase) {
        return invalid_parameter("'phase' must be one of active, deprecated, ended; got '" +
                                 quote_for_message(std::string(text)) + "'.");
    }
    return *phase;
}

}  // namespace rml::api
