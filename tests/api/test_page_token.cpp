#include <catch2/catch.hpp>

#include <regex>

#include "api/page_token.hpp"

using rml::api::page_token;

TEST_CASE("a token decodes to its id only for the operation that made it") {
    page_token t("secret-1");
    auto tok = t.encode("ListRobots", 12345);
    CHECK(std::regex_match(tok, std::regex("[a-zA-Z0-9_.\\-\\/+=]*")));  // the model's pattern
    CHECK(t.decode("ListRobots", tok) == 12345);
    CHECK_FALSE(t.decode("ListFleets", tok));
}

TEST_CASE("altered, foreign-secret and garbage tokens are refused") {
    page_token t("secret-1"), other("secret-2");
    auto tok = t.encode("ListFleets", 7);
    CHECK_FALSE(other.decode("ListFleets", tok));
    std::string altered = tok;
    altered[2] = altered[2] == 'A' ? 'B' : 'A';
    CHECK_FALSE(t.decode("ListFleets", altered));
    CHECK_FALSE(t.decode("ListFleets", "garbage"));
    CHECK_FALSE(t.decode("ListFleets", ""));
    CHECK_FALSE(t.decode("ListFleets", "===="));
}

TEST_CASE("new secrets differ") { CHECK(page_token::new_secret() != page_token::new_secret()); }
