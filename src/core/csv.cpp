#include "core/csv.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::csv {

std::vector<Row> parse(std::string_view text, const std::string& name, char delimiter) {
    // UTF-16 with its byte-order mark: Excel's « Texte Unicode », tab separated.
    std::string decoded;
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        decoded = utf16_to_utf8(text.substr(2), text[0] == '\xFE');
        text = decoded;
    }
    text = strip_utf8_bom(text);
    // Not UTF-8: a spreadsheet's Windows encoding; every field is decoded from it.
    if (!is_valid_utf8(text)) {
        decoded = cp1252_to_utf8(text);
        text = decoded;
    }
    if (delimiter == 0) {
        std::string_view first = text.substr(0, text.find('\n'));
        auto semis = std::count(first.begin(), first.end(), ';');
        auto commas = std::count(first.begin(), first.end(), ',');
        auto tabs = std::count(first.begin(), first.end(), '\t');
        delimiter = tabs > semis && tabs > commas ? '\t' : semis > commas ? ';' : ',';
    }
    std::vector<Row> rows;
    Row row;
    std::string field;
    int line = 1;
    row.line = 1;
    bool in_quotes = false, quoted_field = false, row_has_content = false;
    int quote_line = 0;
    auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        quoted_field = false;
    };
    auto end_row = [&] {
        end_field();
        bool blank = !row_has_content;
        if (!blank) rows.push_back(std::move(row));
        row = Row{};
        row.line = line;
        row_has_content = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && field.empty() && !quoted_field) {
            in_quotes = quoted_field = row_has_content = true;
            quote_line = line;
        } else if (c == delimiter) {
            end_field();
            row_has_content = true;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            // handled with the '\n'
        } else if (c == '\n' || c == '\r') {
            ++line;
            end_row();
        } else {
            field.push_back(c);
            if (c != ' ' && c != '\t') row_has_content = true;
        }
    }
    if (in_quotes)
        throw Error(ErrorCode::invalid_input,
                    tr("guillemet ouvert jamais refermé", "quote opened and never closed"),
                    Place{name, quote_line, 0, ""});
    end_row();
    return rows;
}

std::string quote(std::string_view field, char delimiter) {
    bool needs = field.find_first_of(std::string("\"\r\n") + delimiter) != std::string_view::npos ||
                 (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!needs) return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string line(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += delimiter;
        out += quote(fields[i], delimiter);
    }
    out += "\r\n";
    return out;
}

}  // namespace ububiko::csv
