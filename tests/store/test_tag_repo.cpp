#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/tag_repo.hpp"

using namespace rml::store;

TEST_CASE("tags are put, overwritten and removed per resource") {
    database db(":memory:");
    tag_repo tags(db);
    tags.put("arn:a", {{"k1", "v1"}, {"k2", "v2"}});
    tags.put("arn:b", {{"k1", "other"}});
    tags.put("arn:a", {{"k1", "new"}});
    auto a = tags.get("arn:a");
    CHECK(a == tag_map{{"k1", "new"}, {"k2", "v2"}});
    tags.remove("arn:a", {"k2", "missing"});
    CHECK(tags.get("arn:a") == tag_map{{"k1", "new"}});
    tags.remove_all("arn:a");
    CHECK(tags.get("arn:a").empty());
    CHECK(tags.get("arn:b") == tag_map{{"k1", "other"}});
}
