// The lists: the queue of documents to classify, the plan with its record counts, the
// audit dashboard (and the full report with its charts), and the records whose
// retention has ended.
#include <cstdio>
#include <tuple>

#include "archive/writer.hpp"
#include "audit/audit.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "service/disposition.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {
namespace {

std::string disposition_label(plan::Disposition d) {
    switch (d) {
        case plan::Disposition::keep: return tr("conservation", "keep");
        case plan::Disposition::destroy: return tr("élimination", "destroy");
        default: return tr("tri", "sample");
    }
}

// One code of the plan and its children, with the records each holds (for this user).
void plan_node(const archive::Archive& a, const std::string& code, const std::map<std::string, std::size_t>& counts,
               std::string& h) {
    const plan::Node* n = a.plan().find(code);
    if (!n) return;
    auto it = counts.find(code);
    std::size_t count = it == counts.end() ? 0 : it->second;
    std::string label = "<a href=\"/search?q=" + url_encode("code:" + code) + "\">" + esc(code_label(a, code)) + "</a> <span class=\"count\">(" +
                        std::to_string(count) + ")</span>";
    if (n->obsolete) label += " <span class=\"badge\">" + tr("obsolète", "obsolete") + "</span>";
    if (n->children.empty()) {
        plan::Effective e = a.plan().effective(code);
        label += "<div class=\"meta\">";
        if (e.retention) label += tr("DUA ", "Retention ") + std::to_string(e.retention->years) + tr(" ans", " years");
        if (e.disposition) label += " · " + disposition_label(*e.disposition);
        if (e.access) label += " · " + access_label(plan::to_string(*e.access));
        label += "</div>";
        h += "<li>" + label + "</li>";
        return;
    }
    h += "<li><details class=\"tree\"" + std::string(count > 0 ? " open" : "") + "><summary>" + label + "</summary><ul>";
    for (const std::string& c : n->children) plan_node(a, c, counts, h);
    h += "</ul></details></li>";
}

std::string score_bar(double score) {
    int s = static_cast<int>(score + 0.5);
    return "<div class=\"bar\" role=\"img\" aria-label=\"" + std::to_string(s) + " / 100\"><span style=\"width:" + std::to_string(s) + "%\"></span></div>";
}

}  // namespace

void add_list_routes(App& app, httplib::Server& server) {
    using P = accounts::Permission;
    add_route(app, server, "GET", "/queue", {Kind::page, P::search}, [](Ctx& ctx) {
        if (!ctx.allows(P::file) && !ctx.allows(P::classify)) throw Error(ErrorCode::not_found, tr("page introuvable", "page not found"));
        auto items = visible_queue(ctx);
        std::string b = "<h1>" + tr("Documents à classer", "Documents to classify") + "</h1>";
        std::string rows;
        for (const auto& s : items) {
            rows += "<tr><td><a href=\"/record/" + esc(s.id) + "\">" + esc(ctx.app.archive.qualified_id(s.id)) + "</a></td><td>" +
                    esc(s.title) + "</td><td>" + esc(show_date(s.date)) + "</td><td>" + esc(s.original_name) + "</td><td>" +
                    esc(show_date(s.registered.substr(0, 10))) + "</td></tr>";
        }
        if (items.empty()) b += "<p>" + tr("Rien à classer.", "Nothing to classify.") + "</p>";
        else
            b += "<p class=\"meta\">" + std::to_string(items.size()) + tr(" document(s)", " document(s)") + "</p><table><thead><tr><th>" + tr("N°", "No.") +
                 "</th><th>" + tr("Titre", "Title") + "</th><th>" + tr("Date", "Date") + "</th><th>" + tr("Fichier reçu", "File received") +
                 "</th><th>" + tr("Enregistré le", "Registered") + "</th></tr></thead><tbody>" + rows + "</tbody></table>";
        ctx.html(tr("À classer", "To classify"), "queue", b);
    });
    add_route(app, server, "GET", "/plan", {Kind::page, P::search}, [](Ctx& ctx) {
        const archive::Archive& a = ctx.app.archive;
        index::SearchRequest req;
        req.limit = 0;
        req.facets = true;
        req.snippets = false;
        req.max_access = ctx.max_access();
        req.plan = &a.plan();
        auto r = ctx.app.searcher()->search(req);
        std::map<std::string, std::size_t> counts;
        for (const auto& v : r.facets["code"]) counts[v.value] = v.count;
        std::string b = "<h1>" + tr("Plan de classement", "Classification plan") + "</h1><p class=\"meta\">" + esc(a.plan().header.title) +
                        " (" + esc(a.plan().ref()) + ") — " + std::to_string(r.total) + tr(" document(s)", " document(s)") + "</p><ul class=\"plan\">";
        for (const std::string& root : a.plan().roots) plan_node(a, root, counts, b);
        b += "</ul>";
        ctx.html(tr("Plan de classement", "Classification plan"), "plan", b);
    });
    add_route(app, server, "GET", "/audit", {Kind::page, P::audit}, [](Ctx& ctx) {
        audit::Options options;
        options.suggestions = ctx.param("full") == "1";
        options.may_see = [&ctx](const std::string& access) { return ctx.may_see(access); };
        audit::Report r = audit::run(ctx.app.archive, options);
        std::string b = "<h1>" + tr("Audit de l'archive", "Archive audit") + "</h1>";
        b += "<div class=\"grid2\"><div class=\"card\"><div class=\"meta\">" + tr("Note d'ensemble", "Overall score") +
             "</div><div class=\"score\" id=\"audit-score\">" + std::to_string(static_cast<int>(r.score + 0.5)) + " / 100</div>" +
             score_bar(r.score) + "<p class=\"meta\">" + esc(r.formula) + "</p></div>";
        b += "<div class=\"card\"><dl class=\"fields\"><dt>" + tr("Documents", "Records") + "</dt><dd>" + std::to_string(r.records) +
             "</dd><dt>" + tr("À classer", "To classify") + "</dt><dd>" + std::to_string(r.queued) + "</dd><dt>" +
             tr("Plan", "Plan") + "</dt><dd>" + esc(r.plan) + "</dd><dt>" + tr("Date", "Date") + "</dt><dd>" + esc(show_date(r.as_of.iso())) + "</dd></dl></div></div>";
        b += "<table><thead><tr><th>" + tr("Rubrique", "Section") + "</th><th>" + tr("Note", "Score") + "</th><th></th><th>" +
             tr("Constats", "Findings") + "</th></tr></thead><tbody>";
        for (const auto& s : r.sections)
            b += "<tr><td>" + esc(s.title) + "</td><td>" + std::to_string(static_cast<int>(s.score + 0.5)) + "</td><td style=\"width:30%\">" +
                 score_bar(s.score) + "</td><td>" + std::to_string(s.findings.size()) + "</td></tr>";
        b += "</tbody></table>";
        b += "<p><a class=\"button\" href=\"/audit/report" + std::string(options.suggestions ? "?full=1" : "") + "\">" +
             tr("Rapport complet avec graphiques", "Full report with charts") + "</a> ";
        if (!options.suggestions)
            b += "<a class=\"button secondary\" href=\"/audit?full=1\">" + tr("Avec la recherche des erreurs de classement (plus long)", "With the search for misfiling (slower)") + "</a>";
        b += "</p>";
        ctx.html(tr("Audit", "Audit"), "audit", b);
    });
    add_route(app, server, "GET", "/audit/report", {Kind::page, P::audit}, [](Ctx& ctx) {
        audit::Options options;
        options.suggestions = ctx.param("full") == "1";
        options.may_see = [&ctx](const std::string& access) { return ctx.may_see(access); };
        std::vector<audit::Report> reports{audit::run(ctx.app.archive, options)};
        ctx.res.set_content(audit::to_html(reports), "text/html; charset=utf-8");
    });
    add_route(app, server, "GET", "/disposition", {Kind::page, P::dispose}, [](Ctx& ctx) {
        service::DueList due = service::due_records(ctx.app.archive, today());
        std::string b = "<h1>" + tr("Sort final : durée d'utilité administrative échue", "Disposition: retention period ended") + "</h1>";
        b += "<p class=\"meta\">" + tr("Au ", "As of ") + esc(show_date(due.as_of.iso())) + " — " + std::to_string(due.records.size()) +
             tr(" document(s) échu(s)", " record(s) due");
        if (due.unknown) b += ", " + std::to_string(due.unknown) + tr(" sans date connue", " without a known date");
        b += "</p>";
        if (!due.records.empty()) {
            b += "<table><thead><tr><th>" + tr("N°", "No.") + "</th><th>" + tr("Code", "Code") + "</th><th>" + tr("Titre", "Title") +
                 "</th><th>" + tr("Date", "Date") + "</th><th>" + tr("Échéance", "Due") + "</th><th>" + tr("Sort final", "Disposition") + "</th></tr></thead><tbody>";
            for (const auto& d : due.records)
                b += "<tr><td><a href=\"/record/" + esc(d.id) + "\">" + esc(ctx.app.archive.qualified_id(d.id)) + "</a></td><td>" + esc(d.code) +
                     "</td><td>" + esc(d.title) + "</td><td>" + esc(show_date(d.date)) + "</td><td>" + esc(show_date(d.due.iso())) + "</td><td>" +
                     esc(disposition_label(d.disposition)) + "</td></tr>";
            b += "</tbody></table>";
        }
        // The slips (bordereaux) to print and have signed; the destruction itself stays on
        // the command line (`ububiko dispose`), after the signed slip comes back.
        std::size_t to_destroy = 0, to_transfer = 0;
        for (const auto& d : due.records) (service::disposition_matches(d.disposition, "destroy") ? to_destroy : to_transfer)++;
        for (const auto& [action, count, label] : {std::tuple{"destroy", to_destroy, tr("Bordereau d'élimination (PDF)", "Destruction slip (PDF)")},
                                                   std::tuple{"transfer", to_transfer, tr("Bordereau de versement (PDF)", "Transfer slip (PDF)")}}) {
            if (count == 0) continue;
            b += "<form method=\"post\" action=\"/disposition/slip\" class=\"inline\">" + csrf_field(ctx.session.csrf) +
                 "<input type=\"hidden\" name=\"action\" value=\"" + std::string(action) + "\"><button type=\"submit\">" + esc(label) + " — " +
                 std::to_string(count) + "</button></form> ";
        }
        b += "<p class=\"meta\">" + tr("Chaque bordereau reçoit un numéro et est gardé dans l'archive ; l'élimination se fait ensuite avec « ububiko dispose --slip N » (confirmation exigée).",
                                       "Each slip gets a number and is kept in the archive; destruction is then done with 'ububiko dispose --slip N' (confirmation required).") + "</p>";
        ctx.html(tr("Sort final", "Disposition"), "disposition", b);
    });
    add_route(app, server, "POST", "/disposition/slip", {Kind::page, P::dispose, true}, [](Ctx& ctx) {
        std::string action = ctx.param("action");
        if (action != "destroy" && action != "transfer")
            throw Error(ErrorCode::invalid_input, tr("action inconnue : ", "unknown action: ") + action + " (destroy, transfer)");
        service::SlipResult r;
        std::string bytes = pdf_made_in_tmp(ctx.app, [&](const std::string& out) {
            r = service::make_slip(ctx.app.archive, action, today(), out, {}, ctx.actor());
        });
        ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + r.number + ".pdf\"");
        ctx.res.set_content(bytes, "application/pdf");
    });
}

}  // namespace ububiko::web::detail
