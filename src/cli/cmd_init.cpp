// ububiko init DIR --plan FILE --name NAME --code CODE
#include <iostream>

#include "cli/context.hpp"
#include "core/i18n.hpp"
#include "index/indexer.hpp"

namespace ububiko::cli {

void register_init(CLI::App& app, Context& ctx) {
    struct Options {
        std::string dir, plan, name, code, commune, province;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("init", tr("crée une archive vide avec son plan de classement",
                                                  "create an empty archive with its classification plan"));
    cmd->add_option("dir", o->dir, tr("dossier à créer (nouveau ou vide)", "folder to create (new or empty)"))->required();
    cmd->add_option("--plan", o->plan, tr("plan de classement (YAML), ex. classification/commune-burundi.yaml",
                                          "classification plan (YAML), e.g. classification/commune-burundi.yaml"))
        ->required();
    cmd->add_option("--name", o->name, tr("nom, ex. « Commune de Bururi »", "name, e.g. 'Commune de Bururi'"))->required();
    cmd->add_option("--code", o->code, tr("code de l'archive, ex. BRR", "archive code, e.g. BRR"))->required();
    cmd->add_option("--commune", o->commune, tr("commune", "commune"));
    cmd->add_option("--province", o->province, tr("province", "province"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([o, &ctx] {
        archive::InitOptions init{o->name, o->code, o->commune, o->province};
        archive::Archive a = archive::Archive::create(o->dir, o->plan, init);
        { index::IndexWriter index(a.index_dir()); index.commit(); }
        if (ctx.json) {
            print_json({{"root", a.root()}, {"name", a.config().name}, {"code", a.config().code},
                        {"plan", a.config().plan}, {"codes", a.plan().size()}, {"leaves", a.plan().leaf_count()}});
            return;
        }
        std::cout << tr("Archive créée : ", "Archive created: ") << a.root() << "\n"
                  << "  " << a.config().name << " (" << a.config().code << ")\n"
                  << tr("  Plan : ", "  Plan: ") << a.plan().header.title << " — " << a.config().plan << ", "
                  << a.plan().size() << tr(" codes dont ", " codes, ") << a.plan().leaf_count()
                  << tr(" feuilles\n", " leaves\n")
                  << tr("Classez un document : ububiko --archive ", "File a document: ububiko --archive ") << o->dir
                  << tr(" file FICHIER --code CODE\n", " file FILE --code CODE\n");
    });
}

}  // namespace ububiko::cli
