// The real binary on port 0: wire format, keep-alive, limits, timeouts, shutdown and start-up errors.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <regex>

#include "tests/server/server_process.hpp"

using namespace rml::test;

namespace {

std::string post(const std::string& path, const std::string& body, bool close_conn = false) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
           (close_conn ? "Connection: close\r\n" : "") + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
}

std::string header(const std::string& response, const std::string& name) {
    std::smatch m;
    if (std::regex_search(response, m, std::regex("\r\n" + name + ": ([^\r]*)\r\n", std::regex::icase))) return m[1];
    return "";
}

}  // namespace

TEST_CASE("responses carry a request id; errors carry their type and a JSON message") {
    server_process srv;
    int fd = connect_local(srv.port());
    send_all(fd, post("/createFleet", R"({"name":"demo"})"));
    auto ok = read_response(fd);
    CHECK(ok.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(std::regex_match(header(ok, "x-amzn-RequestId"),
                           std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    CHECK(header(ok, "Content-Type") == "application/json");

    // Same connection (keep-alive): a validation error.
    send_all(fd, post("/createFleet", R"({"name":"bad name"})"));
    auto bad = read_response(fd);
    CHECK(bad.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(header(bad, "x-amzn-ErrorType") == "InvalidParameterException");
    CHECK(bad.find(R"({"message":"1 validation error detected: Value 'bad name' at 'name')") != std::string::npos);
    CHECK(header(bad, "x-amzn-RequestId") != header(ok, "x-amzn-RequestId"));

    send_all(fd, "GET /nope?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    auto unknown = read_response(fd);
    CHECK(unknown.rfind("HTTP/1.1 404", 0) == 0);
    CHECK(header(unknown, "x-amzn-ErrorType") == "UnknownOperationException");
    CHECK(unknown.find("GET /nope") != std::string::npos);

    send_all(fd, post("/createDeploymentJob", "{}"));
    auto later = read_response(fd);
    CHECK(later.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(header(later, "x-amzn-ErrorType") == "InvalidParameterException");
    CHECK(later.find("clientRequestToken") != std::string::npos);
    close(fd);
    CHECK(srv.stop(SIGTERM) == 0);
}

TEST_CASE("a body over 1 MiB gets 413 with a JSON error") {
    server_process srv;
    int fd = connect_local(srv.port());
    send_all(fd, post("/createFleet", std::string(1024 * 1024 + 10, ' ')));
    auto res = read_response(fd);
    CHECK(res.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(res.find(R"({"message":)") != std::string::npos);
    close(fd);
    // The server still serves others.
    int fd2 = connect_local(srv.port());
    send_all(fd2, "GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(read_response(fd2).rfind("HTTP/1.1 200", 0) == 0);
    close(fd2);
}

TEST_CASE("a client that sends no complete request within the read timeout is closed") {
    server_process srv({"--read-timeout", "1"});
    int fd = connect_local(srv.port());
    send_all(fd, "POST /listFleets HTTP/1.1\r\nHost: x\r\n");  // headers never finish
    CHECK(closed_by_peer(fd, 5000));
    close(fd);
}

TEST_CASE("an idle kept-alive connection is closed after the read timeout") {
    server_process srv({"--read-timeout", "1"});
    int fd = connect_local(srv.port());
    send_all(fd, post("/listFleets", "{}"));
    CHECK(read_response(fd).rfind("HTTP/1.1 200", 0) == 0);
    CHECK(closed_by_peer(fd, 5000));  // no next request: closed by the connection's deadline
    close(fd);
}

TEST_CASE("the read timeout does not cut a request that is being handled") {
    // A 2.5 s injected latency outlasts the 1 s read timeout: the answer still arrives.
    server_process srv({"--read-timeout", "1"});
    int fd = connect_local(srv.port());
    send_all(fd, post("/_emulator/faults", R"({"operation":"ListFleets","latencyMs":2500})"));
    CHECK(read_response(fd).rfind("HTTP/1.1 200", 0) == 0);
    send_all(fd, post("/listFleets", "{}"));
    auto res = read_response(fd, 10000);
    CHECK(res.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(res.find(R"("fleetDetails":[])") != std::string::npos);
    close(fd);
}

TEST_CASE("SIGTERM closes idle connections and exits 0; SIGINT too") {
    for (int sig : {SIGTERM, SIGINT}) {
        server_process srv;
        int fd = connect_local(srv.port());
        send_all(fd, post("/listFleets", "{}"));
        CHECK(read_response(fd).rfind("HTTP/1.1 200", 0) == 0);
        CHECK(srv.stop(sig) == 0);
        close(fd);
    }
}

TEST_CASE("account and region come from the SigV4 credential scope") {
    server_process srv;
    auto signed_post = [](const std::string& path, const std::string& body, const std::string& cred) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" + cred +
               ", SignedHeaders=host, Signature=abc\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body;
    };
    int fd = connect_local(srv.port());
    send_all(fd, signed_post("/createFleet", R"({"name":"f"})", "444455556666/20261123/eu-west-1/robomaker/aws4_request"));
    auto res = read_response(fd);
    CHECK(res.find("arn:aws:robomaker:eu-west-1:444455556666:deployment-fleet/f/") != std::string::npos);
    send_all(fd, post("/listFleets", "{}"));
    CHECK(read_response(fd).find(R"("fleetDetails":[])") != std::string::npos);
    close(fd);
}

TEST_CASE("bad start-up values stop with one line naming the key and exit code 2") {
    auto r = run_binary({"--port", "99999"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("port") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

    r = run_binary({"--no-such-flag", "1"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--no-such-flag") != std::string::npos);

    r = run_binary({"--clock", "sundial"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("clock") != std::string::npos);

    r = run_binary({"--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--time-scale") != std::string::npos);

    r = run_binary({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("robomaker-local ", 0) == 0);
}

TEST_CASE("control API: clock, reset and objects over HTTP") {
    server_process srv({"--clock", "manual"});
    int fd = connect_local(srv.port());
    send_all(fd, "GET /_emulator/clock HTTP/1.1\r\nHost: x\r\n\r\n");
    auto clock = read_response(fd);
    CHECK(clock.find(R"("mode":"manual")") != std::string::npos);
    send_all(fd, post("/_emulator/clock", R"({"advanceSeconds":3600})"));
    CHECK(read_response(fd).rfind("HTTP/1.1 200", 0) == 0);
    send_all(fd, post("/_emulator/clock", R"({"advanceSeconds":"soon"})"));
    auto bad = read_response(fd);
    CHECK(bad.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(header(bad, "x-amzn-ErrorType") == "InvalidParameterException");

    send_all(fd, post("/createFleet", R"({"name":"f"})"));
    CHECK(read_response(fd).rfind("HTTP/1.1 200", 0) == 0);
    send_all(fd, post("/_emulator/reset", ""));
    CHECK(read_response(fd).find(R"("fleets":1)") != std::string::npos);
    send_all(fd, post("/listFleets", "{}"));
    CHECK(read_response(fd).find(R"("fleetDetails":[])") != std::string::npos);

    send_all(fd, post("/_emulator/objects", R"({"bucket":"b","key":"k","action":"delete"})"));
    CHECK(read_response(fd).find(R"("exists":false)") != std::string::npos);
    send_all(fd, "GET /_emulator/objects?bucket=b&key=k HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(read_response(fd).find(R"("exists":false)") != std::string::npos);
    send_all(fd, "DELETE /_emulator/clock HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(read_response(fd).rfind("HTTP/1.1 404", 0) == 0);
    close(fd);
}
