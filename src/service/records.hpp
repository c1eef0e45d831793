// Reading and moving records: show one with its history, list them, reclassify one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.hpp"
#include "archive/record.hpp"
#include "index/document.hpp"
#include "service/metadata.hpp"

namespace ububiko::service {

struct RecordView {
    archive::Record record;
    std::string dir;                      // absolute folder
    std::vector<nlohmann::json> history;  // journal entries about it, oldest first
};

// Finds a record by id ("2026-000042" or "BRR/2026-000042"); the index says where, the
// folder is authoritative. Throws Error(not_found / invalid_input).
RecordView show_record(const archive::Archive& archive, const std::string& id);

struct ListRequest {
    std::string code;  // this code and below
    int year = 0;      // year of the document date
    std::size_t limit = 0;  // 0 = all
};
// Records in register order (by id).
std::vector<index::Summary> list_records(const archive::Archive& archive, const ListRequest& request);

struct ReclassifyResult {
    archive::Record record;
    std::string old_code;
};
ReclassifyResult reclassify(const archive::Archive& archive, const std::string& id, const std::string& code,
                            const std::string& reason, const std::string& user);

// The records waiting to be classified (no code yet), oldest first.
std::vector<index::Summary> queue(const archive::Archive& archive);

// Files a record of the queue under a code; metadata fields given (non-empty) are set too,
// checked as for filing. Returns the record as filed.
archive::Record classify(const archive::Archive& archive, const std::string& id, const std::string& code,
                         const Metadata& metadata, const std::string& user);

// "BRR/2026-000042" → "2026-000042"; checks the form. Throws Error(invalid_input).
std::string parse_record_id(const archive::Archive& archive, const std::string& text);

}  // namespace ububiko::service
