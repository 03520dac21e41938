#include "server/health_probe.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <rapidjson/document.h>

#include "server/config/config.hpp"

namespace rml::server::health {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr auto deadline = std::chrono::seconds(2);  // connect, send and read together
constexpr std::size_t max_body = 64 * 1024;         // the health body is ~60 bytes

target make_target(const asio::ip::address& a, std::uint16_t port) {
    std::string host = a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
    return {a.to_string(), port, "http://" + host + ":" + std::to_string(port)};
}

// The outcome of one probe: healthy, or a one-line reason.
struct outcome {
    bool healthy = false;
    std::string line;
};

std::string printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 120)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (s.size() > 120) out += "...";
    return out;
}

outcome judge(const http::response<http::string_body>& res) {
    if (res.result_int() != 200) {
        return {false, "answered " + std::to_string(res.result_int()) + " " + std::string(res.reason()) + ": " +
                           printable(res.body())};
    }
    rapidjson::Document doc;
    doc.Parse(res.body().data(), res.body().size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("status") || !doc["status"].IsString() ||
        std::string_view(doc["status"].GetString()) != "ok") {
        return {false, "answered 200 without \"status\":\"ok\": " + printable(res.body())};
    }
    std::string line = "ok";
    if (doc.HasMember("version") && doc["version"].IsString()) line += std::string(" (version ") + doc["version"].GetString();
    if (doc.HasMember("uptimeSeconds") && doc["uptimeSeconds"].IsNumber()) {
        char up[32];
        std::snprintf(up, sizeof up, ", up %.1f s", doc["uptimeSeconds"].GetDouble());
        line += up;
    }
    if (line != "ok") line += ")";
    return {true, line};
}

asio::awaitable<void> probe(const target& t, outcome& out) {
    beast::tcp_stream stream(co_await asio::this_coro::executor);
    stream.expires_after(deadline);
    auto step_failed = [&](const char* what, const beast::error_code& ec) {
        out.line = ec == beast::error::timeout ? "no answer within 2 s (" + std::string(what) + ")"
                                               : std::string("cannot ") + what + ": " + ec.message();
    };
    asio::ip::tcp::endpoint ep(asio::ip::make_address(t.address), t.port);
    auto [cec] = co_await stream.async_connect(ep, asio::as_tuple(asio::use_awaitable));
    if (cec) co_return step_failed("connect", cec);

    http::request<http::empty_body> req(http::verb::get, "/_emulator/health", 11);
    req.set(http::field::host, t.url.substr(7));
    req.set(http::field::user_agent, "robomaker-local-health/" RML_VERSION);
    req.set(http::field::connection, "close");
    auto [wec, wn] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
    if (wec) co_return step_failed("send the request", wec);

    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_body);
    auto [rec, rn] = co_await http::async_read(stream, buf, parser, asio::as_tuple(asio::use_awaitable));
    if (rec) co_return step_failed("read the answer", rec);
    out = judge(parser.get());
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

// Without --url: where the server would listen, from its config file and environment.
std::optional<target> default_target(const char* (*env)(const char*), std::string& error) {
    config::options cfg;
    try {
        cfg = config::parse_config({}, env).cfg;
    } catch (const config::config_error& e) {
        error = e.what();
        return std::nullopt;
    }
    boost::system::error_code ec;
    auto a = asio::ip::make_address(cfg.host, ec);
    if (ec) {
        error = "host '" + cfg.host + "' is not a numeric address";
        return std::nullopt;
    }
    if (a.is_unspecified()) a = a.is_v6() ? asio::ip::address(asio::ip::address_v6::loopback())
                                          : asio::ip::address(asio::ip::address_v4::loopback());
    if (cfg.port == 0) {
        error = "the configured port is 0 (chosen by the OS): pass --url";
        return std::nullopt;
    }
    return make_target(a, static_cast<std::uint16_t>(cfg.port));
}

}  // namespace

url_result parse_url(std::string_view url) {
    auto fail = [&](const std::string& why) { return url_result{std::nullopt, "bad URL '" + printable(url) + "': " + why}; };
    constexpr std::string_view scheme = "http://";
    if (url.starts_with("https://")) return fail("https is not supported (the emulator serves plain HTTP)");
    if (!url.starts_with(scheme)) return fail("must start with http://");
    std::string_view rest = url.substr(scheme.size());
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    std::string_view tail = rest.substr(authority.size());
    if (!tail.empty() && tail != "/") return fail("must be the server's base URL, without a path or query");
    if (authority.find('@') != std::string_view::npos) return fail("user info is not supported");

    std::string_view host = authority;
    std::string_view port_text;
    if (host.starts_with("[")) {
        auto close = host.find(']');
        if (close == std::string_view::npos) return fail("unclosed '[' in the host");
        std::string_view after = host.substr(close + 1);
        host = host.substr(1, close - 1);
        if (!after.empty()) {
            if (after[0] != ':') return fail("expected ':PORT' after ']'");
            port_text = after.substr(1);
            if (port_text.empty()) return fail("empty port");
        }
    } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        port_text = host.substr(colon + 1);
        host = host.substr(0, colon);
        if (port_text.empty()) return fail("empty port");
    }
    if (host.empty()) return fail("no host");

    unsigned port = 80;
    if (!port_text.empty()) {
        auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc() || p != port_text.data() + port_text.size() || port < 1 || port > 65535) {
            return fail("port must be an integer from 1 to 65535");
        }
    }
    asio::ip::address a;
    if (host == "localhost") {
        a = asio::ip::address_v4::loopback();
    } else {
        boost::system::error_code ec;
        a = asio::ip::make_address(std::string(host), ec);
        if (ec) return fail("the host must be a numeric IP address or localhost (no name lookups)");
        if (a.is_v6() && !authority.starts_with("[")) return fail("an IPv6 address goes in brackets, [::1]");
    }
    return {make_target(a, static_cast<std::uint16_t>(port)), {}};
}

std::string help_text() {
    return "usage: robomaker-local health [--url URL]\n\n"
           "Asks a running robomaker-local for GET /_emulator/health. Exit code 0 when it answers 200 with\n"
           "{\"status\":\"ok\"} within 2 s, 1 when it does not (the reason on stderr), 2 on a bad argument.\n\n"
           "  --url URL    the server's base URL, http://HOST[:PORT] with a numeric HOST ([::1] for IPv6)\n"
           "               or localhost. Default: the host and port the server would listen on from\n"
           "               ROBOMAKER_LOCAL_CONFIG and ROBOMAKER_LOCAL_HOST/_PORT (0.0.0.0 as 127.0.0.1),\n"
           "               else http://127.0.0.1:4567\n"
           "  --help\n";
}

int run(const std::vector<std::string>& args, const char* (*env)(const char*)) {
    std::optional<std::string> url;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::fputs(help_text().c_str(), stdout);
            return 0;
        }
        if (a.starts_with("--url=")) {
            url = a.substr(6);
        } else if (a == "--url") {
            if (i + 1 >= args.size()) {
                std::fputs("robomaker-local health: flag '--url' needs a value\n", stderr);
                return 2;
            }
            url = args[++i];
        } else {
            std::fprintf(stderr, "robomaker-local health: unexpected argument '%s' (see health --help)\n",
                         printable(a).c_str());
            return 2;
        }
    }
    std::optional<target> t;
    std::string error;
    if (url) {
        auto parsed = parse_url(*url);
        t = parsed.value;
        error = parsed.error;
    } else {
        t = default_target(env, error);
    }
    if (!t) {
        std::fprintf(stderr, "robomaker-local health: %s\n", error.c_str());
        return 2;
    }

    asio::io_context io;
    outcome out;
    asio::co_spawn(io, probe(*t, out), [&out](std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            out = {false, std::string("probe failed: ") + ex.what()};
        }
    });
    io.run();
    std::fprintf(out.healthy ? stdout : stderr, "robomaker-local health: %s: %s\n", t->url.c_str(), out.line.c_str());
    return out.healthy ? 0 : 1;
}

}  // namespace rml::server::health
