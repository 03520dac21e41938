#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "api/uuid.hpp"

TEST_CASE("request ids are distinct lowercase UUIDv4 strings") {
    rml::api::uuid_source ids;
    const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    std::set<char> variants;
    for (int i = 0; i < 2000; ++i) {
        auto id = ids.next();
        REQUIRE(std::regex_match(id, v4));
        variants.insert(id[19]);
        seen.insert(id);
    }
    CHECK(seen.size() == 2000);
    CHECK(variants.size() == 4);  // 8, 9, a and b all occur: the variant bits are set, the rest random
}
