// Applying the retention rules: which records' administrative use has ended, the slips
// that propose their destruction or their transfer to the archives service, and the
// destruction itself — never silent, never early without --force and a reason, always
// leaving a tombstone and a journal entry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.hpp"
#include "core/time.hpp"
#include "plan/plan.hpp"

namespace ububiko::service {

struct DueRecord {
    std::string id, code, code_title, title, date;  // date: of the document
    Date due;                                        // end of the DUA
    plan::Disposition disposition = plan::Disposition::keep;
    std::uint64_t bytes = 0;
};

// Records whose DUA has ended on as_of and that are still there (not destroyed), by code
// then number. Records whose due date is unknown are counted in `unknown`.
struct DueList {
    Date as_of;
    std::vector<DueRecord> records;
    std::size_t unknown = 0;
};
DueList due_records(const archive::Archive& archive, const Date& as_of);

// "destroy" or "transfer" (keep and sample end in a transfer: the archives service keeps
// or sorts them).
bool disposition_matches(plan::Disposition d, const std::string& action);

struct SlipResult {
    std::string number;  // "BRR-ELIM-2026-001"
    std::string pdf;     // the PDF written (the path asked for)
    std::vector<std::string> ids;
};

// Writes the slip of the records due for `action` on as_of (ids, when given, restrict
// it) to out_pdf with ububiko-pdf, keeps a copy and the list in ARCHIVE/slips/, and
// journals it. Throws Error(conflict) when nothing is due.
SlipResult make_slip(const archive::Archive& archive, const std::string& action, const Date& as_of,
                     const std::string& out_pdf, const std::vector<std::string>& ids, const std::string& user);

// The record numbers of a slip made before (by its number, or the path of its PDF).
std::vector<std::string> slip_records(const archive::Archive& archive, const std::string& slip, std::string* number);

struct DisposeRequest {
    std::vector<std::string> ids;
    std::string slip;      // number of the slip listing them (recorded in each tombstone)
    Date as_of;
    bool force = false;    // destroy before the due date, or without a rule saying destroy
    std::string reason;    // required with force
    std::string user;
};

struct DisposeReport {
    std::vector<std::string> destroyed;
    std::uint64_t bytes = 0;
};

// Checks every record first (exists, not destroyed, due and meant for destruction — else
// refused unless force with a reason), then destroys them one by one.
DisposeReport dispose(const archive::Archive& archive, const DisposeRequest& request);

// What would be destroyed, checked as dispose() does, without destroying anything.
std::vector<DueRecord> check_disposal(const archive::Archive& archive, const DisposeRequest& request);

}  // namespace ububiko::service
