// Filing documents: check every document's metadata first, extract text in worker
// processes (in parallel), then, group after group, refuse duplicates, number, stage,
// commit (one flush per group) and index; each document is reported once durable.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "archive/record.hpp"
#include "service/metadata.hpp"

namespace ububiko::service {

struct FileRequest {
    std::vector<std::string> paths;
    Metadata metadata;  // defaults for every path
    // A spreadsheet (CSV) with one row per file: file,code,date,type,direction,
    // correspondent,title,reference,access; a row's non-empty fields override the defaults
    // for the file of that name.
    std::string metadata_csv;
    std::string user;
    unsigned jobs = 0;  // extraction workers; 0 = one per processor

    // The name each path was received under, when it differs from its file name (a file
    // taken out of a zip: "lot.zip/scan 12.tif"); empty, or one per path.
    std::vector<std::string> names;
    // A document without a code goes to the queue (status "to-classify") instead of being
    // refused.
    bool queue_unclassified = false;
    // With queue_unclassified: a document without a code takes the classifier's first
    // suggestion when its confidence reaches the archive's threshold (archive.yaml
    // suggestion_threshold), and is queued with its suggestions otherwise; its date,
    // reference, correspondent, type and title, when not given, are proposed from its text.
    // Whatever was given always wins.
    bool suggest = true;
    // Retrain the suggestion model before returning when enough new records were filed
    // (classify::model_stale); the command line does it in the background instead.
    bool retrain = true;
    // OCR languages (Tesseract codes) for pages without text; empty: no OCR.
    std::vector<std::string> ocr_languages;
    // When set (Ctrl-C), no new document is started; those under way are finished.
    const std::atomic<bool>* stop = nullptr;
    // Pages read so far (OCR included), called from worker threads: keep it quick.
    std::function<void(int pages)> on_pages;
};

// Mean OCR confidence (0–100) under which a record is flagged "low-ocr-confidence".
inline constexpr double k_low_ocr_confidence = 60.0;

struct FileOutcome {
    enum class Status { filed, queued, duplicate, failed, not_started };
    std::string path;
    Status status = Status::failed;
    std::string id;          // the new record, or the existing one for a duplicate
    std::string message;     // the error for people when failed
    archive::Record record;  // when filed
    std::vector<std::string> warnings;  // e.g. "needs OCR", "date missing"
    // How the code was chosen when none was given: the suggestion taken (filed) or the best
    // ones (queued); empty when the code was given.
    std::string suggested_code;
    double suggested_confidence = 0;
    std::vector<std::string> proposed;  // metadata fields proposed from the text ("date", ...)
};

// Called once per document, in the order of the request, as soon as its outcome is final
// (for filed documents: once durable). Always from one thread at a time.
using Progress = std::function<void(const FileOutcome&, std::size_t done, std::size_t total)>;

struct FileSummary {
    std::size_t filed = 0, queued = 0, duplicates = 0, failed = 0;
    std::size_t not_started = 0;  // left when stopped
    std::size_t pages = 0;
    // The suggestion model, when this filing retrained it: records learnt from, time taken;
    // or why it could not be.
    std::size_t model_records = 0;
    double model_seconds = 0;
    std::string model_error;
};

// Files the documents. A bad document becomes a failed outcome; a bad request (metadata)
// throws before anything is touched; an archive that cannot be written (busy, io) throws,
// everything reported filed until then staying filed. Memory stays flat however many
// paths are given: outcomes are handed to `progress` and not kept.
FileSummary file_documents(const archive::Archive& archive, const FileRequest& request,
                           const Progress& progress = {});

}  // namespace ububiko::service
