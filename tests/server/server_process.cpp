#include "tests/server/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace rml::test {
namespace {

std::string read_line(int fd) {
    std::string line;
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n') line += c;
    return line;
}

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

int spawn(const std::vector<std::string>& args, int& out_fd, int* err_fd) {
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
    int pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        std::vector<char*> argv;
        std::string bin = RML_BINARY;
        argv.push_back(bin.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    out_fd = out[0];
    if (err_fd) {
        *err_fd = err[0];
    } else {
        close(err[0]);
    }
    return pid;
}

}  // namespace

server_process::server_process(const std::vector<std::string>& extra_args) {
    std::vector<std::string> args = {"--host", "127.0.0.1", "--port", "0", "--db", ":memory:"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = spawn(args, stdout_fd_, nullptr);
    std::string line = read_line(stdout_fd_);
    const std::string prefix = "robomaker-local listening on http://127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) {
        stop(SIGKILL);
        throw std::runtime_error("server did not start: '" + line + "'");
    }
    port_ = std::stoi(line.substr(prefix.size()));
}

server_process::~server_process() {
    if (pid_ > 0) stop(SIGKILL);
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

int server_process::stop(int signo) {
    if (pid_ <= 0) return -1;
    kill(pid_, signo);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int connect_local(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("connect failed");
    }
    return fd;
}

void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the peer may close early (e.g. after a 413)
        sent += static_cast<std::size_t>(n);
    }
}

std::string read_response(int fd, int timeout_ms) {
    std::string data;
    char buf[8192];
    while (true) {
        auto head_end = data.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            std::size_t length = 0;
            auto pos = data.find("Content-Length: ");
            if (pos != std::string::npos && pos < head_end) length = std::stoul(data.substr(pos + 16));
            if (data.size() >= head_end + 4 + length) return data.substr(0, head_end + 4 + length);
        }
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return data;
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return data;
        data.append(buf, static_cast<std::size_t>(n));
    }
}

bool closed_by_peer(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char c;
    return recv(fd, &c, 1, 0) == 0;
}

run_result run_binary(const std::vector<std::string>& args) {
    int out_fd = -1, err_fd = -1;
    int pid = spawn(args, out_fd, &err_fd);
    std::string out = read_all(out_fd);
    std::string err = read_all(err_fd);
    close(out_fd);
    close(err_fd);
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out, err};
}

}  // namespace rml::test
