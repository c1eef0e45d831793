#include "office.hpp"

#include "text_encoding.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace gen::detail {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string iso_local_time(const Sample& sample) {
    const Timestamp t = creation_time(sample);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00", t.year, t.month, t.day, t.hour,
                  t.minute);
    return buf;
}

std::string iso_utc_time(const Sample& sample) {
    const std::time_t epoch = static_cast<std::time_t>(creation_epoch(sample));
    std::tm tm{};
    gmtime_r(&epoch, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::vector<int> column_widths(const Block& block, int total) {
    const std::size_t columns = block.rows.front().cells.size();
    std::vector<std::size_t> chars(columns, 0);
    for (const auto& row : block.rows) {
        for (std::size_t c = 0; c < columns; ++c) {
            chars[c] = std::max(chars[c], display_width(row.cells[c]) + 2);
        }
    }
    std::size_t sum = 0;
    for (const auto n : chars) {
        sum += n;
    }
    std::vector<int> widths(columns);
    int used = 0;
    for (std::size_t c = 1; c < columns; ++c) {
        widths[c] = static_cast<int>(static_cast<double>(total) * static_cast<double>(chars[c]) /
                                     static_cast<double>(sum));
        used += widths[c];
    }
    widths[0] = total - used;
    return widths;
}

}  // namespace gen::detail
