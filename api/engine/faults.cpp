#include "api/engine/faults.hpp"

#include <algorithm>
#include <stdexcept>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "store/fault_repo.hpp"
#include "store/transaction.hpp"
#include "api/json_body.hpp"

namespace rml::api::engine {
namespace {

constexpr const char* source_config = "config";
constexpr const char* source_api = "api";
constexpr std::int64_t max_latency_ms = 60000;

std::string compact(const rapidjson::Value& v) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    return std::string(b.GetString(), b.GetSize());
}

bool matches_robot(const fault_rule& r, const robot_context& ctx) {
    auto ok = [](const std::optional<std::string>& pattern, std::string_view value) {
        return !pattern || glob_match(*pattern, value);
    };
    if (!ok(r.fleet, ctx.fleet_name) || !ok(r.robot, ctx.robot_name) || !ok(r.application, ctx.application_name) ||
        !ok(r.launch_file, ctx.launch_file)) {
        return false;
    }
    if (!r.environment) return true;
    auto it = ctx.environment.find(r.environment->first);
    return it != ctx.environment.end() && glob_match(r.environment->second, it->second);
}

}  // namespace

std::optional<std::string> validate_rules(std::string_view json_array) {
    auto parsed = parse_json_body(json_array, empty_body::is_error);
    if (!parsed) return "faults: " + parsed.error().message;
    const auto& doc = parsed.value();
    if (!doc.IsArray()) return "faults must be a JSON array of rules";
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
        auto r = parse_fault_rule(doc[i]);
        if (!r) return "faults[" + std::to_string(i) + "]: " + r.error().message;
    }
    return std::nullopt;
}

fault_rules::fault_rules(store::database& db, std::uint64_t seed) : db_(db), seed_(seed) { reload(); }

void fault_rules::reload() {
    entries_.clear();
    api_rules_ = 0;
    for (auto& row : store::fault_repo(db_).all()) {
        rapidjson::Document doc;
        doc.Parse(row.rule.c_str());
        auto parsed = parse_fault_rule(doc);
        // A stored rule passed validation when it was added; one that no longer parses (a newer
        // version's format) is skipped rather than failing start-up.
        if (!parsed) continue;
        entries_.push_back({row.id, row.source == source_config, std::move(row.rule), std::move(parsed.value()),
                            row.matches, row.fired});
        if (entries_.back().rule.is_api()) ++api_rules_;
    }
}

void fault_rules::load_config(std::string_view json_array) {
    if (auto err = validate_rules(json_array)) throw std::invalid_argument(*err);
    auto doc = std::move(parse_json_body(json_array).value());  // validated just above
    store::fault_repo repo(db_);
    store::transaction tx(db_);
    repo.remove_source(source_config);
    for (const auto& rule : doc.GetArray()) repo.insert(source_config, compact(rule));
    tx.commit();
    reload();
}

bool fault_rules::count_match(entry& e, bool useful) {
    std::int64_t match = ++e.matches;
    if (!useful || match <= e.rule.skip) return false;
    if (e.rule.times && e.fired >= *e.rule.times) return false;
    if (e.rule.probability < 1.0 && fault_draw(seed_, e.id, match) >= e.rule.probability) return false;
    ++e.fired;
    return true;
}

void fault_rules::save_counters(const entry& e) { store::fault_repo(db_).set_counters(e.id, e.matches, e.fired); }

std::optional<injected_failure> fault_rules::robot_failure(const robot_context& ctx) {
    std::optional<injected_failure> out;
    for (auto& e : entries_) {
        if (e.rule.is_api() || !matches_robot(e.rule, ctx)) continue;
        if (count_match(e, !out)) out = injected_failure{e.rule.code, e.rule.step};
        save_counters(e);
    }
    return out;
}

api_fault fault_rules::for_operation(std::string_view operation, const store::scope& scope) {
    api_fault out;
    if (api_rules_ == 0) return out;
    std::vector<const entry*> matched;
    for (auto& e : entries_) {
        if (!e.rule.is_api() || !glob_match(e.rule.operation, operation)) continue;
        if (e.rule.account && *e.rule.account != scope.account) continue;
        bool useful = e.rule.latency_ms > 0 || (e.rule.error && !out.error);
        if (count_match(e, useful)) {
            out.latency_ms = std::min(max_latency_ms, out.latency_ms + e.rule.latency_ms);
            if (e.rule.error && !out.error) out.error = injected_error(*e.rule.error, e.id);
        }
        matched.push_back(&e);
    }
    if (!matched.empty()) {
        store::transaction tx(db_);
        for (const entry* e : matched) save_counters(*e);
        tx.commit();
    }
    return out;
}

std::string fault_rules::entry_json(const entry& e) const {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("id");
    w.Int64(e.id);
    w.Key("source");
    w.String(e.from_config ? source_config : source_api);
    w.Key("matches");
    w.Int64(e.matches);
    w.Key("fired");
    w.Int64(e.fired);
    w.Key("rule");
    w.RawValue(e.text.data(), e.text.size(), rapidjson::kObjectType);
    w.EndObject();
    return std::string(b.GetString(), b.GetSize());
}

std::string fault_rules::list_json() {
    std::string out = "{\"rules\":[";
    for (std::size_t i = 0; i < entries_.size(); ++i) out += (i ? "," : "") + entry_json(entries_[i]);
    return out + "]}";
}

result<std::string> fault_rules::add(std::string_view body) {
    auto body_doc = parse_json_object(body, "The body (one fault rule)");
    if (!body_doc) return body_doc.error();
    auto& doc = body_doc.value();
    auto parsed = parse_fault_rule(doc);
    if (!parsed) return invalid_parameter("Invalid fault rule: " + parsed.error().message + ".");
    store::transaction tx(db_);
    std::int64_t id = store::fault_repo(db_).insert(source_api, compact(doc));
    tx.commit();
    reload();
    auto it = std::find_if(entries_.begin(), entries_.end(), [id](const entry& e) { return e.id == id; });
    return entry_json(*it);
}

result<std::string> fault_rules::remove(std::optional<std::int64_t> id) {
    store::fault_repo repo(db_);
    store::transaction tx(db_);
    int deleted = 0;
    if (id) {
        if (!repo.remove(*id)) return not_found("No fault rule has id " + std::to_string(*id) + ".");
        deleted = 1;
    } else {
        deleted = repo.remove_source(source_api);
    }
    tx.commit();
    reload();
    return "{\"deleted\":" + std::to_string(deleted) + "}";
}

}  // namespace rml::api::engine
