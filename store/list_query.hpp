#pragma once
// Helpers shared by the repositories' keyset-paginated listings.
#include "store/records.hpp"
#include "store/statement.hpp"

namespace rml::store {

// Binds filter values to ?first .. ?first+max_filter_values-1 for an "IN (...)" clause; unused
// slots repeat the first value, so one prepared statement serves one to three values.
inline void bind_filter(statement& st, int first, const filter_values& values) {
    for (std::size_t i = 0; i < max_filter_values; ++i) {
        st.bind(first + static_cast<int>(i), values[i < values.size() ? i : 0]);
    }
}

// Reads rows of a query run with LIMIT limit+1; the extra row only signals that more exist.
template <typename Row, typename Read>
page<Row> collect_page(statement& st, int limit, Read read) {
    page<Row> out;
    while (st.step()) out.rows.push_back(read(st));
    if (static_cast<int>(out.rows.size()) > limit) {
        out.rows.pop_back();
        out.more = true;
    }
    return out;
}

}  // namespace rml::store
