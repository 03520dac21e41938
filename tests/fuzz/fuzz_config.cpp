// libFuzzer target: start-up configuration (server/config/config.hpp parse_config), the code path
// of `robomaker-local --config FILE`: the config file's JSON, its keys and values, "quotas",
// "steps", "faults" and "credentials".
//
// Input: the config file's bytes. When the input starts with "--", its first line is read as extra
// command-line arguments (split at spaces) and the rest is the file. The file is written to one
// temporary path per process (parse_config reads files, not strings: this calls it exactly as
// main does). No environment variables are set. Checked: the only failure is config_error, whose
// message is one line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "server/config/config.hpp"

namespace {

const char* no_env(const char*) { return nullptr; }

const std::string& temp_path() {
    static const std::string path = [] {
        char name[] = "/tmp/rml-fuzz-config-XXXXXX";
        int fd = mkstemp(name);
        if (fd < 0) std::abort();
        close(fd);
        return std::string(name);
    }();
    return path;
}

struct remove_at_exit {
    ~remove_at_exit() { std::remove(temp_path().c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static remove_at_exit cleanup;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> args;
    if (in.starts_with("--")) {
        auto nl = in.find('\n');
        std::string_view line = in.substr(0, nl);
        in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
        for (std::size_t p = 0; p < line.size();) {
            auto sp = line.find(' ', p);
            if (sp == std::string_view::npos) sp = line.size();
            if (sp > p) args.emplace_back(line.substr(p, sp - p));
            p = sp + 1;
        }
    }
    args.push_back("--config");
    args.push_back(temp_path());

    std::FILE* f = std::fopen(temp_path().c_str(), "wb");
    if (!f) std::abort();
    if (!in.empty() && std::fwrite(in.data(), 1, in.size(), f) != in.size()) std::abort();
    std::fclose(f);

    try {
        (void)rml::server::config::parse_config(args, no_env);
    } catch (const rml::server::config::config_error& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos) std::abort();
    }
    return 0;
}
