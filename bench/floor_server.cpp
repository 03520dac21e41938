// rml-floor-server: the baseline of bench/run.sh. Same shape as the emulator's server (one
// single-threaded io_context, co_spawn of one coroutine per connection with keep-alive,
// tcp_stream + flat_buffer, http::async_read into a request<string_body>, async_write), but every
// request gets the same fixed ~600-byte JSON body: no routing, no JSON parsing, no SQLite, no
// logging. Prints "floor listening on http://127.0.0.1:PORT" and exits on SIGINT/SIGTERM.
// With --bare it is the second, lower floor: a plain socket with no tcp_stream and no timeouts.
//
//   rml-floor-server [--host 127.0.0.1] [--port 0] [--bare]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Shaped like a DescribeRobot answer, about 600 bytes.
const std::string& fixed_body() {
    static const std::string body = [] {
        std::string b =
            R"({"arn":"arn:aws:robomaker:us-east-1:123456789012:robot/bench-robot-0001/1700000000000",)"
            R"("name":"bench-robot-0001","fleetArn":"","status":"Available","greengrassGroupId":)"
            R"("6f9b1c2e-0000-4000-8000-000000000001","createdAt":1700000000.0,"architecture":"X86_64",)"
            R"("lastDeploymentJob":"","lastDeploymentTime":0,"tags":{"team":"bench","purpose":)"
            R"("floor","owner":"robomaker-local"},"padding":")";
        b.append(600 - b.size() - 2, 'x');
        b += "\"}";
        return b;
    }();
    return body;
}

http::response<http::string_body> answer(const http::request<http::string_body>& req) {
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    res.set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
    res.body() = fixed_body();
    res.prepare_payload();
    res.keep_alive(req.keep_alive());
    return res;
}

// The emulator's shape: tcp_stream with a timeout armed before every read and write.
asio::awaitable<void> session(tcp::socket socket, const bool& stopping) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    while (!stopping) {
        http::request<http::string_body> req;
        stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await http::async_read(stream, buffer, req, use_tuple);
        if (ec) break;
        auto res = answer(req);
        bool keep = res.keep_alive();
        stream.expires_after(std::chrono::seconds(30));
        auto [wec, wn] = co_await http::async_write(stream, res, use_tuple);
        if (wec || !keep) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// --bare: the same request loop on the plain socket, no timers at all.
asio::awaitable<void> bare_session(tcp::socket socket, const bool& stopping) {
    beast::flat_buffer buffer;
    while (!stopping) {
        http::request<http::string_body> req;
        auto [ec, n] = co_await http::async_read(socket, buffer, req, use_tuple);
        if (ec) break;
        auto res = answer(req);
        bool keep = res.keep_alive();
        auto [wec, wn] = co_await http::async_write(socket, res, use_tuple);
        if (wec || !keep) break;
    }
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const bool& stopping, bool bare) {
    while (!stopping) {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) break;
            continue;
        }
        socket.set_option(tcp::no_delay(true));
        asio::co_spawn(acceptor.get_executor(),
                       bare ? bare_session(std::move(socket), stopping) : session(std::move(socket), stopping),
                       asio::detached);
    }
}

[[noreturn]] void usage(int code) {
    std::fputs("usage: rml-floor-server [--host ADDRESS] [--port N] [--bare]   (defaults 127.0.0.1, 0)\n",
               code == 0 ? stdout : stderr);
    std::exit(code);
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    long port = 0;
    bool bare = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--help" || a == "-h") usage(0);
        if (a == "--bare") {
            bare = true;
            continue;
        }
        if (i + 1 >= argc) usage(2);
        if (a == "--host") {
            host = argv[++i];
        } else if (a == "--port") {
            char* end = nullptr;
            port = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || port < 0 || port > 65535) usage(2);
        } else {
            usage(2);
        }
    }

    try {
        asio::io_context io;
        tcp::endpoint ep(asio::ip::make_address(host), static_cast<unsigned short>(port));
        tcp::acceptor acceptor(io);
        acceptor.open(ep.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(asio::socket_base::max_listen_connections);

        auto local = acceptor.local_endpoint();
        std::printf("floor listening on http://%s:%u\n", local.address().to_string().c_str(),
                    static_cast<unsigned>(local.port()));
        std::fflush(stdout);

        bool stopping = false;
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code& ec, int) {
            if (ec) return;
            stopping = true;
            boost::system::error_code ignored;
            acceptor.close(ignored);
            io.stop();  // idle keep-alive sessions would otherwise wait for their read timeout
        });
        asio::co_spawn(io, accept_loop(acceptor, stopping, bare), asio::detached);
        io.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rml-floor-server: %s\n", e.what());
        return 1;
    }
    return 0;
}
