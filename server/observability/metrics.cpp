#include "server/observability/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "api/operations.hpp"

namespace rml::server::observability {

const std::array<std::string_view, 6> job_statuses = {"Pending", "Preparing", "InProgress",
                                                      "Failed",  "Succeeded", "Canceled"};
const std::array<std::string_view, 7> robot_statuses = {"Available", "Registered", "PendingNewDeployment", "Deploying",
                                                        "Failed",    "InSync",     "NoResponse"};

std::string escape_label_value(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string format_value(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

// A bucket bound as a label: fixed notation (0.0005, not 5e-04), as Prometheus clients write it.
std::string format_bound(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, p);
}

void prom_writer::family(std::string_view name, std::string_view type, std::string_view help) {
    out_.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void prom_writer::labels(std::initializer_list<std::pair<std::string_view, std::string_view>> labels) {
    if (labels.size() == 0) return;
    out_ += '{';
    bool first = true;
    for (const auto& [k, v] : labels) {
        if (!first) out_ += ',';
        first = false;
        out_.append(k).append("=\"").append(escape_label_value(v)).append("\"");
    }
    out_ += '}';
}

void prom_writer::sample(std::string_view name,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> l, double value) {
    out_.append(name);
    labels(l);
    out_.append(" ").append(format_value(value)).append("\n");
}

void prom_writer::sample(std::string_view name,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> l, std::uint64_t value) {
    out_.append(name);
    labels(l);
    out_.append(" ").append(std::to_string(value)).append("\n");
}

std::vector<std::string_view> service_operation_names() {
    std::vector<std::string_view> out;
    for (const auto& op : api::operations()) out.push_back(op.name);
    return out;
}

metrics::metrics(std::vector<std::string_view> operation_names)
    : names_(std::move(operation_names)), ops_(names_.size()) {}

void metrics::request(std::size_t operation, int status, double seconds) {
    if (operation >= ops_.size()) return;
    op_stats& s = ops_[operation];
    std::size_t b = 0;
    while (b < buckets.size() && seconds > buckets[b]) ++b;
    if (b < buckets.size()) ++s.in_bucket[b];
    ++s.count;
    s.sum += seconds;
    for (auto& [code, n] : s.by_status) {
        if (code == status) {
            ++n;
            return;
        }
    }
    s.by_status.emplace_back(status, 1);
}

std::string control_path_label(std::string_view path) {
    constexpr std::string_view jobs = "/_emulator/jobs/";
    if (path.rfind(jobs, 0) == 0) {
        auto slash = path.rfind('/');
        if (slash <= jobs.size()) return "other";  // no job id
        std::string_view action = path.substr(slash + 1);
        for (std::string_view known : {"events", "hold", "release"}) {
            if (action == known) return "/_emulator/jobs/{jobId}/" + std::string(known);
        }
        return "other";
    }
    for (std::string_view known : {"/_emulator/health", "/_emulator/reset", "/_emulator/clock", "/_emulator/faults",
                                   "/_emulator/objects", "/_emulator/wait", "/_emulator/requests",
                                   "/_emulator/metrics", "/_emulator/overview", "/_emulator/service-phase", "/_emulator/",
                                   "/_emulator"}) {
        if (path == known) return std::string(known);
    }
    return "other";
}

void metrics::control_request(std::string_view path, int status) {
    std::string label = control_path_label(path);
    for (auto& [key, n] : control_) {
        if (key.second == status && key.first == label) {
            ++n;
            return;
        }
    }
    control_.push_back({{std::move(label), status}, 1});
}

void metrics::auth_verdict(std::string_view verdict) {
    std::size_t i = 0;
    while (i + 1 < verdicts_.size() && verdicts_[i] != verdict) ++i;
    ++verdict_counts_[i];
}

std::string metrics::render(const gauges& g) const {
    prom_writer w;
    w.family("robomaker_local_requests_total", "counter",
             "Service API requests answered, by operation and HTTP status code (control API excluded).");
    for (std::size_t i = 0; i < ops_.size(); ++i) {
        auto by_status = ops_[i].by_status;
        std::sort(by_status.begin(), by_status.end());
        for (const auto& [code, n] : by_status) {
            w.sample("robomaker_local_requests_total", {{"operation", names_[i]}, {"code", std::to_string(code)}}, n);
        }
    }

    w.family("robomaker_local_request_duration_seconds", "histogram",
             "Time from the parsed request to the response being ready, by operation.");
    for (std::size_t i = 0; i < ops_.size(); ++i) {
        const op_stats& s = ops_[i];
        if (s.count == 0) continue;
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            cumulative += s.in_bucket[b];
            w.sample("robomaker_local_request_duration_seconds_bucket",
                     {{"operation", names_[i]}, {"le", format_bound(buckets[b])}}, cumulative);
        }
        w.sample("robomaker_local_request_duration_seconds_bucket", {{"operation", names_[i]}, {"le", "+Inf"}}, s.count);
        w.sample("robomaker_local_request_duration_seconds_sum", {{"operation", names_[i]}}, s.sum);
        w.sample("robomaker_local_request_duration_seconds_count", {{"operation", names_[i]}}, s.count);
    }

    w.family("robomaker_local_control_requests_total", "counter",
             "Control API (/_emulator/) requests answered, by path and HTTP status code.");
    auto control = control_;
    std::sort(control.begin(), control.end());
    for (const auto& [key, n] : control) {
        w.sample("robomaker_local_control_requests_total", {{"path", key.first}, {"code", std::to_string(key.second)}},
                 n);
    }

    auto status_gauge = [&w](std::string_view name, const auto& known,
                             const std::vector<std::pair<std::string, std::int64_t>>& counts) {
        for (std::string_view status : known) {
            std::int64_t n = 0;
            for (const auto& [s, c] : counts) {
                if (s == status) n = c;
            }
            w.sample(name, {{"status", status}}, static_cast<std::uint64_t>(n));
        }
        for (const auto& [s, c] : counts) {  // a status outside the model's enum, should one appear
            if (std::find(known.begin(), known.end(), s) == known.end()) {
                w.sample(name, {{"status", s}}, static_cast<std::uint64_t>(c));
            }
        }
    };
    w.family("robomaker_local_deployment_jobs", "gauge", "Deployment jobs in the database, by status (all accounts).");
    status_gauge("robomaker_local_deployment_jobs", job_statuses, g.jobs_by_status);
    w.family("robomaker_local_robots", "gauge", "Robots in the database, by deployment status (all accounts).");
    status_gauge("robomaker_local_robots", robot_statuses, g.robots_by_status);

    w.family("robomaker_local_engine_transitions_total", "counter",
             "Transitions the deployment engine recorded, of jobs and of robots within jobs.");
    w.sample("robomaker_local_engine_transitions_total", {{"resource", "job"}}, job_transitions_);
    w.sample("robomaker_local_engine_transitions_total", {{"resource", "robot"}}, robot_transitions_);

    w.family("robomaker_local_store_errors_total", "counter",
             "Requests answered 500 because an exception escaped (a database failure or another unexpected error).");
    w.sample("robomaker_local_store_errors_total", {}, internal_errors_);

    w.family("robomaker_local_wait_requests_in_flight", "gauge", "GET /_emulator/wait requests waiting now.");
    w.sample("robomaker_local_wait_requests_in_flight", {}, static_cast<std::uint64_t>(g.waiters));

    w.family("robomaker_local_journal_entries", "gauge", "Entries held by the request journal.");
    w.sample("robomaker_local_journal_entries", {}, static_cast<std::uint64_t>(g.journal_entries));

    w.family("robomaker_local_journal_body_bytes", "gauge",
             "Bytes of request bodies held by the request journal (bounded by its byte budget).");
    w.sample("robomaker_local_journal_body_bytes", {}, static_cast<std::uint64_t>(g.journal_body_bytes));

    w.family("robomaker_local_auth_verdicts_total", "counter",
             "Service requests by signature verdict: ok, unverified (--auth none) or the error code.");
    for (std::size_t i = 0; i < verdicts_.size(); ++i) {
        w.sample("robomaker_local_auth_verdicts_total", {{"verdict", verdicts_[i]}}, verdict_counts_[i]);
    }

    w.family("robomaker_local_log_lines_dropped_total", "counter",
             "Log lines dropped because stdout was not read fast enough (the log queue was full).");
    w.sample("robomaker_local_log_lines_dropped_total", {}, g.log_lines_dropped);
    return w.take();
}

}  // namespace rml::server::observability
