// The audit as data: JSON (schemas/audit-report.schema.json, "ububiko/audit/1") and CSV
// (one row per finding, every archive in one table).
#include "audit/audit_internal.hpp"
#include "core/csv.hpp"
#include "core/i18n.hpp"

namespace ububiko::audit {

using nlohmann::json;
using namespace detail;

namespace {

json section_json(const Report& report, const std::string& key) {
    const Section* s = find_section(report, key);
    if (s == nullptr)
        return {
            {"key", key},
            {"title", section_title(key)},
            {"evaluated", false},
            {"score", nullptr},
            {"weight", section_weight(key)},
            {"formula",
             tr("non évalué (suggestions désactivées ou index illisible) : hors du score global",
                "not evaluated (suggestions turned off or index unreadable): left out of the "
                "overall score")},
            {"checked", 0},
            {"affected", 0},
            {"counts", json::object()},
            {"findings", json::array()}};
    json findings = json::array();
    for (const Finding& f : s->findings)
        findings.push_back(
            {{"kind", f.kind}, {"id", f.id}, {"code", f.code}, {"message", f.message}});
    json counts = json::object();
    for (const auto& [kind, n] : kinds(*s)) counts[kind] = n;
    return {{"key", s->key},
            {"title", s->title},
            {"evaluated", true},
            {"score", rounded(s->score)},
            {"weight", section_weight(s->key)},
            {"formula", s->formula},
            {"checked", s->checked},
            {"affected", affected(*s)},
            {"counts", counts},
            {"findings", findings}};
}

json scores_json(const Report& report) {
    json scores = json::object();
    for (const std::string& key : section_keys()) {
        const Section* s = find_section(report, key);
        scores[key] = s ? json(rounded(s->score)) : json(nullptr);
    }
    return scores;
}

std::size_t old_queued(const Report& report) {
    const Section* q = find_section(report, "queue");
    return q ? q->findings.size() : 0;
}

json report_json(const Report& r) {
    json by_year = json::object();
    for (const auto& [year, n] : r.by_year) by_year[std::to_string(year)] = n;
    json by_code_year = json::object();
    for (const auto& [code, years] : r.by_code_year) {
        json y = json::object();
        for (const auto& [year, n] : years) y[std::to_string(year)] = n;
        by_code_year[code] = y;
    }
    json sections = json::array();
    for (const std::string& key : section_keys()) sections.push_back(section_json(r, key));
    json weights = json::object();
    for (const SectionSpec& s : k_sections) weights[s.key] = s.weight;
    return {{"archive",
             {{"name", r.archive_name},
              {"code", r.archive_code},
              {"commune", r.commune},
              {"province", r.province},
              {"plan", r.plan}}},
            {"as_of", r.as_of.iso()},
            {"generated", r.generated},
            {"inventory",
             {{"records", r.records},
              {"files", r.files},
              {"bytes", r.bytes},
              {"queued", r.queued},
              {"queued_old", old_queued(r)},
              {"oldest_queued_days", r.oldest_queued_days},
              {"by_year", by_year},
              {"by_code_year", by_code_year},
              {"code_titles", r.code_titles}}},
            {"score", rounded(r.score)},
            {"formula", r.formula},
            {"weights", weights},
            {"thresholds",
             {{"queue_days", k_queue_days},
              {"misfiling_top_confidence", k_misfiling_top},
              {"misfiling_filed_confidence", k_misfiling_filed},
              {"misfiling_filed_rank", k_misfiling_rank}}},
            {"sections", sections}};
}

}  // namespace

json to_json(const std::vector<Report>& reports) {
    json comparison = json::array();
    json all = json::array();
    for (const Report& r : reports) {
        comparison.push_back({{"archive", r.archive_code},
                              {"name", r.archive_name},
                              {"commune", r.commune},
                              {"province", r.province},
                              {"records", r.records},
                              {"queued", r.queued},
                              {"queued_old", old_queued(r)},
                              {"scores", scores_json(r)},
                              {"score", rounded(r.score)}});
        all.push_back(report_json(r));
    }
    return {{"schema", "ububiko/audit/1"},
            {"generated", now_utc_iso()},
            {"language", language() == Language::en ? "en" : "fr"},
            {"comparison", comparison},
            {"reports", all}};
}

std::string to_csv(const std::vector<Report>& reports) {
    // One table for every archive: a spreadsheet filters or pivots it by archive, section
    // and kind to see the communes side by side.
    std::string out = csv::line({"archive", "commune", "section", "kind", "id", "code", "message"});
    for (const Report& r : reports)
        for (const std::string& key : section_keys())
            if (const Section* s = find_section(r, key))
                for (const Finding& f : s->findings)
                    out +=
                        csv::line({r.archive_code, r.commune.empty() ? r.archive_name : r.commune,
                                   s->key, f.kind, f.id, f.code, f.message});
    return out;
}

}  // namespace ububiko::audit
