#pragma once
// Prometheus metrics (GET /_emulator/metrics, text exposition format 0.0.4; docs/observability.md).
// Counters are plain integers bumped by dispatch and the engine's transition callback; gauges are
// read from the database at scrape time and handed to render(). Recording a request allocates
// nothing once its operation and status code have been seen. Owned by the io_context thread.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rml::server::observability {

// Builds exposition text: a family's HELP and TYPE lines, then its samples. Label values are
// escaped (backslash, double quote, newline).
class prom_writer {
public:
    void family(std::string_view name, std::string_view type, std::string_view help);
    // name{k1="v1",...} value
    void sample(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                double value);
    void sample(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                std::uint64_t value);
    std::string take() { return std::move(out_); }

private:
    void labels(std::initializer_list<std::pair<std::string_view, std::string_view>> labels);
    std::string out_;
};

std::string escape_label_value(std::string_view v);
// A sample value as Prometheus reads it: integers without a fraction, +Inf, shortest round trip.
std::string format_value(double v);
// A histogram bucket bound for the le label, in fixed notation: 0.0005, 1, 2.5.
std::string format_bound(double v);

class metrics {
public:
    static constexpr std::array<double, 14> buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                       0.1,    0.25,  0.5,    1,     2.5,  5,     10};

    // The names of the operations, by the index dispatch passes to request() (api::operations()).
    explicit metrics(std::vector<std::string_view> operation_names);

    void request(std::size_t operation, int status, double seconds);
    // A control-API call; path is the request path, labelled by control_path_label().
    void control_request(std::string_view path, int status);
    void transition(bool robot) { ++(robot ? robot_transitions_ : job_transitions_); }
    void internal_error() { ++internal_errors_; }
    // The signature verdict of a service request: "ok", "unverified" (--auth none) or its error code.
    void auth_verdict(std::string_view verdict);

    // Read at scrape time.
    struct gauges {
        std::vector<std::pair<std::string, std::int64_t>> jobs_by_status;
        std::vector<std::pair<std::string, std::int64_t>> robots_by_status;
        std::size_t waiters = 0;
        std::size_t journal_entries = 0;
        std::size_t journal_body_bytes = 0;
        std::uint64_t log_lines_dropped = 0;  // a counter, kept by the log sink
    };
    std::string render(const gauges& g) const;

private:
    struct op_stats {
        std::array<std::uint64_t, buckets.size()> in_bucket{};  // not cumulative; the rest is +Inf
        std::uint64_t count = 0;
        double sum = 0;
        std::vector<std::pair<int, std::uint64_t>> by_status;
    };

    std::vector<std::string_view> names_;
    std::vector<op_stats> ops_;
    std::vector<std::pair<std::pair<std::string, int>, std::uint64_t>> control_;  // (path, status) -> count
    std::uint64_t job_transitions_ = 0;
    std::uint64_t robot_transitions_ = 0;
    std::uint64_t internal_errors_ = 0;
    // One counter per verdict, a fixed set (anything else counts as "other"): a bounded label set.
    static constexpr std::array<std::string_view, 7> verdicts_ = {
        "ok", "unverified", "MissingAuthenticationTokenException", "UnrecognizedClientException",
        "IncompleteSignatureException", "InvalidSignatureException", "other"};
    std::array<std::uint64_t, verdicts_.size()> verdict_counts_{};
};

// The names of api::operations(), in order: what dispatch's operation index refers to.
std::vector<std::string_view> service_operation_names();

// The statuses reported even when no resource has them (so their series do not vanish).
extern const std::array<std::string_view, 6> job_statuses;
extern const std::array<std::string_view, 7> robot_statuses;

// The control path as a metrics label, one of a fixed set (so the series stay bounded whatever
// paths clients send): the route template /_emulator/jobs/{jobId}/ACTION for the job actions
// (events, hold, release), the other control routes as they are, "other" for anything else.
std::string control_path_label(std::string_view path);

}  // namespace rml::server::observability
