// robomaker-local: wiring only. Parses the configuration, opens the database, starts the
// listener and runs the single-threaded io_context until SIGINT/SIGTERM.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/control/emulator_control.hpp"
#include "api/service.hpp"
#include "api/state.hpp"
#include "server/app_state.hpp"
#include "server/config/config.hpp"
#include "server/control/world_control.hpp"
#include "server/engine_timer.hpp"
#include "server/health_probe.hpp"
#include "server/transport/listener.hpp"
#include "server/transport/shutdown.hpp"
#include "server/observability/logger.hpp"
#include "store/database.hpp"

namespace {

const char* get_env(const char* name) { return std::getenv(name); }

int run(const rml::server::config::options& cfg) {
    namespace asio = boost::asio;
    using namespace rml;

    store::database db(cfg.db);
    api::engine::clock clk(cfg.clock, cfg.time_scale);
    api::state st(db, clk, cfg.service);
    api::control::restore_clock(st);
    st.faults.load_config(cfg.service.faults_json);
    if (!cfg.init.empty()) {
        if (auto err = server::control::seed_at_startup(st, cfg.init)) {
            std::fprintf(stderr, "robomaker-local: %s\n", err->c_str());
            return 2;
        }
    }
    api::service service(st);

    asio::io_context io;
    server::observability::logger log(server::observability::parse_log_level(cfg.log_level), cfg.log_format == "json");
    server::engine_timer timer(io, st, log);
    st.schedule.changed = [&timer] { timer.request_rearm(); };
    timer.request_rearm();  // after a restart, jobs resume where the clock now is
    server::app_state app{cfg, io, log, service};
    st.schedule.job_changed = [&app](const std::string& arn) { app.waiters.notify(arn); };
    st.schedule.transition = [&app](const std::string& job_arn, const store::job_event_row& e) {
        app.metrics.transition(e.robot_arn.has_value());
        app.log.transition(job_arn, e);
    };
    std::string cap_note;
    app.connections.set_cap(server::transport::fit_cap_to_fd_limit(static_cast<std::size_t>(cfg.max_connections), cap_note));
    server::transport::listener lis(app, cfg.host, cfg.port);

    auto ep = lis.local_endpoint();
    std::string host = ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
    std::printf("robomaker-local listening on http://%s:%u\n", host.c_str(), static_cast<unsigned>(ep.port()));
    std::fflush(stdout);
    log.start();  // from here on only the logger's writer thread writes to stdout
    if (cfg.auth.sigv4) {
        log.message(server::observability::log_level::info,
                    cfg.auth.credentials.empty()
                        ? "auth sigv4: no credentials configured; accepting access key test, secret test, for account " +
                              cfg.service.default_account
                        : "auth sigv4: " + std::to_string(cfg.auth.credentials.size()) + " credentials configured");
    }
    if (!cap_note.empty()) log.message(server::observability::log_level::warn, cap_note);

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
        if (ec) return;
        log.message(server::observability::log_level::info, "signal " + std::to_string(signo) + ": shutting down");
        lis.shutdown();
        timer.stop();
        app.waiters.wake_all();
        auto grace = std::chrono::milliseconds(static_cast<std::int64_t>(cfg.shutdown_grace * 1000));
        asio::co_spawn(io, server::transport::drain_connections(app, grace), asio::detached);
    });
    asio::co_spawn(io, lis.accept_loop(), asio::detached);
    asio::co_spawn(io, lis.sweep_deadlines(), asio::detached);
    io.run();
    st.schedule.changed = nullptr;
    st.schedule.job_changed = nullptr;
    st.schedule.transition = nullptr;
    log.message(server::observability::log_level::info, "stopped");
    log.stop();  // writes what is queued; gives up after a short while on a stuck stdout
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace rml::server::config;
    if (argc > 1 && std::string_view(argv[1]) == "health") {  // the probe, not a server
        return rml::server::health::run(std::vector<std::string>(argv + 2, argv + argc), get_env);
    }
    parsed_args args;
    try {
        args = parse_config(std::vector<std::string>(argv + 1, argv + argc), get_env);
    } catch (const config_error& e) {
        std::fprintf(stderr, "robomaker-local: %s\n", e.what());
        return 2;
    }
    if (args.what == parsed_args::action::help) {
        std::fputs(help_text().c_str(), stdout);
        return 0;
    }
    if (args.what == parsed_args::action::version) {
        std::printf("robomaker-local %s\n", RML_VERSION);
        return 0;
    }
    try {
        return run(args.cfg);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "robomaker-local: %s\n", e.what());
        return 1;
    }
}
