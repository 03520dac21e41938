// The real binary with a stdout pipe nobody reads after the "listening" line: requests are still
// answered, lines are dropped and counted, and once the pipe drains one line tells how many were
// dropped (docs/observability.md, "Logs"). Verdicts depend on counts; times are generous bounds.
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <string>

#include "server/observability/log_sink.hpp"
#include "tests/server/server_process.hpp"

using rml::test::server_process;

namespace {

const std::string health = "GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n";

// Sends `n` health requests on one connection, one at a time; returns how many were answered 200.
int send_health(int port, int n) {
    int fd = rml::test::connect_local(port);
    int ok = 0;
    for (int i = 0; i < n; ++i) {
        rml::test::send_all(fd, health);
        std::string r = rml::test::read_response(fd, 10000);
        if (r.rfind("HTTP/1.1 200", 0) != 0) break;
        ++ok;
    }
    close(fd);
    return ok;
}

long dropped_metric(int port) {
    int fd = rml::test::connect_local(port);
    rml::test::send_all(fd, "GET /_emulator/metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string r = rml::test::read_response(fd, 10000);
    close(fd);
    std::smatch m;
    REQUIRE(std::regex_search(r, m, std::regex("\nrobomaker_local_log_lines_dropped_total ([0-9]+)\n")));
    return std::stol(m[1]);
}

// Reads the pipe until a line "N log lines dropped" went by (or 20 s passed); returns N, or -1.
long drain_until_dropped_line(int fd) {
    std::string data;
    char buf[65536];
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::regex dropped("warn ([0-9]+) log lines dropped");
    while (std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
        std::smatch m;
        if (std::regex_search(data, m, dropped)) return std::stol(m[1]);
        if (data.size() > (1u << 20)) data.erase(0, data.size() - 4096);  // keep the tail only
    }
    return -1;
}

// More lines than the pipe (64 KiB) and the log queue (10,000 lines) hold together.
constexpr int requests = 20'000;

}  // namespace

TEST_CASE("log_sink: lines over the bound are dropped, counted, and reported where they are missing") {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    {
        rml::server::observability::log_sink sink(
            fds[1], [](std::uint64_t n) { return "dropped " + std::to_string(n); }, 3);
        for (int i = 0; i < 6; ++i) sink.push("line " + std::to_string(i));  // not started: held
        CHECK(sink.dropped_total() == 3);
        sink.start();
        sink.stop();
        sink.push("after stop");  // queued, never written: the writer has ended
    }
    close(fds[1]);
    std::string out;
    char buf[256];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    CHECK(out == "line 0\nline 1\nline 2\ndropped 3\n");
}

TEST_CASE("log: an unread stdout does not stop the server; dropped lines are counted, then reported") {
    server_process srv;
    CHECK(send_health(srv.port(), requests) == requests);
    long dropped = dropped_metric(srv.port());
    CHECK(dropped > 0);
    long reported = drain_until_dropped_line(srv.stdout_fd());
    // Lines are dropped from the first one that does not fit until the gap is reported, and the
    // pipe was drained only after the scrape: the first report covers at least those counted.
    CHECK(reported >= dropped);
    CHECK(send_health(srv.port(), 10) == 10);
}

TEST_CASE("log: shutdown with a stuck stdout gives up on the queued lines and exits") {
    server_process srv;
    REQUIRE(send_health(srv.port(), requests) == requests);
    auto t0 = std::chrono::steady_clock::now();
    CHECK(srv.stop(SIGTERM) == 0);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(15));
}
