#include "archive/retention.hpp"

#include "core/i18n.hpp"

namespace ububiko::archive {

Date add_years(const Date& d, int years) {
    Date out{d.year + years, d.month, d.day};
    if (out.month == 2 && out.day == 29 && !is_leap_year(out.year)) out.day = 28;
    return out;
}

RetentionStatus retention_of(const Record& record, const plan::Plan& plan) {
    RetentionStatus s;
    if (record.code.empty() || plan.find(record.code) == nullptr) {
        s.unknown_because = tr("pas de code du plan", "no code of the plan");
        return s;
    }
    plan::Effective e = plan.effective(record.code);
    if (!e.retention) {
        s.unknown_because = tr("le code n'a pas de durée de conservation", "the code has no retention");
        return s;
    }
    s.has_rule = true;
    s.years = e.retention->years;
    s.from = e.retention->from;
    s.disposition = e.disposition.value_or(plan::Disposition::keep);
    std::optional<Date> start;
    switch (s.from) {
        case plan::RetentionFrom::document_date:
            start = parse_iso_date(record.date);
            if (!start) s.unknown_because = tr("date du document inconnue", "document date unknown");
            break;
        case plan::RetentionFrom::year_end:
            if (auto d = parse_iso_date(record.date)) start = Date{d->year, 12, 31};
            else s.unknown_because = tr("date du document inconnue", "document date unknown");
            break;
        case plan::RetentionFrom::file_closing: {
            std::string closed = record.extra.value("closed", std::string());
            start = parse_iso_date(closed);
            if (!start) s.unknown_because = tr("dossier non clos (date de clôture inconnue)", "file not closed (no closing date)");
            break;
        }
    }
    if (start) s.due = add_years(*start, s.years);
    return s;
}

bool retention_due(const RetentionStatus& s, const Date& as_of) { return s.due && *s.due <= as_of; }

std::string describe(const RetentionStatus& s) {
    if (!s.has_rule) return s.unknown_because;
    std::string from = s.from == plan::RetentionFrom::document_date ? tr("la date du document", "the document date")
                       : s.from == plan::RetentionFrom::year_end   ? tr("la fin de l'année du document", "the end of the document's year")
                                                                   : tr("la clôture du dossier", "the closing of the file");
    std::string then = s.disposition == plan::Disposition::keep      ? tr("conservation définitive", "kept for good")
                       : s.disposition == plan::Disposition::destroy ? tr("élimination", "destruction")
                                                                     : tr("tri", "sampling");
    return std::to_string(s.years) + tr(" ans à compter de ", " years from ") + from + tr(", puis ", ", then ") + then;
}

}  // namespace ububiko::archive
