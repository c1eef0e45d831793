// ububiko show ID | list | queue | classify ID CODE | reclassify ID CODE --reason R | edit ID --reason R
#include <iostream>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "service/records.hpp"

namespace ububiko::cli {
namespace {

std::string direction_text(const std::string& d) {
    if (d == "in") return tr("entrant", "incoming");
    if (d == "out") return tr("sortant", "outgoing");
    if (d == "internal") return tr("interne", "internal");
    return d;
}

std::string access_text(const std::string& a) {
    if (a == "internal") return tr("interne", "internal");
    if (a == "confidential") return tr("confidentiel", "confidential");
    return a;
}

// The name of a metadata field as the record's page shows it.
std::string field_text(const std::string& field) {
    if (field == "title") return tr("titre", "title");
    if (field == "type") return "type";
    if (field == "direction") return tr("sens", "direction");
    if (field == "correspondent") return tr("correspondant", "correspondent");
    if (field == "reference") return tr("référence", "reference");
    if (field == "access") return tr("accès", "access");
    return field;
}

// A field's value for people: directions and access levels in words, "(vide)" for nothing.
std::string value_text(const std::string& field, const std::string& value) {
    if (value.empty()) return tr("(vide)", "(empty)");
    if (field == "direction") return direction_text(value);
    if (field == "access") return access_text(value);
    return "« " + value + " »";
}

std::string action_text(const nlohmann::json& e) {
    std::string action = e.value("action", "");
    if (action == "file" && e.value("code", "").empty()) return tr("reçu, mis dans la file à classer", "received, queued for classification");
    if (action == "file") return tr("classement sous ", "filed under ") + e.value("code", "");
    if (action == "reclassify")
        return tr("reclassement ", "reclassified ") + e.value("from_code", "") + " → " + e.value("code", "") + " : " +
               e.value("reason", "");
    if (action == "recover") return tr("inscrit au journal par check --repair", "journaled by check --repair");
    if (action == "classify") return tr("classé depuis la file sous ", "filed from the queue under ") + e.value("code", "");
    if (action == "edit") {
        std::string fields;
        for (const auto& c : e.value("changes", nlohmann::json::array()))
            fields += (fields.empty() ? "" : ", ") + field_text(c.value("field", ""));
        return tr("modification : ", "edited: ") + fields + tr(" ; motif : ", "; reason: ") + e.value("reason", "");
    }
    if (action == "view") return tr("consulté", "viewed");
    if (action == "dispose") {
        std::string t = tr("éliminé", "destroyed");
        if (!e.value("slip", "").empty()) t += tr(" (bordereau ", " (slip ") + e.value("slip", "") + ")";
        if (!e.value("reason", "").empty()) t += tr(" ; motif : ", "; reason: ") + e.value("reason", "");
        return t;
    }
    return action;
}

}  // namespace

void register_records(CLI::App& app, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* show = app.add_subcommand("show", tr("affiche un enregistrement et son historique", "show a record and its history"));
    show->add_option("id", *id, tr("numéro d'enregistrement, ex. 2026-000042", "record number, e.g. 2026-000042"))->required();
    show->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    show->callback([id, &ctx] {
        const archive::Archive& a = ctx.archive();
        service::RecordView v = service::show_record(a, *id);
        const archive::Record& r = v.record;
        if (ctx.json) {
            nlohmann::json j = archive::to_json(r);
            j["folder"] = archive::Archive::relative_record_dir(r.code, r.id);
            j["qualified_id"] = a.qualified_id(r.id);
            j["history"] = v.history;
            return print_json(j);
        }
        const plan::Node* node = a.plan().find(r.code);
        const plan::DocumentType* type = r.type.empty() ? nullptr : a.plan().resolve_type(r.type);
        auto line = [](const std::string& label, const std::string& value) {
            if (!value.empty()) std::cout << "  " << label << value << "\n";
        };
        std::cout << bold(r.id) << "  (" << a.qualified_id(r.id) << ")\n";
        line(tr("Titre         : ", "Title         : "), r.title);
        line(tr("Code          : ", "Code          : "), r.code + (node ? " " + node->title : std::string()));
        line(tr("Date          : ", "Date          : "), r.date.empty() ? tr("(non renseignée)", "(not given)") : r.date);
        line(tr("Type          : ", "Type          : "), type ? type->label : r.type);
        line(tr("Sens          : ", "Direction     : "), direction_text(r.direction));
        line(tr("Correspondant : ", "Correspondent : "), r.correspondent);
        line(tr("Référence     : ", "Reference     : "), r.reference);
        line(tr("Accès         : ", "Access        : "), access_text(r.access));
        if (r.status == "destroyed") {
            const nlohmann::json d = r.extra.value("disposal", nlohmann::json::object());
            std::string said = tr("ÉLIMINÉ le ", "DESTROYED on ") + d.value("time", "").substr(0, 10) + tr(" par ", " by ") + d.value("user", "");
            if (!d.value("slip", "").empty()) said += tr(", bordereau ", ", slip ") + d.value("slip", "");
            if (d.value("forced", false)) said += tr(", avant l'échéance : ", ", before its due date: ") + d.value("reason", "");
            line(tr("Statut        : ", "Status        : "), said);
            for (const auto& f : r.extra.value("destroyed_files", nlohmann::json::array()))
                line(tr("Fichier détruit : ", "File destroyed : "),
                     f.value("name", "") + " (" + human_size(f.value("size", std::uint64_t{0})) + ") SHA-256 " + f.value("sha256", ""));
        }
        if (const archive::RecordFile* f = r.file_with_role("original")) {
            line(tr("Fichier reçu  : ", "File received : "), r.original_name + " (" + human_size(f->size) + ")");
            line("SHA-256       : ", f->sha256);
        }
        std::string text = std::to_string(r.extraction.pages) + (r.extraction.from_workbook() ? tr(" feuille(s), ", " sheet(s), ") : tr(" page(s), ", " page(s), ")) +
                           group_digits(r.extraction.chars) + tr(" caractères (", " characters (") + r.extraction.method + ")";
        if (r.extraction.needs_ocr) text += tr(" — sans couche texte : à océriser", " — no text layer: needs OCR");
        line(tr("Texte         : ", "Text          : "), text);
        line(tr("Enregistré    : ", "Registered    : "), r.registered + tr(" par ", " by ") + r.registered_by);
        line(tr("Dossier       : ", "Folder        : "), archive::Archive::relative_record_dir(r.code, r.id));
        // What ububiko proposed from the text when it came in (people may correct it).
        if (auto p = r.extra.find("proposed"); p != r.extra.end() && p->is_object()) {
            std::string said;
            static const std::pair<const char*, std::pair<const char*, const char*>> k_fields[] = {
                {"code", {"code", "code"}},           {"date", {"date", "date"}},
                {"type", {"type", "type"}},           {"reference", {"référence", "reference"}},
                {"correspondent", {"correspondant", "correspondent"}}, {"title", {"titre", "title"}}};
            for (const auto& [key, label] : k_fields) {
                if (!p->contains(key)) continue;
                const nlohmann::json& f = (*p)[key];
                said += (said.empty() ? "" : ", ") + tr(label.first, label.second);
                if (f.contains("evidence")) said += " (« " + f.value("evidence", "") + " »)";
                if (f.contains("confidence"))
                    said += " (" + std::to_string(static_cast<int>(f.value("confidence", 0.0) * 100 + 0.5)) + tr(" %)", "%)");
            }
            line(tr("Proposé       : ", "Proposed      : "), said);
            if (p->contains("suggestions") && r.code.empty()) {
                std::string list;
                for (const auto& sug : (*p)["suggestions"])
                    list += (list.empty() ? "" : ", ") + sug.value("code", "") + " (" +
                            std::to_string(static_cast<int>(sug.value("confidence", 0.0) * 100 + 0.5)) + tr(" %)", "%)");
                line(tr("Suggestions   : ", "Suggestions   : "), list);
            }
        }
        std::cout << tr("  Historique    :\n", "  History       :\n");
        for (const auto& e : v.history)
            std::cout << "    " << e.value("time", "") << "  " << action_text(e) << " (" << e.value("user", "") << ")\n";
    });

    auto lo = std::make_shared<service::ListRequest>();
    CLI::App* list = app.add_subcommand("list", tr("liste les enregistrements dans l'ordre du registre",
                                                   "list records in register order"));
    list->add_option("--code", lo->code, tr("ce code et sa descendance", "this code and below"));
    list->add_option("--year", lo->year, tr("année du document", "year of the document"));
    list->add_option("--limit", lo->limit, tr("nombre maximal", "maximum number"))->check(whole_number());
    list->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    list->callback([lo, &ctx] {
        auto records = service::list_records(ctx.archive(), *lo);
        if (ctx.json) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& s : records) j.push_back(index::to_json(s));
            return print_json(j);
        }
        for (const auto& s : records)
            std::cout << s.id << "  " << (s.date.empty() ? std::string("          ") : s.date) << "  " << s.code << "  "
                      << s.title << "\n";
        std::cout << records.size() << tr(" enregistrement(s)\n", " record(s)\n");
    });

    CLI::App* q = app.add_subcommand("queue", tr("liste les documents en attente de classement (sans code)",
                                                  "list the documents waiting to be classified (no code)"));
    q->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    q->callback([&ctx] {
        const archive::Archive& a = ctx.archive();
        auto waiting = service::queue(a);
        // The suggestions made when the document came in (kept in its record).
        auto suggestions_of = [&a](const index::Summary& s) {
            try {
                // The folder the index names: no walk of records/ per queued document.
                archive::Record r = a.load_record(a.root() + "/" + s.path);
                if (auto p = r.extra.find("proposed"); p != r.extra.end() && p->contains("suggestions"))
                    return (*p)["suggestions"];
            } catch (const Error&) {
            }
            return nlohmann::json::array();
        };
        if (ctx.json) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& s : waiting) {
                nlohmann::json item = index::to_json(s);
                item["suggestions"] = suggestions_of(s);
                j.push_back(std::move(item));
            }
            return print_json(j);
        }
        if (waiting.empty()) {
            std::cout << tr("File à classer vide.\n", "Nothing waits to be classified.\n");
            return;
        }
        std::string today_iso = today().iso();
        for (const auto& s : waiting) {
            std::cout << bold(s.id) << "  " << tr("reçu le ", "received ") << s.registered.substr(0, 10) << "  « "
                      << s.original_name << " »  " << s.title << "\n";
            nlohmann::json sug = suggestions_of(s);
            if (!sug.empty()) {
                std::cout << "             " << tr("suggestions : ", "suggestions: ");
                for (std::size_t i = 0; i < sug.size(); ++i)
                    std::cout << (i ? ", " : "") << sug[i].value("code", "") << " ("
                              << static_cast<int>(sug[i].value("confidence", 0.0) * 100 + 0.5) << tr(" %)", "%)");
                std::cout << "\n";
            }
        }
        std::cout << waiting.size() << tr(" document(s) à classer ; le plus ancien reçu le ", " document(s) to classify; the oldest received ")
                  << waiting.front().registered.substr(0, 10) << "\n"
                  << tr("Classez-les avec : ububiko classify NUMÉRO CODE (les codes : « ububiko plan show »)\n",
                        "File them with: ububiko classify NUMBER CODE (the codes: 'ububiko plan show')\n");
        (void)today_iso;
    });

    struct ClassifyOptions {
        std::string id, code, csv;
        service::Metadata metadata;
    };
    auto co = std::make_shared<ClassifyOptions>();
    CLI::App* cl = app.add_subcommand("classify", tr("classe un document de la file sous un code du plan",
                                                     "file a queued document under a code of the plan"));
    cl->add_option("id", co->id, tr("numéro d'enregistrement", "record number"))->required();
    cl->add_option("code", co->code, tr("code (une feuille du plan)", "code (a leaf of the plan)"))->required();
    cl->add_option("--title", co->metadata.title, tr("titre", "title"));
    cl->add_option("--date", co->metadata.date, tr("date du document", "document date"));
    cl->add_option("--type", co->metadata.type, tr("type de document", "document type"));
    cl->add_option("--direction", co->metadata.direction, tr("sens : in, out, internal", "direction: in, out, internal"));
    cl->add_option("--correspondent", co->metadata.correspondent, tr("expéditeur ou destinataire", "sender or recipient"));
    cl->add_option("--reference", co->metadata.reference, tr("référence", "reference"));
    cl->add_option("--access", co->metadata.access, tr("accès (sinon celui du code)", "access (else the code's default)"));
    cl->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cl->callback([co, &ctx] {
        archive::Record r = service::classify(ctx.archive(), co->id, co->code, co->metadata, acting_user());
        if (ctx.json)
            return print_json({{"id", r.id}, {"code", r.code}, {"access", r.access},
                               {"folder", archive::Archive::relative_record_dir(r.code, r.id)}});
        std::cout << tr("classé   ", "filed    ") << bold(r.id) << "  " << r.code << "  « " << r.title << " »\n";
    });

    struct ReclassifyOptions {
        std::string id, code, reason;
    };
    auto ro = std::make_shared<ReclassifyOptions>();
    CLI::App* re = app.add_subcommand("reclassify", tr("reclasse un enregistrement sous un autre code (motif obligatoire)",
                                                       "move a record under another code (reason required)"));
    re->add_option("id", ro->id, tr("numéro d'enregistrement", "record number"))->required();
    re->add_option("code", ro->code, tr("nouveau code (une feuille du plan)", "new code (a leaf of the plan)"))->required();
    re->add_option("--reason", ro->reason, tr("motif, inscrit au journal", "reason, written to the journal"))->required();
    re->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    re->callback([ro, &ctx] {
        service::ReclassifyResult r = service::reclassify(ctx.archive(), ro->id, ro->code, ro->reason, acting_user());
        if (ctx.json)
            return print_json({{"id", r.record.id}, {"from", r.old_code}, {"code", r.record.code},
                               {"folder", archive::Archive::relative_record_dir(r.record.code, r.record.id)}});
        std::cout << tr("reclassé ", "reclassified ") << bold(r.record.id) << " : " << r.old_code << " → " << r.record.code << "\n";
    });

    struct EditOptions {
        std::string id, reason;
        service::Metadata metadata;
    };
    auto eo = std::make_shared<EditOptions>();
    CLI::App* ed = app.add_subcommand("edit", tr("corrige les métadonnées d'un enregistrement classé (motif obligatoire ; le code : reclassify)",
                                                 "correct the metadata of a filed record (reason required; the code: reclassify)"));
    ed->add_option("id", eo->id, tr("numéro d'enregistrement", "record number"))->required();
    ed->add_option("--title", eo->metadata.title, tr("titre", "title"));
    ed->add_option("--date", eo->metadata.date, tr("date du document", "document date"));
    ed->add_option("--type", eo->metadata.type, tr("type de document", "document type"));
    ed->add_option("--direction", eo->metadata.direction, tr("sens : in, out, internal", "direction: in, out, internal"));
    ed->add_option("--correspondent", eo->metadata.correspondent, tr("expéditeur ou destinataire", "sender or recipient"));
    ed->add_option("--reference", eo->metadata.reference, tr("référence", "reference"));
    ed->add_option("--access", eo->metadata.access, tr("accès : public, internal, confidential", "access: public, internal, confidential"));
    ed->add_option("--reason", eo->reason, tr("motif, inscrit au journal", "reason, written to the journal"))->required();
    ed->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    ed->callback([eo, &ctx] {
        service::EditResult r = service::edit_metadata(ctx.archive(), eo->id, eo->metadata, eo->reason, acting_user());
        if (ctx.json) {
            nlohmann::json changes = nlohmann::json::array();
            for (const auto& c : r.changes) changes.push_back({{"field", c.field}, {"old", c.old_value}, {"new", c.new_value}});
            return print_json({{"id", r.record.id}, {"changed", !r.changes.empty()}, {"changes", changes}});
        }
        if (r.changes.empty()) {
            std::cout << tr("aucun changement : ", "no change: ") << r.record.id
                      << tr(" porte déjà ces valeurs ; rien n'est inscrit au journal\n", " already has these values; nothing journaled\n");
            return;
        }
        std::cout << tr("modifié  ", "edited   ") << bold(r.record.id) << "\n";
        for (const auto& c : r.changes)
            std::cout << "  " << field_text(c.field) << tr(" : ", ": ") << value_text(c.field, c.old_value) << " → "
                      << value_text(c.field, c.new_value) << "\n";
    });
}

}  // namespace ububiko::cli
