// libFuzzer target: the one JSON reader of every API and control body (api/json_body.hpp) and the
// quoting of client input in messages (api/message_quote.hpp).
//
// Checked invariants (the headers' contracts):
// - an accepted document re-serializes to valid UTF-8, and that text is accepted again;
// - every error message is plain ASCII ("Invalid JSON body: ... at byte N.");
// - quote_for_message always gives valid UTF-8 without C0/C1 controls or DEL, and keeps valid
//   UTF-8 without controls unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/json_body.hpp"
#include "api/message_quote.hpp"
#include "tests/fuzz/fuzz_checks.hpp"

namespace {

using namespace rml;

bool is_ascii(std::string_view s) {
    for (unsigned char c : s) {
        if (c >= 0x80) return false;
    }
    return true;
}

void check_parse(std::string_view in, api::empty_body empty) {
    auto r = api::parse_json_body(in, empty);
    if (!r) {
        if (!is_ascii(r.error().message) || r.error().type != "InvalidParameterException") std::abort();
        return;
    }
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    if (!r.value().Accept(w)) std::abort();
    std::string_view out(b.GetString(), b.GetSize());
    if (!api::is_valid_utf8(out)) std::abort();
    if (!api::parse_json_body(out, api::empty_body::is_error)) std::abort();  // the writer's output reads back
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    check_parse(in, api::empty_body::is_object);
    check_parse(in, api::empty_body::is_error);
    if (auto o = api::parse_json_object(in); !o && !is_ascii(o.error().message)) std::abort();

    std::string q = api::quote_for_message(in);
    if (!api::is_valid_utf8(q) || rml::fuzz::has_control(q)) std::abort();
    if (api::is_valid_utf8(in) && !rml::fuzz::has_control(in) && q != in) std::abort();
    return 0;
}
