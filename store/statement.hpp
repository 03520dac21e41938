#pragma once
// A prepared SQLite statement. Owned by database's statement cache; borrowed by repositories for
// one use at a time (bind, step, read, then reset by the next bind_all/reset call).
// Single-threaded: all statements of a database live on the thread that owns the database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rml::store {

class statement {
public:
    statement(sqlite3* db, std::string_view sql);
    ~statement();
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    // Clears earlier bindings and results; call before binding a new use.
    statement& reset();
    statement& bind(int index, std::int64_t value);
    statement& bind(int index, std::string_view value);
    statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    // Binds text without copying it: the caller keeps it alive until the statement has been
    // stepped (one chained expression: prepare(...).bind_borrowed(...).first(...)). For the lookups
    // every request makes; bind() copies.
    statement& bind_borrowed(int index, std::string_view value);
    statement& bind_optional(int index, const std::optional<std::string>& value);
    statement& bind_optional(int index, const std::optional<std::int64_t>& value);
    statement& bind_null(int index);

    // Advances to the next row; false when done. Throws store_error on failure.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    // One-row helpers: each steps once and resets, so the statement is ready for reuse.
    // True when the query returns a row.
    bool exists();
    // Column 0 of the first row as an integer (0 when there is no row), e.g. COUNT(*).
    std::int64_t scalar_int();
    // The first row read by `read`, or nullopt.
    template <typename Read>
    auto first(Read read) -> std::optional<decltype(read(*this))> {
        if (!step()) return std::nullopt;
        auto row = read(*this);
        reset();
        return row;
    }

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    std::optional<std::string> column_optional_text(int index) const;
    std::optional<std::int64_t> column_optional_int(int index) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace rml::store
