// ububiko file PATH... --code C [metadata]
#include <iostream>

#include "cli/background_training.hpp"
#include "cli/context.hpp"
#include "cli/filing_output.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "service/filing.hpp"

namespace ububiko::cli {

void add_metadata_options(CLI::App* cmd, service::Metadata& m, std::string& metadata_csv) {
    cmd->add_option("--code", m.code, tr("code de classement (une feuille du plan)", "classification code (a leaf of the plan)"));
    cmd->add_option("--title", m.title, tr("titre (sinon tiré du document)", "title (else taken from the document)"));
    cmd->add_option("--date", m.date, tr("date du document, AAAA-MM-JJ ou JJ/MM/AAAA", "document date, YYYY-MM-DD or DD/MM/YYYY"));
    cmd->add_option("--type", m.type, tr("type de document (lettre, pv, décision, …)", "document type (lettre, pv, decision, …)"));
    cmd->add_option("--direction", m.direction, tr("sens : in (entrant), out (sortant), internal (interne)",
                                                   "direction: in, out, internal"));
    cmd->add_option("--correspondent", m.correspondent, tr("expéditeur ou destinataire", "sender or recipient"));
    cmd->add_option("--reference", m.reference, tr("référence (N/Réf., numéro)", "reference number"));
    cmd->add_option("--access", m.access, tr("accès : public, internal, confidential (sinon celui du code)",
                                             "access: public, internal, confidential (else the code's default)"));
    cmd->add_option("--metadata", metadata_csv,
                    tr("tableau CSV des métadonnées, une ligne par fichier (file,code,date,type,direction,correspondent,title,reference,access)",
                       "CSV of metadata, one row per file (file,code,date,type,direction,correspondent,title,reference,access)"))
        ->type_name(tr("FICHIER.csv", "FILE.csv"));
}

void print_filing_summary(const service::FileSummary& s) {
    std::cout << s.filed << tr(" classé(s), ", " filed, ");
    if (s.queued) std::cout << s.queued << tr(" mis en file à classer, ", " queued for classification, ");
    std::cout << s.duplicates << tr(" doublon(s), ", " duplicate(s), ") << s.failed << tr(" échec(s)", " failed");
    if (s.not_started) std::cout << ", " << s.not_started << tr(" non commencé(s)", " not started");
    std::cout << "\n";
    print_model_note(s);
}

void print_model_note(const service::FileSummary& s) {
    if (s.model_records)
        std::cout << tr("modèle de suggestion réentraîné sur ", "suggestion model retrained on ") << s.model_records
                  << tr(" documents", " records") << "\n";
    if (!s.model_error.empty())
        std::cerr << tr("attention : le modèle de suggestion n'a pas pu être réentraîné : ",
                        "warning: the suggestion model could not be retrained: ")
                  << s.model_error << "\n";
}

int filing_exit_status(const service::FileSummary& s) {
    if (s.failed) return exit_status(ErrorCode::invalid_input);
    if (s.duplicates) return exit_status(ErrorCode::conflict);
    return 0;
}

nlohmann::json summary_json(const service::FileSummary& s) {
    return {{"filed", s.filed}, {"queued", s.queued}, {"duplicates", s.duplicates}, {"failed", s.failed},
            {"not_started", s.not_started}, {"pages", s.pages}, {"model_retrained_on", s.model_records}};
}

void register_file(CLI::App& app, Context& ctx) {
    auto req = std::make_shared<service::FileRequest>();
    auto no_ocr = std::make_shared<bool>(false);
    auto no_suggest = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand("file", tr("classe un ou plusieurs documents sous un code du plan",
                                                  "file one or more documents under a code of the plan"));
    cmd->add_option(tr("fichiers", "files"), req->paths, tr("fichiers à classer (PDF, texte, ODT, DOCX, RTF, ODS, XLSX, images)",
                                            "files to file (PDF, text, ODT, DOCX, RTF, ODS, XLSX, images)"))
        ->required();
    add_metadata_options(cmd, req->metadata, req->metadata_csv);
    cmd->add_flag("--no-suggest", *no_suggest,
                  tr("sans --code : la file à classer, sans suggestion ni métadonnées proposées",
                     "without --code: the queue, no suggestion nor proposed metadata"));
    cmd->add_flag("--no-ocr", *no_ocr, tr("sans OCR (les scans restent « à océriser »)", "no OCR (scans stay 'needs OCR')"));
    cmd->add_option("--jobs,-j", req->jobs, tr("processus d'extraction en parallèle (défaut : un par cœur)",
                                               "extraction processes in parallel (default: one per core)"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([req, no_ocr, no_suggest, &ctx] {
        const archive::Archive& a = ctx.archive();
        req->user = acting_user();
        // Without --code: the first suggestion when sure enough, else the queue.
        req->queue_unclassified = true;
        req->suggest = !*no_suggest;
        prepare_training(*req);
        if (!*no_ocr) req->ocr_languages = a.config().ocr_languages;
        FilingOutput out(ctx.json, stderr_is_terminal() && req->paths.size() > 1);
        req->on_pages = [&out](int n) { out.pages(n); };
        service::FileSummary s = service::file_documents(
            a, *req, [&](const service::FileOutcome& o, std::size_t done, std::size_t total) { out.outcome(o, done, total); });
        out.close();
        if (ctx.json) {
            nlohmann::json j = summary_json(s);
            j["documents"] = out.documents();
            print_json(j);
        } else if (req->paths.size() > 1) {
            print_filing_summary(s);
        } else {
            print_model_note(s);
        }
        after_filing(a, s, ctx.json);
        ctx.exit_code = filing_exit_status(s);
    });
}

}  // namespace ububiko::cli
