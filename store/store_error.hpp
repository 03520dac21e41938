#pragma once
// Thrown for real database failures (I/O, corruption, misuse). "No row" is never an error:
// repositories return std::optional for that.
#include <stdexcept>
#include <string>

namespace rml::store {

class store_error : public std::runtime_error {
public:
    explicit store_error(const std::string& what) : std::runtime_error("store: " + what) {}
};

}  // namespace rml::store
