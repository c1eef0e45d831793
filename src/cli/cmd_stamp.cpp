// ububiko stamp ID --out FILE.pdf
#include <iostream>

#include "cli/context.hpp"
#include "core/i18n.hpp"
#include "service/stamp.hpp"

namespace ububiko::cli {

void register_stamp(CLI::App& app, Context& ctx) {
    struct StampOptions {
        std::string id, out;
    };
    auto so = std::make_shared<StampOptions>();
    CLI::App* st = app.add_subcommand("stamp", tr("copie du document avec le tampon d'enregistrement (numéro, date, commune), à imprimer",
                                                  "a copy of the document with the registration stamp (number, date, commune), to print"));
    st->add_option("id", so->id, tr("numéro d'enregistrement", "record number"))->required();
    st->add_option("--out,-o", so->out, tr("PDF à écrire (l'original n'est jamais modifié)", "PDF to write (the original is never changed)"))
        ->required();
    st->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    st->callback([so, &ctx] {
        service::StampedCopy c = service::stamped_copy(ctx.archive(), so->id, so->out);
        if (ctx.json) return print_json({{"id", c.id}, {"source", c.source}, {"pdf", c.pdf}});
        std::cout << tr("copie tamponnée de ", "stamped copy of ") << bold(c.id)
                  << (c.source == "searchable" ? tr(" (sa copie PDF consultable)", " (its searchable PDF)") : std::string()) << " → " << c.pdf
                  << "\n";
    });
}

}  // namespace ububiko::cli
