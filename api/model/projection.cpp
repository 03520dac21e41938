#include "api/model/projection.hpp"

#include <algorithm>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rml::api::model {
namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write(const shape& s, const rapidjson::Value& v, writer& w) {
    switch (s.type) {
        case kind::structure:
            w.StartObject();
            for (const auto& f : s.fields) {
                auto it = v.FindMember(f.name.c_str());
                if (it == v.MemberEnd() || it->value.IsNull()) continue;
                w.Key(f.name.c_str(), static_cast<rapidjson::SizeType>(f.name.size()));
                write(*f.type, it->value, w);
            }
            w.EndObject();
            return;
        case kind::list:
            w.StartArray();
            for (const auto& e : v.GetArray()) write(*s.member, e, w);
            w.EndArray();
            return;
        case kind::map: {
            std::vector<const rapidjson::Value::Member*> entries;
            for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) entries.push_back(&*m);
            std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) {
                return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
                       std::string_view(b->name.GetString(), b->name.GetStringLength());
            });
            w.StartObject();
            for (const auto* m : entries) {
                w.Key(m->name.GetString(), m->name.GetStringLength());
                write(*s.value, m->value, w);
            }
            w.EndObject();
            return;
        }
        default:
            v.Accept(w);  // strings, numbers, booleans as given
            return;
    }
}

}  // namespace

std::string project_json(const shape& s, const rapidjson::Value& value) {
    rapidjson::StringBuffer buf;
    writer w(buf);
    write(s, value, w);
    return std::string(buf.GetString(), buf.GetSize());
}

void drop_null_members(const shape& s, rapidjson::Value& v) {
    if (s.type == kind::structure && v.IsObject()) {
        for (auto m = v.MemberBegin(); m != v.MemberEnd();) {
            if (m->value.IsNull()) {
                m = v.EraseMember(m);
                continue;
            }
            if (const auto* f = member_shape(s, std::string_view(m->name.GetString(), m->name.GetStringLength()))) {
                drop_null_members(*f, m->value);
            }
            ++m;
        }
    } else if (s.type == kind::list && v.IsArray()) {
        for (auto& e : v.GetArray()) drop_null_members(*s.member, e);
    } else if (s.type == kind::map && v.IsObject()) {
        for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) drop_null_members(*s.value, m->value);
    }
}

const shape* member_shape(const shape& structure, std::string_view name) {
    for (const auto& f : structure.fields) {
        if (f.name == name) return f.type;
    }
    return nullptr;
}

}  // namespace rml::api::model
