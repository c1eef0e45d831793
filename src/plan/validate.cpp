#include "plan/validate.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::plan {

PlanError::PlanError(std::vector<Diagnostic> diagnostics)
    : Error(ErrorCode::invalid_input,
            diagnostics.empty()
                ? tr("plan invalide", "invalid plan")
                : diagnostics.front().to_string() +
                      (diagnostics.size() > 1
                           ? tr(" (et ", " (and ") + std::to_string(diagnostics.size() - 1) +
                                 tr(" autre(s) erreur(s))", " more error(s))")
                           : std::string())),
      m_diagnostics(std::move(diagnostics)) {}

std::regex compile_hint_regex(const std::string& pattern) {
    if (pattern.rfind("(?i)", 0) == 0)
        return std::regex(pattern.substr(4), std::regex::ECMAScript | std::regex::icase);
    return std::regex(pattern, std::regex::ECMAScript);
}

void validate(const Plan& plan, const std::string& file, std::vector<Diagnostic>& out) {
    auto at = [&](const Node& node, const char* field) {
        return Place{file, node.line, 0, field};
    };
    if (plan.roots.empty())
        out.push_back({Place{file, 0, 0, "nodes"}, tr("le plan ne contient aucun code",
                                                       "the plan contains no code")});

    auto check_names = [&](const std::vector<std::string>& names, Place place) {
        for (const std::string& name : names)
            if (std::find(k_metadata_names.begin(), k_metadata_names.end(), name) == k_metadata_names.end())
                out.push_back({place, tr("métadonnée inconnue « ", "unknown metadata '") + name +
                                          tr(" » (title, date, type, direction, correspondent, reference)",
                                             "' (title, date, type, direction, correspondent, reference)")});
    };
    check_names(plan.header.required, Place{file, 0, 0, "plan.required"});
    for (const std::string& code : plan.codes()) {
        const Node& node = plan.at(code);
        if (node.required) check_names(*node.required, at(node, "required"));
    }

    std::set<std::string> type_ids;
    std::map<std::string, std::string> names;  // folded name → type id
    for (const DocumentType& t : plan.types) {
        if (!type_ids.insert(t.id).second)
            out.push_back({Place{file, 0, 0, "document_types"},
                           tr("type de document en double : ", "duplicate document type: ") + t.id});
        std::vector<std::string> all = t.aliases;
        all.push_back(t.id);
        for (const std::string& name : all) {
            std::string key = slugify(name);
            auto [it, inserted] = names.emplace(key, t.id);
            if (!inserted && it->second != t.id)
                out.push_back({Place{file, 0, 0, "document_types"},
                               tr("l'alias « ", "alias '") + name +
                                   tr(" » désigne deux types : ", "' names two types: ") +
                                   it->second + ", " + t.id});
        }
    }

    for (const std::string& code : plan.codes()) {
        const Node& node = plan.at(code);
        for (const std::string& type : node.hints.types)
            if (type_ids.count(type) == 0)
                out.push_back({at(node, "hints.types"),
                               tr("type de document inconnu « ", "unknown document type '") + type +
                                   tr(" » (voir document_types)", "' (see document_types)")});
        for (const std::string& pattern : node.hints.regexes) {
            try {
                compile_hint_regex(pattern);
            } catch (const std::regex_error& e) {
                out.push_back({at(node, "hints.regexes"),
                               tr("expression régulière invalide « ", "invalid regex '") + pattern +
                                   "' : " + e.what()});
            }
        }
        if (!node.children.empty()) continue;
        Effective e = plan.effective(code);
        if (!e.retention)
            out.push_back({at(node, "retention"),
                           tr("la feuille ", "leaf ") + code +
                               tr(" n'a pas de durée de conservation (ni héritée)",
                                  " has no retention (nor inherited)")});
        if (!e.disposition)
            out.push_back({at(node, "disposition"),
                           tr("la feuille ", "leaf ") + code +
                               tr(" n'a pas de sort final (ni hérité)",
                                  " has no final disposition (nor inherited)")});
        if (!e.access)
            out.push_back({at(node, "access"),
                           tr("la feuille ", "leaf ") + code +
                               tr(" n'a pas de niveau d'accès (ni hérité)",
                                  " has no access level (nor inherited)")});
    }
}

}  // namespace ububiko::plan
