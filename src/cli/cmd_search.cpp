// ububiko search QUERY [--json] [--limit N] [--offset N] [--sort relevance|date] [--facets]
#include <filesystem>
#include <iostream>

#include "cli/context.hpp"
#include "core/i18n.hpp"
#include "index/searcher.hpp"

namespace ububiko::cli {
namespace {

// Matches (between \x01 and \x02) in bold on a terminal, between [ ] otherwise.
std::string render_snippet(const std::string& s) {
    std::string open = bold("\x03"), close;
    bool ansi = open != "\x03";
    std::string out;
    for (char c : s) {
        if (c == '\x01') out += ansi ? "\x1b[1;33m" : "[";
        else if (c == '\x02') out += ansi ? "\x1b[0m" : "]";
        else out += c;
    }
    return out;
}

// Codes show their number and title; other values their label when there is one.
void print_facet(const char* label, const std::vector<index::FacetValue>& values, std::size_t max, bool with_value = false) {
    if (values.empty()) return;
    std::cout << label;
    for (std::size_t i = 0; i < values.size() && i < max; ++i) {
        const auto& v = values[i];
        std::cout << (i ? " · " : "");
        if (v.label.empty()) std::cout << v.value;
        else if (with_value) std::cout << v.value << " " << v.label;
        else std::cout << v.label;
        std::cout << " (" << v.count << ")";
    }
    if (values.size() > max) std::cout << " · …";
    std::cout << "\n";
}

}  // namespace

void register_search(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> words;
        std::size_t limit = 10, offset = 0;
        std::string sort = "relevance";
        bool facets = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "search", tr("recherche plein texte (accents, pluriels et majuscules indifférents)",
                     "full-text search (accents, plurals and case do not matter)"));
    cmd->add_option("query", o->words,
                    tr("mots, \"expression exacte\", OU, -exclu, code:1.2 année:2024 type:pv de:gouverneur "
                       "date:2024-01..2024-06",
                       "words, \"exact phrase\", OR, -excluded, code:1.2 year:2024 type:pv from:governor "
                       "date:2024-01..2024-06"));
    cmd->add_option("--limit,-n", o->limit, tr("nombre de résultats (défaut 10)", "number of results (default 10)"))->check(whole_number());
    cmd->add_option("--offset", o->offset, tr("résultats à sauter (pagination)", "results to skip (paging)"))->check(whole_number());
    cmd->add_option("--sort", o->sort, tr("relevance (pertinence) ou date", "relevance or date"))
        ->check(CLI::IsMember({"relevance", "date", "pertinence"}));
    cmd->add_flag("--facets", o->facets, tr("compte par code, année, type et correspondant",
                                            "counts by code, year, type and correspondent"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([o, &ctx] {
        const archive::Archive& a = ctx.archive();
        index::SearchRequest req;
        for (const auto& w : o->words) req.query += (req.query.empty() ? "" : " ") + w;
        req.limit = o->limit;
        req.offset = o->offset;
        req.sort = o->sort == "date" ? index::Sort::date : index::Sort::relevance;
        req.facets = o->facets;
        // The plan is read only when the query or the facets need it (a search stays quick).
        bool needs_plan = o->facets || req.query.find("code:") != std::string::npos ||
                          req.query.find("type:") != std::string::npos || req.query.find("classement:") != std::string::npos;
        if (needs_plan) req.plan = &a.plan();
        index::Searcher searcher(a.root());
        index::SearchResult r = searcher.search(req);
        // An archive whose index/ was lost finds nothing: say why, and what rebuilds it.
        std::error_code ec;
        if (!searcher.present() && !std::filesystem::is_empty(a.root() + "/records", ec) && !ec)
            std::cerr << "ububiko : "
                      << tr("l'index de recherche est absent ; « ububiko reindex » le reconstruit à partir de records/",
                            "the search index is missing; 'ububiko reindex' rebuilds it from records/")
                      << "\n";

        if (ctx.json) return print_json(index::to_json(req, r, a.config().code));

        if (r.total == 0) {
            std::cout << tr("Aucun résultat", "No results") << (req.query.empty() ? "" : tr(" pour « ", " for '") + req.query + tr(" »", "'")) << ".\n";
        } else {
            std::cout << (r.total_exact ? "" : tr("environ ", "about ")) << r.total << tr(" résultat(s)", " result(s)")
                      << (req.query.empty() ? "" : tr(" pour « ", " for '") + req.query + tr(" »", "'"));
            if (r.hits.empty() && req.offset > 0)
                std::cout << tr(" — aucun à partir du ", " — none from number ") << req.offset + 1
                          << tr("e (--offset)", " on (--offset)");
            else if (r.total > r.hits.size() && !r.hits.empty())
                std::cout << tr(" — affichés ", " — showing ") << req.offset + 1 << "–" << req.offset + r.hits.size();
            std::cout << "\n";
        }
        if (r.relaxed)
            std::cout << tr("(aucun document ne contient tous les mots ; voici ceux qui en contiennent le plus)\n",
                            "(no document has every word; these have most of them)\n");
        if (!r.suggestion.empty())
            std::cout << tr("Vouliez-vous dire : ", "Did you mean: ") << bold(r.suggestion) << " ?\n";
        std::cout << "\n";
        std::size_t rank = req.offset;
        for (const auto& h : r.hits) {
            const index::Summary& s = h.summary;
            std::cout << ++rank << ". " << bold(s.id) << "  " << (s.date.empty() ? "----------" : s.date) << "  " << s.code;
            if (!s.code_title.empty()) std::cout << " " << s.code_title;
            std::cout << "\n   " << s.title;
            if (!s.original_name.empty()) std::cout << "  [" << s.original_name << "]";
            if (s.status == "destroyed") std::cout << tr("  (éliminé : la fiche reste, le fichier n'est plus)", "  (destroyed: the record stays, not the file)");
            if (s.status == "to-classify") std::cout << tr("  (à classer)", "  (to classify)");
            std::cout << "\n";
            if (!h.snippet.empty()) std::cout << "   " << render_snippet(h.snippet) << "\n";
            std::cout << "\n";
        }
        if (req.facets) {
            std::vector<index::FacetValue> top, second;
            for (const auto& v : r.facets["code"]) (v.value.find('.') == std::string::npos ? top : second).push_back(v);
            print_facet(language() == Language::fr ? "Par code     : " : "By code      : ", top, 12, true);
            std::vector<index::FacetValue> level2;
            for (const auto& v : second)
                if (std::count(v.value.begin(), v.value.end(), '.') == 1) level2.push_back(v);
            print_facet(language() == Language::fr ? "  sous-codes : " : "  sub-codes  : ", level2, 12, true);
            print_facet(language() == Language::fr ? "Par année    : " : "By year      : ", r.facets["year"], 15);
            print_facet(language() == Language::fr ? "Par type     : " : "By type      : ", r.facets["type"], 10);
            print_facet(language() == Language::fr ? "Par corresp. : " : "By corresp.  : ", r.facets["correspondent"], 6);
        }
    });
}

}  // namespace ububiko::cli
