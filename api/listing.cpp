#include "api/listing.hpp"

#include "api/input.hpp"
#include "api/message_quote.hpp"
#include "api/model/validate.hpp"

namespace rml::api {

result<list_params> parse_list(const state& st, const call& c, int max_results,
                               std::initializer_list<std::string_view> filter_names) {
    list_params p;
    p.limit = max_results;
    if (auto n = opt_int(c.body, "maxResults")) {
        if (*n < 1 || *n > max_results) {
            return model::validation_error({model::violation(
                std::to_string(*n), "maxResults",
                "Member must have value between 1 and " + std::to_string(max_results))});
        }
        p.limit = static_cast<int>(*n);
    }
    if (auto token = opt_string(c.body, "nextToken")) {
        auto id = st.tokens.decode(page_token::binding(c.operation, c.scope.account, c.scope.region), *token);
        if (!id) return invalid_parameter("The nextToken '" + quote_for_message(*token) + "' is not valid for " +
                                          std::string(c.operation) + " in this account and region.");
        p.last_id = *id;
    }
    auto filters = c.body.FindMember("filters");
    if (filters != c.body.MemberEnd() && filters->value.IsArray() && !filters->value.Empty()) {
        const auto& f = filters->value[0];
        std::string name = opt_string(f, "name").value_or("");
        bool known = false;
        std::string allowed;
        for (auto n : filter_names) {
            known = known || n == name;
            allowed.append(allowed.empty() ? "" : ", ").append(n);
        }
        if (!known) {
            return invalid_parameter("Unknown filter name '" + name + "' at 'filters.1.member.name' for " +
                                     std::string(c.operation) + "; supported: " + allowed);
        }
        auto values = f.FindMember("values");
        if (values == f.MemberEnd() || !values->value.IsArray() || values->value.Empty()) {
            return invalid_parameter("Filter '" + name + "' at 'filters.1.member.values' needs at least one value");
        }
        p.filter_name = name;
        for (const auto& v : values->value.GetArray()) p.filter_values.emplace_back(v.GetString(), v.GetStringLength());
    }
    return p;
}

std::string next_token(const state& st, const call& c, bool more, std::int64_t last_id) {
    return more ? st.tokens.encode(page_token::binding(c.operation, c.scope.account, c.scope.region), last_id) : std::string();
}

}  // namespace rml::api
