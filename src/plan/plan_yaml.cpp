#include "plan/plan_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <set>

#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "plan/validate.hpp"

namespace ububiko::plan {
namespace {

// Walks the YAML tree, building the plan and collecting diagnostics.
class Reader {
public:
    Reader(std::string file, std::vector<Diagnostic>& errors) : m_file(std::move(file)), m_errors(errors) {}

    Plan read(const YAML::Node& root) {
        Plan plan;
        if (!root.IsMap()) {
            error(root, "", tr("le fichier doit être une table YAML avec « plan » et « nodes »",
                               "the file must be a YAML mapping with 'plan' and 'nodes'"));
            return plan;
        }
        check_keys(root, {"plan", "document_types", "nodes"}, "");
        if (const YAML::Node h = root["plan"]) {
            read_header(h, plan.header);
        } else {
            error(root, "plan", tr("section « plan » manquante", "missing 'plan' section"));
        }
        if (const YAML::Node t = root["document_types"]) read_types(t, plan);
        if (const YAML::Node nodes = root["nodes"]) {
            if (!nodes.IsSequence()) {
                error(nodes, "nodes", tr("« nodes » doit être une liste", "'nodes' must be a list"));
            } else {
                for (const YAML::Node& n : nodes) read_node(n, "", plan);
            }
        } else {
            error(root, "nodes", tr("section « nodes » manquante", "missing 'nodes' section"));
        }
        return plan;
    }

private:
    void error(const YAML::Node& at, const std::string& field, std::string message) {
        Place place{m_file, 0, 0, field};
        if (at.IsDefined()) {
            YAML::Mark mark = at.Mark();
            if (mark.line >= 0) {
                place.line = mark.line + 1;
                place.column = mark.column + 1;
            }
        }
        m_errors.push_back({std::move(place), std::move(message)});
    }

    void check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                    const std::string& where) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
            bool known = false;
            for (const char* a : allowed) known = known || key == a;
            if (!known) {
                std::string list;
                for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                error(it->first, where.empty() ? key : where + "." + key,
                      tr("champ inconnu « ", "unknown field '") + key +
                          tr(" » (champs permis : ", "' (allowed: ") + list + ")");
            }
        }
    }

    std::optional<std::string> scalar(const YAML::Node& n, const std::string& field) {
        if (n.IsNull()) return std::string();
        if (!n.IsScalar()) {
            error(n, field, tr("une valeur simple est attendue", "a plain value is expected"));
            return std::nullopt;
        }
        return n.Scalar();
    }

    std::optional<long> integer(const YAML::Node& n, const std::string& field) {
        auto s = scalar(n, field);
        if (!s) return std::nullopt;
        if (s->empty() || s->size() > 9 || s->find_first_not_of("0123456789") != std::string::npos) {
            error(n, field, tr("un entier positif est attendu, pas « ", "a non-negative integer is expected, not '") +
                                *s + tr(" »", "'"));
            return std::nullopt;
        }
        return std::stol(*s);
    }

    std::optional<bool> boolean(const YAML::Node& n, const std::string& field) {
        auto s = scalar(n, field);
        if (!s) return std::nullopt;
        if (*s == "true") return true;
        if (*s == "false") return false;
        error(n, field, tr("true ou false attendu", "true or false expected"));
        return std::nullopt;
    }

    std::vector<std::string> strings(const YAML::Node& n, const std::string& field) {
        std::vector<std::string> out;
        if (!n.IsSequence()) {
            error(n, field, tr("une liste est attendue", "a list is expected"));
            return out;
        }
        for (const YAML::Node& item : n)
            if (auto s = scalar(item, field)) out.push_back(*s);
        return out;
    }

    std::vector<std::string> metadata_names(const YAML::Node& n, const std::string& field) {
        return strings(n, field);  // names are checked by validate()
    }

    void read_header(const YAML::Node& h, Header& header) {
        if (!h.IsMap()) {
            error(h, "plan", tr("« plan » doit être une table", "'plan' must be a mapping"));
            return;
        }
        check_keys(h, {"id", "version", "title", "language", "published", "file_at_leaves_only",
                       "required", "description"}, "plan");
        if (auto v = h["id"]) {
            if (auto s = scalar(v, "plan.id")) {
                header.id = *s;
                if (s->empty() || s->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
                    error(v, "plan.id", tr("identifiant invalide (lettres minuscules, chiffres, tirets)",
                                           "invalid id (lowercase letters, digits, dashes)"));
            }
        } else {
            error(h, "plan.id", tr("identifiant du plan manquant", "missing plan id"));
        }
        if (auto v = h["version"]) {
            if (auto n = integer(v, "plan.version")) {
                if (*n < 1) error(v, "plan.version", tr("la version commence à 1", "version starts at 1"));
                header.version = static_cast<int>(*n);
            }
        } else {
            error(h, "plan.version", tr("version du plan manquante", "missing plan version"));
        }
        if (auto v = h["title"]) {
            if (auto s = scalar(v, "plan.title")) header.title = *s;
        }
        if (header.title.empty()) error(h, "plan.title", tr("titre du plan manquant", "missing plan title"));
        if (auto v = h["language"]) {
            if (auto s = scalar(v, "plan.language")) header.language = *s;
        }
        if (auto v = h["published"]) {
            if (auto s = scalar(v, "plan.published")) {
                header.published = *s;
                if (!parse_iso_date(*s))
                    error(v, "plan.published", tr("date invalide (AAAA-MM-JJ attendu)", "invalid date (YYYY-MM-DD expected)"));
            }
        }
        if (auto v = h["file_at_leaves_only"]) {
            if (auto b = boolean(v, "plan.file_at_leaves_only")) header.file_at_leaves_only = *b;
        }
        if (auto v = h["required"]) header.required = metadata_names(v, "plan.required");
        if (auto v = h["description"]) {
            if (auto s = scalar(v, "plan.description")) header.description = *s;
        }
    }

    void read_types(const YAML::Node& list, Plan& plan) {
        if (!list.IsSequence()) {
            error(list, "document_types", tr("« document_types » doit être une liste", "'document_types' must be a list"));
            return;
        }
        for (const YAML::Node& t : list) {
            if (!t.IsMap()) {
                error(t, "document_types", tr("chaque type doit être une table", "each type must be a mapping"));
                continue;
            }
            check_keys(t, {"id", "label", "label_en", "aliases"}, "document_types");
            DocumentType type;
            if (auto v = t["id"]) {
                if (auto s = scalar(v, "document_types.id")) type.id = *s;
            }
            if (type.id.empty() || type.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
                error(t, "document_types.id", tr("identifiant de type manquant ou invalide", "missing or invalid type id"));
            if (auto v = t["label"]) {
                if (auto s = scalar(v, "document_types.label")) type.label = *s;
            }
            if (type.label.empty()) error(t, "document_types.label", tr("libellé manquant", "missing label"));
            if (auto v = t["label_en"]) {
                if (auto s = scalar(v, "document_types.label_en")) type.label_en = *s;
            }
            if (auto v = t["aliases"]) type.aliases = strings(v, "document_types.aliases");
            plan.types.push_back(std::move(type));
        }
    }

    void read_retention(const YAML::Node& n, Node& node) {
        if (!n.IsMap()) {
            error(n, "retention", tr("« retention » doit être une table {years, from}",
                                     "'retention' must be a mapping {years, from}"));
            return;
        }
        check_keys(n, {"years", "from", "note"}, "retention");
        Retention r;
        bool ok = true;
        if (auto v = n["years"]) {
            auto years = integer(v, "retention.years");
            if (!years) {
                ok = false;
            } else if (*years > 999) {
                error(v, "retention.years", tr("durée hors limites (0 à 999 ans)", "duration out of range (0 to 999 years)"));
                ok = false;
            } else {
                r.years = static_cast<int>(*years);
            }
        } else {
            error(n, "retention.years", tr("durée (years) manquante", "missing duration (years)"));
            ok = false;
        }
        if (auto v = n["from"]) {
            auto s = scalar(v, "retention.from");
            auto from = s ? parse_retention_from(*s) : std::nullopt;
            if (!from) {
                if (s)
                    error(v, "retention.from", tr("point de départ inconnu « ", "unknown starting point '") + *s +
                                                   tr(" » (document_date, year_end, file_closing)",
                                                      "' (document_date, year_end, file_closing)"));
                ok = false;
            } else {
                r.from = *from;
            }
        } else {
            error(n, "retention.from", tr("point de départ (from) manquant", "missing starting point (from)"));
            ok = false;
        }
        if (auto v = n["note"]) {
            if (auto s = scalar(v, "retention.note")) r.note = *s;
        }
        if (ok) node.retention = r;
    }

    void read_hints(const YAML::Node& n, Node& node) {
        if (!n.IsMap()) {
            error(n, "hints", tr("« hints » doit être une table", "'hints' must be a mapping"));
            return;
        }
        check_keys(n, {"keywords", "phrases", "regexes", "correspondents", "types"}, "hints");
        if (auto v = n["keywords"]) node.hints.keywords = strings(v, "hints.keywords");
        if (auto v = n["phrases"]) node.hints.phrases = strings(v, "hints.phrases");
        if (auto v = n["regexes"]) node.hints.regexes = strings(v, "hints.regexes");
        if (auto v = n["correspondents"]) node.hints.correspondents = strings(v, "hints.correspondents");
        if (auto v = n["types"]) node.hints.types = strings(v, "hints.types");
    }

    void read_node(const YAML::Node& n, const std::string& parent, Plan& plan) {
        if (!n.IsMap()) {
            error(n, "nodes", tr("chaque code doit être une table", "each code must be a mapping"));
            return;
        }
        check_keys(n, {"code", "title", "title_en", "description", "retention", "disposition",
                       "access", "required", "obsolete", "hints", "children"}, "");
        Node node;
        node.parent = parent;
        node.line = n.Mark().line + 1;
        const YAML::Node code = n["code"];
        if (!code) {
            error(n, "code", tr("code manquant", "missing code"));
            return;
        }
        auto code_text = scalar(code, "code");
        if (!code_text) return;
        node.code = *code_text;
        if (code_components(node.code).empty()) {
            error(code, "code", tr("code invalide « ", "invalid code '") + node.code +
                                    tr(" » (nombres séparés par des points, ex. 1.2.3)",
                                       "' (numbers separated by dots, e.g. 1.2.3)"));
            return;
        }
        if (!parent.empty() && !extends_by_one(parent, node.code)) {
            error(code, "code", tr("le code « ", "code '") + node.code +
                                    tr(" » ne prolonge pas celui de son parent « ",
                                       "' does not extend its parent's code '") +
                                    parent + tr(" » (attendu : ", "' (expected: ") + parent + ".N)");
        } else if (parent.empty() && code_components(node.code).size() != 1) {
            error(code, "code", tr("un code de premier niveau n'a qu'un nombre, pas « ",
                                   "a top-level code has one number only, not '") +
                                    node.code + tr(" »", "'"));
        }
        if (auto v = n["title"]) {
            if (auto s = scalar(v, "title")) node.title = *s;
        }
        if (node.title.empty())
            error(n, "title", tr("titre manquant pour le code ", "missing title for code ") + node.code);
        if (auto v = n["title_en"]) {
            if (auto s = scalar(v, "title_en")) node.title_en = *s;
        }
        if (auto v = n["description"]) {
            if (auto s = scalar(v, "description")) node.description = *s;
        }
        if (auto v = n["retention"]) read_retention(v, node);
        if (auto v = n["disposition"]) {
            auto s = scalar(v, "disposition");
            if (s) {
                node.disposition = parse_disposition(*s);
                if (!node.disposition)
                    error(v, "disposition", tr("sort final inconnu « ", "unknown disposition '") + *s +
                                                tr(" » (keep, destroy, sample)", "' (keep, destroy, sample)"));
            }
        }
        if (auto v = n["access"]) {
            auto s = scalar(v, "access");
            if (s) {
                node.access = parse_access(*s);
                if (!node.access)
                    error(v, "access", tr("niveau d'accès inconnu « ", "unknown access level '") + *s +
                                           tr(" » (public, internal, confidential)",
                                              "' (public, internal, confidential)"));
            }
        }
        if (auto v = n["required"]) node.required = metadata_names(v, "required");
        if (auto v = n["obsolete"]) {
            if (auto b = boolean(v, "obsolete")) node.obsolete = *b;
        }
        if (auto v = n["hints"]) read_hints(v, node);

        std::string this_code = node.code;
        if (!plan.add(std::move(node))) {
            error(code, "code", tr("code en double : ", "duplicate code: ") + this_code);
            return;
        }
        if (auto children = n["children"]) {
            if (!children.IsSequence()) {
                error(children, "children", tr("« children » doit être une liste", "'children' must be a list"));
            } else {
                for (const YAML::Node& c : children) read_node(c, this_code, plan);
            }
        }
    }

    std::string m_file;
    std::vector<Diagnostic>& m_errors;
};

}  // namespace

CheckResult check_plan_text(std::string_view yaml, const std::string& name, bool full_rules) {
    CheckResult result;
    // YAML is Unicode; a plan saved in a Windows encoding would carry its accents as bytes
    // that no screen shows (the YAML reader takes them without a word).
    if (std::size_t bad = first_invalid_utf8(yaml); bad != std::string_view::npos) {
        const std::string_view up_to = yaml.substr(0, bad);
        const auto line = 1 + std::count(up_to.begin(), up_to.end(), '\n');
        const std::size_t newline = up_to.rfind('\n');
        const std::string_view before = newline == std::string_view::npos ? up_to : up_to.substr(newline + 1);
        // Columns count characters, as an editor shows them.
        const auto column = 1 + std::count_if(before.begin(), before.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        result.errors.push_back({Place{name, static_cast<int>(line), static_cast<int>(column), ""},
                                 tr("texte qui n'est pas en UTF-8 (enregistrez le fichier en UTF-8)",
                                    "text that is not UTF-8 (save the file as UTF-8)")});
        return result;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        result.errors.push_back({Place{name, e.mark.line + 1, e.mark.column + 1, ""},
                                 tr("YAML illisible : ", "unreadable YAML: ") + e.msg});
        return result;
    }
    Reader reader(name, result.errors);
    Plan plan = reader.read(root);
    if (result.errors.empty() && full_rules) validate(plan, name, result.errors);
    if (result.errors.empty()) result.plan = std::move(plan);
    return result;
}

Plan load_trusted_plan_file(const std::string& path) {
    CheckResult r = check_plan_text(read_file(path), path, false);
    if (!r.errors.empty()) throw PlanError(std::move(r.errors));
    return std::move(*r.plan);
}

CheckResult check_plan_file(const std::string& path) {
    return check_plan_text(read_file(path), path);
}

Plan load_plan_text(std::string_view yaml, const std::string& name) {
    CheckResult r = check_plan_text(yaml, name);
    if (!r.errors.empty()) throw PlanError(std::move(r.errors));
    return std::move(*r.plan);
}

Plan load_plan_file(const std::string& path) { return load_plan_text(read_file(path), path); }

namespace {

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& i : items) out << i;
    out << YAML::EndSeq;
}

void emit_node(YAML::Emitter& out, const Plan& plan, const Node& node) {
    out << YAML::BeginMap;
    out << YAML::Key << "code" << YAML::Value << YAML::DoubleQuoted << node.code;
    out << YAML::Key << "title" << YAML::Value << node.title;
    if (!node.title_en.empty()) out << YAML::Key << "title_en" << YAML::Value << node.title_en;
    if (!node.description.empty()) out << YAML::Key << "description" << YAML::Value << node.description;
    if (node.retention) {
        out << YAML::Key << "retention" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "years" << YAML::Value << node.retention->years;
        out << YAML::Key << "from" << YAML::Value << to_string(node.retention->from);
        if (!node.retention->note.empty()) out << YAML::Key << "note" << YAML::Value << node.retention->note;
        out << YAML::EndMap;
    }
    if (node.disposition) out << YAML::Key << "disposition" << YAML::Value << to_string(*node.disposition);
    if (node.access) out << YAML::Key << "access" << YAML::Value << to_string(*node.access);
    if (node.required) {
        out << YAML::Key << "required" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& r : *node.required) out << r;
        out << YAML::EndSeq;
    }
    if (node.obsolete) out << YAML::Key << "obsolete" << YAML::Value << true;
    if (!node.hints.empty()) {
        out << YAML::Key << "hints" << YAML::Value << YAML::BeginMap;
        emit_list(out, "keywords", node.hints.keywords);
        emit_list(out, "phrases", node.hints.phrases);
        emit_list(out, "regexes", node.hints.regexes);
        emit_list(out, "correspondents", node.hints.correspondents);
        emit_list(out, "types", node.hints.types);
        out << YAML::EndMap;
    }
    if (!node.children.empty()) {
        out << YAML::Key << "children" << YAML::Value << YAML::BeginSeq;
        for (const auto& c : node.children) emit_node(out, plan, plan.at(c));
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
}

}  // namespace

std::string to_yaml(const Plan& plan) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "plan" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << plan.header.id;
    out << YAML::Key << "version" << YAML::Value << plan.header.version;
    out << YAML::Key << "title" << YAML::Value << plan.header.title;
    out << YAML::Key << "language" << YAML::Value << plan.header.language;
    if (!plan.header.published.empty()) out << YAML::Key << "published" << YAML::Value << plan.header.published;
    out << YAML::Key << "file_at_leaves_only" << YAML::Value << plan.header.file_at_leaves_only;
    if (!plan.header.required.empty()) {
        out << YAML::Key << "required" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& r : plan.header.required) out << r;
        out << YAML::EndSeq;
    }
    if (!plan.header.description.empty()) out << YAML::Key << "description" << YAML::Value << plan.header.description;
    out << YAML::EndMap;
    if (!plan.types.empty()) {
        out << YAML::Key << "document_types" << YAML::Value << YAML::BeginSeq;
        for (const DocumentType& t : plan.types) {
            out << YAML::BeginMap;
            out << YAML::Key << "id" << YAML::Value << t.id;
            out << YAML::Key << "label" << YAML::Value << t.label;
            if (!t.label_en.empty()) out << YAML::Key << "label_en" << YAML::Value << t.label_en;
            emit_list(out, "aliases", t.aliases);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::Key << "nodes" << YAML::Value << YAML::BeginSeq;
    for (const auto& r : plan.roots) emit_node(out, plan, plan.at(r));
    out << YAML::EndSeq;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace ububiko::plan
