// A copy of a filed document with its registration stamp (register number, date of
// registration, commune, code), for the office to print at intake. Only a copy: the
// record's files are read, never written.
#pragma once

#include <string>

#include "archive/archive.hpp"

namespace ububiko::service {

struct StampedCopy {
    std::string id;      // "2026-000042"
    std::string source;  // the record's file stamped: "original" or "searchable"
    std::string pdf;     // the file written
};

// Writes to out_path a copy of the record's PDF with the stamp on page 1 (see
// pdfwrite::write_stamp): the original when it is a PDF, the searchable PDF OCR made for an
// image original (PNG, JPEG, TIFF…). The file is checked against its SHA-256 first. Throws
// Error(unsupported) for a text, ODT or DOCX original and for an image without a searchable
// PDF (a stamped copy needs a PDF), and for an encrypted PDF; Error(conflict) for a
// destroyed record; Error(corrupt) when the file no longer matches its checksum or cannot
// be read as a PDF; Error(invalid_input) for an output inside the archive's records/ or
// the record's file itself; Error(not_found / invalid_input) for the id.
StampedCopy stamped_copy(const archive::Archive& archive, const std::string& id, const std::string& out_path);

}  // namespace ububiko::service
