#pragma once
// Log lines on stdout, as text or JSON. Lines are buffered and flushed once the io_context has
// no more ready work (one flush per burst of requests, at once when idle).
// Owned by the io_context thread.
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

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
    logger(boost::asio::io_context& io, log_level level, bool json);

    void request(const request_log& r);
    void message(log_level level, std::string_view text);
    // A deployment engine transition (debug level): job ARN, robot ARN (robot transitions), old
    // and new status, step, failure code.
    void transition(const std::string& job_arn, const store::job_event_row& e);
    bool enabled(log_level level) const { return level >= level_; }
    void flush();

private:
    void write(std::string line);

    boost::asio::io_context& io_;
    log_level level_;
    bool json_;
    bool flush_pending_ = false;
};

log_level parse_log_level(const std::string& name);

}  // namespace rml::server::observability
