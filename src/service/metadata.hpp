// The metadata of documents being filed: given on the command line or the web form,
// read from a spreadsheet (one row per file), checked against the plan, with the fallbacks
// used when none is given (a title from the text or the file name).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "core/error.hpp"

namespace ububiko::service {

// Metadata given by the person filing; empty fields are left to defaults.
struct Metadata {
    std::string code;
    std::string title;
    std::string date;       // YYYY-MM-DD or DD/MM/YYYY
    std::string type;       // id, label or alias from the plan's vocabulary
    std::string direction;  // in/out/internal (entrant/sortant/interne)
    std::string correspondent;
    std::string reference;
    std::string access;  // public/internal/confidential (public/interne/confidentiel)
    bool access_given = false;  // after normalisation: the access level was given, not defaulted
};

// Checks and normalises metadata against the archive's plan; throws Error(invalid_input /
// not_found) naming the option (or `place` when given: a row of a metadata file).
// A missing code is an error unless code_required is false (the queue).
Metadata normalise_metadata(const archive::Archive& archive, const Metadata& given, const Place& place = {},
                            bool code_required = true);

struct MetadataRow {
    int line = 0;
    Metadata metadata;
};
// Reads a metadata spreadsheet: file name → row. Throws Error(invalid_input) listing every
// bad row with its line (unknown column, missing file name, file named twice).
std::map<std::string, MetadataRow> read_metadata_csv(const std::string& path);

// Where each file's metadata comes from: the defaults, overridden by its row if any.
struct MetadataSource {
    Metadata defaults;
    std::string csv_path;
    std::map<std::string, MetadataRow> rows;  // by file name
    // The (not yet normalised) metadata of a file; place is set to its row when it has one.
    Metadata for_path(const std::string& path, Place* place = nullptr) const;
    bool described(const std::string& path) const;
};

// Checks the metadata of every path before anything is filed; throws one Error listing
// every problem (rows by line) when any.
// paths: the names the files were received under (their file name is looked up in the
// spreadsheet).
MetadataSource check_metadata(const archive::Archive& archive, const std::vector<std::string>& paths,
                              const Metadata& defaults, const std::string& csv_path, bool code_required = true);

// A title from the text: the "Objet :" line of a letter, else the first line that reads
// like a heading (not the letterhead, a date line or shouting capitals); empty if none.
std::string title_from_text(const std::string& text);
// A title from a file name: its stem, underscores as spaces.
std::string title_from_name(const std::string& path);

}  // namespace ububiko::service
