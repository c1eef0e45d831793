// ububiko plan check|show|import|export
#include <fstream>
#include <iostream>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "plan/plan_csv.hpp"
#include "plan/plan_yaml.hpp"

namespace ububiko::cli {
namespace {

std::string retention_text(const plan::Retention& r) {
    std::string from = r.from == plan::RetentionFrom::document_date ? tr("date du document", "document date")
                       : r.from == plan::RetentionFrom::year_end    ? tr("fin d'année", "year end")
                                                                    : tr("clôture du dossier", "file closing");
    return std::to_string(r.years) + tr(" ans (", " years (") + from + ")";
}

std::string disposition_text(plan::Disposition d) {
    switch (d) {
        case plan::Disposition::keep: return tr("conservation", "keep");
        case plan::Disposition::destroy: return tr("élimination", "destroy");
        case plan::Disposition::sample: return tr("tri", "sample");
    }
    return "";
}

std::string access_text(plan::Access a) {
    switch (a) {
        case plan::Access::public_: return "public";
        case plan::Access::internal: return tr("interne", "internal");
        case plan::Access::confidential: return tr("confidentiel", "confidential");
    }
    return "";
}

nlohmann::json node_json(const plan::Plan& p, const plan::Node& n) {
    plan::Effective e = p.effective(n.code);
    nlohmann::json j = {{"code", n.code}, {"title", n.title}, {"leaf", n.children.empty()}};
    if (!n.title_en.empty()) j["title_en"] = n.title_en;
    if (!n.description.empty()) j["description"] = n.description;
    if (e.retention) j["retention"] = {{"years", e.retention->years}, {"from", plan::to_string(e.retention->from)}};
    if (e.disposition) j["disposition"] = plan::to_string(*e.disposition);
    if (e.access) j["access"] = plan::to_string(*e.access);
    j["required"] = e.required;
    if (!n.hints.empty())
        j["hints"] = {{"keywords", n.hints.keywords}, {"phrases", n.hints.phrases}, {"regexes", n.hints.regexes},
                      {"correspondents", n.hints.correspondents}, {"types", n.hints.types}};
    nlohmann::json children = nlohmann::json::array();
    for (const auto& c : n.children) children.push_back(node_json(p, p.at(c)));
    if (!children.empty()) j["children"] = children;
    return j;
}

void print_tree(const plan::Plan& p, const plan::Node& n, int depth) {
    std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    std::string code = n.code;
    code.resize(std::max<std::size_t>(code.size(), 8), ' ');
    std::cout << indent << (n.children.empty() ? code : bold(code)) << " " << n.title;
    if (n.children.empty()) {
        plan::Effective e = p.effective(n.code);
        std::cout << "  [";
        if (e.retention) std::cout << "DUA " << retention_text(*e.retention);
        if (e.disposition) std::cout << " · " << disposition_text(*e.disposition);
        if (e.access) std::cout << " · " << access_text(*e.access);
        std::cout << "]";
    }
    if (n.obsolete) std::cout << tr(" (obsolète)", " (obsolete)");
    std::cout << "\n";
    for (const auto& c : n.children) print_tree(p, p.at(c), depth + 1);
}

void print_details(const plan::Plan& p, const plan::Node& n) {
    plan::Effective e = p.effective(n.code);
    std::cout << bold(n.code + " " + n.title) << "\n";
    if (!n.description.empty()) std::cout << "  " << n.description << "\n";
    if (e.retention) std::cout << tr("  Conservation (DUA) : ", "  Retention: ") << retention_text(*e.retention) << "\n";
    if (e.retention && !e.retention->note.empty()) std::cout << "    " << e.retention->note << "\n";
    if (e.disposition) std::cout << tr("  Sort final : ", "  Disposition: ") << disposition_text(*e.disposition) << "\n";
    if (e.access) std::cout << tr("  Accès : ", "  Access: ") << access_text(*e.access) << "\n";
    std::string req;
    for (const auto& r : e.required) req += (req.empty() ? "" : ", ") + r;
    std::cout << tr("  Métadonnées requises : ", "  Required metadata: ") << req << "\n";
    auto list = [](const char* label, const std::vector<std::string>& items) {
        if (items.empty()) return;
        std::cout << label;
        for (std::size_t i = 0; i < items.size(); ++i) std::cout << (i ? ", " : "") << items[i];
        std::cout << "\n";
    };
    list(language() == Language::fr ? "  Mots-clés : " : "  Keywords: ", n.hints.keywords);
    list(language() == Language::fr ? "  Expressions : " : "  Phrases: ", n.hints.phrases);
    list(language() == Language::fr ? "  Correspondants : " : "  Correspondents: ", n.hints.correspondents);
    list(language() == Language::fr ? "  Types : " : "  Types: ", n.hints.types);
    std::cout << "\n";
}

plan::Plan plan_for(Context& ctx, const std::string& file) {
    if (!file.empty()) return plan::load_plan_file(file);
    return ctx.archive().plan();
}

void write_output(const std::string& out, const std::string& text) {
    if (out.empty() || out == "-") {
        std::cout << text;
        return;
    }
    replace_file_atomically(out, text);
    std::cerr << tr("écrit : ", "written: ") << out << "\n";
}

}  // namespace

void register_plan(CLI::App& app, Context& ctx) {
    CLI::App* plan_cmd = app.add_subcommand("plan", tr("plan de classement : vérifier, afficher, importer, exporter",
                                                       "classification plan: check, show, import, export"));
    plan_cmd->require_subcommand(1);

    auto file = std::make_shared<std::string>();
    CLI::App* check = plan_cmd->add_subcommand("check", tr("vérifie un plan et signale chaque erreur (fichier:ligne:colonne)",
                                                           "check a plan and report every error (file:line:column)"));
    check->add_option("file", *file, tr("plan YAML (ou CSV)", "YAML (or CSV) plan"))->required();
    check->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    check->callback([file, &ctx] {
        bool is_csv = file->size() > 4 && file->substr(file->size() - 4) == ".csv";
        plan::CheckResult r = is_csv ? plan::check_plan_csv_text(read_file(*file), *file) : plan::check_plan_file(*file);
        if (ctx.json) {
            nlohmann::json errors = nlohmann::json::array();
            for (const auto& d : r.errors)
                errors.push_back({{"file", d.place.file}, {"line", d.place.line}, {"column", d.place.column},
                                  {"field", d.place.field}, {"message", d.message}});
            nlohmann::json j = {{"file", *file}, {"valid", r.errors.empty()}, {"errors", errors}};
            if (r.plan) j.update({{"plan", r.plan->ref()}, {"codes", r.plan->size()}, {"leaves", r.plan->leaf_count()}});
            print_json(j);
        } else if (r.errors.empty()) {
            std::cout << *file << tr(" : plan valide — ", ": valid plan — ") << r.plan->ref() << ", " << r.plan->size()
                      << tr(" codes dont ", " codes, ") << r.plan->leaf_count() << tr(" feuilles, ", " leaves, ")
                      << r.plan->types.size() << tr(" types de documents\n", " document types\n");
        } else {
            for (const auto& d : r.errors) std::cerr << d.to_string() << "\n";
            std::cerr << *file << " : " << r.errors.size() << tr(" erreur(s)\n", " error(s)\n");
        }
        if (!r.errors.empty()) ctx.exit_code = 2;
    });

    struct ShowOptions {
        std::string code, plan_file;
    };
    auto so = std::make_shared<ShowOptions>();
    CLI::App* show = plan_cmd->add_subcommand("show", tr("affiche l'arbre du plan, ou le détail d'un code",
                                                         "print the plan's tree, or one code in detail"));
    show->add_option("code", so->code, tr("code à détailler (avec sa descendance)", "code to detail (with its subtree)"));
    show->add_option("--plan", so->plan_file, tr("un fichier de plan plutôt que celui de l'archive",
                                                 "a plan file instead of the archive's"));
    show->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    show->callback([so, &ctx] {
        plan::Plan p = plan_for(ctx, so->plan_file);
        if (!so->code.empty()) {
            const plan::Node& n = p.at(so->code);
            if (ctx.json) return print_json(node_json(p, n));
            print_details(p, n);
            print_tree(p, n, 0);
            return;
        }
        if (ctx.json) {
            nlohmann::json nodes = nlohmann::json::array();
            for (const auto& r : p.roots) nodes.push_back(node_json(p, p.at(r)));
            return print_json({{"plan", p.ref()}, {"title", p.header.title}, {"nodes", nodes}});
        }
        std::cout << bold(p.header.title) << " — " << p.ref() << " (" << p.size() << tr(" codes, ", " codes, ")
                  << p.leaf_count() << tr(" feuilles)\n\n", " leaves)\n\n");
        for (const auto& r : p.roots) print_tree(p, p.at(r), 0);
    });

    struct ImportOptions {
        std::string file, out;
    };
    auto io = std::make_shared<ImportOptions>();
    CLI::App* import = plan_cmd->add_subcommand("import", tr("convertit un plan tableur (CSV) en YAML, après vérification",
                                                             "convert a spreadsheet plan (CSV) to YAML, after checking it"));
    import->add_option("file", io->file, tr("plan CSV", "CSV plan"))->required();
    import->add_option("--out,-o", io->out, tr("fichier YAML à écrire (sinon la sortie standard)",
                                               "YAML file to write (else standard output)"));
    import->callback([io] {
        plan::Plan p = plan::load_plan_csv_file(io->file);
        write_output(io->out, plan::to_yaml(p));
    });

    struct ExportOptions {
        std::string plan_file, out, delimiter = ",";
        bool csv = false;
    };
    auto eo = std::make_shared<ExportOptions>();
    CLI::App* exp = plan_cmd->add_subcommand("export", tr("exporte le plan pour un tableur (CSV) ou en YAML",
                                                          "export the plan for a spreadsheet (CSV) or as YAML"));
    exp->add_flag("--csv", eo->csv, tr("format CSV (sinon YAML)", "CSV format (else YAML)"));
    exp->add_option("--plan", eo->plan_file, tr("un fichier de plan plutôt que celui de l'archive",
                                                "a plan file instead of the archive's"));
    exp->add_option("--out,-o", eo->out, tr("fichier à écrire (sinon la sortie standard)", "file to write (else standard output)"));
    exp->add_option("--delimiter", eo->delimiter, tr("séparateur CSV : , ou ;", "CSV separator: , or ;"))
        ->check(CLI::IsMember({",", ";"}));
    exp->callback([eo, &ctx] {
        plan::Plan p = plan_for(ctx, eo->plan_file);
        write_output(eo->out, eo->csv ? plan::to_csv(p, eo->delimiter[0]) : plan::to_yaml(p));
    });
}

}  // namespace ububiko::cli
