#pragma once
// The input side of the RoboMaker service model as C++ data: what each request member must be
// (type, required, length, pattern, enum, list/map size, integer range). Shapes are built once at
// start-up (see shapes.hpp) and are immutable afterwards.
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace rml::api::model {

enum class kind { string, integer, boolean, list, map, structure };

struct shape;

struct field {
    std::string name;
    const shape* type;
    bool required = false;
};

struct shape {
    kind type = kind::string;
    // Strings: length in characters; lists and maps: number of entries; integers: value.
    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;
    std::string pattern;  // model text, quoted in error messages; empty = none
    std::optional<std::regex> regex;
    // Patterns of the form LITERAL.* or .+ are checked without the regex engine (hot path):
    // the value must start with the literal and hold no line break ('.' does not match one).
    bool simple_pattern = false;
    std::string literal_prefix;
    std::vector<std::string> enum_values;
    const shape* member = nullptr;  // list element
    const shape* key = nullptr;     // map key
    const shape* value = nullptr;   // map value
    std::vector<field> fields;      // structure members
};

shape string_shape(std::optional<std::int64_t> min, std::optional<std::int64_t> max, std::string pattern = "");
shape enum_shape(std::vector<std::string> values);
shape integer_shape(std::optional<std::int64_t> min = std::nullopt, std::optional<std::int64_t> max = std::nullopt);
shape boolean_shape();
shape list_shape(const shape& member, std::optional<std::int64_t> min, std::optional<std::int64_t> max);
shape map_shape(const shape& key, const shape& value, std::optional<std::int64_t> min, std::optional<std::int64_t> max);
shape structure_shape(std::vector<field> fields);

}  // namespace rml::api::model
