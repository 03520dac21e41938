#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/fleet_repo.hpp"
#include "store/robot_repo.hpp"

using namespace rml::store;

namespace {

struct fixture {
    database db{":memory:"};
    fleet_repo fleets{db};
    robot_repo robots{db};
    scope s{"123456789012", "us-east-1"};

    robot_row add_robot(const std::string& name) {
        robot_row r;
        r.arn = "arn:robot/" + name;
        r.name = name;
        r.architecture = "X86_64";
        r.greengrass_group_id = "g";
        r.created_ms = 1;
        r.status = "Available";
        robots.insert(s, r);
        return r;
    }
    fleet_row add_fleet(const std::string& name) {
        fleet_row f{0, "arn:fleet/" + name, name, 1};
        fleets.insert(s, f);
        return f;
    }
};

}  // namespace

TEST_CASE_METHOD(fixture, "robot names are unique per account and region") {
    add_robot("r1");
    CHECK(robots.name_exists(s, "r1"));
    CHECK_FALSE(robots.name_exists(scope{"999999999999", "us-east-1"}, "r1"));
    CHECK_THROWS(add_robot("r1"));
}

TEST_CASE_METHOD(fixture, "registration keeps registration order and fleet counts") {
    auto f = add_fleet("f");
    auto a = add_robot("a"), b = add_robot("b"), c = add_robot("c");
    robots.register_to(c.arn, f.arn, "Registered");
    robots.register_to(a.arn, f.arn, "Registered");
    robots.register_to(b.arn, f.arn, "Registered");
    auto in = robots.in_fleet(f.arn, 10);
    REQUIRE(in.size() == 3);
    CHECK(in[0].name == "c");
    CHECK(in[1].name == "a");
    CHECK(in[2].name == "b");
    CHECK(in[0].status == "Registered");
    CHECK(robots.count_in_fleet(f.arn) == 3);
    // DescribeFleet's order: by creation, newest first, whatever the registration order.
    auto newest = robots.newest_in_fleet(f.arn, 2);
    REQUIRE(newest.size() == 2);
    CHECK(newest[0].name == "c");
    CHECK(newest[1].name == "b");

    robots.deregister(a.arn, "Available");
    CHECK(robots.count_in_fleet(f.arn) == 2);
    auto ra = robots.find(s, a.arn);
    REQUIRE(ra);
    CHECK_FALSE(ra->fleet_arn);
    CHECK(ra->status == "Available");

    robots.deregister_all(f.arn, "Available");
    CHECK(robots.count_in_fleet(f.arn) == 0);
}

TEST_CASE_METHOD(fixture, "robot listing filters by status and by fleet name") {
    auto f1 = add_fleet("alpha"), f2 = add_fleet("beta");
    auto a = add_robot("a"), b = add_robot("b");
    add_robot("c");
    robots.register_to(a.arn, f1.arn, "Registered");
    robots.register_to(b.arn, f2.arn, "Registered");

    auto registered = robots.list(s, 0, 10, {"Registered"}, {});
    CHECK(registered.rows.size() == 2);
    auto available = robots.list(s, 0, 10, {"Available"}, {});
    REQUIRE(available.rows.size() == 1);
    CHECK(available.rows[0].name == "c");
    auto in_alpha = robots.list(s, 0, 10, {}, {"alpha"});
    REQUIRE(in_alpha.rows.size() == 1);
    CHECK(in_alpha.rows[0].name == "a");
    CHECK(robots.list(s, 0, 10, {}, {"alpha", "beta"}).rows.size() == 2);
    // Newest first; the next page holds the ids below the last one seen.
    auto all = robots.list(s, 0, 2, {}, {});
    REQUIRE(all.rows.size() == 2);
    CHECK(all.rows[0].name == "c");
    CHECK(all.rows[1].name == "b");
    CHECK(all.more);
    auto rest = robots.list(s, all.rows.back().id, 2, {}, {});
    REQUIRE(rest.rows.size() == 1);
    CHECK(rest.rows[0].name == "a");
    CHECK_FALSE(rest.more);
}
