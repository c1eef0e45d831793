// Reading and changing records: show one with its history, list them, reclassify one, edit
// its metadata, note who viewed it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.hpp"
#include "archive/record.hpp"
#include "archive/writer.hpp"
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

struct EditResult {
    archive::Record record;  // as now on disk
    // Each field changed, old and new values; empty when every value given was already the
    // record's (then nothing was written nor journaled).
    std::vector<archive::Writer::FieldChange> changes;
};
// Changes the metadata of a filed record in place (its number, code and folder stay): the
// fields of `changes` given (non-empty) are checked and normalised as for filing (a date
// written DD/MM/YYYY, a type by its label or alias, "entrant", "confidentiel"), then set;
// any valid access level is accepted. record.json, the journal (one "edit" entry with the
// old and new values, the reason and the user) and the index change together, under the
// writer lock. Throws Error(invalid_input) naming the option (--date, --type, …; --code when
// a code is given: reclassify moves a record; --reason when it is empty) or when no field is
// given, Error(not_found), Error(conflict) for a destroyed record or one in the queue.
EditResult edit_metadata(const archive::Archive& archive, const std::string& id, const Metadata& changes,
                         const std::string& reason, const std::string& user);

// Journals that `user` viewed the record (action "view"); the web server calls it for each
// view of a confidential record. Takes the writer lock (briefly). Throws Error(not_found /
// invalid_input).
void note_view(const archive::Archive& archive, const std::string& id, const std::string& user);

// "BRR/2026-000042" → "2026-000042"; checks the form. Throws Error(invalid_input).
std::string parse_record_id(const archive::Archive& archive, const std::string& text);

}  // namespace ububiko::service
