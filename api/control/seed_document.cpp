#include "api/control/seed_document.hpp"

#include <initializer_list>
#include <optional>
#include <regex>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/message_quote.hpp"

namespace rml::api::control {
namespace {

using keys = std::initializer_list<const char*>;

// RFC 6901: '~' is written ~0 and '/' ~1.
std::string pointer_token(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string member_name(const rapidjson::Value& name) { return std::string(name.GetString(), name.GetStringLength()); }

// The robot defaults in force: the document's, overridden by the scope's.
struct robot_defaults {
    std::optional<std::string> architecture, greengrass_group_id;
};

class planner {
public:
    explicit planner(const settings& cfg) : cfg_(cfg) {}

    result<std::vector<seed_step>> run(const rapidjson::Value& doc) {
        if (!doc.IsObject()) return seed_error("", "the seed document must be a JSON object");
        if (auto e = only(doc, "", {"defaults", "scopes"})) return *e;
        store::scope scope{cfg_.default_account, cfg_.default_region};
        robot_defaults robots;
        if (auto it = doc.FindMember("defaults"); it != doc.MemberEnd()) {
            if (auto e = read_scope_keys(it->value, "/defaults", {"account", "region", "architecture", "greengrassGroupId"},
                                         scope, robots)) {
                return *e;
            }
        }
        auto scopes = array(doc, "", "scopes");
        if (!scopes) return scopes.error();
        if (scopes.value()) {
            const auto& list = *scopes.value();
            for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
                if (auto e = plan_scope(list[i], "/scopes/" + std::to_string(i), scope, robots)) return *e;
            }
        }
        return std::move(steps_);
    }

private:
    // An error for the first member of obj (an object) not in `allowed`.
    static std::optional<api_error> only(const rapidjson::Value& obj, const std::string& at, keys allowed) {
        for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
            std::string name = member_name(m->name);
            bool known = false;
            std::string list;
            for (const char* k : allowed) {
                known = known || name == k;
                list += std::string(list.empty() ? "" : ", ") + k;
            }
            if (!known) return seed_error(at + "/" + pointer_token(name), "unknown member (known here: " + list + ")");
        }
        return std::nullopt;
    }

    static std::optional<api_error> must_be_object(const rapidjson::Value& v, const std::string& at) {
        if (!v.IsObject()) return seed_error(at, "must be a JSON object");
        return std::nullopt;
    }

    // obj[key] when present: must be an array (nullptr when absent).
    static result<const rapidjson::Value*> array(const rapidjson::Value& obj, const std::string& at, const char* key) {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) return static_cast<const rapidjson::Value*>(nullptr);
        if (!it->value.IsArray()) return seed_error(at + "/" + key, "must be an array");
        return &it->value;
    }

    static std::optional<api_error> string_member(const rapidjson::Value& obj, const std::string& at, const char* key,
                                                  std::optional<std::string>& out) {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) return std::nullopt;
        if (!it->value.IsString()) return seed_error(at + "/" + key, "must be a string");
        out = member_name(it->value);
        return std::nullopt;
    }

    // account, region, architecture, greengrassGroupId of /defaults or of one scope.
    static std::optional<api_error> read_scope_keys(const rapidjson::Value& obj, const std::string& at, keys allowed,
                                                    store::scope& scope, robot_defaults& robots) {
        if (auto e = must_be_object(obj, at)) return e;
        if (auto e = only(obj, at, allowed)) return e;
        std::optional<std::string> account, region;
        if (auto e = string_member(obj, at, "account", account)) return e;
        if (auto e = string_member(obj, at, "region", region)) return e;
        if (auto e = string_member(obj, at, "architecture", robots.architecture)) return e;
        if (auto e = string_member(obj, at, "greengrassGroupId", robots.greengrass_group_id)) return e;
        static const std::regex account_syntax("[0-9]{12}"), region_syntax("[a-z]{2}(-[a-z]+)+-[0-9]+");
        if (account && (account->size() != 12 || !std::regex_match(*account, account_syntax))) {
            return seed_error(at + "/account", "must be a 12-digit account id");
        }
        if (region && (region->size() > 64 || !std::regex_match(*region, region_syntax))) {
            return seed_error(at + "/region", "must be a region name like us-east-1");
        }
        if (account) scope.account = *account;
        if (region) scope.region = *region;
        return std::nullopt;
    }

    std::optional<api_error> plan_scope(const rapidjson::Value& obj, const std::string& at, store::scope scope,
                                        robot_defaults robots) {
        if (auto e = read_scope_keys(obj, at,
                                     {"account", "region", "architecture", "greengrassGroupId", "fleets", "robots",
                                      "robotApplications"},
                                     scope, robots)) {
            return e;
        }
        auto fleets = array(obj, at, "fleets");
        if (!fleets) return fleets.error();
        for (rapidjson::SizeType i = 0; fleets.value() && i < fleets.value()->Size(); ++i) {
            std::string item = at + "/fleets/" + std::to_string(i);
            const auto& f = (*fleets.value())[i];
            if (auto e = must_be_object(f, item)) return e;
            if (auto e = only(f, item, {"name", "tags", "robots"})) return e;
            int fleet = add(seed_step::kind::fleet, item, scope, request(f, {"robots"}, {}));
            auto members = array(f, item, "robots");
            if (!members) return members.error();
            for (rapidjson::SizeType j = 0; members.value() && j < members.value()->Size(); ++j) {
                std::string robot_at = item + "/robots/" + std::to_string(j);
                auto robot = plan_robot((*members.value())[j], robot_at, scope, robots);
                if (!robot) return robot.error();
                int reg = add(seed_step::kind::register_robot, robot_at, scope, "");
                steps_[static_cast<std::size_t>(reg)].fleet = fleet;
                steps_[static_cast<std::size_t>(reg)].created = robot.value();
            }
        }
        auto loose = array(obj, at, "robots");
        if (!loose) return loose.error();
        for (rapidjson::SizeType i = 0; loose.value() && i < loose.value()->Size(); ++i) {
            auto robot = plan_robot((*loose.value())[i], at + "/robots/" + std::to_string(i), scope, robots);
            if (!robot) return robot.error();
        }
        auto apps = array(obj, at, "robotApplications");
        if (!apps) return apps.error();
        for (rapidjson::SizeType i = 0; apps.value() && i < apps.value()->Size(); ++i) {
            if (auto e = plan_application((*apps.value())[i], at + "/robotApplications/" + std::to_string(i), scope)) {
                return e;
            }
        }
        return std::nullopt;
    }

    result<int> plan_robot(const rapidjson::Value& r, const std::string& at, const store::scope& scope,
                           const robot_defaults& robots) {
        if (auto e = must_be_object(r, at)) return *e;
        if (auto e = only(r, at, {"name", "architecture", "greengrassGroupId", "tags"})) return *e;
        std::vector<std::pair<const char*, std::string>> fill;
        if (robots.architecture && !r.HasMember("architecture")) fill.emplace_back("architecture", *robots.architecture);
        if (robots.greengrass_group_id && !r.HasMember("greengrassGroupId")) {
            fill.emplace_back("greengrassGroupId", *robots.greengrass_group_id);
        }
        return add(seed_step::kind::robot, at, scope, request(r, {}, fill));
    }

    std::optional<api_error> plan_application(const rapidjson::Value& a, const std::string& at, const store::scope& scope) {
        if (auto e = must_be_object(a, at)) return e;
        if (auto e = only(a, at, {"name", "sources", "robotSoftwareSuite", "environment", "tags", "versions"})) return e;
        int versions = 0;
        if (auto it = a.FindMember("versions"); it != a.MemberEnd()) {
            if (!it->value.IsInt() || it->value.GetInt() < 0 || it->value.GetInt() > max_seed_versions) {
                return seed_error(at + "/versions",
                                  "must be an integer from 0 to " + std::to_string(max_seed_versions));
            }
            versions = it->value.GetInt();
        }
        int app = add(seed_step::kind::application, at, scope, request(a, {"versions"}, {}));
        for (int v = 0; v < versions; ++v) {
            int step = add(seed_step::kind::version, at + "/versions", scope, "");
            steps_[static_cast<std::size_t>(step)].created = app;
        }
        return std::nullopt;
    }

    // The item as a request body: its members but `drop`, plus `fill` (absent members only).
    static std::string request(const rapidjson::Value& item, keys drop,
                               const std::vector<std::pair<const char*, std::string>>& fill) {
        rapidjson::StringBuffer b;
        rapidjson::Writer<rapidjson::StringBuffer> w(b);
        w.StartObject();
        for (auto m = item.MemberBegin(); m != item.MemberEnd(); ++m) {
            bool dropped = false;
            for (const char* d : drop) dropped = dropped || member_name(m->name) == d;
            if (dropped) continue;
            w.Key(m->name.GetString(), m->name.GetStringLength());
            m->value.Accept(w);
        }
        for (const auto& [k, v] : fill) {
            w.Key(k);
            w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
        }
        w.EndObject();
        return std::string(b.GetString(), b.GetSize());
    }

    int add(seed_step::kind what, const std::string& at, const store::scope& scope, std::string body) {
        steps_.push_back({what, at, scope, std::move(body)});
        return static_cast<int>(steps_.size() - 1);
    }

    const settings& cfg_;
    std::vector<seed_step> steps_;
};

}  // namespace

api_error seed_error(const std::string& pointer, const std::string& message) {
    return invalid_parameter("Seed document, at " + (pointer.empty() ? std::string("the top") : quote_for_message(pointer)) +
                             ": " + message);
}

result<std::vector<seed_step>> plan_seed(const rapidjson::Value& doc, const settings& cfg) {
    return planner(cfg).run(doc);
}

}  // namespace rml::api::control
