// ububiko intake PATH... [--inbox] [--watch] [metadata] [--no-ocr] [--jobs N] [--json]
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/background_training.hpp"
#include "cli/context.hpp"
#include "cli/filing_output.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "service/intake.hpp"

namespace ububiko::cli {
namespace {

// Ctrl-C asks for a clean stop (the documents under way are finished); a second one stops
// at once.
std::atomic<bool> g_stop{false};
std::string g_stop_message;  // set before the handler is installed

void on_interrupt(int) {
    if (g_stop.exchange(true)) {
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
        return;
    }
    // Only async-signal-safe calls here.
    (void)!::write(STDERR_FILENO, g_stop_message.data(), g_stop_message.size());
}

struct Options {
    service::IntakeRequest request;
    bool watch = false;
    bool no_ocr = false;
    bool no_suggest = false;
};

void print_refusals(const std::vector<service::Refusal>& refused) {
    for (const auto& r : refused) std::cerr << tr("refusé   ", "refused  ") << r.name << " : " << r.reason << "\n";
}

nlohmann::json refusals_json(const std::vector<service::Refusal>& refused) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : refused) j.push_back({{"name", r.name}, {"reason", r.reason}});
    return j;
}

}  // namespace

void register_intake(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "intake", tr("prend en charge une pile de documents : fichiers, dossiers, lots zip/tar, la boîte de dépôt ; OCR des scans",
                     "take in a stack of documents: files, folders, zip/tar batches, the inbox; OCR of scans"));
    cmd->add_option(tr("fichiers", "files"), o->request.inputs, tr("fichiers, dossiers ou lots zip/tar", "files, folders or zip/tar batches"));
    cmd->add_flag("--inbox", o->request.inbox, tr("prend aussi la boîte de dépôt de l'archive (inbox/)", "also take the archive's inbox/"));
    cmd->add_flag("--watch", o->watch, tr("surveille inbox/ et prend ce que le scanner y dépose, jusqu'à Ctrl-C",
                                          "watch inbox/ and take what the scanner drops there, until Ctrl-C"));
    add_metadata_options(cmd, o->request.metadata, o->request.metadata_csv);
    cmd->add_flag("--no-suggest", o->no_suggest,
                  tr("sans code : toujours la file à classer, sans suggestion ni métadonnées proposées",
                     "without a code: always the queue, no suggestion nor proposed metadata"));
    cmd->add_flag("--no-ocr", o->no_ocr, tr("sans OCR (les scans restent « à océriser »)", "no OCR (scans stay 'needs OCR')"));
    cmd->add_option("--jobs,-j", o->request.jobs, tr("processus en parallèle (défaut : un par cœur)", "processes in parallel (default: one per core)"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([o, &ctx] {
        const archive::Archive& a = ctx.archive();
        service::IntakeRequest& req = o->request;
        if (req.inputs.empty() && !req.inbox && !o->watch)
            throw Error(ErrorCode::invalid_input, tr("rien à prendre : donnez des fichiers, des dossiers, --inbox ou --watch",
                                                     "nothing to take: give files, folders, --inbox or --watch"));
        req.user = acting_user();
        req.ocr = !o->no_ocr;
        req.suggest = !o->no_suggest;
        req.retrain = train_mode() == TrainMode::wait;
        req.stop = &g_stop;
        g_stop_message = tr("\nArrêt demandé : les documents en cours sont terminés puis l'archive est laissée en ordre "
                            "(Ctrl-C encore pour couper tout de suite).\n",
                            "\nStop requested: the documents under way are finished, then the archive is left in order "
                            "(Ctrl-C again to cut at once).\n");
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);

        service::FileSummary total;
        std::vector<service::Refusal> refused;
        nlohmann::json documents = nlohmann::json::array();
        double seconds = 0;
        auto run_once = [&](service::IntakeRequest r) {
            FilingOutput out(ctx.json, stderr_is_terminal());
            r.on_pages = [&out](int n) { out.pages(n); };
            service::IntakeResult result = service::intake(
                a, r, [&](const service::FileOutcome& oc, std::size_t done, std::size_t n) { out.outcome(oc, done, n); });
            out.close();
            for (auto& d : out.documents()) documents.push_back(d);
            refused.insert(refused.end(), result.refused.begin(), result.refused.end());
            auto& s = result.summary;
            total.filed += s.filed;
            total.queued += s.queued;
            total.duplicates += s.duplicates;
            total.failed += s.failed;
            total.not_started += s.not_started;
            total.pages += s.pages;
            if (s.model_records) total.model_records = s.model_records;
            if (!s.model_error.empty()) total.model_error = s.model_error;
            seconds += result.seconds;
            if (!ctx.json) print_refusals(result.refused);
            after_filing(a, s, ctx.json);
            return result.documents;
        };

        if (!req.inputs.empty() || req.inbox) run_once(req);
        if (o->watch) {
            if (!ctx.json)
                std::cerr << tr("Surveillance de ", "Watching ") << a.inbox_dir()
                          << tr(" — Ctrl-C pour arrêter\n", " — Ctrl-C to stop\n");
            make_dirs(a.inbox_dir());
            while (!g_stop.load()) {
                // Only files the scanner has finished writing: unchanged for two seconds.
                auto ready = service::settled_inbox_files(a, std::chrono::seconds(2));
                if (!ready.empty()) {
                    service::IntakeRequest r = req;
                    r.inputs.clear();
                    r.inbox = true;
                    run_once(r);
                }
                for (int i = 0; i < 20 && !g_stop.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        if (ctx.json) {
            nlohmann::json j = summary_json(total);
            j["seconds"] = seconds;
            j["refused"] = refusals_json(refused);
            j["interrupted"] = g_stop.load();
            j["documents"] = documents;
            print_json(j);
        } else {
            if (g_stop.load()) std::cout << tr("Arrêté à la demande : ce qui est annoncé classé l'est ; relancez la même commande pour reprendre.\n",
                                               "Stopped on request: what is reported filed is filed; run the same command again to resume.\n");
            print_filing_summary(total);
            if (!refused.empty()) std::cout << refused.size() << tr(" entrée(s) refusée(s) (voir ci-dessus)\n", " entry(ies) refused (see above)\n");
            if (total.pages)
                std::cout << total.pages << tr(" page(s) en ", " page(s) in ") << static_cast<int>(seconds + 0.5) << " s\n";
        }
        ctx.exit_code = g_stop.load() ? 130 : filing_exit_status(total);
        if (!ctx.exit_code && !refused.empty()) ctx.exit_code = exit_status(ErrorCode::invalid_input);
    });
}

}  // namespace ububiko::cli
