#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/fleet_repo.hpp"

using namespace rml::store;

namespace {
fleet_row make(const std::string& name, std::int64_t ms) { return fleet_row{0, "arn:" + name + ":" + std::to_string(ms), name, ms}; }
}  // namespace

TEST_CASE("fleets are scoped to account and region") {
    database db(":memory:");
    fleet_repo fleets(db);
    scope a{"111111111111", "us-east-1"}, b{"222222222222", "us-east-1"}, c{"111111111111", "eu-west-1"};
    auto f = make("shared", 1);
    fleets.insert(a, f);
    CHECK(fleets.find(a, f.arn));
    CHECK_FALSE(fleets.find(b, f.arn));
    CHECK_FALSE(fleets.find(c, f.arn));
    CHECK(fleets.count(a) == 1);
    CHECK(fleets.count(b) == 0);
    CHECK_FALSE(fleets.remove(b, f.arn));
    CHECK(fleets.remove(a, f.arn));
    CHECK_FALSE(fleets.arn_exists(f.arn));
}

TEST_CASE("fleet listing pages by id, oldest first, and filters by name") {
    database db(":memory:");
    fleet_repo fleets(db);
    scope s{"123456789012", "us-east-1"};
    for (int i = 0; i < 7; ++i) {
        auto f = make(i % 2 ? "odd" : "even", 100 + i);
        fleets.insert(s, f);
    }
    auto p1 = fleets.list(s, 0, 3, {});
    REQUIRE(p1.rows.size() == 3);
    CHECK(p1.more);
    CHECK(p1.rows[0].created_ms == 100);
    auto p2 = fleets.list(s, p1.rows.back().id, 3, {});
    REQUIRE(p2.rows.size() == 3);
    CHECK(p2.rows[0].created_ms == 103);
    auto p3 = fleets.list(s, p2.rows.back().id, 3, {});
    CHECK(p3.rows.size() == 1);
    CHECK_FALSE(p3.more);

    auto odd = fleets.list(s, 0, 10, {"odd"});
    CHECK(odd.rows.size() == 3);
    for (const auto& f : odd.rows) CHECK(f.name == "odd");
    auto both = fleets.list(s, 0, 10, {"odd", "even"});
    CHECK(both.rows.size() == 7);
    CHECK(fleets.list(s, 0, 10, {"none"}).rows.empty());
}
