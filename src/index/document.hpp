// What the index knows of one record: built from the record, its text and the plan, and
// read back from a search hit without opening the record folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/record.hpp"

namespace ububiko::index {

// The part of a record a result line shows (the Xapian document data, as JSON).
struct Summary {
    std::string id, title, date, code, code_title, type, direction, correspondent, reference;
    std::string access, status, original_name, path, registered;
    std::string text_file = "text.txt";  // in the record folder
    std::vector<std::string> flags;
    int pages = 0;
};

nlohmann::json to_json(const Summary& s);
Summary summary_from_json(const nlohmann::json& j);
// The summary in a hit's document data (the JSON of to_json); none when it is not JSON.
std::optional<Summary> summary_from_data(std::string_view data);

// The input of IndexWriter::put.
struct IndexInput {
    const archive::Record* record = nullptr;
    std::string_view text;        // the extracted text, pages separated by form feeds
    std::string relative_dir;     // records/…/<id>, relative to the archive root
    std::string code_title;       // title of the record's code in the plan
    std::string classification;   // titles of the code and its ancestors (ranking, not matching)
};

}  // namespace ububiko::index
