// audit::run: reads every record once, hands them to each section's finder, then scores.
#include "audit/audit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

#include "audit/audit_internal.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace ububiko::audit {
namespace detail {

std::vector<std::string> section_keys() {
    std::vector<std::string> keys;
    for (const SectionSpec& s : k_sections) keys.emplace_back(s.key);
    return keys;
}

int section_weight(const std::string& key) {
    for (const SectionSpec& s : k_sections)
        if (key == s.key) return s.weight;
    return 1;
}

std::string section_title(const std::string& key) {
    if (key == "queue")
        return tr("Documents en attente de classement", "Documents waiting to be classified");
    if (key == "placement") return tr("Codes du plan", "Codes of the plan");
    if (key == "metadata") return tr("Métadonnées obligatoires", "Required metadata");
    if (key == "misfiling") return tr("Classements douteux", "Probable misfiling");
    if (key == "ocr") return tr("Lecture des scans (OCR)", "Reading of scans (OCR)");
    if (key == "retention") return tr("Durées de conservation échues", "Retention periods ended");
    if (key == "integrity")
        return tr("Intégrité (fichiers, index, journal)", "Integrity (files, index, journal)");
    return key;
}

std::string kind_label(const std::string& kind) {
    struct L {
        const char *kind, *fr, *en;
    };
    static const L labels[] = {
        {"to-classify-old", "en attente depuis longtemps", "waiting for long"},
        {"non-leaf-code", "code trop général", "code too general"},
        {"obsolete-code", "code abandonné", "withdrawn code"},
        {"unknown-code", "code hors du plan", "code not in the plan"},
        {"missing-metadata", "métadonnées manquantes", "missing metadata"},
        {"invalid-date", "date invalide", "invalid date"},
        {"unknown-type", "type inconnu", "unknown type"},
        {"probable-misfiling", "classement douteux", "probable misfiling"},
        {"needs-ocr", "à océriser", "needs OCR"},
        {"low-ocr-confidence", "OCR peu sûr", "uncertain OCR"},
        {"retention-overdue", "conservation échue", "retention ended"},
        {"retention-unknown", "échéance inconnue", "due date unknown"},
        {"fixity", "fichier altéré", "altered file"},
        {"missing-file", "fichier absent", "missing file"},
        {"extra-file", "fichier non décrit", "undescribed file"},
        {"record", "record.json illisible", "unreadable record.json"},
        {"misplaced", "dossier mal placé", "misplaced folder"},
        {"not-indexed", "absent de l'index", "not indexed"},
        {"stale-index", "index périmé", "stale index"},
        {"orphan-index", "entrée d'index orpheline", "orphan index entry"},
        {"index", "index illisible", "unreadable index"},
        {"journal", "journal rompu", "broken journal"},
        {"not-journaled", "absent du journal", "not journaled"},
    };
    for (const L& l : labels)
        if (kind == l.kind) return language() == Language::en ? l.en : l.fr;
    return kind;
}

const Section* find_section(const Report& report, const std::string& key) {
    for (const Section& s : report.sections)
        if (s.key == key) return &s;
    return nullptr;
}

double rounded(double score) {
    return std::round(score * 10) / 10;
}

std::string number(double value) {
    value = rounded(value);
    char buf[64];
    if (value == std::floor(value))
        std::snprintf(buf, sizeof buf, "%.0f", value);
    else
        std::snprintf(buf, sizeof buf, "%.1f", value);
    std::string s = buf;
    if (language() == Language::fr) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string count(std::size_t value) {
    std::string digits = std::to_string(value), out;
    const std::string sep = language() == Language::fr ? "\u00a0" : ",";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::size_t affected(const Section& section) {
    std::set<std::string> ids;
    std::size_t anonymous = 0;
    for (const Finding& f : section.findings) {
        if (f.id.empty())
            ++anonymous;
        else
            ids.insert(f.id);
    }
    return ids.size() + anonymous;
}

std::map<std::string, std::size_t> kinds(const Section& section) {
    std::map<std::string, std::size_t> out;
    for (const Finding& f : section.findings) ++out[f.kind];
    return out;
}

std::string code_label(const plan::Plan& plan, const std::string& code) {
    const plan::Node* node = plan.find(code);
    if (node == nullptr) return code;
    const std::string& title =
        language() == Language::en && !node->title_en.empty() ? node->title_en : node->title;
    return code + " (" + title + ")";
}

int days_between(const std::string& instant, const Date& as_of) {
    auto d = parse_iso_date(std::string_view(instant).substr(0, 10));
    if (!d) return 0;
    using namespace std::chrono;
    auto day_of = [](const Date& x) {
        return sys_days(year_month_day(year(x.year), month(static_cast<unsigned>(x.month)),
                                       day(static_cast<unsigned>(x.day))));
    };
    long n = (day_of(as_of) - day_of(*d)).count();
    return n > 0 ? static_cast<int>(n) : 0;
}

void score_by_share(Section& s, std::size_t n, const std::string& affected_words) {
    if (s.checked == 0) {
        s.score = 100;
        s.formula = tr("aucun document à examiner : 100", "no document to examine: 100");
        return;
    }
    s.score = rounded(100.0 * (1.0 - static_cast<double>(n) / static_cast<double>(s.checked)));
    s.formula = "100 × (1 − " + affected_words + " / " +
                tr("documents examinés", "documents examined") + ") = 100 × (1 − " +
                std::to_string(n) + " / " + std::to_string(s.checked) + ") = " + number(s.score);
}

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.id.empty() != b.id.empty()) return a.id.empty();
        if (a.id != b.id) return a.id < b.id;
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.message < b.message;
    });
}

}  // namespace detail

namespace {

using namespace detail;

// The inventory: what the archive holds, by top-level code and year of the document.
void take_inventory(Report& report, const std::vector<Item>& items, const Date& as_of) {
    for (const Item& item : items) {
        const archive::Record& r = item.record;
        ++report.records;
        int year = 0;
        if (auto d = parse_iso_date(r.date))
            year = d->year;
        else if (archive::is_record_id(r.id))
            year = r.year();
        if (year) ++report.by_year[year];
        if (r.status == "to-classify") {
            ++report.queued;
            report.oldest_queued_days =
                std::max(report.oldest_queued_days, days_between(r.registered, as_of));
        } else if (!r.code.empty()) {
            std::string top = r.code.substr(0, r.code.find('.'));
            if (year) ++report.by_code_year[top][year];
        }
    }
}

void score_overall(Report& report) {
    double sum = 0;
    int weights = 0;
    std::string terms;
    for (const Section& s : report.sections) {
        int w = section_weight(s.key);
        sum += w * s.score;
        weights += w;
        if (!terms.empty()) terms += " + ";
        terms += std::to_string(w) + " × " + number(s.score) + " (" + s.title + ")";
    }
    report.score = weights ? rounded(sum / weights) : 100;
    report.formula = tr("moyenne pondérée des sections : (", "weighted mean of the sections: (") +
                     terms + ") / " + std::to_string(weights) + " = " + number(report.score);
}

}  // namespace

namespace {

// Findings about records the reader may not see keep their kind, code and text, without the
// record's number and title: each such record gets a stand-in ("restreint-1", …), so that
// the counts of records affected stay right.
void hide_unseen(std::vector<Section>& sections, const std::vector<Item>& items, const Options& options) {
    std::map<std::string, const archive::Record*> by_id;
    for (const Item& item : items) by_id[item.record.id] = &item.record;
    std::map<std::string, std::string> stand_ins;
    auto replace_all = [](std::string& text, const std::string& what, const std::string& by) {
        if (what.empty()) return;
        for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + by.size()))
            text.replace(p, what.size(), by);
    };
    for (Section& s : sections)
        for (Finding& f : s.findings) {
            auto it = by_id.find(f.id);
            if (f.id.empty() || it == by_id.end() || options.may_see(it->second->access)) continue;
            auto [named, fresh] = stand_ins.try_emplace(f.id, tr("restreint-", "restricted-") + std::to_string(stand_ins.size() + 1));
            replace_all(f.message, it->second->title, tr("document à accès restreint", "restricted record"));
            replace_all(f.message, f.id, named->second);
            f.id = named->second;
        }
}

}  // namespace

Report run(const archive::Archive& archive, const Options& options) {
    Report report;
    const archive::Config& config = archive.config();
    report.archive_name = config.name;
    report.archive_code = config.code;
    report.commune = config.commune;
    report.province = config.province;
    report.plan = config.plan;
    // An unset day (year 0) means today.
    const Date as_of = options.as_of.year == 0 ? today() : options.as_of;
    report.as_of = as_of;
    report.generated = now_utc_iso();
    const plan::Plan& plan = archive.plan();
    for (const std::string& root : plan.roots) {
        const plan::Node& node = plan.at(root);
        report.code_titles[root] =
            language() == Language::en && !node.title_en.empty() ? node.title_en : node.title;
    }

    // check() first: it completes any interrupted change, so that what is read next is whole.
    std::size_t files = 0;
    std::uint64_t bytes = 0;
    Section integrity = integrity_section(archive, files, bytes, options.progress);

    std::vector<Item> all;
    std::vector<std::string> dirs;
    archive.for_each_record_dir([&](const std::string& d) { dirs.push_back(d); });
    std::sort(dirs.begin(), dirs.end());
    for (const std::string& dir : dirs) {
        try {
            Item item{archive.load_record(dir), dir};
            // A destroyed record is a tombstone: its disposal is done, nothing more to judge.
            if (item.record.status == "destroyed") continue;
            all.push_back(std::move(item));
        } catch (const Error&) {
            // Unreadable record.json: reported by check() under integrity.
        }
    }
    std::sort(all.begin(), all.end(),
              [](const Item& a, const Item& b) { return a.record.id < b.record.id; });
    take_inventory(report, all, as_of);
    report.files = files;
    report.bytes = bytes;

    // Codes for check()'s findings, now that the records are read.
    std::map<std::string, std::string> code_of;
    for (const Item& item : all) code_of[item.record.id] = item.record.code;
    for (Finding& f : integrity.findings)
        if (f.code.empty() && code_of.count(f.id)) f.code = code_of[f.id];

    std::vector<Section> sections;
    sections.push_back(std::move(integrity));
    sections.push_back(placement_section(all, plan));
    // Left out when not asked for (or impossible): the renderings say "not evaluated", and
    // the overall score is the mean of the others.
    if (options.suggestions)
        if (std::optional<Section> m = misfiling_section(archive, all, options.progress))
            sections.push_back(std::move(*m));
    sections.push_back(queue_section(all, as_of));
    sections.push_back(metadata_section(all, plan));
    sections.push_back(retention_section(all, plan, as_of));
    sections.push_back(ocr_section(all));
    if (options.may_see) hide_unseen(sections, all, options);
    for (Section& s : sections) {
        s.title = section_title(s.key);
        sort_findings(s.findings);
    }
    report.sections = std::move(sections);
    score_overall(report);
    return report;
}

}  // namespace ububiko::audit
