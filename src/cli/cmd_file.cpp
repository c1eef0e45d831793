// ububiko file PATH... --code C [metadata]
#include <iostream>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "service/filing.hpp"

namespace ububiko::cli {
namespace {

const char* status_name(service::FileOutcome::Status s) {
    switch (s) {
        case service::FileOutcome::Status::filed: return "filed";
        case service::FileOutcome::Status::duplicate: return "duplicate";
        case service::FileOutcome::Status::failed: return "failed";
    }
    return "failed";
}

}  // namespace

void register_file(CLI::App& app, Context& ctx) {
    auto req = std::make_shared<service::FileRequest>();
    CLI::App* cmd = app.add_subcommand("file", tr("classe un ou plusieurs documents sous un code du plan",
                                                  "file one or more documents under a code of the plan"));
    cmd->add_option("paths", req->paths, tr("fichiers à classer (PDF, texte, ODT, DOCX, images)",
                                            "files to file (PDF, text, ODT, DOCX, images)"))
        ->required();
    service::Metadata& m = req->metadata;
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
    cmd->add_option("--metadata", req->metadata_csv,
                    tr("tableau CSV des métadonnées, une ligne par fichier (file,code,date,type,direction,correspondent,title,reference,access)",
                       "CSV of metadata, one row per file (file,code,date,type,direction,correspondent,title,reference,access)"))
        ->type_name(tr("FICHIER.csv", "FILE.csv"));
    cmd->add_option("--jobs,-j", req->jobs, tr("processus d'extraction en parallèle (défaut : un par cœur)",
                                               "extraction processes in parallel (default: one per core)"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([req, &ctx] {
        const archive::Archive& a = ctx.archive();
        req->user = acting_user();
        const bool show_progress = !ctx.json && stderr_is_terminal() && req->paths.size() > 1;
        std::size_t filed = 0, duplicates = 0, failed = 0;
        nlohmann::json items = nlohmann::json::array();
        auto on_outcome = [&](const service::FileOutcome& o, std::size_t done, std::size_t total) {
            switch (o.status) {
                case service::FileOutcome::Status::filed: ++filed; break;
                case service::FileOutcome::Status::duplicate: ++duplicates; break;
                case service::FileOutcome::Status::failed: ++failed; break;
            }
            if (ctx.json) {
                nlohmann::json j = {{"path", o.path}, {"status", status_name(o.status)}};
                if (!o.id.empty()) j["id"] = o.id;
                if (!o.message.empty()) j["message"] = o.message;
                if (!o.warnings.empty()) j["warnings"] = o.warnings;
                if (o.status == service::FileOutcome::Status::filed) {
                    j["code"] = o.record.code;
                    j["title"] = o.record.title;
                    j["sha256"] = o.record.file_with_role("original")->sha256;
                    j["folder"] = archive::Archive::relative_record_dir(o.record.code, o.record.id);
                }
                items.push_back(j);
                return;
            }
            if (show_progress) std::cerr << "\r\x1b[K";
            if (o.status == service::FileOutcome::Status::filed) {
                std::cout << tr("classé   ", "filed    ") << bold(o.id) << "  " << o.record.code << "  « "
                          << o.record.original_name << " »";
                for (const auto& w : o.warnings) std::cout << "  (" << w << ")";
                std::cout << "\n";
            } else if (o.status == service::FileOutcome::Status::duplicate) {
                std::cout << tr("doublon  ", "duplicate ") << o.path << " : " << o.message << "\n";
            } else {
                std::cerr << tr("échec    ", "failed   ") << o.message << "\n";
            }
            std::cout.flush();
            if (show_progress && done < total) std::cerr << "[" << done << "/" << total << "] " << std::flush;
        };
        service::file_documents(a, *req, on_outcome);
        if (ctx.json) {
            print_json({{"filed", filed}, {"duplicates", duplicates}, {"failed", failed}, {"documents", items}});
        } else if (req->paths.size() > 1) {
            std::cout << filed << tr(" classé(s), ", " filed, ") << duplicates << tr(" doublon(s), ", " duplicate(s), ") << failed
                      << tr(" échec(s)\n", " failed\n");
        }
        if (failed) ctx.exit_code = exit_status(ErrorCode::invalid_input);
        else if (duplicates) ctx.exit_code = exit_status(ErrorCode::conflict);
    });
}

}  // namespace ububiko::cli
