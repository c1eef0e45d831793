// The search page: the query box (the command line's query language), facets that narrow
// the query on click, highlighted snippets, sorting, pages, "did you mean".
#include <cmath>

#include "core/i18n.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {
namespace {

constexpr std::size_t k_per_page = 10;

// A facet term to add to the query: code:1.2, année:2024, type:pv, de:"Gouverneur".
std::string facet_term(const std::string& facet, const std::string& value) {
    bool needs_quotes = value.find_first_of(" \t\":") != std::string::npos;
    std::string v = value;
    if (needs_quotes) {
        std::string cleaned;
        for (char c : v)
            if (c != '"') cleaned += c;
        v = "\"" + cleaned + "\"";
    }
    if (facet == "code") return "code:" + v;
    if (facet == "year") return (language() == Language::en ? "year:" : "année:") + v;
    if (facet == "type") return "type:" + v;
    return (language() == Language::en ? "from:" : "de:") + v;
}

std::string search_link(const std::string& q, const std::string& sort, std::size_t page_no) {
    return "/search" + query_string({{"q", q}, {"sort", sort == "date" ? "date" : ""}, {"page", page_no > 1 ? std::to_string(page_no) : ""}});
}

std::string facets_html(const index::SearchResult& r, const std::string& q, const std::string& sort) {
    static const std::pair<const char*, std::pair<const char*, const char*>> k_facets[] = {
        {"code", {"Plan de classement", "Classification"}},
        {"year", {"Année", "Year"}},
        {"type", {"Type de document", "Document type"}},
        {"correspondent", {"Correspondant", "Correspondent"}},
    };
    std::string h = "<aside class=\"facets\" aria-label=\"" + tr("Affiner", "Narrow") + "\">";
    for (const auto& [key, label] : k_facets) {
        auto it = r.facets.find(key);
        if (it == r.facets.end() || it->second.empty()) continue;
        h += "<h2>" + tr(label.first, label.second) + "</h2><ul>";
        std::size_t shown = 0;
        for (const index::FacetValue& v : it->second) {
            if (++shown > 30) break;
            std::string term = facet_term(key, v.value);
            bool active = q.find(term) != std::string::npos;
            int depth = 0;
            if (std::string(key) == "code")
                for (char c : v.value) depth += c == '.';
            std::string text = std::string(key) == "code" ? v.value + (v.label.empty() ? "" : " " + v.label)
                                                           : (v.label.empty() ? v.value : v.label);
            h += "<li class=\"depth" + std::to_string(std::min(depth, 2)) + "\">";
            if (active) h += "<strong>" + esc(text) + "</strong>";
            else h += "<a href=\"" + esc(search_link(q.empty() ? term : q + " " + term, sort, 1)) + "\">" + esc(text) + "</a>";
            h += "<span class=\"count\">" + std::to_string(v.count) + "</span></li>";
        }
        h += "</ul>";
    }
    h += "</aside>";
    return h;
}

}  // namespace

std::string hit_html(const archive::Archive& archive, const index::Hit& hit) {
    const index::Summary& s = hit.summary;
    std::string h = "<li class=\"hit\"><h3><a href=\"/record/" + esc(s.id) + "\">" +
                    esc(s.title.empty() ? s.original_name : s.title) + "</a>";
    if (s.access == "confidential") h += " <span class=\"badge confidential\">" + access_label(s.access) + "</span>";
    if (s.status == "to-classify") h += " <span class=\"badge queued\">" + tr("à classer", "to classify") + "</span>";
    h += "</h3><div class=\"meta\">" + esc(archive.qualified_id(s.id));
    if (!s.date.empty()) h += " · " + esc(show_date(s.date));
    if (!s.code.empty()) h += " · " + esc(s.code) + " " + esc(s.code_title);
    if (!s.type.empty()) h += " · " + esc(type_label(archive, s.type));
    if (!s.correspondent.empty()) h += " · " + esc(s.correspondent);
    if (!s.original_name.empty()) h += " · <span class=\"file\">" + esc(s.original_name) + "</span>";
    h += "</div>";
    if (!hit.snippet_html.empty()) h += "<p class=\"snippet\">" + hit.snippet_html + "</p>";
    h += "</li>";
    return h;
}

void add_search_routes(App& app, httplib::Server& server) {
    add_route(app, server, "GET", "/search", {Kind::page, accounts::Permission::search}, [](Ctx& ctx) {
        std::string q = ctx.param("q");
        std::string sort = ctx.param("sort") == "date" ? "date" : "relevance";
        std::size_t page_no = 1;
        try {
            page_no = static_cast<std::size_t>(std::max(1, std::stoi(ctx.param("page").empty() ? "1" : ctx.param("page"))));
        } catch (...) {
        }
        index::SearchRequest req;
        req.query = q;
        req.limit = k_per_page;
        req.offset = (page_no - 1) * k_per_page;
        req.sort = sort == "date" ? index::Sort::date : index::Sort::relevance;
        req.facets = true;
        req.max_access = ctx.max_access();
        req.plan = &ctx.app.archive.plan();

        std::string b = "<h1>" + tr("Rechercher dans les archives", "Search the archives") + "</h1>";
        b += "<form class=\"searchbar\" method=\"get\" action=\"/search\" role=\"search\">"
             "<label for=\"q\" class=\"visually-hidden\">" + tr("Recherche", "Search") + "</label>"
             "<input type=\"search\" id=\"q\" name=\"q\" value=\"" + esc(q) + "\" placeholder=\"" +
             tr("mots, code:1.2, année:2024, type:pv, de:…", "words, code:1.2, year:2024, type:pv, from:…") + "\">"
             "<select name=\"sort\" aria-label=\"" + tr("Tri", "Sort") + "\"><option value=\"relevance\"" +
             (sort == "relevance" ? " selected" : "") + ">" + tr("pertinence", "relevance") + "</option><option value=\"date\"" +
             (sort == "date" ? " selected" : "") + ">" + tr("date", "date") + "</option></select>"
             "<button type=\"submit\" id=\"search-button\">" + tr("Rechercher", "Search") + "</button></form>";
        index::SearchResult r;
        try {
            r = ctx.app.searcher()->search(req);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::invalid_input) throw;
            b += "<div class=\"notice error\" role=\"alert\">" + esc(e.what()) + "</div>";
            return ctx.html(tr("Recherche", "Search"), "search", b, 400);
        }
        if (!r.suggestion.empty())
            b += "<p class=\"notice\">" + tr("Vouliez-vous dire ", "Did you mean ") + "<a id=\"did-you-mean\" href=\"" +
                 esc(search_link(r.suggestion, sort, 1)) + "\">" + esc(r.suggestion) + "</a> ?</p>";
        b += "<div class=\"layout\">" + facets_html(r, q, sort) + "<section aria-live=\"polite\">";
        b += "<p class=\"meta\" id=\"total\">";
        if (q.empty()) b += tr("Derniers documents enregistrés", "Latest documents filed") + " — ";
        b += (r.total_exact ? "" : "~") + std::to_string(r.total) + " " + tr("document(s)", "document(s)");
        if (r.relaxed) b += " — " + tr("aucun n'a tous les mots : voici ceux qui en ont le plus", "none has every word: these have most of them");
        b += "</p>";
        if (r.hits.empty()) b += "<p>" + tr("Aucun document trouvé.", "No document found.") + "</p>";
        b += "<ol class=\"hits\" start=\"" + std::to_string(req.offset + 1) + "\">";
        for (const index::Hit& hit : r.hits) b += hit_html(ctx.app.archive, hit);
        b += "</ol>";
        std::size_t pages = (r.total + k_per_page - 1) / k_per_page;
        if (pages > 1) {
            b += "<nav class=\"pager\" aria-label=\"" + tr("Pages", "Pages") + "\">";
            if (page_no > 1) b += "<a rel=\"prev\" href=\"" + esc(search_link(q, sort, page_no - 1)) + "\">← " + tr("Précédents", "Previous") + "</a>";
            b += "<span>" + tr("page ", "page ") + std::to_string(page_no) + " / " + std::to_string(pages) + "</span>";
            if (page_no < pages) b += "<a rel=\"next\" href=\"" + esc(search_link(q, sort, page_no + 1)) + "\">" + tr("Suivants", "Next") + " →</a>";
            b += "</nav>";
        }
        b += "</section></div>";
        ctx.html(q.empty() ? tr("Recherche", "Search") : q, "search", b);
    });
}

}  // namespace ububiko::web::detail
