#include "server/control.hpp"

#include "api/json_out.hpp"
#include "api/emulator_control.hpp"
#include "api/objects.hpp"

namespace rml::server {
namespace {

api::result<std::string> health(app_state& app) {
    auto up = std::chrono::duration<double>(std::chrono::steady_clock::now() - app.started).count();
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("status"); w.String("ok");
    w.Key("version"); w.String(RML_VERSION);
    w.Key("uptimeSeconds"); w.Double(static_cast<double>(static_cast<std::int64_t>(up * 1000)) / 1000.0);
    w.EndObject();
    return std::string(b.GetString(), b.GetSize());
}

}  // namespace

api::result<std::string> handle_control(app_state& app, std::string_view method, const route& r,
                                        std::string_view body) {
    if (r.path == "/_emulator/health" && method == "GET") return health(app);
    auto& st = app.service.shared_state();
    if (r.path == "/_emulator/reset" && method == "POST") return api::reset_resources(st, body);
    if (r.path == "/_emulator/clock") {
        if (method == "GET") return api::clock_state(st);
        if (method == "POST") return api::change_clock(st, body);
    }
    if (r.path == "/_emulator/objects") {
        if (method == "POST") return api::change_object(app.service.shared_state(), body);
        if (method == "GET") {
            std::string bucket, key;
            for (const auto& [k, v] : r.query) {
                if (k == "bucket") bucket = v;
                if (k == "key") key = v;
            }
            return api::describe_object(app.service.shared_state(), bucket, key);
        }
    }
    return api::unknown_operation("No control operation matches " + std::string(method) + " " + r.path);
}

}  // namespace rml::server
