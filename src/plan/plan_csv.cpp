#include "plan/plan_csv.hpp"

#include <algorithm>
#include <map>

#include "core/csv.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "plan/validate.hpp"

namespace ububiko::plan {
namespace {

// A spreadsheet in a French locale reads "1.1" as the 1st of January ("01-janv", "01/01")
// and "1,5" as a number: the code column then comes back as a date or a number.
std::string spreadsheet_hint(const std::string& code) {
    static constexpr std::string_view k_months[] = {"janv", "févr", "fevr", "mars", "avr", "mai", "juin", "juil",
                                                    "août", "aout", "sept", "oct", "nov", "déc", "dec", "jan", "feb",
                                                    "apr", "may", "jun", "jul", "aug", "sep"};
    std::string lower;
    for (char c : code) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    bool looks = lower.find_first_of("/,-") != std::string::npos;
    for (std::string_view m : k_months) looks = looks || lower.find(m) != std::string::npos;
    if (!looks) return {};
    return tr(" (un tableur l'a pris pour une date ou un nombre : mettez la colonne « code » au format texte, "
              "puis saisissez les codes à nouveau)",
              " (a spreadsheet took it for a date or a number: set the 'code' column to text, then type the codes again)");
}

const std::vector<std::string> k_columns = {
    "code", "title", "title_en", "description", "retention_years", "retention_from",
    "retention_note", "disposition", "access", "required", "obsolete", "keywords", "phrases",
    "regexes", "correspondents", "types"};

std::string join(const std::vector<std::string>& items, char separator = '|') {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += separator;
        out += items[i];
    }
    return out;
}

// Items separated by '|' or line breaks; regexes (which use '|') by line breaks only.
std::vector<std::string> split_list(std::string_view s, const char* separators = "|\n") {
    std::vector<std::string> out;
    if (trim(s).empty()) return out;
    std::size_t start = 0;
    for (;;) {
        std::size_t bar = s.find_first_of(separators, start);
        std::string_view part = trim(s.substr(start, bar == std::string_view::npos ? s.npos : bar - start));
        if (!part.empty()) out.emplace_back(part);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return out;
}

}  // namespace

std::string to_csv(const Plan& plan, char d) {
    std::string out;
    const Header& h = plan.header;
    out += csv::line({"#plan.id", h.id}, d);
    out += csv::line({"#plan.version", std::to_string(h.version)}, d);
    out += csv::line({"#plan.title", h.title}, d);
    out += csv::line({"#plan.language", h.language}, d);
    if (!h.published.empty()) out += csv::line({"#plan.published", h.published}, d);
    out += csv::line({"#plan.file_at_leaves_only", h.file_at_leaves_only ? "true" : "false"}, d);
    if (!h.required.empty()) out += csv::line({"#plan.required", join(h.required)}, d);
    if (!h.description.empty()) out += csv::line({"#plan.description", h.description}, d);
    for (const DocumentType& t : plan.types)
        out += csv::line({"#type", t.id, t.label, t.label_en, join(t.aliases)}, d);
    out += csv::line(k_columns, d);
    for (const std::string& code : plan.codes()) {
        const Node& n = plan.at(code);
        out += csv::line({n.code, n.title, n.title_en, n.description,
                          n.retention ? std::to_string(n.retention->years) : "",
                          n.retention ? to_string(n.retention->from) : "",
                          n.retention ? n.retention->note : "",
                          n.disposition ? to_string(*n.disposition) : "",
                          n.access ? to_string(*n.access) : "",
                          n.required ? join(*n.required) : "", n.obsolete ? "true" : "",
                          join(n.hints.keywords), join(n.hints.phrases), join(n.hints.regexes, '\n'),
                          join(n.hints.correspondents), join(n.hints.types)},
                         d);
    }
    return out;
}

CheckResult check_plan_csv_text(std::string_view text, const std::string& name) {
    CheckResult result;
    auto& errors = result.errors;
    std::vector<csv::Row> rows;
    try {
        rows = csv::parse(text, name);
    } catch (const Error& e) {
        errors.push_back({e.place(), e.message()});
        return result;
    }
    Plan plan;
    std::map<std::string, int> column;  // name → index
    std::vector<std::pair<std::vector<int>, const csv::Row*>> node_rows;
    auto place = [&](const csv::Row& r, const std::string& field) { return Place{name, r.line, 0, field}; };
    auto cell = [&](const csv::Row& r, const std::string& col) -> std::string {
        auto it = column.find(col);
        if (it == column.end() || it->second >= static_cast<int>(r.fields.size())) return "";
        return std::string(trim(r.fields[it->second]));
    };

    for (const csv::Row& r : rows) {
        const std::string first(trim(r.fields[0]));
        std::string value = r.fields.size() > 1 ? std::string(trim(r.fields[1])) : "";
        if (first == "#type") {
            DocumentType t;
            t.id = value;
            t.label = r.fields.size() > 2 ? std::string(trim(r.fields[2])) : "";
            t.label_en = r.fields.size() > 3 ? std::string(trim(r.fields[3])) : "";
            if (r.fields.size() > 4) t.aliases = split_list(r.fields[4]);
            if (t.id.empty() || t.label.empty())
                errors.push_back({place(r, "#type"), tr("type sans identifiant ou sans libellé",
                                                        "type without id or label")});
            plan.types.push_back(std::move(t));
        } else if (first.rfind("#plan.", 0) == 0) {
            std::string key = first.substr(6);
            Header& h = plan.header;
            if (key == "id") h.id = value;
            else if (key == "version") {
                if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 6)
                    errors.push_back({place(r, first), tr("version invalide", "invalid version")});
                else h.version = std::stoi(value);
            } else if (key == "title") h.title = value;
            else if (key == "language") h.language = value;
            else if (key == "published") {
                h.published = value;
                if (!parse_iso_date(value))
                    errors.push_back({place(r, first), tr("date invalide (AAAA-MM-JJ attendu)",
                                                          "invalid date (YYYY-MM-DD expected)")});
            } else if (key == "file_at_leaves_only") h.file_at_leaves_only = value != "false";
            else if (key == "required") h.required = split_list(value);
            else if (key == "description") h.description = value;
            else
                errors.push_back({place(r, first), tr("ligne d'en-tête inconnue", "unknown header row")});
        } else if (!first.empty() && first[0] == '#') {
            continue;  // a comment row
        } else if (column.empty()) {
            for (std::size_t i = 0; i < r.fields.size(); ++i) {
                std::string col(trim(r.fields[i]));
                if (std::find(k_columns.begin(), k_columns.end(), col) == k_columns.end())
                    errors.push_back({Place{name, r.line, static_cast<int>(i + 1), col},
                                      tr("colonne inconnue", "unknown column")});
                column[col] = static_cast<int>(i);
            }
            for (const char* needed : {"code", "title"})
                if (!column.count(needed))
                    errors.push_back({place(r, needed), tr("colonne obligatoire absente", "required column missing")});
        } else {
            auto parts = code_components(first);
            if (parts.empty()) {
                errors.push_back({place(r, "code"), tr("code invalide « ", "invalid code '") + first + tr(" »", "'") +
                                                        spreadsheet_hint(first)});
                continue;
            }
            node_rows.emplace_back(parts, &r);
        }
    }
    if (plan.header.id.empty())
        errors.push_back({Place{name, 1, 0, "#plan.id"}, tr("identifiant du plan manquant (ligne #plan.id)",
                                                           "missing plan id (#plan.id row)")});
    if (plan.header.title.empty())
        errors.push_back({Place{name, 1, 0, "#plan.title"}, tr("titre du plan manquant (ligne #plan.title)",
                                                              "missing plan title (#plan.title row)")});

    // Parents before children, whatever the order of the rows.
    std::stable_sort(node_rows.begin(), node_rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [parts, row] : node_rows) {
        const csv::Row& r = *row;
        Node n;
        n.code = cell(r, "code");
        n.line = r.line;
        std::size_t dot = n.code.rfind('.');
        n.parent = dot == std::string::npos ? "" : n.code.substr(0, dot);
        n.title = cell(r, "title");
        n.title_en = cell(r, "title_en");
        n.description = cell(r, "description");
        if (n.title.empty()) errors.push_back({place(r, "title"), tr("titre manquant pour le code ", "missing title for code ") + n.code});
        std::string years = cell(r, "retention_years"), from = cell(r, "retention_from");
        if (!years.empty() || !from.empty()) {
            Retention ret;
            ret.note = cell(r, "retention_note");
            bool ok = true;
            if (years.empty() || years.size() > 3 || years.find_first_not_of("0123456789") != std::string::npos) {
                errors.push_back({place(r, "retention_years"), tr("durée invalide « ", "invalid duration '") + years +
                                                                   tr(" » (entier de 0 à 999)", "' (integer 0 to 999)")});
                ok = false;
            } else {
                ret.years = std::stoi(years);
            }
            auto f = parse_retention_from(from);
            if (!f) {
                errors.push_back({place(r, "retention_from"), tr("point de départ inconnu « ", "unknown starting point '") + from +
                                                                  tr(" » (document_date, year_end, file_closing)",
                                                                     "' (document_date, year_end, file_closing)")});
                ok = false;
            } else {
                ret.from = *f;
            }
            if (ok) n.retention = ret;
        }
        if (std::string v = cell(r, "disposition"); !v.empty()) {
            n.disposition = parse_disposition(v);
            if (!n.disposition) errors.push_back({place(r, "disposition"), tr("sort final inconnu « ", "unknown disposition '") + v +
                                                                            tr(" » (keep, destroy, sample)", "' (keep, destroy, sample)")});
        }
        if (std::string v = cell(r, "access"); !v.empty()) {
            n.access = parse_access(v);
            if (!n.access) errors.push_back({place(r, "access"), tr("niveau d'accès inconnu « ", "unknown access level '") + v +
                                                                  tr(" » (public, internal, confidential)", "' (public, internal, confidential)")});
        }
        if (std::string v = cell(r, "required"); !v.empty()) n.required = split_list(v);
        std::string obsolete = cell(r, "obsolete");
        n.obsolete = obsolete == "true" || obsolete == "oui" || obsolete == "1";
        n.hints.keywords = split_list(cell(r, "keywords"));
        n.hints.phrases = split_list(cell(r, "phrases"));
        n.hints.regexes = split_list(cell(r, "regexes"), "\n");
        n.hints.correspondents = split_list(cell(r, "correspondents"));
        n.hints.types = split_list(cell(r, "types"));
        std::string code = n.code, parent = n.parent;
        if (!parent.empty() && plan.find(parent) == nullptr) {
            errors.push_back({place(r, "code"), tr("le code parent « ", "parent code '") + parent +
                                                    tr(" » est absent du fichier", "' is missing from the file")});
            continue;
        }
        if (!plan.add(std::move(n))) errors.push_back({place(r, "code"), tr("code en double : ", "duplicate code: ") + code});
    }
    if (errors.empty()) validate(plan, name, errors);
    if (errors.empty()) result.plan = std::move(plan);
    return result;
}

Plan load_plan_csv_file(const std::string& path) {
    CheckResult r = check_plan_csv_text(read_file(path), path);
    if (!r.errors.empty()) throw PlanError(std::move(r.errors));
    return std::move(*r.plan);
}

}  // namespace ububiko::plan
