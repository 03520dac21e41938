#include "server/config/auth_options.hpp"

#include <regex>

#include "server/config/config.hpp"
#include "api/message_quote.hpp"

namespace rml::server::config {
namespace {

bool twelve_digits(const std::string& s) { return std::regex_match(s, std::regex("[0-9]{12}")); }

credential_entry make_entry(std::string akid, std::string secret, std::string account, const std::string& where) {
    if (akid.empty() || secret.empty()) throw config_error(where + ": needs an access key id and a secret");
    if (akid.size() > 128 || akid.find_first_of(" /,:=") != std::string::npos) {
        throw config_error(where + ": the access key id must be 1-128 characters without spaces, '/', ',', ':' or '='");
    }
    if (account.empty() && twelve_digits(akid)) account = akid;
    if (!account.empty() && !twelve_digits(account)) throw config_error(where + ": the account must be 12 digits");
    return {std::move(akid), std::move(secret), std::move(account), std::nullopt};
}

std::string member(const rapidjson::Value& v, const char* key, const std::string& where, bool required) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd()) {
        if (required) throw config_error(where + ": '" + api::quote_for_message(key) + "' is required");
        return {};
    }
    if (!it->value.IsString()) throw config_error(where + ": '" + api::quote_for_message(key) + "' must be a string");
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

std::vector<credential_entry> parse_credentials(const std::string& text) {
    std::vector<credential_entry> out;
    std::size_t start = 0;
    for (int n = 1; start <= text.size(); ++n) {
        auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        std::string where = "invalid value for credentials: entry " + std::to_string(n);
        auto c1 = item.find(':');
        if (c1 == std::string::npos) throw config_error(where + ": must be AKID:SECRET[:ACCOUNT]");
        auto c2 = item.find(':', c1 + 1);
        std::string secret = item.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
        std::string account = c2 == std::string::npos ? "" : item.substr(c2 + 1);
        out.push_back(make_entry(item.substr(0, c1), secret, account, where));
    }
    return out;
}

std::vector<credential_entry> read_credentials(const rapidjson::Value& list, const std::string& file) {
    if (!list.IsArray()) {
        throw config_error("invalid value for credentials in config file '" + file + "': must be a list or a string");
    }
    std::vector<credential_entry> out;
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        std::string where = "invalid credentials[" + std::to_string(i) + "] in config file '" + file + "'";
        if (!list[i].IsObject()) throw config_error(where + ": must be an object");
        auto e = make_entry(member(list[i], "accessKeyId", where, true), member(list[i], "secretAccessKey", where, true),
                            member(list[i], "account", where, false), where);
        if (auto token = member(list[i], "sessionToken", where, false); !token.empty()) e.session_token = token;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace rml::server::config
