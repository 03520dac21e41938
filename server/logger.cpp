#include "server/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include <boost/asio/post.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rml::server {
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

std::string utc_now() {
    using namespace std::chrono;
    auto now = system_clock::now();
    std::time_t t = system_clock::to_time_t(now);
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

}  // namespace

log_level parse_log_level(const std::string& name) {
    if (name == "debug") return log_level::debug;
    if (name == "warn") return log_level::warn;
    if (name == "error") return log_level::error;
    return log_level::info;
}

logger::logger(boost::asio::io_context& io, log_level level, bool json) : io_(io), level_(level), json_(json) {}

void logger::request(const request_log& r) {
    if (level_ > log_level::info) return;
    if (json_) {
        rapidjson::StringBuffer b;
        rapidjson::Writer<rapidjson::StringBuffer> w(b);
        w.StartObject();
        w.Key("time"); w.String(utc_now().c_str());
        w.Key("level"); w.String("info");
        w.Key("method"); w.String(r.method.data(), static_cast<rapidjson::SizeType>(r.method.size()));
        w.Key("path"); w.String(r.path.data(), static_cast<rapidjson::SizeType>(r.path.size()));
        w.Key("operation"); w.String(r.operation.data(), static_cast<rapidjson::SizeType>(r.operation.size()));
        w.Key("status"); w.Int(r.status);
        w.Key("micros"); w.Int64(r.micros);
        w.Key("requestId"); w.String(r.request_id.data(), static_cast<rapidjson::SizeType>(r.request_id.size()));
        if (!r.error_type.empty()) {
            w.Key("error"); w.String(r.error_type.data(), static_cast<rapidjson::SizeType>(r.error_type.size()));
        }
        w.EndObject();
        write(std::string(b.GetString(), b.GetSize()));
        return;
    }
    std::string line = utc_now();
    line.append(" info ").append(r.method).append(" ").append(r.path).append(" ").append(r.operation);
    line.append(" ").append(std::to_string(r.status)).append(" ").append(std::to_string(r.micros)).append("us ");
    line.append(r.request_id);
    if (!r.error_type.empty()) line.append(" ").append(r.error_type);
    write(std::move(line));
}

void logger::message(log_level level, std::string_view text) {
    if (level < level_) return;
    if (json_) {
        rapidjson::StringBuffer b;
        rapidjson::Writer<rapidjson::StringBuffer> w(b);
        w.StartObject();
        w.Key("time"); w.String(utc_now().c_str());
        w.Key("level"); w.String(level_name(level));
        w.Key("message"); w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        w.EndObject();
        write(std::string(b.GetString(), b.GetSize()));
    } else {
        std::string line = utc_now();
        line.append(" ").append(level_name(level)).append(" ").append(text);
        write(std::move(line));
    }
}

void logger::write(std::string line) {
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    if (!flush_pending_) {
        flush_pending_ = true;
        boost::asio::post(io_, [this] { flush(); });
    }
}

void logger::flush() {
    flush_pending_ = false;
    std::fflush(stdout);
}

}  // namespace rml::server
