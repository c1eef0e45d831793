// The record page: its metadata, the original and the searchable copy shown inline (the
// browser's PDF viewer) and downloadable, the text read from it, its history from the
// journal, and the forms to reclassify it or correct its metadata for those allowed.
#include <cstdio>
#include <fstream>
#include <memory>

#include "classify/suggest.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "service/stamp.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {

std::string show_date(const std::string& iso) {
    if (language() == Language::en || iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) + iso.substr(10);
}

std::string code_label(const archive::Archive& archive, const std::string& code) {
    if (code.empty()) return tr("(à classer)", "(to classify)");
    const plan::Node* n = archive.plan().find(code);
    if (!n) return code;
    return code + " " + (language() == Language::en && !n->title_en.empty() ? n->title_en : n->title);
}

std::string access_label(const std::string& access) {
    if (access == "public") return tr("public", "public");
    if (access == "confidential") return tr("confidentiel", "confidential");
    return tr("interne", "internal");
}

std::string direction_label(const std::string& d) {
    if (d == "in") return tr("arrivée", "incoming");
    if (d == "out") return tr("départ", "outgoing");
    if (d == "internal") return tr("interne", "internal");
    return d;
}

std::string type_label(const archive::Archive& archive, const std::string& type) {
    if (const plan::DocumentType* t = archive.plan().resolve_type(type))
        return language() == Language::en && !t->label_en.empty() ? t->label_en : t->label;
    return type;
}

service::RecordView visible_record(Ctx& ctx, const std::string& id) {
    auto hidden = [&] {
        return Error(ErrorCode::not_found, tr("aucun document n° ", "no document number ") + id);
    };
    service::RecordView view;
    try {
        view = service::show_record(ctx.app.archive, id);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::not_found) throw hidden();
        throw;
    }
    if (!ctx.may_see(view.record.access)) throw hidden();
    if (view.record.access == "confidential") service::note_view(ctx.app.archive, view.record.id, ctx.actor());
    return view;
}

namespace {

// Sends a file of a record folder in chunks (a scan may weigh tens of megabytes).
void send_file(Ctx& ctx, const std::string& path, const std::string& media_type, const std::string& download_name,
               bool attachment) {
    auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
    if (!*in) throw Error(ErrorCode::not_found, tr("fichier absent du dossier : ", "file missing from the folder: ") + path);
    in->seekg(0, std::ios::end);
    auto size = static_cast<std::size_t>(in->tellg());
    in->seekg(0);
    // The name as received, made safe for a header: no quotes, no control characters.
    std::string name;
    for (unsigned char c : download_name) name += (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) ? '_' : static_cast<char>(c);
    std::string ascii;
    for (unsigned char c : name) ascii += c < 0x80 ? static_cast<char>(c) : '_';
    ctx.res.set_header("Content-Disposition", std::string(attachment ? "attachment" : "inline") + "; filename=\"" + ascii +
                                                  "\"; filename*=UTF-8''" + url_encode(name));
    // What a browser shows itself (PDF viewer, images) is left to it; anything else may not
    // run a script in the application's origin.
    if (media_type != "application/pdf" && media_type.rfind("image/", 0) != 0)
        ctx.res.set_header("Content-Security-Policy", "sandbox");
    ctx.res.set_content_provider(size, media_type, [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        char buf[64 * 1024];
        in->seekg(static_cast<std::streamoff>(offset));
        std::size_t n = std::min(length, sizeof buf);
        in->read(buf, static_cast<std::streamsize>(n));
        std::streamsize got = in->gcount();
        if (got <= 0) return false;
        return sink.write(buf, static_cast<std::size_t>(got));
    });
}

// Media types sent as they are; anything else is sent as a download of bytes.
std::string safe_media_type(const std::string& t) {
    if (t == "application/pdf" || t.rfind("image/png", 0) == 0 || t.rfind("image/jpeg", 0) == 0 || t.rfind("image/tiff", 0) == 0)
        return t;
    if (t.rfind("text/plain", 0) == 0) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::string field(const std::string& label, const std::string& value_html) {
    return "<dt>" + esc(label) + "</dt><dd>" + value_html + "</dd>";
}

std::string history_html(const archive::Archive& archive, const std::vector<nlohmann::json>& history) {
    std::string h = "<table><thead><tr><th>" + tr("Quand", "When") + "</th><th>" + tr("Quoi", "What") + "</th><th>" +
                    tr("Qui", "Who") + "</th><th>" + tr("Détail", "Detail") + "</th></tr></thead><tbody>";
    for (const auto& e : history) {
        std::string action = e.value("action", "");
        std::string what = action == "file"         ? tr("enregistré", "filed")
                           : action == "reclassify" ? tr("reclassé", "reclassified")
                           : action == "classify"   ? tr("classé", "classified")
                           : action == "edit"       ? tr("métadonnées corrigées", "metadata corrected")
                           : action == "view"       ? tr("consulté", "viewed")
                           : action == "dispose"    ? tr("éliminé", "destroyed")
                                                    : action;
        std::string detail;
        if (e.contains("code") && e["code"].is_string()) detail += code_label(archive, e["code"].get<std::string>());
        if (e.contains("from") && e["from"].is_string()) detail = e["from"].get<std::string>() + " → " + detail;
        if (action == "edit") detail.clear();
        if (e.contains("changes") && e["changes"].is_array())
            for (const auto& c : e["changes"])
                if (c.is_object())
                    detail += (detail.empty() ? "" : "; ") + c.value("field", "") + " : « " + c.value("old", "") + " » → « " +
                              c.value("new", "") + " »";
        if (e.contains("reason") && e["reason"].is_string() && !e["reason"].get<std::string>().empty())
            detail += (detail.empty() ? "" : " — ") + e["reason"].get<std::string>();
        h += "<tr><td>" + esc(e.value("time", "")) + "</td><td>" + esc(what) + "</td><td>" + esc(e.value("user", "")) +
             "</td><td>" + esc(detail) + "</td></tr>";
    }
    h += "</tbody></table>";
    return h;
}

// The leaves of the plan a record may be filed under, as <option>s; `selected` first.
std::string code_options(const archive::Archive& archive, const std::string& selected) {
    std::string h;
    for (const std::string& c : archive.plan().codes()) {
        const plan::Node* n = archive.plan().find(c);
        if (!n || n->obsolete || (archive.plan().header.file_at_leaves_only && !n->children.empty())) continue;
        h += "<option value=\"" + esc(c) + "\"" + (c == selected ? " selected" : "") + ">" + esc(code_label(archive, c)) + "</option>";
    }
    return h;
}

}  // namespace

std::string code_select(const archive::Archive& archive, const std::string& id, const std::string& selected) {
    return "<select id=\"" + esc(id) + "\" name=\"code\" required><option value=\"\">" + tr("— choisir —", "— choose —") +
           "</option>" + code_options(archive, selected) + "</select>";
}

std::string metadata_inputs(const archive::Archive& archive, const archive::Record& r, const std::string& prefix) {
    auto text = [&](const std::string& name, const std::string& label, const std::string& value, const std::string& type = "text") {
        std::string id = prefix + name;
        return "<label for=\"" + esc(id) + "\">" + esc(label) + "</label><input type=\"" + type + "\" id=\"" + esc(id) +
               "\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    };
    std::string h = text("title", tr("Titre", "Title"), r.title);
    h += text("date", tr("Date du document", "Document date"), r.date, "date");
    h += "<label for=\"" + esc(prefix) + "type\">" + tr("Type", "Type") + "</label><select id=\"" + esc(prefix) + "type\" name=\"type\"><option value=\"\"></option>";
    for (const plan::DocumentType& t : archive.plan().types)
        h += "<option value=\"" + esc(t.id) + "\"" + (t.id == r.type ? " selected" : "") + ">" +
             esc(language() == Language::en && !t.label_en.empty() ? t.label_en : t.label) + "</option>";
    h += "</select>";
    h += "<label for=\"" + esc(prefix) + "direction\">" + tr("Sens", "Direction") + "</label><select id=\"" + esc(prefix) +
         "direction\" name=\"direction\"><option value=\"\"></option>";
    for (const char* d : {"in", "out", "internal"})
        h += "<option value=\"" + std::string(d) + "\"" + (r.direction == d ? " selected" : "") + ">" + direction_label(d) + "</option>";
    h += "</select>";
    h += text("correspondent", tr("Correspondant", "Correspondent"), r.correspondent);
    h += text("reference", tr("Référence", "Reference"), r.reference);
    h += "<label for=\"" + esc(prefix) + "access\">" + tr("Accès", "Access") + "</label><select id=\"" + esc(prefix) +
         "access\" name=\"access\">";
    for (const char* a : {"public", "internal", "confidential"})
        h += "<option value=\"" + std::string(a) + "\"" + (r.access == a ? " selected" : "") + ">" + access_label(a) + "</option>";
    h += "</select>";
    return h;
}

service::Metadata metadata_from_form(const Ctx& ctx) {
    service::Metadata m;
    m.title = ctx.param("title");
    m.date = ctx.param("date");
    m.type = ctx.param("type");
    m.direction = ctx.param("direction");
    m.correspondent = ctx.param("correspondent");
    m.reference = ctx.param("reference");
    m.access = ctx.param("access");
    return m;
}

std::string record_page_body(Ctx& ctx, const service::RecordView& view, const std::string& notice) {
    const archive::Record& r = view.record;
    const archive::Archive& a = ctx.app.archive;
    using P = accounts::Permission;
    std::string b;
    if (!notice.empty()) b += "<div class=\"notice ok\" role=\"status\">" + esc(notice) + "</div>";
    b += "<h1 id=\"record-title\">" + esc(r.title.empty() ? r.original_name : r.title) + "</h1>";
    b += "<div class=\"card\"><dl class=\"fields\">";
    b += field(tr("N° d'enregistrement", "Register number"), "<strong id=\"record-id\">" + esc(a.qualified_id(r.id)) + "</strong>");
    b += field(tr("Classement", "Classification"), esc(code_label(a, r.code)) + (r.status == "to-classify" ? " <span class=\"badge queued\">" + tr("à classer", "to classify") + "</span>" : ""));
    if (r.status == "destroyed") b += field(tr("Statut", "Status"), "<strong>" + tr("éliminé", "destroyed") + "</strong>");
    b += field(tr("Date du document", "Document date"), esc(show_date(r.date)));
    b += field(tr("Type", "Type"), esc(type_label(a, r.type)));
    b += field(tr("Sens", "Direction"), esc(direction_label(r.direction)));
    b += field(tr("Correspondant", "Correspondent"), esc(r.correspondent));
    b += field(tr("Référence", "Reference"), esc(r.reference));
    b += field(tr("Accès", "Access"), esc(access_label(r.access)));
    b += field(tr("Fichier reçu", "File received"), esc(r.original_name));
    b += field(tr("Enregistré le", "Registered"), esc(r.registered) + " " + tr("par", "by") + " " + esc(r.registered_by));
    if (r.extraction.pages > 0) b += field(r.extraction.from_workbook() ? tr("Feuilles", "Sheets") : tr("Pages", "Pages"), std::to_string(r.extraction.pages));
    if (double c = r.extraction.ocr_confidence(); c >= 0)
        b += field(tr("Confiance OCR", "OCR confidence"), std::to_string(static_cast<int>(c + 0.5)) + " %");
    b += "</dl></div>";

    const archive::RecordFile* original = r.file_with_role("original");
    const archive::RecordFile* searchable = r.file_with_role("searchable");
    std::string base = "/record/" + r.id;
    if (original) {
        b += "<p class=\"no-print\"><a class=\"button\" id=\"download-original\" href=\"" + base + "/original?download=1\">" +
             tr("Télécharger l'original", "Download the original") + "</a> ";
        if (searchable)
            b += "<a class=\"button secondary\" href=\"" + base + "/searchable?download=1\">" +
                 tr("Télécharger la copie interrogeable (PDF)", "Download the searchable copy (PDF)") + "</a> ";
        if (searchable)
            b += "<a class=\"button secondary\" href=\"" + base + "/original\" target=\"_blank\" rel=\"noopener\">" +
                 tr("Voir l'original (scan)", "View the original (scan)") + "</a> ";
        if (original->media_type == "application/pdf" || searchable)
            b += "<a class=\"button secondary\" id=\"stamped\" href=\"" + base + "/stamped\">" +
                 tr("Copie tamponnée à imprimer", "Stamped copy to print") + "</a>";
        b += "</p>";
        std::string shown = searchable ? base + "/searchable" : base + "/original";
        std::string type = searchable ? "application/pdf" : original->media_type;
        if (type == "application/pdf" || type.rfind("image/", 0) == 0)
            b += "<iframe class=\"viewer\" title=\"" + tr("Document", "Document") + "\" src=\"" + shown + "\"></iframe>";
    }
    // The text read from the document (OCR or text layer).
    std::string text;
    try {
        std::string text_path = view.dir + "/" + (r.extraction.text_file.empty() ? "text.txt" : r.extraction.text_file);
        if (r.extraction.text_file.find('/') == std::string::npos) text = read_file_prefix(text_path, 200 * 1024);
    } catch (const Error&) {
    }
    b += "<h2>" + tr("Texte du document", "Text of the document") + "</h2>";
    b += text.empty() ? "<p class=\"meta\">" + tr("Aucun texte lu.", "No text read.") + "</p>" : "<pre class=\"text\" id=\"record-text\">" + esc(text) + "</pre>";

    bool may_reclassify = ctx.allows(P::reclassify) && r.status == "filed";
    bool may_edit = ctx.allows(P::edit_metadata) && r.status != "destroyed";
    bool may_classify = r.status == "to-classify" && (ctx.allows(P::classify) || (ctx.allows(P::file) && r.registered_by == ctx.actor()));
    if (may_classify) {
        b += "<h2 class=\"no-print\">" + tr("Classer ce document", "Classify this document") + "</h2>";
        b += "<form class=\"card no-print\" method=\"post\" action=\"" + base + "/classify\">" + csrf_field(ctx.session.csrf);
        b += "<label for=\"classify-code\">" + tr("Code du plan", "Plan code") + "</label>" + code_select(a, "classify-code", "");
        b += metadata_inputs(a, r, "classify-");
        b += "<p><button type=\"submit\">" + tr("Classer", "Classify") + "</button></p></form>";
    }
    if (may_reclassify) {
        b += "<h2 class=\"no-print\">" + tr("Reclasser", "Reclassify") + "</h2>";
        b += "<form class=\"card no-print\" method=\"post\" action=\"" + base + "/reclassify\">" + csrf_field(ctx.session.csrf);
        b += "<label for=\"reclassify-code\">" + tr("Nouveau code", "New code") + "</label>" + code_select(a, "reclassify-code", r.code);
        b += "<label for=\"reclassify-reason\">" + tr("Motif", "Reason") + "</label><input type=\"text\" id=\"reclassify-reason\" name=\"reason\" required>";
        b += "<p><button type=\"submit\">" + tr("Reclasser", "Reclassify") + "</button></p></form>";
    }
    if (may_edit && r.status == "filed") {
        b += "<h2 class=\"no-print\">" + tr("Corriger les métadonnées", "Correct the metadata") + "</h2>";
        b += "<form class=\"card no-print\" method=\"post\" action=\"" + base + "/edit\">" + csrf_field(ctx.session.csrf);
        b += metadata_inputs(a, r, "edit-");
        b += "<label for=\"edit-reason\">" + tr("Motif", "Reason") + "</label><input type=\"text\" id=\"edit-reason\" name=\"reason\" required>";
        b += "<p><button type=\"submit\">" + tr("Enregistrer les corrections", "Save the corrections") + "</button></p></form>";
    }
    b += "<h2>" + tr("Historique", "History") + "</h2>" + history_html(a, view.history);
    return b;
}

void add_record_routes(App& app, httplib::Server& server) {
    using P = accounts::Permission;
    const std::string id_re = R"(/record/(\d{4}-\d{6}))";
    add_route(app, server, "GET", id_re, {Kind::page, P::search}, [](Ctx& ctx) {
        auto view = visible_record(ctx, ctx.req.matches[1]);
        std::string notice;
        if (ctx.param("done") == "reclassified") notice = tr("Document reclassé.", "Document reclassified.");
        if (ctx.param("done") == "edited") notice = tr("Métadonnées corrigées.", "Metadata corrected.");
        if (ctx.param("done") == "unchanged") notice = tr("Rien n'a changé.", "Nothing changed.");
        if (ctx.param("done") == "classified") notice = tr("Document classé.", "Document classified.");
        ctx.html(view.record.title, "search", record_page_body(ctx, view, notice));
    });
    auto file_route = [&](const std::string& suffix, const std::string& role) {
        add_route(app, server, "GET", id_re + suffix, {Kind::page, P::search}, [role](Ctx& ctx) {
            auto view = visible_record(ctx, ctx.req.matches[1]);
            const archive::RecordFile* f = view.record.file_with_role(role);
            if (!f) throw Error(ErrorCode::not_found, tr("ce document n'a pas ce fichier", "this document has no such file"));
            std::string name = role == "original" ? view.record.original_name : view.record.id + "-" + f->name;
            if (name.empty()) name = f->name;
            send_file(ctx, view.dir + "/" + f->name, safe_media_type(f->media_type), name, ctx.param("download") == "1");
        });
    };
    file_route("/original", "original");
    file_route("/searchable", "searchable");
    add_route(app, server, "GET", id_re + "/stamped", {Kind::page, P::search}, [](Ctx& ctx) {
        auto view = visible_record(ctx, ctx.req.matches[1]);
        std::string bytes = pdf_made_in_tmp(ctx.app, [&](const std::string& out) { service::stamped_copy(ctx.app.archive, view.record.id, out); });
        ctx.res.set_header("Content-Disposition", "inline; filename=\"" + view.record.id + "-" + tr("tampon", "stamped") + ".pdf\"");
        ctx.res.set_content(bytes, "application/pdf");
    });
    add_route(app, server, "POST", id_re + "/reclassify", {Kind::page, P::reclassify, true}, [](Ctx& ctx) {
        std::string id = ctx.req.matches[1];
        visible_record(ctx, id);
        service::reclassify(ctx.app.archive, id, ctx.param("code"), ctx.param("reason"), ctx.actor());
        ctx.redirect("/record/" + id + "?done=reclassified");
    });
    add_route(app, server, "POST", id_re + "/edit", {Kind::page, P::edit_metadata, true}, [](Ctx& ctx) {
        std::string id = ctx.req.matches[1];
        visible_record(ctx, id);
        auto result = service::edit_metadata(ctx.app.archive, id, metadata_from_form(ctx), ctx.param("reason"), ctx.actor());
        ctx.redirect("/record/" + id + (result.changes.empty() ? "?done=unchanged" : "?done=edited"));
    });
    add_route(app, server, "POST", id_re + "/classify", {Kind::page, std::nullopt, true}, [](Ctx& ctx) {
        std::string id = ctx.req.matches[1];
        auto view = visible_record(ctx, id);
        bool may = ctx.allows(P::classify) || (ctx.allows(P::file) && view.record.registered_by == ctx.actor());
        if (!may) throw Error(ErrorCode::not_found, tr("aucun document n° ", "no document number ") + id);
        service::classify(ctx.app.archive, id, ctx.param("code"), metadata_from_form(ctx), ctx.actor());
        std::string back = ctx.param("back");
        ctx.redirect(back == "intake" ? "/intake?done=" + id : "/record/" + id + "?done=classified");
    });
}

}  // namespace ububiko::web::detail
