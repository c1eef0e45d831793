// ububiko register | disposition [slip] | dispose
#include <unistd.h>

#include <iostream>
#include <map>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "service/disposition.hpp"
#include "service/register.hpp"

namespace ububiko::cli {
namespace {

const char* action_label(plan::Disposition d) {
    switch (d) {
        case plan::Disposition::destroy: return "destroy";
        case plan::Disposition::keep: return "transfer";
        case plan::Disposition::sample: return "sample";
    }
    return "transfer";
}

std::string action_text(plan::Disposition d) {
    switch (d) {
        case plan::Disposition::destroy: return tr("à éliminer", "to destroy");
        case plan::Disposition::keep: return tr("à verser au service des archives (conservation)", "to transfer to the archives service (keep)");
        case plan::Disposition::sample: return tr("à trier puis verser", "to sample, then transfer");
    }
    return "";
}

}  // namespace

void register_retention(CLI::App& app, Context& ctx) {
    // --- register
    struct RegisterOptions {
        int year = 0;
        std::string direction, format = "pdf", out;
    };
    auto ro = std::make_shared<RegisterOptions>();
    CLI::App* reg = app.add_subcommand("register", tr("registre du courrier d'une année (PDF à imprimer et signer, ou CSV)",
                                                      "the mail register of a year (PDF to print and sign, or CSV)"));
    reg->add_option("--year", ro->year, tr("année d'enregistrement (défaut : l'année en cours)", "year of registration (default: this year)"));
    reg->add_option("--direction", ro->direction, tr("in (courrier arrivé) ou out (départ) ; sinon les deux", "in or out; else both"));
    reg->add_option("--format", ro->format, "pdf | csv")->check(CLI::IsMember({"pdf", "csv"}));
    reg->add_option("--out,-o", ro->out, tr("fichier à écrire", "file to write"));
    reg->callback([ro, &ctx] {
        const archive::Archive& a = ctx.archive();
        int year = ro->year ? ro->year : today().year;
        pdfwrite::RegisterSpec spec = service::register_of(a, year, ro->direction);
        std::string out = ro->out;
        if (out.empty())
            out = "registre-" + (ro->direction.empty() ? std::string() : ro->direction + "-") + std::to_string(year) + "." + ro->format;
        if (ro->format == "csv") {
            if (out == "-") std::cout << service::register_csv(spec);
            else replace_file_atomically(out, service::register_csv(spec));
        } else {
            pdfwrite::render("register", pdfwrite::to_json(spec), out);
        }
        if (out != "-")
            std::cout << tr("registre ", "register ") << year << tr(" : ", ": ") << spec.rows.size() << tr(" entrée(s) → ", " entry(ies) → ") << out << "\n";
    });

    // --- disposition [slip]
    auto as_of = std::make_shared<std::string>();
    CLI::App* disp = app.add_subcommand("disposition", tr("documents dont la durée d'utilité administrative est échue, par code et par sort",
                                                          "records whose retention is over, by code and disposition"));
    disp->add_option("--as-of", *as_of, tr("date du jugement (défaut : aujourd'hui)", "date of judgement (default: today)"));
    disp->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    disp->callback([as_of, disp, &ctx] {
        if (disp->get_subcommands().size() > 0) return;  // the slip subcommand ran
        const archive::Archive& a = ctx.archive();
        service::DueList due = service::due_records(a, parse_as_of(*as_of));
        if (ctx.json) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& d : due.records)
                list.push_back({{"id", d.id}, {"code", d.code}, {"title", d.title}, {"date", d.date}, {"due", d.due.iso()},
                                {"action", action_label(d.disposition)}, {"bytes", d.bytes}});
            return print_json({{"as_of", due.as_of.iso()}, {"records", list}, {"unknown_due", due.unknown}});
        }
        struct PlanOrder {
            bool operator()(const std::string& a, const std::string& b) const { return plan::code_less(a, b); }
        };
        std::map<plan::Disposition, std::map<std::string, std::vector<const service::DueRecord*>, PlanOrder>> groups;
        for (const auto& d : due.records) groups[d.disposition][d.code].push_back(&d);
        std::cout << tr("Au ", "On ") << due.as_of.iso() << tr(" : ", ": ") << due.records.size()
                  << tr(" document(s) ont fini leur durée d'utilité administrative\n", " record(s) are past their retention period\n");
        for (const auto& [action, codes] : groups) {
            std::size_t n = 0;
            for (const auto& [c, list] : codes) n += list.size();
            std::cout << "\n" << bold(action_text(action)) << " (" << n << ")\n";
            for (const auto& [code, list] : codes) {
                std::cout << "  " << code << " " << list.front()->code_title << " (" << list.size() << ")\n";
                for (const auto* d : list)
                    std::cout << "    " << d->id << "  " << (d->date.empty() ? "----------" : d->date) << tr("  échue le ", "  due ")
                              << d->due.iso() << "  " << d->title << "\n";
            }
        }
        if (due.unknown)
            std::cout << "\n" << due.unknown << tr(" document(s) dont la fin de DUA est inconnue (date ou clôture manquante)\n",
                                                  " record(s) whose end of retention is unknown (date or closing missing)\n");
        if (!due.records.empty())
            std::cout << tr("\nBordereau : ububiko disposition slip --action destroy|transfer --out bordereau.pdf\n",
                            "\nSlip: ububiko disposition slip --action destroy|transfer --out slip.pdf\n");
    });

    struct SlipOptions {
        std::string action, out, as_of;
        std::vector<std::string> ids;
    };
    auto so = std::make_shared<SlipOptions>();
    CLI::App* slip = disp->add_subcommand("slip", tr("bordereau d'élimination ou de versement (PDF), gardé dans l'archive",
                                                     "destruction or transfer slip (PDF), kept in the archive"));
    slip->add_option("--action", so->action, "destroy | transfer")->required()->check(CLI::IsMember({"destroy", "transfer"}));
    slip->add_option("--out,-o", so->out, tr("PDF à écrire", "PDF to write"))->required();
    slip->add_option("--as-of", so->as_of, tr("date du jugement (défaut : aujourd'hui)", "date of judgement (default: today)"));
    slip->add_option("--ids", so->ids, tr("seulement ces numéros", "only these numbers"));
    slip->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    slip->callback([so, &ctx] {
        service::SlipResult r = service::make_slip(ctx.archive(), so->action, parse_as_of(so->as_of), so->out, so->ids, acting_user());
        if (ctx.json) return print_json({{"number", r.number}, {"pdf", r.pdf}, {"ids", r.ids}});
        std::cout << tr("bordereau ", "slip ") << bold(r.number) << tr(" : ", ": ") << r.ids.size() << tr(" document(s) → ", " record(s) → ") << r.pdf
                  << "\n"
                  << tr("À faire signer ; puis : ububiko dispose --slip ", "Have it signed; then: ububiko dispose --slip ") << r.number << "\n";
    });

    // --- dispose
    struct DisposeOptions {
        std::vector<std::string> ids;
        std::string action = "destroy", slip, as_of, reason;
        bool force = false, yes = false;
    };
    auto dop = std::make_shared<DisposeOptions>();
    CLI::App* dis = app.add_subcommand("dispose", tr("élimine des documents dont la DUA est échue (après confirmation) ; une pierre tombale reste",
                                                     "destroy records past their retention (after confirmation); a tombstone stays"));
    dis->add_option("ids", dop->ids, tr("numéros d'enregistrement", "record numbers"));
    dis->add_option("--action", dop->action, "destroy")->check(CLI::IsMember({"destroy"}));
    dis->add_option("--slip", dop->slip, tr("le bordereau signé (numéro ou fichier PDF) dont les documents sont éliminés",
                                            "the signed slip (number or PDF file) whose records are destroyed"));
    dis->add_option("--as-of", dop->as_of, tr("date du jugement (défaut : aujourd'hui)", "date of judgement (default: today)"));
    dis->add_flag("--force", dop->force, tr("éliminer avant l'échéance ou sans règle d'élimination (avec --reason)",
                                            "destroy before the due date or without a destruction rule (with --reason)"));
    dis->add_option("--reason", dop->reason, tr("motif, inscrit au journal", "reason, written to the journal"));
    dis->add_flag("--yes", dop->yes, tr("ne pas demander de confirmation", "do not ask for confirmation"));
    dis->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    dis->callback([dop, &ctx] {
        const archive::Archive& a = ctx.archive();
        service::DisposeRequest req;
        req.ids = dop->ids;
        if (!dop->slip.empty()) {
            std::string number;
            auto listed = service::slip_records(a, dop->slip, &number);
            req.ids.insert(req.ids.end(), listed.begin(), listed.end());
            req.slip = number;
        }
        req.as_of = parse_as_of(dop->as_of);
        req.force = dop->force;
        req.reason = dop->reason;
        req.user = acting_user();
        std::vector<service::DueRecord> checked = service::check_disposal(a, req);
        std::uint64_t bytes = 0;
        for (const auto& d : checked) bytes += d.bytes;
        if (!dop->yes) {
            if (!::isatty(STDIN_FILENO))
                throw Error(ErrorCode::invalid_input, tr("confirmation nécessaire : relancez sur un terminal, ou ajoutez --yes",
                                                         "confirmation needed: run on a terminal, or add --yes"));
            for (const auto& d : checked) std::cerr << "  " << d.id << "  " << d.code << "  " << d.title << "\n";
            std::cerr << tr("Éliminer définitivement ces ", "Destroy for good these ") << checked.size() << tr(" document(s) (", " record(s) (")
                      << human_size(bytes) << tr(") ? Tapez « oui » pour confirmer : ", ")? Type 'yes' to confirm: ") << std::flush;
            std::string answer;
            std::getline(std::cin, answer);
            if (answer != "oui" && answer != "yes") {
                std::cerr << tr("Abandon : rien n'a été éliminé.\n", "Abandoned: nothing was destroyed.\n");
                ctx.exit_code = 1;
                return;
            }
        }
        service::DisposeReport r = service::dispose(a, req);
        if (ctx.json) return print_json({{"destroyed", r.destroyed}, {"bytes", r.bytes}, {"slip", req.slip}});
        for (const auto& id : r.destroyed) std::cout << tr("éliminé  ", "destroyed ") << id << "\n";
        std::cout << r.destroyed.size() << tr(" document(s) éliminé(s), ", " record(s) destroyed, ") << human_size(r.bytes)
                  << tr(" libérés ; leurs fiches restent (ububiko show) et le journal l'inscrit.\n",
                        " freed; their records remain (ububiko show) and the journal says so.\n");
    });
}

}  // namespace ububiko::cli
