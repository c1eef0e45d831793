// Parsing of the body markup of documents.yaml into blocks (see sample.hpp).
#include "sample.hpp"

#include <sstream>
#include <stdexcept>
#include <string_view>

namespace gen {

namespace {

std::string trim(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = s.find_last_not_of(" \t\r");
    return std::string(s.substr(begin, end - begin + 1));
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::vector<Span> parse_spans(std::string_view text, bool bold, int line) {
    std::vector<Span> spans;
    std::size_t pos = 0;
    bool in_bold = false;
    while (pos <= text.size()) {
        const auto mark = text.find("**", pos);
        const auto end = mark == std::string_view::npos ? text.size() : mark;
        if (end > pos) {
            spans.push_back({std::string(text.substr(pos, end - pos)), bold || in_bold});
        }
        if (mark == std::string_view::npos) {
            break;
        }
        in_bold = !in_bold;
        pos = mark + 2;
    }
    if (in_bold) {
        throw std::runtime_error("line " + std::to_string(line) + ": unclosed '**'");
    }
    return spans;
}

// Cells between '|'. Table rows end with a '|' too (closing_bar), which ends no cell.
std::vector<std::string> split_cells(std::string_view row, bool closing_bar) {
    std::vector<std::string> cells;
    std::string_view rest = row;
    if (closing_bar && !rest.empty() && rest.back() == '|') {
        rest.remove_suffix(1);
    }
    std::size_t pos = 0;
    while (true) {
        const auto bar = rest.find('|', pos);
        cells.push_back(
            trim(rest.substr(pos, bar == std::string_view::npos ? rest.npos : bar - pos)));
        if (bar == std::string_view::npos) {
            break;
        }
        pos = bar + 1;
    }
    return cells;
}

}  // namespace

std::vector<Block> parse_markup(const std::string& text) {
    std::vector<Block> blocks;
    std::istringstream in(text);
    std::string raw;
    int line_no = 0;
    auto last_kind = [&](BlockKind kind) { return !blocks.empty() && blocks.back().kind == kind; };
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string line = trim(raw);
        Block block;
        if (line.empty()) {
            if (!blocks.empty() && !last_kind(BlockKind::gap)) {
                blocks.push_back({BlockKind::gap, {}, {}});
            }
            continue;
        }
        if (line == "~~~") {
            block.kind = BlockKind::page_break;
        } else if (starts_with(line, "## ")) {
            block = {BlockKind::subheading, parse_spans(line.substr(3), true, line_no), {}};
        } else if (starts_with(line, "# ")) {
            block = {BlockKind::heading, parse_spans(line.substr(2), true, line_no), {}};
        } else if (starts_with(line, "= ")) {
            block = {BlockKind::centered, parse_spans(line.substr(2), false, line_no), {}};
        } else if (line == ">" || starts_with(line, "> ")) {
            block = {BlockKind::right, parse_spans(trim(line.substr(1)), false, line_no), {}};
        } else if (line == "^" || starts_with(line, "^ ")) {
            block = {BlockKind::signature, parse_spans(trim(line.substr(1)), false, line_no), {}};
        } else if (starts_with(line, "- ")) {
            block = {BlockKind::bullet, parse_spans(line.substr(2), false, line_no), {}};
        } else if (starts_with(line, "! ")) {
            block = {BlockKind::paragraph, parse_spans(line.substr(2), true, line_no), {}};
        } else if (starts_with(line, "|")) {
            TableRow row;
            std::string_view body = std::string_view(line).substr(1);
            if (starts_with(body, "*")) {
                row.bold = true;
                body.remove_prefix(1);
            }
            row.cells = split_cells(body, true);
            if (!last_kind(BlockKind::table)) {
                row.bold = true;  // header row
                blocks.push_back({BlockKind::table, {}, {}});
            } else if (row.cells.size() != blocks.back().rows.front().cells.size()) {
                throw std::runtime_error("line " + std::to_string(line_no) +
                                         ": table row has a different number of cells");
            }
            blocks.back().rows.push_back(std::move(row));
            continue;
        } else if (starts_with(line, ": ") || starts_with(line, "^^")) {
            const bool fields = line[0] == ':';
            TableRow row{split_cells(std::string_view(line).substr(2), false), false, {}};
            if (row.cells.size() != 2) {
                throw std::runtime_error("line " + std::to_string(line_no) +
                                         (fields ? ": a field line is ': label | value'"
                                                 : ": a signatures line is '^^ left | right'"));
            }
            if (fields) {
                row.value = parse_spans(row.cells[1], false, line_no);
                row.cells[1] = span_text(row.value);
            }
            const BlockKind kind = fields ? BlockKind::fields : BlockKind::signatures;
            if (!last_kind(kind)) {
                blocks.push_back({kind, {}, {}});
            }
            blocks.back().rows.push_back(std::move(row));
            continue;
        } else {
            const std::string body = starts_with(line, "\\") ? line.substr(1) : line;
            block = {BlockKind::paragraph, parse_spans(body, false, line_no), {}};
        }
        blocks.push_back(std::move(block));
    }
    while (!blocks.empty() && blocks.back().kind == BlockKind::gap) {
        blocks.pop_back();
    }
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::table && b.rows.size() < 2) {
            throw std::runtime_error("a table needs a header row and at least one row");
        }
    }
    return blocks;
}

std::string span_text(const std::vector<Span>& spans) {
    std::string out;
    for (const auto& s : spans) {
        out += s.text;
    }
    return out;
}

}  // namespace gen
