// A record: one filed document, described by the record.json beside its original
// (schemas/record.schema.json, docs/archive-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ububiko::archive {

inline constexpr int k_record_schema = 1;

// A file of the record folder, with its checksum.
struct RecordFile {
    std::string name;        // "original.pdf", "text.txt"
    std::string role;        // "original", "text", "searchable"
    std::string media_type;  // "application/pdf", "text/plain; charset=utf-8"
    std::uint64_t size = 0;
    std::string sha256;
    bool operator==(const RecordFile&) const = default;
};

// What happened to one page (OCR).
struct PageRecord {
    int page = 0;              // 1-based
    bool ocr = false;          // text read by OCR
    double confidence = -1;    // mean word confidence 0–100 when OCR ran
    int rotation = 0;          // degrees turned to be read upright
    double skew = 0;           // degrees of skew corrected
    bool blank = false;        // a blank page
    int words = 0;
    bool operator==(const PageRecord&) const = default;
};

// How the text was obtained.
struct Extraction {
    std::string method;  // "pdf-text", "text-utf8", ... (extract::Result::method)
    int pages = 0;
    std::uint64_t chars = 0;  // characters of text
    bool needs_ocr = false;
    std::vector<int> pages_without_text;
    // The file of the record folder that holds the text: "text.txt", or the original itself
    // when it is plain UTF-8 text identical to what was extracted (no copy twice).
    std::string text_file = "text.txt";
    std::string ocr_engine;          // "tesseract 5.3.0 fra+eng" when OCR ran
    std::vector<PageRecord> page_info;  // one per page once OCR was tried
    // Mean OCR confidence over the pages OCR read (blank pages aside); -1 when none.
    double ocr_confidence() const;
    // A spreadsheet (ODS, XLSX): its pages are its sheets.
    bool from_workbook() const { return method == "ods" || method == "xlsx"; }
    bool operator==(const Extraction&) const = default;
};

struct Record {
    std::string id;            // "2026-000042": register number, by year of registration
    std::string archive;       // archive code, "BRR"
    std::string code;          // plan code, "1.1.2"
    std::string plan;          // plan in force when filed or last reclassified, "commune-burundi@1"
    std::string status = "filed";  // "filed" | "to-classify"
    std::string title;
    std::string date;          // document date "YYYY-MM-DD", empty when unknown
    std::string type;          // document type id from the plan's vocabulary
    std::string direction;     // "in" | "out" | "internal" | ""
    std::string correspondent;
    std::string reference;
    std::string access = "internal";  // "public" | "internal" | "confidential"
    std::string language = "fr";
    std::string original_name;  // the file name as received
    std::string registered;     // instant of registration, UTC ISO 8601
    std::string registered_by;  // user
    std::vector<std::string> flags;  // "needs-ocr"
    Extraction extraction;
    std::vector<RecordFile> files;
    nlohmann::json extra = nlohmann::json::object();  // fields of later versions, kept as read

    // Registration year, from the id.
    int year() const;
    // Year of the document date, or of registration when the date is unknown.
    int document_year() const;
    const RecordFile* file_with_role(const std::string& role) const;
    bool has_flag(const std::string& flag) const;
};

nlohmann::json to_json(const Record& record);
// Throws Error(corrupt) naming `where` when a required field is missing or malformed.
Record record_from_json(const nlohmann::json& j, const std::string& where);

// Parses and checks a register number "YYYY-NNNNNN".
bool is_record_id(const std::string& text);

}  // namespace ububiko::archive
