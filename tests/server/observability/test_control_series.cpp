// The real binary: whatever control paths clients send, the control-request metric keeps a
// bounded set of series (route templates and "other") and the exposition stays valid UTF-8.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "server/observability/utf8_text.hpp"
#include "tests/server/server_process.hpp"

using rml::test::server_process;

namespace {

std::string get(int fd, const std::string& target) {
    rml::test::send_all(fd, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    return rml::test::read_response(fd, 10000);
}

}  // namespace

TEST_CASE("metrics: distinct control paths share a bounded set of series; the exposition is UTF-8") {
    server_process srv({"--log-level", "warn"});  // no request lines: this test is about the metric alone
    int fd = rml::test::connect_local(srv.port());
    for (int i = 0; i < 1000; ++i) {
        std::string n = std::to_string(i);
        REQUIRE_FALSE(get(fd, "/_emulator/jobs/j" + n + "/x" + n).empty());
        REQUIRE_FALSE(get(fd, "/_emulator/jobs/j" + n + "/events").empty());
        REQUIRE_FALSE(get(fd, "/_emulator/nothing" + n).empty());
    }
    get(fd, "/_emulator/jobs/j\xff/\xff");
    get(fd, "/_emulator/\xff\xfe");
    std::string metrics = get(fd, "/_emulator/metrics");
    close(fd);

    auto body = metrics.substr(metrics.find("\r\n\r\n") + 4);
    CHECK(rml::server::observability::sanitize_utf8(body) == body);
    std::istringstream lines(body);
    std::string line;
    int series = 0;
    bool events = false, other = false;
    while (std::getline(lines, line)) {
        if (line.rfind("robomaker_local_control_requests_total{", 0) != 0) continue;
        ++series;
        events = events || line.find(R"(path="/_emulator/jobs/{jobId}/events")") != std::string::npos;
        other = other || line.find(R"(path="other")") != std::string::npos;
    }
    CHECK(series <= 10);  // (template or "other") x status code, for the few routes used here
    CHECK(events);
    CHECK(other);
}
