#pragma once
// Runs the real robomaker-local binary on 127.0.0.1, port 0, and talks raw HTTP to it over
// POSIX sockets. The process is stopped by the test that started it, by pid.
#include <string>
#include <vector>

namespace rml::test {

class server_process {
public:
    // Starts the binary with --host 127.0.0.1 --port 0 --db :memory: plus extra args and waits
    // for its start-up line.
    explicit server_process(const std::vector<std::string>& extra_args = {});
    ~server_process();

    int port() const { return port_; }
    int pid() const { return pid_; }
    // The read end of the server's stdout; nothing reads it after the start-up line unless a test does.
    int stdout_fd() const { return stdout_fd_; }
    // Sends a signal and waits for the exit; returns the exit status (or 128+signal).
    int stop(int signo);

private:
    int pid_ = -1;
    int port_ = 0;
    int stdout_fd_ = -1;
};

// Opens a TCP connection to 127.0.0.1:port; returns the fd.
int connect_local(int port);
// Sends raw bytes on fd.
void send_all(int fd, const std::string& data);
// Reads one HTTP response (headers + Content-Length body) from fd; empty when the peer closed.
std::string read_response(int fd, int timeout_ms = 5000);
// True if the peer closes fd within timeout_ms without sending anything more.
bool closed_by_peer(int fd, int timeout_ms);

// Runs the binary with args to completion; returns exit code and what it wrote to stderr.
struct run_result {
    int exit_code;
    std::string out;
    std::string err;
};
run_result run_binary(const std::vector<std::string>& args);

}  // namespace rml::test
