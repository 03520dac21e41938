#pragma once
// An in-process service on an in-memory database (or a file) with a manual clock: api tests call
// operations directly, without sockets.
#include <string>

#include <rapidjson/document.h>

#include "api/engine/clock.hpp"
#include "api/service.hpp"
#include "api/state.hpp"
#include "store/database.hpp"

namespace rml::test {

constexpr std::int64_t start_ms = 1732345678123;

struct api_fixture {
    explicit api_fixture(api::settings cfg = {}, const std::string& db_path = ":memory:");

    // Runs an operation in the default scope (or the one given) and returns its result.
    api::result<std::string> call(const std::string& op, const std::string& body,
                                  const store::scope& s = {"123456789012", "us-east-1"});
    // Runs an operation that must succeed and returns the parsed response.
    rapidjson::Document ok(const std::string& op, const std::string& body,
                           const store::scope& s = {"123456789012", "us-east-1"});
    // The error type of an operation that must fail.
    std::string error_type(const std::string& op, const std::string& body,
                           const store::scope& s = {"123456789012", "us-east-1"});

    std::string create_fleet(const std::string& name);
    std::string create_robot(const std::string& name);

    store::database db;
    api::engine::clock clock{api::engine::clock_mode::manual, 1.0, [] { return start_ms; }};
    api::state st;
    api::service service{st};
};

}  // namespace rml::test
