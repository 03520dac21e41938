#include "api/model/validate.hpp"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/message_quote.hpp"

namespace rml::api::model {
namespace {

std::size_t utf8_length(const char* s, std::size_t n) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++count;
    }
    return count;
}

// How a value appears inside Value '...' in messages: control and non-UTF-8 bytes escaped
// (SEMANTICS §10). Writing a container recurses, but parse_json_body caps the depth at 64.
std::string shown(const rapidjson::Value& v) {
    if (v.IsString()) return api::quote_for_message(std::string_view(v.GetString(), v.GetStringLength()));
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    return api::quote_for_message(std::string_view(b.GetString(), b.GetSize()));
}

const char* type_name(kind k) {
    switch (k) {
        case kind::string: return "string";
        case kind::integer: return "integer";
        case kind::boolean: return "boolean";
        case kind::list: return "list";
        case kind::map: return "map";
        case kind::structure: return "structure";
    }
    return "value";
}

bool has_type(kind k, const rapidjson::Value& v) {
    switch (k) {
        case kind::string: return v.IsString();
        case kind::integer: return v.IsInt64();
        case kind::boolean: return v.IsBool();
        case kind::list: return v.IsArray();
        case kind::map: return v.IsObject();
        case kind::structure: return v.IsObject();
    }
    return false;
}

bool matches(const shape& s, std::string_view v) {
    if (s.simple_pattern) {
        if (s.pattern == ".+" && v.empty()) return false;
        return v.substr(0, s.literal_prefix.size()) == s.literal_prefix && v.find_first_of("\r\n") == std::string_view::npos;
    }
    return !s.regex || std::regex_match(v.begin(), v.end(), *s.regex);
}

class checker {
public:
    std::vector<std::string> out;

    void check(const shape& s, const rapidjson::Value& v, const std::string& path) {
        if (!has_type(s.type, v)) {
            add(v, path, std::string("Member must be of type ") + type_name(s.type));
            return;
        }
        switch (s.type) {
            case kind::string: check_string(s, v, path); break;
            case kind::integer: check_range(s, v, path); break;
            case kind::boolean: break;
            case kind::list: check_list(s, v, path); break;
            case kind::map: check_map(s, v, path); break;
            case kind::structure: check_structure(s, v, path); break;
        }
    }

private:
    void add(const rapidjson::Value& v, const std::string& path, const std::string& constraint) {
        out.push_back(violation(shown(v), path, constraint));
    }

    void check_size(const shape& s, const rapidjson::Value& v, const std::string& path, std::size_t n) {
        auto size = static_cast<std::int64_t>(n);
        if (s.min && size < *s.min) {
            add(v, path, "Member must have length greater than or equal to " + std::to_string(*s.min));
        }
        if (s.max && size > *s.max) {
            add(v, path, "Member must have length less than or equal to " + std::to_string(*s.max));
        }
    }

    void check_string(const shape& s, const rapidjson::Value& v, const std::string& path) {
        std::size_t before = out.size();
        check_size(s, v, path, utf8_length(v.GetString(), v.GetStringLength()));
        if (out.size() != before) return;  // a pattern check on an over-long value adds nothing useful
        if (!matches(s, std::string_view(v.GetString(), v.GetStringLength()))) {
            add(v, path, "Member must satisfy regular expression pattern: " + s.pattern);
        }
        if (!s.enum_values.empty()) {
            std::string_view sv(v.GetString(), v.GetStringLength());
            if (std::find(s.enum_values.begin(), s.enum_values.end(), sv) == s.enum_values.end()) {
                std::string set;
                for (const auto& e : s.enum_values) set.append(set.empty() ? "" : ", ").append(e);
                add(v, path, "Member must satisfy enum value set: [" + set + "]");
            }
        }
    }

    void check_range(const shape& s, const rapidjson::Value& v, const std::string& path) {
        std::int64_t n = v.GetInt64();
        if (s.min && n < *s.min) add(v, path, "Member must have value greater than or equal to " + std::to_string(*s.min));
        if (s.max && n > *s.max) add(v, path, "Member must have value less than or equal to " + std::to_string(*s.max));
    }

    void check_list(const shape& s, const rapidjson::Value& v, const std::string& path) {
        check_size(s, v, path, v.Size());
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            check(*s.member, v[i], path + "." + std::to_string(i + 1) + ".member");
        }
    }

    void check_map(const shape& s, const rapidjson::Value& v, const std::string& path) {
        check_size(s, v, path, v.MemberCount());
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
            std::string key(it->name.GetString(), it->name.GetStringLength());
            checker k;
            k.check(*s.key, it->name, path + ".key");
            for (auto& m : k.out) out.push_back("Map keys of '" + path + "' must satisfy constraint: " + m);
            check(*s.value, it->value, path + "." + api::quote_for_message(key) + ".value");
        }
    }

    void check_structure(const shape& s, const rapidjson::Value& v, const std::string& path) {
        for (const auto& f : s.fields) {
            std::string p = path.empty() ? f.name : path + "." + f.name;
            auto it = v.FindMember(f.name.c_str());
            if (it == v.MemberEnd() || it->value.IsNull()) {
                if (f.required) out.push_back("Value null at '" + p + "' failed to satisfy constraint: Member must not be null");
                continue;
            }
            check(*f.type, it->value, p);
        }
    }
};

}  // namespace

std::vector<std::string> violations(const shape& input, const rapidjson::Value& body) {
    checker c;
    c.check(input, body, "");
    return c.out;
}

std::string violation(const std::string& shown_value, const std::string& path, const std::string& constraint) {
    return "Value '" + shown_value + "' at '" + path + "' failed to satisfy constraint: " + constraint;
}

api_error validation_error(const std::vector<std::string>& violations) {
    std::string msg = std::to_string(violations.size()) +
                      (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t i = 0; i < violations.size(); ++i) msg += (i ? "; " : "") + violations[i];
    return invalid_parameter(std::move(msg));
}

}  // namespace rml::api::model
