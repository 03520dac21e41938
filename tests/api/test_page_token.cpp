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

TEST_CASE("a token belongs to one operation, account and region, and hides its row id") {
    page_token t("secret-1");
    auto mine = page_token::binding("ListFleets", "111111111111", "us-east-1");
    auto tok = t.encode(mine, 42);
    CHECK(t.decode(mine, tok) == 42);
    CHECK_FALSE(t.decode(page_token::binding("ListFleets", "222222222222", "us-east-1"), tok));
    CHECK_FALSE(t.decode(page_token::binding("ListFleets", "111111111111", "eu-west-1"), tok));
    CHECK_FALSE(t.decode(page_token::binding("ListRobots", "111111111111", "us-east-1"), tok));
    // opaque: a random nonce makes two tokens for one id differ
    CHECK(t.encode(mine, 42) != tok);
    for (std::int64_t id : {0LL, 1LL, 9007199254740993LL}) CHECK(t.decode(mine, t.encode(mine, id)) == id);
}

TEST_CASE("new secrets differ") { CHECK(page_token::new_secret() != page_token::new_secret()); }
