// CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes and embedded
// line breaks, comma, semicolon or tab separated, UTF-8 with or without a byte-order mark,
// Windows-1252 (what a French Excel writes for "CSV (séparateur : point-virgule)"), or
// UTF-16 with its byte-order mark (Excel's "Texte Unicode", tab separated).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ububiko::csv {

struct Row {
    int line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

// Splits text into rows. delimiter 0 means: guess from the first line (tab when it has
// more tabs than semicolons and commas, else ';' when more semicolons than commas, else
// ','). Blank lines are skipped. Throws Error(invalid_input) with the line for an
// unterminated quote; name is used in places.
std::vector<Row> parse(std::string_view text, const std::string& name, char delimiter = 0);

// One field, quoted when it needs to be.
std::string quote(std::string_view field, char delimiter = ',');
// One line with a trailing "\r\n" (RFC 4180 line end).
std::string line(const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace ububiko::csv
