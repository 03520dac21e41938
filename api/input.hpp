#pragma once
// Reading members of a request body that already passed model validation, so types are known.
#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "store/tag_repo.hpp"

namespace rml::api {

inline std::optional<std::string> opt_string(const rapidjson::Value& body, const char* key) {
    auto it = body.FindMember(key);
    if (it == body.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

// A required string member (validation guarantees it is present).
inline std::string req_string(const rapidjson::Value& body, const char* key) {
    return opt_string(body, key).value_or(std::string());
}

inline std::optional<std::int64_t> opt_int(const rapidjson::Value& body, const char* key) {
    auto it = body.FindMember(key);
    if (it == body.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
    return it->value.GetInt64();
}

inline store::tag_map tags_of(const rapidjson::Value& body, const char* key = "tags") {
    store::tag_map out;
    auto it = body.FindMember(key);
    if (it == body.MemberEnd() || !it->value.IsObject()) return out;
    for (auto m = it->value.MemberBegin(); m != it->value.MemberEnd(); ++m) {
        out.emplace(std::string(m->name.GetString(), m->name.GetStringLength()),
                    std::string(m->value.GetString(), m->value.GetStringLength()));
    }
    return out;
}

}  // namespace rml::api
