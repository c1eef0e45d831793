// ububiko check [--repair] | reindex
#include <iostream>

#include "cli/context.hpp"
#include "core/i18n.hpp"
#include "service/maintenance.hpp"

namespace ububiko::cli {
namespace {

service::Counter progress_line(const char* what) {
    if (!stderr_is_terminal()) return {};
    return [what](std::size_t done, std::size_t total) {
        if (done % 50 == 0 || done == total) std::cerr << "\r\x1b[K" << what << " " << done << "/" << total << std::flush;
        if (done == total) std::cerr << "\r\x1b[K";
    };
}

}  // namespace

void register_maintenance(CLI::App& app, Context& ctx) {
    auto repair = std::make_shared<bool>(false);
    CLI::App* check = app.add_subcommand(
        "check", tr("vérifie chaque fichier (SHA-256), l'index et la chaîne du journal",
                    "check every file (SHA-256), the index and the journal chain"));
    check->add_flag("--repair", *repair, tr("répare ce qui peut l'être (index, journal) sans jamais toucher aux originaux",
                                           "repair what is derivable (index, journal), never touching originals"));
    check->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    check->callback([repair, &ctx] {
        service::CheckReport r = service::check(ctx.archive(), *repair,
                                                progress_line(language() == Language::fr ? "vérification" : "checking"));
        if (ctx.json) {
            nlohmann::json problems = nlohmann::json::array();
            for (const auto& p : r.problems)
                problems.push_back({{"kind", p.kind}, {"id", p.id}, {"path", p.path}, {"message", p.message}, {"repaired", p.repaired}});
            print_json({{"records", r.records}, {"files", r.files}, {"bytes", r.bytes}, {"recovered", r.recovered},
                        {"problems", problems}, {"unrepaired", r.unrepaired()}});
        } else {
            if (r.recovered)
                std::cout << r.recovered << tr(" opération(s) interrompue(s) menée(s) à terme\n", " interrupted operation(s) completed\n");
            for (const auto& p : r.problems) {
                std::cout << (p.repaired ? tr("réparé  ", "repaired ") : tr("PROBLÈME ", "PROBLEM  ")) << p.kind << "  ";
                if (!p.id.empty()) std::cout << p.id << "  ";
                std::cout << p.path << " : " << p.message << "\n";
            }
            std::cout << r.records << tr(" enregistrement(s), ", " record(s), ") << r.files << tr(" fichier(s) (", " file(s) (")
                      << human_size(r.bytes) << tr(") vérifiés : ", ") checked: ");
            if (r.problems.empty()) std::cout << tr("aucun problème\n", "no problem\n");
            else std::cout << r.problems.size() << tr(" problème(s), dont ", " problem(s), ") << r.unrepaired()
                           << tr(" non réparé(s)\n", " unrepaired\n");
        }
        if (r.unrepaired()) ctx.exit_code = 1;
    });

    CLI::App* re = app.add_subcommand("reindex", tr("reconstruit l'index à partir des seuls dossiers records/",
                                                    "rebuild the index from the records/ folders alone"));
    re->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    re->callback([&ctx] {
        service::ReindexReport r = service::reindex(ctx.archive(), progress_line(language() == Language::fr ? "indexation" : "indexing"));
        if (ctx.json) return print_json({{"records", r.records}, {"skipped", r.skipped}});
        for (const auto& s : r.skipped) std::cerr << tr("ignoré : ", "skipped: ") << s << "\n";
        std::cout << r.records << tr(" enregistrement(s) indexé(s)\n", " record(s) indexed\n");
        if (!r.skipped.empty()) ctx.exit_code = 1;
    });
}

}  // namespace ububiko::cli
