// The sections judged from the records alone: the queue, the codes of the plan, required
// metadata, OCR, retention.
#include <algorithm>

#include "archive/retention.hpp"
#include "audit/audit_internal.hpp"
#include "core/i18n.hpp"
#include "service/filing.hpp"

namespace ububiko::audit::detail {
namespace {

bool filed(const Item& item) {
    return item.record.status == "filed";
}

std::string quoted(const std::string& text) {
    return tr("« ", "'") + text + tr(" »", "'");
}

std::string field_name(const std::string& name) {
    if (name == "title") return tr("titre", "title");
    if (name == "date") return tr("date", "date");
    if (name == "type") return tr("type", "type");
    if (name == "direction")
        return tr("sens (entrant, sortant, interne)", "direction (in, out, internal)");
    if (name == "correspondent") return tr("correspondant", "correspondent");
    if (name == "reference") return tr("référence", "reference");
    return name;
}

const std::string& field_value(const archive::Record& r, const std::string& name) {
    static const std::string none;
    if (name == "title") return r.title;
    if (name == "date") return r.date;
    if (name == "type") return r.type;
    if (name == "direction") return r.direction;
    if (name == "correspondent") return r.correspondent;
    if (name == "reference") return r.reference;
    return none;
}

std::vector<std::string> required_of(const plan::Plan& plan, const std::string& code) {
    return plan.find(code) ? plan.effective(code).required : plan.header.required;
}

}  // namespace

Section queue_section(const std::vector<Item>& items, const Date& as_of) {
    Section s;
    s.key = "queue";
    s.checked = items.size();
    for (const Item& item : items) {
        const archive::Record& r = item.record;
        if (r.status != "to-classify") continue;
        int days = days_between(r.registered, as_of);
        if (days <= k_queue_days) continue;
        s.findings.push_back(
            {"to-classify-old", r.id, "",
             quoted(r.title) +
                 tr(" attend d'être classé depuis ", " has waited to be classified for ") +
                 std::to_string(days) + tr(" jours (enregistré le ", " days (registered on ") +
                 r.registered.substr(0, 10) + ")"});
    }
    score_by_share(s, affected(s),
                   tr("documents en attente depuis plus de ", "documents waiting for more than ") +
                       std::to_string(k_queue_days) + tr(" jours", " days"));
    return s;
}

Section placement_section(const std::vector<Item>& items, const plan::Plan& plan) {
    Section s;
    s.key = "placement";
    for (const Item& item : items) {
        if (!filed(item)) continue;
        const archive::Record& r = item.record;
        ++s.checked;
        const plan::Node* node = plan.find(r.code);
        if (node == nullptr) {
            s.findings.push_back(
                {"unknown-code", r.id, r.code,
                 r.code.empty() ? tr("classé sans code", "filed without a code")
                                : tr("le code ", "code ") + r.code +
                                      tr(" n'existe pas dans le plan en vigueur (",
                                         " does not exist in the plan in force (") +
                                      plan.ref() + tr(") : à reclasser", "): to be reclassified")});
            continue;
        }
        if (node->obsolete)
            s.findings.push_back(
                {"obsolete-code", r.id, r.code,
                 tr("classé sous ", "filed under ") + code_label(plan, r.code) +
                     tr(", code abandonné dans le plan en vigueur : à reclasser",
                        ", a code withdrawn from the plan in force: to be reclassified")});
        if (plan.header.file_at_leaves_only && !node->children.empty()) {
            std::string examples;
            for (std::size_t i = 0; i < node->children.size() && i < 4; ++i)
                examples += (i ? ", " : "") + node->children[i];
            if (node->children.size() > 4) examples += ", …";
            s.findings.push_back({"non-leaf-code", r.id, r.code,
                                  tr("classé sous ", "filed under ") + code_label(plan, r.code) +
                                      tr(", qui n'est pas une feuille du plan : à classer sous un "
                                         "code plus précis (",
                                         ", which is not a leaf of the plan: to be filed under a "
                                         "more precise code (") +
                                      examples + ")"});
        }
    }
    score_by_share(s, affected(s), tr("documents mal placés", "documents misplaced"));
    return s;
}

Section metadata_section(const std::vector<Item>& items, const plan::Plan& plan) {
    Section s;
    s.key = "metadata";
    for (const Item& item : items) {
        if (!filed(item)) continue;
        const archive::Record& r = item.record;
        ++s.checked;
        std::string missing;
        for (const std::string& name : required_of(plan, r.code))
            if (field_value(r, name).empty())
                missing += (missing.empty() ? "" : ", ") + field_name(name);
        if (!missing.empty())
            s.findings.push_back(
                {"missing-metadata", r.id, r.code,
                 tr("manque : ", "missing: ") + missing +
                     tr(" (obligatoire pour ce code)", " (required for this code)")});
        if (!r.date.empty() && !parse_iso_date(r.date))
            s.findings.push_back({"invalid-date", r.id, r.code,
                                  tr("la date ", "date ") + quoted(r.date) +
                                      tr(" n'est pas une date réelle (AAAA-MM-JJ)",
                                         " is not a real date (YYYY-MM-DD)")});
        if (!r.type.empty() && plan.resolve_type(r.type) == nullptr)
            s.findings.push_back({"unknown-type", r.id, r.code,
                                  tr("le type ", "type ") + quoted(r.type) +
                                      tr(" n'est pas dans le vocabulaire du plan",
                                         " is not in the plan's vocabulary")});
    }
    score_by_share(s, affected(s), tr("documents incomplets", "incomplete documents"));
    return s;
}

Section ocr_section(const std::vector<Item>& items) {
    Section s;
    s.key = "ocr";
    s.checked = items.size();
    for (const Item& item : items) {
        const archive::Record& r = item.record;
        if (r.has_flag("needs-ocr") || r.extraction.needs_ocr) {
            std::string pages;
            for (int p : r.extraction.pages_without_text)
                pages += (pages.empty() ? "" : ", ") + std::to_string(p);
            s.findings.push_back(
                {"needs-ocr", r.id, r.code,
                 tr("scan sans texte lisible : introuvable par la recherche, à océriser",
                    "scan without readable text: not found by search, needs OCR") +
                     (pages.empty() ? std::string() : tr(" (pages ", " (pages ") + pages + ")")});
            continue;
        }
        double confidence = r.extraction.ocr_confidence();
        bool low = confidence >= 0 && confidence < service::k_low_ocr_confidence;
        if (low || r.has_flag("low-ocr-confidence"))
            s.findings.push_back(
                {"low-ocr-confidence", r.id, r.code,
                 tr("lecture OCR peu sûre", "uncertain OCR") +
                     (confidence >= 0 ? tr(" (confiance moyenne ", " (mean confidence ") +
                                            number(confidence) + " %)"
                                      : std::string()) +
                     tr(" : texte à vérifier, ou document à rescanner",
                        ": text to check, or rescan")});
    }
    score_by_share(s, affected(s), tr("documents mal lus", "documents poorly read"));
    return s;
}

Section retention_section(const std::vector<Item>& items, const plan::Plan& plan,
                          const Date& as_of) {
    Section s;
    s.key = "retention";
    std::size_t overdue = 0, unknown = 0;
    for (const Item& item : items) {
        const archive::Record& r = item.record;
        // Records without a code of the plan are the placement section's business.
        if (!filed(item) || plan.find(r.code) == nullptr) continue;
        ++s.checked;
        archive::RetentionStatus rs = archive::retention_of(r, plan);
        if (!rs.has_rule) continue;
        if (archive::retention_due(rs, as_of)) {
            std::string action =
                rs.disposition == plan::Disposition::destroy
                    ? tr("à éliminer (bordereau d'élimination)",
                         "to be destroyed (destruction slip)")
                : rs.disposition == plan::Disposition::sample
                    ? tr("à trier puis verser au service d'archives",
                         "to be sorted, then transferred to the archives service")
                    : tr("à verser au service d'archives (bordereau de versement)",
                         "to be transferred to the archives service (transfer slip)");
            s.findings.push_back({"retention-overdue", r.id, r.code,
                                  tr("durée d'utilité administrative échue le ",
                                     "administrative retention ended on ") +
                                      rs.due->iso() + " (" + archive::describe(rs) + ")" +
                                      tr(" : ", ": ") + action});
            ++overdue;
        } else if (!rs.due && rs.from != plan::RetentionFrom::file_closing) {
            // No document date. When the code requires one, or the date is malformed, the
            // metadata section already says so; an open file (no closing date) is normal.
            bool reported = !r.date.empty();
            for (const std::string& name : required_of(plan, r.code))
                reported = reported || name == "date";
            if (reported) continue;
            s.findings.push_back(
                {"retention-unknown", r.id, r.code,
                 tr("fin de conservation incalculable : ", "end of retention unknown: ") +
                     rs.unknown_because});
            ++unknown;
        }
    }
    if (s.checked == 0) {
        score_by_share(s, 0, "");
        return s;
    }
    double share = (static_cast<double>(overdue) + 0.5 * static_cast<double>(unknown)) /
                   static_cast<double>(s.checked);
    s.score = rounded(100.0 * (1.0 - share));
    s.formula = "100 × (1 − (" + tr("échus", "overdue") + " + ½ × " +
                tr("échéance inconnue", "due date unknown") + ") / " +
                tr("documents examinés", "documents examined") + ") = 100 × (1 − (" +
                std::to_string(overdue) + " + ½ × " + std::to_string(unknown) + ") / " +
                std::to_string(s.checked) + ") = " + number(s.score);
    return s;
}

}  // namespace ububiko::audit::detail
