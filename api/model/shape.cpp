#include "api/model/shape.hpp"

namespace rml::api::model {

shape string_shape(std::optional<std::int64_t> min, std::optional<std::int64_t> max, std::string pattern) {
    shape s;
    s.type = kind::string;
    s.min = min;
    s.max = max;
    if (pattern.empty()) return s;
    bool ends_any = pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0;
    std::string prefix = ends_any ? pattern.substr(0, pattern.size() - 2) : "";
    if (pattern == ".+") {
        s.simple_pattern = true;  // with at least one character: checked in validate
        s.literal_prefix = "";
    } else if (ends_any && prefix.find_first_of(".*+?()[]{}|\\^$") == std::string::npos) {
        s.simple_pattern = true;
        s.literal_prefix = prefix;
    } else {
        s.regex.emplace(pattern, std::regex::ECMAScript | std::regex::optimize);
    }
    s.pattern = std::move(pattern);
    return s;
}

shape enum_shape(std::vector<std::string> values) {
    shape s;
    s.type = kind::string;
    s.enum_values = std::move(values);
    return s;
}

shape integer_shape(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
    shape s;
    s.type = kind::integer;
    s.min = min;
    s.max = max;
    return s;
}

shape boolean_shape() {
    shape s;
    s.type = kind::boolean;
    return s;
}

shape list_shape(const shape& member, std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
    shape s;
    s.type = kind::list;
    s.member = &member;
    s.min = min;
    s.max = max;
    return s;
}

shape map_shape(const shape& key, const shape& value, std::optional<std::int64_t> min,
                std::optional<std::int64_t> max) {
    shape s;
    s.type = kind::map;
    s.key = &key;
    s.value = &value;
    s.min = min;
    s.max = max;
    return s;
}

shape structure_shape(std::vector<field> fields) {
    shape s;
    s.type = kind::structure;
    s.fields = std::move(fields);
    return s;
}

}  // namespace rml::api::model
