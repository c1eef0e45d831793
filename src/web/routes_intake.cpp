// Intake in the browser: upload one or many files (zip batches too); each is filed at
// once and gets its register number; the page then shows, for each, the code taken or
// the suggestions with their reasons, and the metadata read from it, to confirm or
// correct; a stamped copy to print.
#include <filesystem>

#include "classify/suggest.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "service/intake.hpp"
#include "service/stamp.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {

std::string code_select(const archive::Archive& archive, const std::string& id, const std::string& selected);
std::string metadata_inputs(const archive::Archive& archive, const archive::Record& r, const std::string& prefix);

namespace {

// The name an upload is kept under while it is filed: its own name without any folder,
// control character or leading dot (the name as received stays in the record).
std::string safe_upload_name(const std::string& given, std::size_t n) {
    std::string base = given;
    if (auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
    std::string out;
    for (unsigned char c : base) out += (c < 0x20 || c == 0x7f || c == ':') ? '_' : static_cast<char>(c);
    out = std::string(utf8_prefix(out, 180));
    while (!out.empty() && (out[0] == '.' || out[0] == ' ')) out.erase(0, 1);
    if (out.empty()) out = "document-" + std::to_string(n);
    return out;
}

std::string upload_form(const Ctx& ctx) {
    std::string b = "<form class=\"card\" method=\"post\" action=\"/intake\" enctype=\"multipart/form-data\" data-busy=\"" +
                    esc(tr("Enregistrement en cours…", "Filing…")) + "\">" + csrf_field(ctx.session.csrf);
    b += "<label for=\"files\">" + tr("Documents à enregistrer (PDF, images scannées, textes, ODT, DOCX, RTF, ODS, XLSX, ZIP)",
                                      "Documents to file (PDF, scanned images, texts, ODT, DOCX, RTF, ODS, XLSX, ZIP)") + "</label>";
    b += "<input type=\"file\" id=\"files\" name=\"files\" multiple required data-count=\"chosen\"><p class=\"meta\" id=\"chosen\"></p>";
    b += "<div class=\"grid2\"><div><label for=\"direction\">" + tr("Sens", "Direction") + "</label><select id=\"direction\" name=\"direction\">"
         "<option value=\"\"></option><option value=\"in\">" + direction_label("in") + "</option><option value=\"out\">" +
         direction_label("out") + "</option><option value=\"internal\">" + direction_label("internal") + "</option></select></div>";
    b += "<div><label for=\"correspondent\">" + tr("Correspondant (si le même pour tous)", "Correspondent (if the same for all)") +
         "</label><input type=\"text\" id=\"correspondent\" name=\"correspondent\"></div></div>";
    b += "<p class=\"meta\">" + tr("Limite par envoi : ", "Limit per upload: ") +
         std::to_string(ctx.app.options.max_upload_bytes >> 20) + tr(" Mo", " MB") + "</p>";
    b += "<p><button type=\"submit\" id=\"upload\">" + tr("Enregistrer", "File") + "</button></p></form>";
    return b;
}

std::string percent(double c) { return std::to_string(static_cast<int>(c * 100 + 0.5)) + " %"; }

std::string outcome_html(Ctx& ctx, const service::FileOutcome& o, classify::Suggester* suggester) {
    using Status = service::FileOutcome::Status;
    const archive::Archive& a = ctx.app.archive;
    std::string name = std::filesystem::path(o.path).filename().string();
    std::string h = "<section class=\"card outcome\" data-status=\"";
    h += o.status == Status::filed ? "filed" : o.status == Status::queued ? "queued" : o.status == Status::duplicate ? "duplicate" : "failed";
    h += "\"><h2>" + esc(name) + "</h2>";
    if (o.status == Status::failed || o.status == Status::not_started) {
        h += "<div class=\"notice error\" role=\"alert\">" + esc(o.message.empty() ? tr("non enregistré", "not filed") : o.message) + "</div></section>";
        return h;
    }
    if (o.status == Status::duplicate) {
        h += "<div class=\"notice\">" + tr("Déjà dans l'archive sous le n° ", "Already in the archive as number ") + "<a href=\"/record/" +
             esc(o.id) + "\">" + esc(a.qualified_id(o.id)) + "</a></div></section>";
        return h;
    }
    // The record as filed is in the outcome: no need to read it (and the journal) again.
    const archive::Record& r = o.record;
    h += "<p>" + tr("Enregistré sous le n° ", "Registered as number ") + "<strong class=\"register-number\"><a href=\"/record/" + esc(r.id) + "\">" +
         esc(a.qualified_id(r.id)) + "</a></strong>";
    if (o.status == Status::filed)
        h += " — " + tr("classé sous ", "filed under ") + esc(code_label(a, r.code)) +
             (o.suggested_code.empty() ? "" : " (" + tr("suggestion sûre à ", "suggestion sure at ") + percent(o.suggested_confidence) + ")");
    else
        h += " — <span class=\"badge queued\">" + tr("à classer", "to classify") + "</span>";
    h += "</p>";
    for (const std::string& w : o.warnings) h += "<p class=\"meta\">⚠ " + esc(w) + "</p>";
    if (!o.proposed.empty()) {
        // What was read from the text rather than given: to be checked by a person.
        h += "<p class=\"meta\">" + tr("Lu dans le document (à vérifier) : ", "Read from the document (to check): ");
        std::size_t shown = 0;
        for (const std::string& f : o.proposed) {
            std::string label, value;
            if (f == "date") label = tr("date", "date"), value = show_date(r.date);
            else if (f == "type") label = tr("type", "type"), value = type_label(a, r.type);
            else if (f == "reference") label = tr("référence", "reference"), value = r.reference;
            else if (f == "correspondent") label = tr("correspondant", "correspondent"), value = r.correspondent;
            else if (f == "title") label = tr("titre", "title"), value = r.title;
            else continue;
            h += (shown++ ? " · " : "") + esc(label) + " <strong>" + esc(value) + "</strong>";
        }
        h += "</p>";
    }
    std::vector<classify::Suggestion> suggestions;
    if (r.status == "to-classify" && suggester)
        if (auto dir = a.find_record_dir(r.id, r.code)) suggestions = suggester->suggest(classify::record_document(r, *dir), 3);
    if (!suggestions.empty()) {
        h += "<div class=\"suggestions\"><h3>" + tr("Codes suggérés", "Suggested codes") + "</h3>";
        for (const auto& s : suggestions) {
            h += "<div class=\"suggestion\"><strong>" + esc(code_label(a, s.code)) + "</strong> — " + percent(s.confidence) + "<ul>";
            for (const std::string& reason : s.reasons) h += "<li>" + esc(reason) + "</li>";
            h += "</ul></div>";
        }
        h += "</div>";
    }
    if (r.status == "to-classify") {
        std::string first = suggestions.empty() ? std::string() : suggestions.front().code;
        std::string p = "c" + r.id + "-";
        h += "<form method=\"post\" action=\"/record/" + esc(r.id) + "/classify\">" + csrf_field(ctx.session.csrf) +
             "<input type=\"hidden\" name=\"back\" value=\"intake\">";
        h += "<label for=\"" + p + "code\">" + tr("Code du plan", "Plan code") + "</label>" + code_select(a, p + "code", first);
        h += "<details><summary>" + tr("Métadonnées lues (à vérifier)", "Metadata read (to check)") + "</summary>" + metadata_inputs(a, r, p) + "</details>";
        h += "<p><button type=\"submit\" class=\"accept\">" + tr("Confirmer et classer", "Confirm and classify") + "</button></p></form>";
    } else {
        h += "<dl class=\"fields\"><dt>" + tr("Titre", "Title") + "</dt><dd>" + esc(r.title) + "</dd><dt>" + tr("Date", "Date") +
             "</dt><dd>" + esc(show_date(r.date)) + "</dd><dt>" + tr("Correspondant", "Correspondent") + "</dt><dd>" +
             esc(r.correspondent) + "</dd><dt>" + tr("Référence", "Reference") + "</dt><dd>" + esc(r.reference) + "</dd></dl>";
        h += "<p><a href=\"/record/" + esc(r.id) + "\">" + tr("Vérifier ou corriger", "Check or correct") + "</a></p>";
    }
    const archive::RecordFile* original = r.file_with_role("original");
    if ((original && original->media_type == "application/pdf") || r.file_with_role("searchable"))
        h += "<p><a class=\"button secondary\" href=\"/record/" + esc(r.id) + "/stamped\">" + tr("Copie tamponnée à imprimer", "Stamped copy to print") + "</a></p>";
    h += "</section>";
    return h;
}

}  // namespace

// Files uploaded documents; used by the page and the API. Calls `each` per outcome.
void file_uploads(Ctx& ctx, const service::Metadata& defaults, const std::function<void(const service::FileOutcome&)>& each) {
    std::vector<const httplib::MultipartFormData*> uploads;
    for (const auto& [key, f] : ctx.req.files)
        if (!f.filename.empty()) uploads.push_back(&f);
    if (uploads.empty()) throw Error(ErrorCode::invalid_input, tr("aucun fichier reçu (champ « files »)", "no file received (field 'files')"));
    std::string dir = archive::work_dir(ctx.app.archive) + "/upload-" + random_token().substr(0, 16);
    std::filesystem::create_directories(dir);
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } cleanup{dir};
    service::IntakeRequest req;
    std::size_t n = 0;
    for (const auto* f : uploads) {
        std::string sub = dir + "/" + std::to_string(++n);
        std::filesystem::create_directories(sub);
        std::string path = sub + "/" + safe_upload_name(f->filename, n);
        write_file(path, f->content, Durability::none);
        req.inputs.push_back(path);
    }
    req.metadata = defaults;
    req.user = ctx.actor();
    req.retrain = false;  // the request would wait for it; `ububiko train` or the next CLI filing retrains
    service::intake(ctx.app.archive, req, [&](const service::FileOutcome& o, std::size_t, std::size_t) { each(o); });
}

void add_intake_routes(App& app, httplib::Server& server) {
    using P = accounts::Permission;
    add_route(app, server, "GET", "/intake", {Kind::page, P::file}, [](Ctx& ctx) {
        std::string b = "<h1>" + tr("Enregistrer des documents", "File documents") + "</h1>";
        if (std::string done = ctx.param("done"); archive::is_record_id(done))
            b += "<div class=\"notice ok\" role=\"status\">" + tr("Document n° ", "Document number ") + "<a href=\"/record/" + esc(done) +
                 "\">" + esc(ctx.app.archive.qualified_id(done)) + "</a> " + tr("classé.", "classified.") + "</div>";
        b += upload_form(ctx);
        ctx.html(tr("Enregistrer", "File documents"), "intake", b);
    });
    add_route(app, server, "POST", "/intake", {Kind::page, P::file, true}, [](Ctx& ctx) {
        service::Metadata defaults;
        defaults.direction = ctx.param("direction");
        defaults.correspondent = ctx.param("correspondent");
        std::vector<service::FileOutcome> outcomes;
        file_uploads(ctx, defaults, [&](const service::FileOutcome& o) { outcomes.push_back(o); });
        std::unique_ptr<classify::Suggester> suggester;
        for (const auto& o : outcomes)
            if (o.status == service::FileOutcome::Status::queued && !suggester) suggester = std::make_unique<classify::Suggester>(ctx.app.archive);
        std::string b = "<h1>" + tr("Documents enregistrés", "Documents filed") + "</h1>";
        for (const auto& o : outcomes) b += outcome_html(ctx, o, suggester.get());
        b += "<h2>" + tr("Enregistrer d'autres documents", "File more documents") + "</h2>" + upload_form(ctx);
        ctx.html(tr("Documents enregistrés", "Documents filed"), "intake", b);
    });
}

}  // namespace ububiko::web::detail
