#include "service/register.hpp"

#include <algorithm>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"

namespace ububiko::service {

pdfwrite::RegisterSpec register_of(const archive::Archive& a, int year, const std::string& direction) {
    if (!direction.empty() && direction != "in" && direction != "out")
        throw Error(ErrorCode::invalid_input, tr("sens inconnu « ", "unknown direction '") + direction +
                                                  tr(" » : in (arrivé) ou out (départ)", "': in or out"),
                    Place{"", 0, 0, "--direction"});
    if (year < 1900 || year > 2200)
        throw Error(ErrorCode::invalid_input, tr("année invalide : ", "invalid year: ") + std::to_string(year), Place{"", 0, 0, "--year"});
    pdfwrite::RegisterSpec spec;
    spec.issuer = {a.config().name, a.config().province.empty() ? "" : tr("Province de ", "Province of ") + a.config().province,
                   a.config().code};
    spec.year = year;
    spec.direction = direction;
    spec.generated = today().iso();
    spec.language = language() == Language::en ? "en" : "fr";
    const std::string prefix = std::to_string(year) + "-";
    a.for_each_record_dir([&](const std::string& dir) {
        if (dir.compare(dir.size() - 11, 5, prefix) != 0) return;
        archive::Record r;
        try {
            r = a.load_record(dir);
        } catch (const Error&) {
            return;
        }
        if (!direction.empty() && r.direction != direction) return;
        // The date received or sent is the day of registration (when the document came in
        // or went out through the office); the document's own date is in its record.
        spec.rows.push_back({r.id, r.registered.substr(0, 10), r.correspondent, r.title, r.reference, r.code});
    });
    std::sort(spec.rows.begin(), spec.rows.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    return spec;
}

std::string register_csv(const pdfwrite::RegisterSpec& spec) {
    // Column names in the user's language: this is for spreadsheets, read by people.
    std::string out = csv::line({tr("numéro", "number"), tr("date d'enregistrement", "registered"),
                                 tr("correspondant", "correspondent"), tr("objet", "subject"), tr("référence", "reference"),
                                 "code"});
    for (const auto& r : spec.rows) out += csv::line({r.id, r.date, r.correspondent, r.subject, r.reference, r.code});
    return out;
}

}  // namespace ububiko::service
