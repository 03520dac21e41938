// libFuzzer target: the seed document (--init FILE, POST /_emulator/init), through
// api::control::init_from_body, the function server/control/world_control.cpp routes the body to:
// parse_json_body, the document planner (api/control/seed_document.cpp), then every item through
// the operations in one transaction on the in-memory world (tests/fuzz/fuzz_world.hpp).
//
// Input: the document. Checked: nothing throws or crashes; an error is InvalidParameterException
// with a valid UTF-8 message naming a place in the document ("at /..." or "at the top"); a failed
// document changes nothing (the world's fleets are counted before and after); a success is one
// JSON value. The world is reset after every applied document, so it stays small.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/control/seed.hpp"
#include "api/json_body.hpp"
#include "api/message_quote.hpp"
#include "tests/fuzz/fuzz_world.hpp"

namespace {

using namespace rml;

std::size_t resources(fuzz::world& w) {
    auto all = w.f.call("ListFleets", "{}");
    auto robots = w.f.call("ListRobots", "{}");
    return (all ? all.value().size() : 0) + (robots ? robots.value().size() : 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::world w;
    w.next_input(static_cast<unsigned char>(size % 7));
    std::string doc = w.expand(std::string(reinterpret_cast<const char*>(data), size));
    std::size_t before = resources(w);
    auto res = api::control::init_from_body(w.f.st, doc);
    if (res) {
        if (!api::parse_json_body(res.value(), api::empty_body::is_error)) std::abort();
        w.reseed();
        return 0;
    }
    const auto& e = res.error();
    if (e.type != "InvalidParameterException" || !api::is_valid_utf8(e.message)) std::abort();
    if (e.message.find("Seed document, at ") != 0) std::abort();
    if (resources(w) != before) std::abort();  // nothing of a failed document stays
    return 0;
}
