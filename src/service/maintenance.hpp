// Keeping an archive sound: rebuild the index from records/ alone, and check everything
// against record.json and the journal (fixity, missing and extra files, index agreement,
// journal chain), repairing what is derivable.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "archive/archive.hpp"

namespace ububiko::service {

// Called with (records done, records in all) during long jobs.
using Counter = std::function<void(std::size_t done, std::size_t total)>;

struct ReindexReport {
    std::size_t records = 0;
    std::vector<std::string> skipped;  // record folders that could not be read, with why
};

// Builds a new index from the record folders, then swaps it in atomically. Takes the
// writer lock for the duration.
ReindexReport reindex(const archive::Archive& archive, const Counter& progress = {});

struct Problem {
    std::string kind;     // "fixity", "missing-file", "extra-file", "record", "misplaced",
                          // "not-indexed", "stale-index", "orphan-index", "journal",
                          // "not-journaled", "interrupted"
    std::string id;       // record id when it concerns one
    std::string path;     // file or folder concerned, relative to the archive
    std::string message;  // for people
    bool repaired = false;
};

struct CheckReport {
    std::size_t records = 0;
    std::size_t files = 0;
    std::uint64_t bytes = 0;
    std::size_t recovered = 0;  // interrupted changes completed before checking
    std::vector<Problem> problems;
    std::size_t unrepaired() const;
};

// Checks the archive. With repair, rebuilds what is derivable (index entries, journal
// entries of records found on disk) and never touches an original.
CheckReport check(const archive::Archive& archive, bool repair, const Counter& progress = {});

}  // namespace ububiko::service
