#include "api/json_body.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "api/message_quote.hpp"

namespace rml::api {
namespace {

using rapidjson::SizeType;

struct problem {
    std::size_t at;
    std::string what;
};

// The value of 4 hex digits at s[i..i+4), or -1.
long hex4(std::string_view s, std::size_t i) {
    if (i > s.size() || s.size() - i < 4) return -1;
    long v = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

// One pass over the raw bytes for what RapidJSON 1.1.0 misses or words vaguely: bytes that are not
// well-formed UTF-8 (anywhere), control bytes inside strings, and \uXXXX escapes that are lone
// surrogates (RapidJSON refuses a high one without its low half, but turns a lone low one into
// CESU-8 bytes). Only tracks whether it is inside a string; syntax is RapidJSON's job.
std::optional<problem> scan_text(std::string_view s) {
    bool in_string = false;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t len = utf8_sequence_length(s, i);
            if (len == 0) return problem{i, "invalid UTF-8"};
            i += len;
        } else if (!in_string || c == '"') {
            if (c == '"') in_string = !in_string;
            ++i;
        } else if (c < 0x20) {
            return problem{i, "unescaped control character in a string"};
        } else if (c != '\\') {
            ++i;
        } else if (i + 1 < s.size() && s[i + 1] == 'u') {
            long unit = hex4(s, i + 2);
            bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
            if (high) {
                bool escape_follows = s.size() - i >= 8 && s[i + 6] == '\\' && s[i + 7] == 'u';
                long next = escape_follows ? hex4(s, i + 8) : -1;
                if (escape_follows && next < 0) {
                    i += 8;  // bad hex digits: RapidJSON reports those
                    continue;
                }
                if (next < 0xDC00 || next > 0xDFFF) return problem{i, "unpaired UTF-16 surrogate escape"};
                i += 12;
            } else if (low) {
                return problem{i, "unpaired UTF-16 surrogate escape"};
            } else {
                i += 2;  // the hex digits (valid or not) are ASCII and scanned as such
            }
        } else {
            // Skip the escaped character if it is ASCII; anything else is checked as UTF-8 next.
            i += i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0x80 ? 2 : 1;
        }
    }
    return std::nullopt;
}

// Forwards SAX events to the document and stops the parse at the 65th open array/object.
// Numbers arrive as their text (kParseNumbersAsStringsFlag) and become values here the way
// RapidJSON makes them: an integer that fits int64 (negative) or uint64 stays an integer, anything
// else is the correctly rounded double (strtod, as kParseFullPrecisionFlag means to give). RapidJSON
// 1.1.0's own full-precision conversion passes a zero significand to __builtin_clzll for numbers
// such as 0e200 (UBSan, found by fuzz_json_body); this path never reaches it.
class depth_limited {
public:
    depth_limited(rapidjson::Document& out, const rapidjson::MemoryStream& in) : out_(out), in_(in) {}

    bool Null() { return out_.Null(); }
    bool Bool(bool b) { return out_.Bool(b); }
    bool Int(int i) { return out_.Int(i); }
    bool Uint(unsigned i) { return out_.Uint(i); }
    bool Int64(std::int64_t i) { return out_.Int64(i); }
    bool Uint64(std::uint64_t i) { return out_.Uint64(i); }
    bool Double(double d) { return out_.Double(d); }
    bool RawNumber(const char* s, SizeType n, bool) {
        std::string_view text(s, n);
        if (text.find_first_of(".eE") == std::string_view::npos) {
            const char* end = text.data() + text.size();
            if (text.front() == '-') {
                std::int64_t v = 0;
                auto [p, ec] = std::from_chars(text.data(), end, v);
                if (ec == std::errc() && p == end) return out_.Int64(v);
            } else {
                std::uint64_t v = 0;
                auto [p, ec] = std::from_chars(text.data(), end, v);
                if (ec == std::errc() && p == end) return out_.Uint64(v);
            }
        }
        std::string copy(text);
        double d = std::strtod(copy.c_str(), nullptr);
        if (!std::isfinite(d)) {
            too_big_at_ = in_.Tell() - n;  // the number's first byte, as RapidJSON reports it
            return false;
        }
        return out_.Double(d);
    }
    bool String(const char* s, SizeType n, bool copy) { return out_.String(s, n, copy); }
    bool Key(const char* s, SizeType n, bool copy) { return out_.Key(s, n, copy); }
    bool StartObject() { return open() && out_.StartObject(); }
    bool EndObject(SizeType members) { return --depth_, out_.EndObject(members); }
    bool StartArray() { return open() && out_.StartArray(); }
    bool EndArray(SizeType elements) { return --depth_, out_.EndArray(elements); }

    std::optional<std::size_t> too_deep_at() const { return too_deep_at_; }
    std::optional<std::size_t> too_big_at() const { return too_big_at_; }

private:
    bool open() {
        if (++depth_ <= max_json_depth) return true;
        too_deep_at_ = in_.Tell();  // the iterative reader calls before it takes the bracket
        return false;
    }

    rapidjson::Document& out_;
    const rapidjson::MemoryStream& in_;
    int depth_ = 0;
    std::optional<std::size_t> too_deep_at_;
    std::optional<std::size_t> too_big_at_;
};

std::string describe(rapidjson::ParseErrorCode code, bool at_end) {
    using namespace rapidjson;
    if (code == kParseErrorDocumentEmpty) return "no JSON value, only whitespace, up to the end";
    if (code == kParseErrorNumberTooBig) return "number too big for a double";
    if (at_end) return "the body ends before the JSON value is complete";
    switch (code) {
        case kParseErrorDocumentRootNotSingular: return "unexpected data after the JSON value";
        case kParseErrorValueInvalid: return "invalid value";
        case kParseErrorObjectMissName: return "expected a member name in double quotes";
        case kParseErrorObjectMissColon: return "expected ':' after a member name";
        case kParseErrorObjectMissCommaOrCurlyBracket: return "expected ',' or '}' in an object";
        case kParseErrorArrayMissCommaOrSquareBracket: return "expected ',' or ']' in an array";
        case kParseErrorStringUnicodeEscapeInvalidHex: return "\\u not followed by 4 hex digits";
        case kParseErrorStringUnicodeSurrogateInvalid: return "unpaired UTF-16 surrogate escape";
        case kParseErrorStringEscapeInvalid: return "invalid escape in a string";
        case kParseErrorStringMissQuotationMark: return "unterminated string";
        case kParseErrorStringInvalidEncoding: return "invalid UTF-8";
        case kParseErrorNumberMissFraction: return "expected digits after the decimal point";
        case kParseErrorNumberMissExponent: return "expected digits in the exponent";
        default: return "syntax error";
    }
}

// Leaves each object with one member per name, the last occurrence, in place; stable otherwise.
void keep_last_members(rapidjson::Value& root) {
    std::vector<rapidjson::Value*> todo{&root};
    std::unordered_map<std::string_view, SizeType> last;
    std::vector<bool> keep;
    auto name_of = [](const rapidjson::Value& v) { return std::string_view(v.GetString(), v.GetStringLength()); };
    while (!todo.empty()) {
        rapidjson::Value& v = *todo.back();
        todo.pop_back();
        if (v.IsArray()) {
            for (auto& e : v.GetArray()) {
                if (e.IsObject() || e.IsArray()) todo.push_back(&e);
            }
            continue;
        }
        if (!v.IsObject()) continue;
        SizeType n = v.MemberCount();
        bool duplicates = false;
        if (n <= 16) {  // the usual request: compare names pairwise, without building a map
            auto m = v.MemberBegin();
            for (SizeType i = 0; i < n && !duplicates; ++i) {
                for (SizeType j = i + 1; j < n && !duplicates; ++j) duplicates = name_of(m[i].name) == name_of(m[j].name);
            }
        }
        if (n > 16 || duplicates) {
            last.clear();
            for (SizeType i = 0; i < n; ++i) last[name_of(v.MemberBegin()[i].name)] = i;
            duplicates = last.size() != n;
        }
        if (duplicates) {
            // Decide first: short names live inside the members, so swapping changes the views.
            keep.assign(n, false);
            for (SizeType i = 0; i < n; ++i) keep[i] = last[name_of(v.MemberBegin()[i].name)] == i;
            auto m = v.MemberBegin();
            SizeType w = 0;
            for (SizeType r = 0; r < n; ++r) {
                if (!keep[r]) continue;
                if (w != r) {
                    m[w].name.Swap(m[r].name);
                    m[w].value.Swap(m[r].value);
                }
                ++w;
            }
            v.EraseMember(v.MemberBegin() + w, v.MemberEnd());
        }
        for (auto& member : v.GetObject()) {
            if (member.value.IsObject() || member.value.IsArray()) todo.push_back(&member.value);
        }
    }
}

}  // namespace

result<rapidjson::Document> parse_json_body(std::string_view bytes, empty_body empty) {
    rapidjson::Document doc;
    if (bytes.empty()) {
        if (empty == empty_body::is_error) return invalid_parameter("Invalid JSON body: the body is empty.");
        doc.SetObject();
        return doc;
    }
    std::optional<problem> first = scan_text(bytes);

    // A memory-bounded stream, iterative (heap-stack) parsing, RapidJSON's own UTF-8 validation,
    // numbers converted by depth_limited::RawNumber.
    constexpr unsigned flags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::MemoryStream in(bytes.data(), bytes.size());
    rapidjson::ParseResult parsed;
    std::optional<std::size_t> too_deep_at;
    std::optional<std::size_t> too_big_at;
    auto generate = [&](rapidjson::Document& handler) {
        depth_limited sink(handler, in);
        rapidjson::Reader reader;
        parsed = reader.Parse<flags>(in, sink);
        too_deep_at = sink.too_deep_at();
        too_big_at = sink.too_big_at();
        return !parsed.IsError();
    };
    doc.Populate(generate);

    std::optional<problem> syntax;
    if (too_deep_at) {
        syntax = problem{*too_deep_at, "arrays and objects nested deeper than " + std::to_string(max_json_depth) + " levels"};
    } else if (too_big_at) {
        syntax = problem{*too_big_at, "number too big for a double"};
    } else if (parsed.IsError()) {
        syntax = problem{parsed.Offset(), describe(parsed.Code(), parsed.Offset() >= bytes.size())};
    } else if (in.Tell() != bytes.size()) {
        syntax = problem{in.Tell(), "unexpected data after the JSON value"};  // RapidJSON stops at a NUL
    }
    if (syntax && (!first || syntax->at < first->at)) first = std::move(syntax);
    if (first) return invalid_parameter("Invalid JSON body: " + first->what + " at byte " + std::to_string(first->at) + ".");

    keep_last_members(doc);
    return doc;
}

result<rapidjson::Document> parse_json_object(std::string_view bytes, std::string_view what) {
    auto doc = parse_json_body(bytes, empty_body::is_object);
    if (doc && !doc.value().IsObject()) return invalid_parameter(std::string(what) + " must be a JSON object.");
    return doc;
}

}  // namespace rml::api
