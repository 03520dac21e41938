#pragma once
// Builds a JSON response body. Thin wrapper over RapidJSON's Writer that knows the wire rules of
// SEMANTICS §2: service timestamps are epoch seconds, whole (the milliseconds rounded down, so
// createdAt is the ARN's millisecond suffix divided by 1000 and floored); absent members are left
// out (callers use the optional overloads); tag maps are objects. The control API (/_emulator/*)
// keeps milliseconds: timestamp_ms.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rml::api {

class json_out {
public:
    json_out() : w_(buf_) {}

    json_out& begin_object() { w_.StartObject(); return *this; }
    json_out& end_object() { w_.EndObject(); return *this; }
    json_out& begin_array(std::string_view key) { this->key(key); w_.StartArray(); return *this; }
    json_out& end_array() { w_.EndArray(); return *this; }

    json_out& key(std::string_view k) {
        w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        return *this;
    }
    json_out& str(std::string_view v) {
        w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
        return *this;
    }
    json_out& field(std::string_view k, std::string_view v) { return key(k).str(v); }
    json_out& field(std::string_view k, const std::string& v) { return key(k).str(v); }
    json_out& field(std::string_view k, const char* v) { return key(k).str(v); }
    json_out& field(std::string_view k, const std::optional<std::string>& v) {
        return v ? field(k, std::string_view(*v)) : *this;
    }
    json_out& field(std::string_view k, std::int64_t v) { key(k); w_.Int64(v); return *this; }
    // A member whose value is JSON text already (e.g. a request structure echoed back).
    json_out& raw(std::string_view k, std::string_view json) {
        key(k);
        w_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
        return *this;
    }
    json_out& boolean(bool v) { w_.Bool(v); return *this; }
    json_out& number(double v) { w_.Double(v); return *this; }
    // Whole seconds, written like AWS's examples: 1550771394.0.
    json_out& timestamp(std::string_view k, std::int64_t epoch_ms) {
        key(k);
        w_.Double(static_cast<double>(whole_seconds(epoch_ms)));
        return *this;
    }
    json_out& timestamp(std::string_view k, const std::optional<std::int64_t>& epoch_ms) {
        return epoch_ms ? timestamp(k, *epoch_ms) : *this;
    }
    // Seconds with the millisecond fraction: control API answers only.
    json_out& timestamp_ms(std::string_view k, std::int64_t epoch_ms) {
        key(k);
        w_.Double(static_cast<double>(epoch_ms) / 1000.0);
        return *this;
    }
    json_out& timestamp_ms(std::string_view k, const std::optional<std::int64_t>& epoch_ms) {
        return epoch_ms ? timestamp_ms(k, *epoch_ms) : *this;
    }
    // Milliseconds to whole seconds, rounded down (also before 1970).
    static constexpr std::int64_t whole_seconds(std::int64_t epoch_ms) {
        return epoch_ms >= 0 ? epoch_ms / 1000 : -((-epoch_ms + 999) / 1000);
    }
    json_out& tags(std::string_view k, const std::map<std::string, std::string>& tags) {
        key(k);
        w_.StartObject();
        for (const auto& [tk, tv] : tags) field(tk, tv);
        w_.EndObject();
        return *this;
    }

    std::string take() { return std::string(buf_.GetString(), buf_.GetSize()); }

private:
    rapidjson::StringBuffer buf_;
    rapidjson::Writer<rapidjson::StringBuffer> w_;
};

}  // namespace rml::api
