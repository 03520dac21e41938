#include "api/engine/fault_rule.hpp"

#include <array>

#include "api/engine/failure_codes.hpp"
#include "api/operations.hpp"
#include "api/message_quote.hpp"

namespace rml::api::engine {
namespace {

using member_list = std::array<std::string_view, 4>;
constexpr member_list common_members = {"probability", "skip", "times", "description"};
constexpr member_list deployment_members = {"code", "step", "match", ""};
constexpr member_list api_members = {"operation", "error", "latencyMs", "account"};
constexpr std::array<std::string_view, 5> match_members = {"fleet", "robot", "application", "launchFile",
                                                           "environmentVariable"};

template <typename List>
bool in(const List& list, std::string_view name) {
    for (auto m : list) {
        if (!m.empty() && m == name) return true;
    }
    return false;
}

api_error bad(const std::string& msg) { return invalid_parameter(msg); }

std::string_view name_of(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

std::optional<std::string> text(const rapidjson::Value& v) {
    if (!v.IsString() || v.GetStringLength() == 0) return std::nullopt;
    return std::string(v.GetString(), v.GetStringLength());
}

// The three errors an API rule may inject, with their HTTP status (SEMANTICS §2).
std::optional<api_error> error_kind(std::string_view name) {
    if (name == "ThrottlingException") return api_error{"ThrottlingException", 400, "Rate exceeded."};
    if (name == "InternalServerException") {
        return api_error{"InternalServerException", 500, "An internal error occurred."};
    }
    if (name == "ServiceUnavailableException") {
        return api_error{"ServiceUnavailableException", 503, "The service is unavailable. Try again later."};
    }
    return std::nullopt;
}

std::optional<api_error> parse_match(const rapidjson::Value& m, fault_rule& r) {
    if (!m.IsObject()) return bad("member 'match' must be an object");
    for (auto it = m.MemberBegin(); it != m.MemberEnd(); ++it) {
        std::string_view name = name_of(it->name);
        if (!in(match_members, name)) {
            return bad("unknown member 'match." + quote_for_message(name) + "' (known: fleet, robot, application, "
                       "launchFile, environmentVariable)");
        }
        auto value = text(it->value);
        if (!value) return bad("member 'match." + std::string(name) + "' must be a non-empty string (a glob)");
        if (name == "fleet") r.fleet = value;
        if (name == "robot") r.robot = value;
        if (name == "application") r.application = value;
        if (name == "launchFile") r.launch_file = value;
        if (name == "environmentVariable") {
            auto eq = value->find('=');
            if (eq == std::string::npos || eq == 0) {
                return bad("member 'match.environmentVariable' must look like NAME=GLOB");
            }
            r.environment.emplace(value->substr(0, eq), value->substr(eq + 1));
        }
    }
    return std::nullopt;
}

bool names_an_operation(std::string_view pattern) {
    for (const auto& op : operations()) {
        if (glob_match(pattern, op.name)) return true;
    }
    return false;
}

std::optional<api_error> parse_member(std::string_view name, const rapidjson::Value& v, fault_rule& r) {
    const std::string m = "member '" + std::string(name) + "'";
    if (name == "probability") {
        if (!v.IsNumber() || v.GetDouble() < 0.0 || v.GetDouble() > 1.0) return bad(m + " must be a number from 0 to 1");
        r.probability = v.GetDouble();
    } else if (name == "skip" || name == "times") {
        if (!v.IsInt64() || v.GetInt64() < 0) return bad(m + " must be an integer >= 0");
        if (name == "skip") {
            r.skip = v.GetInt64();
        } else {
            r.times = v.GetInt64();
        }
    } else if (name == "description") {
        if (!v.IsString()) return bad(m + " must be a string");
    } else if (name == "code") {
        auto code = text(v);
        if (!code || !find_failure_code(*code)) return bad(m + " must be one of the 24 DeploymentJobErrorCode values");
        r.code = *code;
    } else if (name == "step") {
        // Finished is a RobotDeploymentStep, but nothing can fail there (as for emulator:fail).
        auto step = v.IsString() ? step_from_name(name_of(v)) : std::nullopt;
        if (!step || *step == robot_step::finished) {
            return bad(m + " must be a robot deployment step, Validating .. ExecutingPostLaunch");
        }
        r.step = step;
    } else if (name == "match") {
        return parse_match(v, r);
    } else if (name == "operation") {
        auto op = text(v);
        if (!op || !names_an_operation(*op)) return bad(m + " must be a glob that matches an operation name");
        r.operation = *op;
    } else if (name == "error") {
        auto kind = v.IsString() ? error_kind(name_of(v)) : std::nullopt;
        if (!kind) {
            return bad(m + " must be ThrottlingException, InternalServerException or ServiceUnavailableException");
        }
        r.error = kind;
    } else if (name == "latencyMs") {
        if (!v.IsInt64() || v.GetInt64() < 0 || v.GetInt64() > 60000) return bad(m + " must be an integer from 0 to 60000");
        r.latency_ms = v.GetInt64();
    } else if (name == "account") {
        auto acct = text(v);
        bool digits = acct && acct->size() == 12 && acct->find_first_not_of("0123456789") == std::string::npos;
        if (!digits) return bad(m + " must be a 12-digit account id");
        r.account = acct;
    }
    return std::nullopt;
}

}  // namespace

result<fault_rule> parse_fault_rule(const rapidjson::Value& v) {
    if (!v.IsObject()) return bad("a fault rule must be a JSON object");
    bool deployment = v.HasMember("code");
    bool api = v.HasMember("operation");
    if (deployment && api) return bad("a rule has 'code' (a deployment rule) or 'operation' (an API rule), not both");
    if (!deployment && !api) return bad("a rule needs 'code' (a deployment rule) or 'operation' (an API rule)");
    fault_rule r;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
        std::string_view name = name_of(it->name);
        const member_list& own = deployment ? deployment_members : api_members;
        const member_list& other = deployment ? api_members : deployment_members;
        if (in(other, name)) {
            return bad("member '" + std::string(name) + "' belongs to " + (deployment ? "API rules ('operation')" :
                       "deployment rules ('code')") + ", not to " + (deployment ? "deployment" : "API") + " rules");
        }
        if (!in(common_members, name) && !in(own, name)) return bad("unknown member '" + quote_for_message(name) + "'");
        if (auto err = parse_member(name, it->value, r)) return *err;
    }
    if (api && !r.error && !v.HasMember("latencyMs")) return bad("an API rule needs 'error' or 'latencyMs' (or both)");
    if (deployment && r.step && find_failure_code(r.code)->job_level) {
        return bad("member 'step' cannot be given with " + r.code + ": it fails the whole job, not a robot step");
    }
    return r;
}

api_error injected_error(const api_error& kind, std::int64_t rule_id) {
    return {kind.type, kind.http_status,
            kind.message + " (Injected by robomaker-local fault rule " + std::to_string(rule_id) + ".)"};
}

bool glob_match(std::string_view pattern, std::string_view text) {
    // Greedy with one backtrack point (the latest '*'): linear in practice, no recursion.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

double fault_draw(std::uint64_t seed, std::int64_t rule_id, std::int64_t match) {
    auto mix = [](std::uint64_t x) {  // splitmix64
        x += 0x9E3779B97F4A7C15ULL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    };
    std::uint64_t h = mix(seed);
    h = mix(h ^ static_cast<std::uint64_t>(rule_id));
    h = mix(h ^ static_cast<std::uint64_t>(match));
    return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);
}

}  // namespace rml::api::engine
