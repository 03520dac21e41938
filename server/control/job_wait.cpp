#include "server/control/job_wait.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "api/control/job_lookup.hpp"
#include "api/message_quote.hpp"

namespace rml::server::control {
namespace {

constexpr double max_timeout_s = 3600;
constexpr std::array<std::string_view, 6> statuses = {"Pending",   "Preparing", "InProgress",
                                                      "Succeeded", "Failed",    "Canceled"};

bool terminal(std::string_view s) { return s == "Succeeded" || s == "Failed" || s == "Canceled"; }

struct wait_request {
    std::string job;
    std::string status;  // empty: any terminal status
    double timeout_s = 30;
};

api::result<wait_request> parse(const transport::route& r) {
    wait_request w;
    for (const auto& [k, v] : r.query) {
        if (k == "job") {
            w.job = v;
        } else if (k == "status") {
            w.status = v;
        } else if (k == "timeout") {
            char* end = nullptr;
            w.timeout_s = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(w.timeout_s >= 0) || w.timeout_s > max_timeout_s) {
                return api::invalid_parameter("'timeout' must be a number of seconds from 0 to 3600; got '" + api::quote_for_message(v) + "'.");
            }
        }
    }
    if (w.job.empty()) return api::invalid_parameter("'job' (a deployment job ARN or id) is required.");
    if (!w.status.empty() && std::find(statuses.begin(), statuses.end(), w.status) == statuses.end()) {
        return api::invalid_parameter("'status' must be one of Pending, Preparing, InProgress, Succeeded, Failed, "
                                      "Canceled; got '" + api::quote_for_message(w.status) + "'.");
    }
    return w;
}

}  // namespace

boost::asio::awaitable<api::result<std::string>> wait_for_job(app_state& app, const transport::route& r, int& http_status) {
    auto parsed = parse(r);
    if (!parsed) co_return parsed.error();
    const auto& w = parsed.value();
    auto& st = app.service.shared_state();
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::microseconds(static_cast<std::int64_t>(w.timeout_s * 1e6));
    for (;;) {
        auto job = api::control::job_status(st, w.job);
        if (!job) co_return api::not_found("Deployment job '" + api::quote_for_message(w.job) + "' does not exist.");
        bool reached = job->status == w.status || terminal(job->status);
        bool late = std::chrono::steady_clock::now() >= deadline;
        if (reached || late || app.stopping) {
            http_status = reached ? 200 : 408;
            co_return api::control::describe_job(st, job->arn);
        }
        co_await app.waiters.wait_change(job->arn, deadline);
    }
}

}  // namespace rml::server::control
