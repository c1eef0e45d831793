// Filing documents: validate the metadata, extract text in worker processes (in parallel),
// then, in groups, take the writer lock, refuse duplicates, stage, commit (one flush per
// group), index, and report each document once it is durable.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "archive/record.hpp"
#include "core/error.hpp"

namespace ububiko::service {

// Metadata given by the person filing; empty fields are left to defaults.
struct Metadata {
    std::string code;
    std::string title;
    std::string date;  // YYYY-MM-DD or DD/MM/YYYY
    std::string type;  // id, label or alias from the plan's vocabulary
    std::string direction;  // in/out/internal (entrant/sortant/interne)
    std::string correspondent;
    std::string reference;
    std::string access;  // public/internal/confidential (public/interne/confidentiel)
};

struct FileRequest {
    std::vector<std::string> paths;
    Metadata metadata;  // defaults for every path
    // A spreadsheet (CSV) with one row per file: file,code,date,type,direction,
    // correspondent,title,reference,access; a row's non-empty fields override the defaults
    // for the file of that name.
    std::string metadata_csv;
    std::string user;
    unsigned jobs = 0;  // extraction workers; 0 = one per processor
};

struct FileOutcome {
    enum class Status { filed, duplicate, failed };
    std::string path;
    Status status = Status::failed;
    std::string id;        // the new record, or the existing one for a duplicate
    std::string message;   // the error for people when failed
    archive::Record record;  // when filed
    std::vector<std::string> warnings;  // e.g. "needs OCR", "date missing"
};

// Called once per document, in the order of the request, as soon as its outcome is final
// (for filed documents: once durable).
using Progress = std::function<void(const FileOutcome&, std::size_t done, std::size_t total)>;

// Checks and normalises metadata against the archive's plan; throws Error(invalid_input /
// not_found) naming the option (or `place` when given: a row of a metadata file).
Metadata normalise_metadata(const archive::Archive& archive, const Metadata& given, const Place& place = {});

struct MetadataRow {
    int line = 0;
    Metadata metadata;
};
// Reads a metadata spreadsheet: file name → row. Throws Error(invalid_input) listing every
// bad row with its line (unknown column, missing file name, file named twice).
std::map<std::string, MetadataRow> read_metadata_csv(const std::string& path);

// Files the documents. Never throws for a bad document (it becomes a failed outcome);
// throws for a bad request (metadata) or when the archive cannot be written (busy, io).
std::vector<FileOutcome> file_documents(const archive::Archive& archive, const FileRequest& request,
                                        const Progress& progress = {});

}  // namespace ububiko::service
