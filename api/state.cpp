#include "api/state.hpp"

#include "store/meta_repo.hpp"

namespace rml::api {
namespace {

// The token secret is made once per database, so tokens stay valid across restarts.
std::string token_secret(store::database& db) {
    store::meta_repo meta(db);
    if (auto s = meta.get("page_token_secret")) return *s;
    std::string secret = page_token::new_secret();
    meta.set("page_token_secret", secret);
    return secret;
}

}  // namespace

state::state(store::database& database, engine::clock& clk, settings cfg)
    : db(database),
      clock(clk),
      config(std::move(cfg)),
      tokens(token_secret(database)),
      fleets(database),
      robots(database),
      tags(database),
      applications(database),
      jobs(database),
      faults(database, config.seed),
      phase(config.phase) {}

}  // namespace rml::api
