#include "tests/api/api_fixture.hpp"

#include <stdexcept>

namespace rml::test {

api_fixture::api_fixture(api::settings cfg, const std::string& db_path) : db(db_path), st(db, clock, std::move(cfg)) {}

api::result<std::string> api_fixture::call(const std::string& op, const std::string& body, const store::scope& s) {
    api::api_request req;
    req.operation = op;
    req.scope = s;
    req.body = body;
    return service.handle(req);
}

rapidjson::Document api_fixture::ok(const std::string& op, const std::string& body, const store::scope& s) {
    auto r = call(op, body, s);
    if (!r) throw std::runtime_error(op + " failed: " + r.error().type + ": " + r.error().message);
    rapidjson::Document d;
    d.Parse(r.value().c_str());
    return d;
}

std::string api_fixture::error_type(const std::string& op, const std::string& body, const store::scope& s) {
    auto r = call(op, body, s);
    return r ? std::string("(success)") : r.error().type;
}

std::string api_fixture::create_fleet(const std::string& name) {
    return ok("CreateFleet", R"({"name":")" + name + R"("})")["arn"].GetString();
}

std::string api_fixture::create_robot(const std::string& name) {
    return ok("CreateRobot", R"({"name":")" + name + R"(","architecture":"ARM64","greengrassGroupId":"g-1"})")["arn"]
        .GetString();
}

}  // namespace rml::test
