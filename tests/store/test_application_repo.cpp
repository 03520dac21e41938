#include <catch2/catch.hpp>

#include "store/application_repo.hpp"
#include "store/database.hpp"
#include "store/object_repo.hpp"

using namespace rml::store;

namespace {

struct fixture {
    database db{":memory:"};
    application_repo apps{db};
    scope s{"123456789012", "us-east-1"};

    application_row add(const std::string& name) {
        application_row a{0, "arn:app/" + name, name, 1};
        apps.insert(s, a);
        version_row latest;
        latest.application_arn = a.arn;
        latest.version = "$LATEST";
        latest.revision_id = "rev-0";
        latest.updated_ms = 1;
        latest.sources = {{"bucket", "x86.tar", "X86_64", std::nullopt}, {"bucket", "arm.tar", "ARM64", std::nullopt}};
        apps.insert_version(latest);
        return a;
    }
};

}  // namespace

TEST_CASE_METHOD(fixture, "version numbers are never reused after a delete") {
    auto a = add("app");
    CHECK(apps.take_version_number(a.arn) == 1);
    CHECK(apps.take_version_number(a.arn) == 2);
    version_row v2;
    v2.application_arn = a.arn;
    v2.version = "2";
    v2.revision_id = "rev-2";
    apps.insert_version(v2);
    CHECK(apps.count_versions(a.arn) == 1);
    CHECK(apps.remove_version(a.arn, "2"));
    CHECK_FALSE(apps.remove_version(a.arn, "2"));
    CHECK(apps.take_version_number(a.arn) == 3);
}

TEST_CASE_METHOD(fixture, "a version keeps its sources in order; update replaces them") {
    auto a = add("app");
    auto latest = apps.find_version(a.arn, "$LATEST");
    REQUIRE(latest);
    REQUIRE(latest->sources.size() == 2);
    CHECK(latest->sources[0].key == "x86.tar");
    CHECK(latest->sources[1].architecture == "ARM64");
    CHECK_FALSE(latest->sources[0].etag);

    latest->sources = {{"b2", "new.tar", "ARMHF", "etag-1"}};
    latest->revision_id = "rev-1";
    latest->environment_uri = "repo/image:1";
    apps.update_version(*latest);
    auto again = apps.find_version(a.arn, "$LATEST");
    REQUIRE(again->sources.size() == 1);
    CHECK(again->sources[0].etag == "etag-1");
    CHECK(again->revision_id == "rev-1");
    CHECK(again->environment_uri == "repo/image:1");
}

TEST_CASE_METHOD(fixture, "deleting an application deletes its versions and sources") {
    auto a = add("app");
    apps.remove(a.arn);
    CHECK_FALSE(apps.find_by_arn(s, a.arn));
    CHECK_FALSE(apps.find_version(a.arn, "$LATEST"));
    auto& st = db.prepare("SELECT COUNT(*) FROM version_sources");
    st.step();
    CHECK(st.column_int(0) == 0);
}

TEST_CASE_METHOD(fixture, "listing shows $LATEST only, or every version") {
    auto a = add("a");
    add("b");
    version_row v1;
    v1.application_arn = a.arn;
    v1.version = "1";
    v1.revision_id = "r";
    apps.insert_version(v1);
    CHECK(apps.list(s, 0, 10, {}, false).rows.size() == 2);
    auto all = apps.list(s, 0, 10, {}, true);
    REQUIRE(all.rows.size() == 3);
    CHECK(all.rows[2].version == "1");
    auto only_a = apps.list(s, 0, 10, {"a"}, true);
    CHECK(only_a.rows.size() == 2);
    auto page = apps.list(s, 0, 1, {}, true);
    CHECK(page.more);
}

TEST_CASE("objects read as present at generation 0 until changed") {
    database db(":memory:");
    object_repo objects(db);
    auto o = objects.get("b", "k");
    CHECK(o.generation == 0);
    CHECK_FALSE(o.deleted);
    objects.put("b", "k", {3, true});
    o = objects.get("b", "k");
    CHECK(o.generation == 3);
    CHECK(o.deleted);
    CHECK(objects.get("b", "other").generation == 0);
}
