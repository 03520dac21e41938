#include "server/observability/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rml::server::observability {
namespace {

const char* level_name(log_level l) {
    switch (l) {
        case log_level::debug: return "debug";
        case log_level::info: return "info";
        case log_level::warn: return "warn";
        case log_level::error: return "error";
    }
    return "info";
}

// Appends "2026-12-02T05:56:52.123Z". The part up to the seconds is formatted once per second (per
// thread: the log writer thread formats its "lines dropped" notice too).
void append_utc_now(std::string& out) {
    using namespace std::chrono;
    thread_local std::time_t cached_second = -1;
    thread_local char cached[80];  // room for any int the format could print
    auto now = system_clock::now();
    std::time_t t = system_clock::to_time_t(now);
    if (t != cached_second) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::snprintf(cached, sizeof cached, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cached_second = t;
    }
    auto ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
    out.append(cached);
    out += static_cast<char>('0' + ms / 100);
    out += static_cast<char>('0' + ms / 10 % 10);
    out += static_cast<char>('0' + ms % 10);
    out += 'Z';
}

std::string utc_now() {
    std::string out;
    append_utc_now(out);
    return out;
}

}  // namespace

log_level parse_log_level(const std::string& name) {
    if (name == "debug") return log_level::debug;
    if (name == "warn") return log_level::warn;
    if (name == "error") return log_level::error;
    return log_level::info;
}

logger::logger(log_level level, bool json)
    : level_(level),
      json_(json),
      sink_(STDOUT_FILENO, [json](std::uint64_t n) {
          return format_message(log_level::warn,
                                std::to_string(n) + " log lines dropped: stdout was not read fast enough", json);
      }) {}

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void json_string(json_writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// A string member, or null when empty.
void json_string_or_null(json_writer& w, std::string_view s) {
    if (s.empty()) {
        w.Null();
    } else {
        json_string(w, s);
    }
}

void json_optional(json_writer& w, const std::optional<std::string>& s) {
    if (s) {
        json_string(w, *s);
    } else {
        w.Null();
    }
}

}  // namespace

void logger::request(const request_log& r) {
    if (level_ > log_level::info) return;
    if (json_) {
        // One object per line; every line has every member (null when it does not apply).
        rapidjson::StringBuffer b;
        json_writer w(b);
        w.StartObject();
        w.Key("time"); w.String(utc_now().c_str());
        w.Key("level"); w.String("info");
        w.Key("requestId"); json_string(w, r.request_id);
        w.Key("operation"); json_string(w, r.operation);
        w.Key("status"); w.Int(r.status);
        w.Key("latencyMs"); w.Double(static_cast<double>(r.micros) / 1000.0);
        w.Key("account"); json_string_or_null(w, r.account);
        w.Key("region"); json_string_or_null(w, r.region);
        w.Key("method"); json_string(w, r.method);
        w.Key("path"); json_string(w, r.path);
        w.Key("errorType"); json_string_or_null(w, r.error_type);
        w.EndObject();
        sink_.push(std::string(b.GetString(), b.GetSize()));
        return;
    }
    std::string line;
    line.reserve(64 + r.method.size() + r.path.size() + r.operation.size() + r.request_id.size() + r.error_type.size());
    append_utc_now(line);
    line.append(" info ").append(r.method).append(" ").append(r.path).append(" ").append(r.operation);
    line.append(" ").append(std::to_string(r.status)).append(" ").append(std::to_string(r.micros)).append("us ");
    line.append(r.request_id);
    if (!r.error_type.empty()) line.append(" ").append(r.error_type);
    sink_.push(std::move(line));
}

void logger::transition(const std::string& job_arn, const store::job_event_row& e) {
    if (level_ > log_level::debug) return;
    if (json_) {
        rapidjson::StringBuffer b;
        json_writer w(b);
        w.StartObject();
        w.Key("time"); w.String(utc_now().c_str());
        w.Key("level"); w.String("debug");
        w.Key("event"); w.String("transition");
        w.Key("job"); json_string(w, job_arn);
        w.Key("robot"); json_optional(w, e.robot_arn);
        w.Key("oldStatus"); json_optional(w, e.old_status);
        w.Key("newStatus"); json_string(w, e.new_status);
        w.Key("step"); json_optional(w, e.step);
        w.Key("failureCode"); json_optional(w, e.failure_code);
        w.Key("simulatedTime"); w.Double(static_cast<double>(e.sim_ms) / 1000.0);
        w.EndObject();
        sink_.push(std::string(b.GetString(), b.GetSize()));
        return;
    }
    std::string line = utc_now();
    line.append(" debug transition job=").append(job_arn);
    if (e.robot_arn) line.append(" robot=").append(*e.robot_arn);
    line.append(" ").append(e.old_status.value_or("-")).append(" -> ").append(e.new_status);
    if (e.step) line.append(" step=").append(*e.step);
    if (e.failure_code) line.append(" failureCode=").append(*e.failure_code);
    line.append(" simulatedMs=").append(std::to_string(e.sim_ms));
    sink_.push(std::move(line));
}

void logger::message(log_level level, std::string_view text) {
    if (level < level_) return;
    sink_.push(format_message(level, text, json_));
}

std::string format_message(log_level level, std::string_view text, bool json) {
    if (json) {
        rapidjson::StringBuffer b;
        json_writer w(b);
        w.StartObject();
        w.Key("time"); w.String(utc_now().c_str());
        w.Key("level"); w.String(level_name(level));
        w.Key("message"); json_string(w, text);
        w.EndObject();
        return std::string(b.GetString(), b.GetSize());
    }
    std::string line = utc_now();
    line.append(" ").append(level_name(level)).append(" ").append(text);
    return line;
}

}  // namespace rml::server::observability
