// rml-startup-probe: start-up time of a server, measured the way a test harness sees it.
//
//   rml-startup-probe [--runs N] [--fresh-db DIR] -- SERVER [ARGS...]
//
// Each run forks and execs SERVER ARGS (which must include --port 0), reads the first line of
// its stdout ("... listening on http://HOST:PORT"), then sends GET /_emulator/health on a new
// connection every 0.5 ms until one answers 200. The time from just before fork() to that 200 is
// one sample. The server then gets SIGTERM and is reaped. With --fresh-db DIR, every run appends
// "--db DIR/startup-N.db" to ARGS and deletes that file (and -wal/-shm/-journal) afterwards, so
// each run creates a new database. Prints one line per run and a final line
//   runs=N median_ms=X max_ms=Y min_ms=Z
// Everything is bounded: 5 s per run for the first line and for the first 200.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using steady = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "rml-startup-probe: %s\n", why.c_str());
    std::exit(1);
}

double ms_since(steady::time_point t0) {
    return std::chrono::duration<double, std::milli>(steady::now() - t0).count();
}

// Reads stdout of the child until a newline; returns the line or "" on timeout/EOF.
std::string read_first_line(int fd, steady::time_point deadline) {
    std::string line;
    while (steady::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
        int r = ::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1)));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        char c;
        ssize_t n = ::read(fd, &c, 1);
        if (n <= 0) break;
        if (c == '\n') return line;
        line += c;
    }
    return "";
}

// One GET /_emulator/health on a fresh connection; returns the HTTP status or -1.
int health_status(const std::string& host, int port) {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        ::close(s);
        return -1;
    }
    timeval tv{1, 0};
    ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(s);
        return -1;
    }
    std::string req = "GET /_emulator/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    if (::send(s, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
        ::close(s);
        return -1;
    }
    char buf[64] = {};
    std::size_t got = 0;
    while (got < 12) {  // "HTTP/1.1 200"
        ssize_t n = ::recv(s, buf + got, sizeof buf - 1 - got, 0);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(s);
    if (got < 12 || std::strncmp(buf, "HTTP/1.", 7) != 0) return -1;
    return std::atoi(buf + 9);
}

void remove_db(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

double one_run(const std::vector<std::string>& base_args, const std::string& db) {
    std::vector<std::string> args = base_args;
    if (!db.empty()) {
        args.push_back("--db");
        args.push_back(db);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipefd[2];
    if (::pipe(pipefd) != 0) die("pipe failed");

    auto t0 = steady::now();
    pid_t pid = ::fork();
    if (pid < 0) die("fork failed");
    if (pid == 0) {
        ::dup2(pipefd[1], STDOUT_FILENO);
        ::close(pipefd[0]);
        ::close(pipefd[1]);
        ::execv(argv[0], argv.data());
        std::_Exit(127);
    }
    ::close(pipefd[1]);

    auto deadline = t0 + std::chrono::seconds(5);
    std::string line = read_first_line(pipefd[0], deadline);
    double elapsed = -1;
    auto scheme = line.find("http://");
    auto colon = line.rfind(':');
    if (scheme != std::string::npos && colon != std::string::npos && colon > scheme + 7) {
        std::string host = line.substr(scheme + 7, colon - scheme - 7);
        int port = std::atoi(line.c_str() + colon + 1);
        while (steady::now() < deadline) {
            if (health_status(host, port) == 200) {
                elapsed = ms_since(t0);
                break;
            }
            ::usleep(500);
        }
    }

    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500; ++i) {  // up to 5 s, then SIGKILL
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            pid = 0;
            break;
        }
        ::usleep(10000);
    }
    if (pid != 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    ::close(pipefd[0]);
    if (!db.empty()) remove_db(db);
    if (elapsed < 0) die("no 200 from /_emulator/health within 5 s (first line: '" + line + "')");
    return elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 20;
    std::string fresh_dir;
    std::vector<std::string> server;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            for (++i; i < argc; ++i) server.emplace_back(argv[i]);
            break;
        }
        if (i + 1 >= argc) die("missing value after " + a);
        if (a == "--runs") {
            runs = std::atoi(argv[++i]);
            if (runs < 1 || runs > 1000) die("--runs must be 1..1000");
        } else if (a == "--fresh-db") {
            fresh_dir = argv[++i];
        } else {
            die("unknown argument " + a);
        }
    }
    if (server.empty()) die("usage: rml-startup-probe [--runs N] [--fresh-db DIR] -- SERVER [ARGS...]");
    if (::access(server[0].c_str(), X_OK) != 0) die("not executable: " + server[0]);

    std::vector<double> samples;
    for (int r = 0; r < runs; ++r) {
        std::string db = fresh_dir.empty() ? "" : fresh_dir + "/startup-" + std::to_string(r) + ".db";
        if (!db.empty()) remove_db(db);
        double ms = one_run(server, db);
        samples.push_back(ms);
        std::printf("run %d: %.2f ms\n", r + 1, ms);
    }
    std::vector<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    std::size_t n = sorted.size();
    double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    std::printf("runs=%zu median_ms=%.2f max_ms=%.2f min_ms=%.2f\n", n, median, sorted.back(), sorted.front());
    return 0;
}
