#include "plain_text.hpp"

#include "text_encoding.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

namespace gen {

namespace {

constexpr std::size_t k_width = 72;
constexpr std::size_t k_right_column = 38;

std::string spaces(std::size_t n) {
    return std::string(n, ' ');
}

std::string pad_right(const std::string& s, std::size_t width) {
    const auto w = display_width(s);
    return w >= width ? s : s + spaces(width - w);
}

std::string pad_left(const std::string& s, std::size_t width) {
    const auto w = display_width(s);
    return w >= width ? s : spaces(width - w) + s;
}

std::string centred(const std::string& s, std::size_t left, std::size_t width) {
    const auto w = display_width(s);
    return spaces(left + (w >= width ? 0 : (width - w) / 2)) + s;
}

void table_lines(const Block& block, std::vector<std::string>& out) {
    const std::size_t columns = block.rows.front().cells.size();
    std::vector<std::size_t> widths(columns, 0);
    for (const auto& row : block.rows) {
        for (std::size_t c = 0; c < columns; ++c) {
            widths[c] = std::max(widths[c], display_width(row.cells[c]));
        }
    }
    std::size_t total = 0;
    for (const auto w : widths) {
        total += w;
    }
    total += 2 * (columns - 1);
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        const auto& row = block.rows[r];
        if (r > 0 && row.bold) {
            out.push_back(std::string(total, '-'));
        }
        std::string line;
        for (std::size_t c = 0; c < columns; ++c) {
            const bool right = r > 0 && c > 0 && is_numeric_cell(row.cells[c]);
            line += right ? pad_left(row.cells[c], widths[c]) : pad_right(row.cells[c], widths[c]);
            if (c + 1 < columns) {
                line += "  ";
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out.push_back(line);
        if (r == 0) {
            out.push_back(std::string(total, '-'));
        }
    }
}

}  // namespace

bool is_numeric_cell(std::string_view cell) {
    // A figure may end with a short unit: "6,5 km", "35 ha", "1 200 BIF".
    const auto last_space = cell.rfind(' ');
    if (last_space != std::string_view::npos) {
        const std::string_view unit = cell.substr(last_space + 1);
        if (display_width(unit) <= 4 && std::none_of(unit.begin(), unit.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            })) {
            cell = cell.substr(0, last_space);
        }
    }
    bool digit = false;
    for (const char c : cell) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digit = true;
        } else if (c != ' ' && c != '.' && c != ',' && c != '%' && c != '-' && c != '+') {
            return false;
        }
    }
    return digit;
}

std::vector<std::string> plain_text_lines(const Sample& sample) {
    std::vector<std::string> out(sample.letterhead.begin(), sample.letterhead.end());
    if (!sample.dateline.empty()) {
        if (!out.empty()) {
            out.emplace_back();
        }
        out.push_back(pad_left(sample.dateline, k_width));
    }
    if (!out.empty()) {
        out.emplace_back();
    }
    for (const auto& block : sample.blocks) {
        const std::string text = span_text(block.spans);
        switch (block.kind) {
            case BlockKind::paragraph:
            case BlockKind::subheading:
                out.push_back(text);
                break;
            case BlockKind::heading:
            case BlockKind::centered:
                out.push_back(centred(text, 0, k_width));
                break;
            case BlockKind::right:
                out.push_back(text.empty() ? std::string() : spaces(k_right_column) + text);
                break;
            case BlockKind::signature:
                out.push_back(text.empty()
                                  ? std::string()
                                  : centred(text, k_right_column, k_width - k_right_column));
                break;
            case BlockKind::signatures:
                for (const auto& row : block.rows) {
                    std::string line = centred(row.cells[0], 0, k_right_column - 2);
                    line = pad_right(line, k_right_column) +
                           centred(row.cells[1], 0, k_width - k_right_column);
                    while (!line.empty() && line.back() == ' ') {
                        line.pop_back();
                    }
                    out.push_back(line);
                }
                break;
            case BlockKind::bullet:
                out.push_back("- " + text);
                break;
            case BlockKind::table:
                table_lines(block, out);
                break;
            case BlockKind::fields: {
                std::size_t key_width = 0;
                for (const auto& row : block.rows) {
                    key_width = std::max(key_width, display_width(row.cells[0]));
                }
                for (const auto& row : block.rows) {
                    out.push_back(pad_right(row.cells[0], key_width) + " : " + row.cells[1]);
                }
                break;
            }
            case BlockKind::gap:
            case BlockKind::page_break:
                out.emplace_back();
                break;
        }
    }
    return out;
}

void write_txt(const Sample& sample, const std::string& path) {
    const std::string eol = sample.line_end == LineEnd::crlf ? "\r\n" : "\n";
    std::string text;
    if (sample.encoding == TextEncoding::utf8_bom) {
        text = "\xEF\xBB\xBF";
    }
    for (const auto& line : plain_text_lines(sample)) {
        text +=
            (sample.encoding == TextEncoding::windows_1252 ? to_windows_1252(line) : line) + eol;
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) {
        throw std::runtime_error("cannot write '" + path + "'");
    }
}

}  // namespace gen
