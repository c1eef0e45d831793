// The compliance audit a coach hands to a commune: is the plan followed, are the records
// kept? Sections with their findings and a score each (with the formula written in the
// report), an overall score; as a self-contained HTML page with charts (printable on A4),
// JSON (schemas/audit-report.schema.json) or CSV; several archives side by side.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"

namespace ububiko::audit {

// Told how a long audit goes: the stage for people ("vérification", "suggestions"), items
// done and in all. Never called concurrently, but possibly from a worker thread.
using Progress = std::function<void(const std::string& stage, std::size_t done, std::size_t total)>;

struct Options {
    Date as_of;  // the day of the audit (retention is judged on it); unset: today
    bool suggestions =
        true;           // look for probable misfiling (asks the classifier about every record)
    Progress progress;  // optional
    // Whether the reader may see records of an access level (unset: all of them). Records
    // the reader may not see still count in every score, but their findings name neither
    // their number nor their title (the web application's auditors, for instance).
    std::function<bool(const std::string& access)> may_see;
};

// One problem found, about one record when `id` is set.
struct Finding {
    std::string kind;  // "to-classify-old", "non-leaf-code", "obsolete-code", "missing-metadata",
                       // "probable-misfiling", "low-ocr-confidence", "needs-ocr",
                       // "retention-overdue", "fixity", "missing-file", "extra-file",
                       // "not-indexed", "orphan-index", "journal", ...
    std::string id;    // record id, when it concerns one
    std::string code;  // its code
    std::string message;  // for people, in the report's language
};

struct Section {
    std::string
        key;  // "queue", "placement", "metadata", "misfiling", "ocr", "retention", "integrity"
    std::string title;        // for people
    double score = 100;       // 0–100
    std::string formula;      // how the score is computed, for people ("100 × (1 − 3 / 120)")
    std::size_t checked = 0;  // records (or items) examined
    std::vector<Finding> findings;
};

struct Report {
    // Identity.
    std::string archive_name, archive_code, commune, province, plan;
    Date as_of;
    std::string generated;  // UTC instant
    // Inventory.
    std::size_t records = 0, files = 0;
    std::uint64_t bytes = 0;
    std::map<std::string, std::map<int, std::size_t>>
        by_code_year;  // top-level code → year → records
    std::map<std::string, std::string>
        code_titles;  // top-level code → its title in the plan in force
    std::map<int, std::size_t> by_year;
    std::size_t queued = 0;
    int oldest_queued_days = 0;
    // Judgement.
    std::vector<Section> sections;
    double score = 100;
    std::string formula;  // overall
};

// Audits one archive. Reads only, except that, as `ububiko check` does, an interrupted
// change found on disk is completed first. Throws Error when the archive cannot be read at
// all (its plan, its records folder); everything else wrong with it becomes a finding.
Report run(const archive::Archive& archive, const Options& options);

// Renderings. Several reports give a comparison table first (one row per commune), then
// each report. The language is the user's (French by default).
std::string to_html(const std::vector<Report>& reports);
nlohmann::json to_json(const std::vector<Report>& reports);
std::string to_csv(const std::vector<Report>& reports);
// A short summary for the terminal: for one archive, the overall score and each section's
// score and number of findings; for several, one line per archive.
std::string to_text(const std::vector<Report>& reports);

}  // namespace ububiko::audit
