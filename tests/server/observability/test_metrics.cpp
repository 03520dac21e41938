#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <sstream>

#include "server/observability/metrics.hpp"

using namespace rml::server::observability;

namespace {

// Sample lines as name{labels} -> value text; checks that every sample's family has HELP and TYPE
// lines before it.
std::map<std::string, std::string> samples(const std::string& text) {
    std::map<std::string, std::string> out;
    std::map<std::string, int> declared;  // family -> HELP/TYPE lines seen
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        REQUIRE_FALSE(line.empty());
        if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
            auto name = line.substr(7, line.find(' ', 7) - 7);
            ++declared[name];
            continue;
        }
        auto space = line.rfind(' ');
        REQUIRE(space != std::string::npos);
        auto series = line.substr(0, space);
        auto name = series.substr(0, series.find('{'));
        bool known = false;
        for (const char* suffix : {"", "_bucket", "_sum", "_count"}) {
            std::string s = suffix;
            if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0 &&
                declared[name.substr(0, name.size() - s.size())] == 2) {
                known = true;
            }
        }
        INFO(line);
        CHECK(known);
        out[series] = line.substr(space + 1);
    }
    return out;
}

}  // namespace

TEST_CASE("prometheus: label values are escaped, values formatted") {
    CHECK(escape_label_value(R"(a"b\c)" "\n") == R"(a\"b\\c\n)");
    CHECK(escape_label_value("InSync") == "InSync");
    CHECK(format_value(3) == "3");
    CHECK(format_value(0.25) == "0.25");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_bound(0.0005) == "0.0005");
    CHECK(format_bound(10) == "10");
    prom_writer w;
    w.family("x_total", "counter", "Things.");
    w.sample("x_total", {{"a", "1"}, {"b", "q\""}}, std::uint64_t{7});
    w.sample("x_total", {}, 0.5);
    CHECK(w.take() == "# HELP x_total Things.\n# TYPE x_total counter\nx_total{a=\"1\",b=\"q\\\"\"} 7\nx_total 0.5\n");
}

TEST_CASE("metrics: requests by operation and code, histogram cumulative up to +Inf == count") {
    metrics m({"CreateFleet", "ListFleets"});
    m.request(1, 200, 0.0001);
    m.request(1, 200, 0.003);
    m.request(1, 400, 0.2);
    m.request(1, 200, 60);  // over the last bucket: only +Inf
    m.request(0, 500, 0.0004);
    m.request(7, 200, 0.1);  // no such operation: ignored
    auto s = samples(m.render({}));
    CHECK(s.at(R"(robomaker_local_requests_total{operation="ListFleets",code="200"})") == "3");
    CHECK(s.at(R"(robomaker_local_requests_total{operation="ListFleets",code="400"})") == "1");
    CHECK(s.at(R"(robomaker_local_requests_total{operation="CreateFleet",code="500"})") == "1");
    CHECK(s.count(R"(robomaker_local_requests_total{operation="CreateFleet",code="200"})") == 0);

    const std::string b = R"(robomaker_local_request_duration_seconds_bucket{operation="ListFleets",le=")";
    CHECK(s.at(b + R"(0.0005"})") == "1");
    CHECK(s.at(b + R"(0.0025"})") == "1");
    CHECK(s.at(b + R"(0.005"})") == "2");
    CHECK(s.at(b + R"(0.25"})") == "3");
    CHECK(s.at(b + R"(10"})") == "3");
    CHECK(s.at(b + R"(+Inf"})") == "4");
    CHECK(s.at(R"(robomaker_local_request_duration_seconds_count{operation="ListFleets"})") == "4");
    CHECK(std::stod(s.at(R"(robomaker_local_request_duration_seconds_sum{operation="ListFleets"})")) ==
          Approx(60.2031));
    std::uint64_t previous = 0;
    for (double bound : metrics::buckets) {
        auto n = std::stoull(s.at(b + format_bound(bound) + "\"}"));
        CHECK(n >= previous);
        previous = n;
    }
}

TEST_CASE("metrics: gauges list every known status, transitions, errors, control requests") {
    metrics m({"ListFleets"});
    m.transition(false);
    m.transition(true);
    m.transition(true);
    m.internal_error();
    m.control_request("/_emulator/health", 200);
    m.control_request("/_emulator/health", 200);
    m.control_request("/_emulator/jobs/deployment-abc/events", 200);
    m.control_request("/_emulator/nope", 404);
    metrics::gauges g;
    g.jobs_by_status = {{"InProgress", 2}, {"Succeeded", 5}};
    g.robots_by_status = {{"Available", 3}, {"Mystery", 1}};
    g.waiters = 4;
    g.journal_entries = 9;
    auto s = samples(m.render(g));
    CHECK(s.at(R"(robomaker_local_deployment_jobs{status="InProgress"})") == "2");
    CHECK(s.at(R"(robomaker_local_deployment_jobs{status="Succeeded"})") == "5");
    CHECK(s.at(R"(robomaker_local_deployment_jobs{status="Pending"})") == "0");
    CHECK(s.at(R"(robomaker_local_deployment_jobs{status="Canceled"})") == "0");
    CHECK(s.at(R"(robomaker_local_robots{status="Available"})") == "3");
    CHECK(s.at(R"(robomaker_local_robots{status="NoResponse"})") == "0");
    CHECK(s.at(R"(robomaker_local_robots{status="Mystery"})") == "1");
    CHECK(s.at(R"(robomaker_local_engine_transitions_total{resource="job"})") == "1");
    CHECK(s.at(R"(robomaker_local_engine_transitions_total{resource="robot"})") == "2");
    CHECK(s.at("robomaker_local_store_errors_total") == "1");
    CHECK(s.at("robomaker_local_wait_requests_in_flight") == "4");
    CHECK(s.at("robomaker_local_journal_entries") == "9");
    CHECK(s.at(R"(robomaker_local_control_requests_total{path="/_emulator/health",code="200"})") == "2");
    CHECK(s.at(R"(robomaker_local_control_requests_total{path="/_emulator/jobs/{jobId}/events",code="200"})") == "1");
    CHECK(s.at(R"(robomaker_local_control_requests_total{path="other",code="404"})") == "1");
}

TEST_CASE("metrics: control paths fold job ids") {
    CHECK(control_path_label("/_emulator/jobs/arn%3Aaws%3Ax/hold") == "/_emulator/jobs/{jobId}/hold");
    CHECK(control_path_label("/_emulator/metrics") == "/_emulator/metrics");
    CHECK(control_path_label("/_emulator/service-phase") == "/_emulator/service-phase");
    CHECK(control_path_label("/_emulator/jobs/") == "other");
    CHECK(control_path_label("/_emulator/anything-else") == "other");
}
