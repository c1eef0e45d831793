// What the audit's parts share: the sections in their order with their weights and the
// thresholds of the judgement, number formatting for people, and the finders of each
// section (one file each, called by run()).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "audit/audit.hpp"

namespace ububiko::audit::detail {

// A record of the archive as the audit sees it.
struct Item {
    archive::Record record;
    std::string dir;  // absolute folder
};

// The sections, in the order of the report, with their weight in the overall score.
struct SectionSpec {
    const char* key;
    int weight;
};
inline constexpr SectionSpec k_sections[] = {
    {"integrity", 3}, {"placement", 2}, {"misfiling", 2}, {"queue", 1},
    {"metadata", 1},  {"retention", 1}, {"ocr", 1},
};

// Judgement thresholds, written into the report's explanations.
inline constexpr int k_queue_days = 30;  // a queued document older than this is a finding
// The first suggestion is another code, more likely than all the others together…
inline constexpr double k_misfiling_top = 0.5;
inline constexpr double k_misfiling_filed =
    0.05;  // …and the filed code under this (or not in the top 3)
inline constexpr std::size_t k_misfiling_rank = 3;
inline constexpr std::size_t k_suggest_text_bytes =
    32 * 1024;  // of a record's text given to the suggester

// Section title for people, in the current language.
std::string section_title(const std::string& key);
int section_weight(const std::string& key);
// A finding's kind for people ("fixity" → "fichier altéré"); the kind itself when unknown.
std::string kind_label(const std::string& kind);

// "97,5" in French, "97.5" in English: one decimal, none when whole.
std::string number(double value);
// "1 234" / "1,234".
std::string count(std::size_t value);
// Score rounded to one decimal.
double rounded(double score);

// Records concerned by a section's findings (distinct ids; a finding without id counts once).
std::size_t affected(const Section& section);
// Counts of findings by kind.
std::map<std::string, std::size_t> kinds(const Section& section);

// "4.2.5 (Quittances et registres des recettes)"; the code alone when not in the plan.
std::string code_label(const plan::Plan& plan, const std::string& code);
// Days from a registration instant ("2026-06-01T08:00:00Z") to as_of; 0 when unreadable or later.
int days_between(const std::string& instant, const Date& as_of);

// The finders. Each fills its section's findings, checked, score and formula.
Section queue_section(const std::vector<Item>& items, const Date& as_of);
Section placement_section(const std::vector<Item>& items, const plan::Plan& plan);
Section metadata_section(const std::vector<Item>& items, const plan::Plan& plan);
Section ocr_section(const std::vector<Item>& items);
Section retention_section(const std::vector<Item>& items, const plan::Plan& plan,
                          const Date& as_of);
// Runs check() without repairing and reports every problem (codes are filled in by run());
// the files and bytes it verified come back too.
Section integrity_section(const archive::Archive& archive, std::size_t& files, std::uint64_t& bytes,
                          const Progress& progress);
// nullopt when the suggester cannot be used (no readable index): the section is then left
// out, as when suggestions are turned off.
// Progress is called under a lock, from the worker threads.
std::optional<Section> misfiling_section(const archive::Archive& archive,
                                         const std::vector<Item>& items, const Progress& progress);

// A section whose score is 100 × (1 − affected / checked).
void score_by_share(Section& section, std::size_t affected_count,
                    const std::string& affected_words);

// Sorts findings: archive-wide ones (no id) first, then by record id, kind, message.
void sort_findings(std::vector<Finding>& findings);

// Keys of the seven sections in report order.
std::vector<std::string> section_keys();
// The section of a report by key; nullptr when it was not evaluated.
const Section* find_section(const Report& report, const std::string& key);

}  // namespace ububiko::audit::detail
