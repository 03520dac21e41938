#pragma once
// One fault rule, parsed from its JSON object (the format is docs/faults.md): either a deployment
// rule (has "code": makes matching robots fail) or an API rule (has "operation": makes matching
// requests fail or slow down). Parsing rejects unknown members, so a typo never silently turns a
// rule into one that does nothing. Pure: no database, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <rapidjson/document.h>

#include "api/engine/timing.hpp"
#include "api/error.hpp"

namespace rml::api::engine {

struct fault_rule {
    // Both kinds.
    double probability = 1.0;          // 0..1
    std::int64_t skip = 0;             // matches to let pass before the rule may fire
    std::optional<std::int64_t> times; // fires at most this often; nullopt: no limit

    // Deployment rule: code is non-empty. Match patterns are globs over names (not ARNs).
    std::string code;
    std::optional<robot_step> step;    // nullopt: the code's default step
    std::optional<std::string> fleet, robot, application, launch_file;
    std::optional<std::pair<std::string, std::string>> environment;  // exact NAME, value glob

    // API rule: operation is non-empty (a glob over operation names).
    std::string operation;
    std::optional<api_error> error;    // ThrottlingException, InternalServerException or ServiceUnavailableException
    std::int64_t latency_ms = 0;       // 0..60000
    std::optional<std::string> account;  // exact 12-digit account id

    bool is_api() const { return !operation.empty(); }
};

// The rule in `v`, or InvalidParameterException whose message names the offending member.
result<fault_rule> parse_fault_rule(const rapidjson::Value& v);

// The error an API rule injects; the message names the rule's id.
api_error injected_error(const api_error& kind, std::int64_t rule_id);

// Glob match over the whole text: '*' is any run of characters, '?' any one character, every
// other character stands for itself (case-sensitive).
bool glob_match(std::string_view pattern, std::string_view text);

// The seeded draw for match number `match` of rule `rule_id`, uniform in [0, 1): a splitmix64
// hash of (seed, rule id, match number). Pure and platform independent, so runs repeat.
double fault_draw(std::uint64_t seed, std::int64_t rule_id, std::int64_t match);

}  // namespace rml::api::engine
