#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <rapidjson/document.h>

#include "api/control/snapshots.hpp"
#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;
namespace ctl = rml::api::control;

namespace {

rapidjson::Document parse(const std::string& s) {
    rapidjson::Document d;
    d.Parse(s.c_str());
    return d;
}

std::vector<std::string> fleet_names(api_fixture& f, const rml::store::scope& s = {"123456789012", "us-east-1"}) {
    std::vector<std::string> out;
    auto d = f.ok("ListFleets", "{}", s);
    for (const auto& x : d["fleetDetails"].GetArray()) out.emplace_back(x["name"].GetString());
    return out;
}

// A fresh directory under the system's temporary directory, removed at scope exit.
struct temp_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("rml-snap-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    ~temp_dir() { std::filesystem::remove_all(path); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

}  // namespace

TEST_CASE("a snapshot restores the whole state or one account, in memory and in files") {
    temp_dir dir;
    for (std::string where : {std::string(), dir.path.string()}) {
        api_fixture f;
        rml::store::snapshot_store snaps(where);
        rml::store::scope other{"222222222222", "eu-west-1"};
        f.create_fleet("a1");
        f.ok("CreateFleet", R"({"name":"b1"})", other);
        auto saved = ctl::save_snapshot(f.st, snaps, R"({"name":"base"})");
        REQUIRE(saved);
        CHECK(parse(saved.value())["sizeBytes"].GetInt64() > 0);
        f.create_fleet("a2");
        f.ok("CreateFleet", R"({"name":"b2"})", other);

        ctl::reset_scope scope;
        auto res = ctl::restore_snapshot(f.st, snaps, "base", R"({"account":"123456789012"})", scope);
        REQUIRE(res);
        CHECK(scope.account == "123456789012");
        CHECK(parse(res.value())["restored"]["fleets"].GetInt() == 1);
        CHECK(fleet_names(f) == std::vector<std::string>{"a1"});
        CHECK(fleet_names(f, other) == std::vector<std::string>{"b1", "b2"});

        REQUIRE(ctl::restore_snapshot(f.st, snaps, "base", "", scope));
        CHECK(fleet_names(f, other) == std::vector<std::string>{"b1"});
        CHECK(parse(ctl::list_snapshots(snaps))["snapshots"].Size() == 1);
        CHECK(ctl::delete_snapshot(snaps, "base"));
        CHECK(ctl::delete_snapshot(snaps, "base").error().http_status == 404);
    }
}

TEST_CASE("snapshot names, the bound and absent snapshots") {
    api_fixture f;
    rml::store::snapshot_store snaps("");
    for (const char* body : {R"({"name":""})", R"({"name":"a b"})", R"({"name":"../x"})", R"({})", R"({"name":1})"}) {
        auto r = ctl::save_snapshot(f.st, snaps, body);
        REQUIRE_FALSE(r);
        CHECK(r.error().type == "InvalidParameterException");
    }
    CHECK(ctl::save_snapshot(f.st, snaps, R"({"name":")" + std::string(64, 'x') + R"("})"));
    for (std::size_t i = 1; i < ctl::max_snapshots; ++i) {
        REQUIRE(ctl::save_snapshot(f.st, snaps, R"({"name":"s)" + std::to_string(i) + R"("})"));
    }
    auto over = ctl::save_snapshot(f.st, snaps, R"({"name":"over"})");
    REQUIRE_FALSE(over);
    CHECK(over.error().type == "LimitExceededException");
    CHECK(ctl::save_snapshot(f.st, snaps, R"({"name":"s1"})"));  // replacing at the bound
    ctl::reset_scope scope;
    CHECK(ctl::restore_snapshot(f.st, snaps, "nope", "", scope).error().http_status == 404);
}

TEST_CASE("a file that is not a snapshot is listed with its error and not restored") {
    temp_dir dir;
    api_fixture f;
    rml::store::snapshot_store snaps(dir.path.string());
    f.create_fleet("kept");
    REQUIRE(ctl::save_snapshot(f.st, snaps, R"({"name":"good"})"));
    std::ofstream(dir.path / "junk.sqlite") << "not a database, not at all, not even close to one";
    auto listed = parse(ctl::list_snapshots(snaps));
    REQUIRE(listed["snapshots"].Size() == 2);
    CHECK(std::string(listed["snapshots"][1]["name"].GetString()) == "junk");
    CHECK(listed["snapshots"][1].HasMember("error"));
    CHECK_FALSE(listed["snapshots"][0].HasMember("error"));
    ctl::reset_scope scope;
    auto r = ctl::restore_snapshot(f.st, snaps, "junk", "", scope);
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "InvalidParameterException");
    CHECK(fleet_names(f) == std::vector<std::string>{"kept"});
    CHECK(ctl::restore_snapshot(f.st, snaps, "good", "", scope));  // the database is usable afterwards
}
