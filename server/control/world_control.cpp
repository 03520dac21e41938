#include "server/control/world_control.hpp"

#include <fstream>
#include <sstream>

#include "api/control/seed.hpp"
#include "api/control/snapshots.hpp"

namespace rml::server::control {

std::optional<api::result<std::string>> handle_world_control(app_state& app, std::string_view method,
                                                             const transport::route& r, std::string_view body) {
    auto& st = app.service.shared_state();
    if (r.path == "/_emulator/init" && method == "POST") return api::control::init_from_body(st, body);
    constexpr std::string_view prefix = "/_emulator/snapshots";
    std::string_view path = r.path;
    if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string_view rest = path.substr(prefix.size());
    if (rest.empty() || rest == "/") {
        if (method == "POST") return api::control::save_snapshot(st, app.snapshots, body);
        if (method == "GET") return api::control::list_snapshots(app.snapshots);
        return std::nullopt;
    }
    if (rest.front() != '/') return std::nullopt;
    rest.remove_prefix(1);
    bool restore = false;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        if (rest.substr(slash) != "/restore") return std::nullopt;
        restore = true;
        rest = rest.substr(0, slash);
    }
    std::string name;
    if (!transport::percent_decode(rest, name)) {
        return api::invalid_parameter("The snapshot name in the path is not valid percent-encoding.");
    }
    if (restore && method == "POST") {
        api::control::reset_scope scope;
        auto res = api::control::restore_snapshot(st, app.snapshots, name, body, scope);
        if (res) app.journal.clear(scope.account, scope.region);  // as a reset does
        return res;
    }
    if (!restore && method == "DELETE") return api::control::delete_snapshot(app.snapshots, name);
    return std::nullopt;
}

std::optional<std::string> seed_at_startup(api::state& st, const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return "cannot read init file '" + file + "'";
    std::stringstream text;
    text << in.rdbuf();
    auto res = api::control::init_at_startup(st, text.str());
    if (!res) return "init file '" + file + "': " + res.error().message;
    return std::nullopt;
}

}  // namespace rml::server::control
