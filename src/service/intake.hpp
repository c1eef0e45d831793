// Taking in a stack of documents: files, folders, zip and tar batches and the archive's
// inbox, with OCR, progress, the queue for documents without a code, a clean stop on
// Ctrl-C, and resumption (what is already filed is skipped as a duplicate).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "service/filing.hpp"

namespace ububiko::service {

struct IntakeRequest {
    std::vector<std::string> inputs;  // files, folders (taken whole), zip and tar batches
    bool inbox = false;               // also the archive's inbox/
    Metadata metadata;                // defaults for every document
    std::string metadata_csv;         // rows by file name
    std::string user;
    unsigned jobs = 0;                // workers; 0: one per core
    bool ocr = true;                  // OCR with the archive's languages
    bool suggest = true;              // without a code: the first suggestion if sure enough (FileRequest::suggest)
    bool retrain = true;              // FileRequest::retrain
    const std::atomic<bool>* stop = nullptr;
    std::function<void(int pages)> on_pages;
};

// Something that could not even be tried: an archive entry refused, an unreadable folder.
struct Refusal {
    std::string name;
    std::string reason;
};

struct IntakeResult {
    FileSummary summary;
    std::vector<Refusal> refused;
    std::size_t documents = 0;  // found in the inputs
    double seconds = 0;
};

// One document found in the inputs.
struct IntakeItem {
    std::string path;  // on disk (for an archive entry: where it was unpacked)
    std::string name;  // as received: "lot.zip/scan 12.tif", "inbox/scan.pdf"
    bool from_inbox = false;
};

// Lists the documents of the inputs: files as they are, folders recursively (hidden files
// skipped, in name order), zip and tar batches unpacked in a child process into this
// process's folder of tmp/ (entries refused one by one). Throws Error(not_found) for an
// input that does not exist.
std::vector<IntakeItem> gather(const archive::Archive& archive, const std::vector<std::string>& inputs, bool inbox,
                               std::vector<Refusal>& refused);

// Takes everything in. `progress` is called once per document, in order, once final.
IntakeResult intake(const archive::Archive& archive, const IntakeRequest& request, const Progress& progress = {});

// Files in the inbox that have not changed for `settle` (a scanner may still be writing
// the others).
std::vector<std::string> settled_inbox_files(const archive::Archive& archive, std::chrono::milliseconds settle);

}  // namespace ububiko::service
