#pragma once
// Log lines on stdout, as text or JSON: requests, messages and (debug) engine transitions.
// Formatting happens on the io_context thread, which owns the logger; the lines go to a
// log_sink, whose writer thread writes them, so a stuck stdout never blocks a request (lines are
// dropped and counted instead: dropped_total(), the log_lines_dropped metric).
#include <cstdint>
#include <string>
#include <string_view>

#include "server/observability/log_sink.hpp"
#include "store/job_records.hpp"

namespace rml::server::observability {

enum class log_level { debug, info, warn, error };

struct request_log {
    std::string_view method;
    std::string_view path;
    std::string_view operation;  // "-" when the path matched none
    int status;
    std::int64_t micros;
    std::string_view request_id;
    std::string_view error_type;  // empty on success
    std::string_view account;     // empty when the request has none (control API, unknown paths)
    std::string_view region;
};

class logger {
public:
    logger(log_level level, bool json);

    // Starts writing. Call after the "listening" line went out synchronously: that line is first.
    void start() { sink_.start(); }
    // Writes what is queued and stops the writer; bounded (gives up on a stuck stdout).
    void stop() { sink_.stop(); }
    std::uint64_t dropped_total() const { return sink_.dropped_total(); }

    void request(const request_log& r);
    void message(log_level level, std::string_view text);
    // A deployment engine transition (debug level): job ARN, robot ARN (robot transitions), old
    // and new status, step, failure code.
    void transition(const std::string& job_arn, const store::job_event_row& e);
    bool enabled(log_level level) const { return level >= level_; }

private:
    log_level level_;
    bool json_;
    log_sink sink_;
};

// A {"time","level","message"} line (or its text form), without '\n'. Safe on any thread.
std::string format_message(log_level level, std::string_view text, bool json);

log_level parse_log_level(const std::string& name);

}  // namespace rml::server::observability
