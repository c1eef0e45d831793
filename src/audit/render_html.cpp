// The audit as one self-contained HTML page: inline CSS (screen and A4 print), SVG charts,
// no script and no external resource; everything from the archive escaped.
#include <algorithm>
#include <cstdio>

#include "audit/audit_internal.hpp"
#include "audit/html_internal.hpp"
#include "core/i18n.hpp"

namespace ububiko::audit {

using namespace detail;

namespace {

constexpr std::size_t k_rows_shown = 50;  // findings shown per section (the exports have them all)

const char* k_css = R"CSS(
:root{--good:#2e7d32;--fair:#9e7c00;--poor:#e65100;--bad:#c62828;--ink:#1d1d1d;--mute:#555;--line:#c9c9c9;--accent:#3b6ea5}
*{box-sizing:border-box}
body{margin:0;background:#eceae6;color:var(--ink);font:15px/1.45 "DejaVu Sans","Noto Sans","Segoe UI",Arial,sans-serif}
main{max-width:62rem;margin:0 auto;padding:1.2rem 1.6rem 3rem;background:#fff}
h1{font-size:1.6rem;margin:.3rem 0}
h2{font-size:1.25rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin:2rem 0 .6rem}
h3{font-size:1.05rem;margin:1.1rem 0 .4rem}
.sub{color:var(--mute);margin:.1rem 0 .8rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0;font-size:.92rem}
dl.meta dt{color:var(--mute)} dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.86rem;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num,th.num{text-align:right;white-space:nowrap}
td.id,td.code{white-space:nowrap}
.score{display:inline-block;min-width:3.3em;padding:.05em .45em;border-radius:.3em;color:#fff;font-weight:bold;text-align:center}
.good{background:var(--good)} .fair{background:var(--fair)} .poor{background:var(--poor)} .bad{background:var(--bad)}
.na{background:#9a9a9a}
.overall{display:flex;gap:1.2rem;align-items:center;margin:.6rem 0}
.overall .score{font-size:2.2rem;padding:.15em .5em}
.formula{font-size:.84rem;color:var(--mute);margin:.3rem 0}
.facts{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0;padding:0;list-style:none}
.facts li{border:1px solid var(--line);border-radius:.3rem;padding:.35rem .7rem;min-width:9rem}
.facts b{display:block;font-size:1.25rem}
figure{margin:1rem 0;break-inside:avoid}
figcaption{font-weight:bold;font-size:.92rem;margin-bottom:.3rem}
svg.chart{max-width:100%;height:auto;display:block}
.more{font-style:italic;color:var(--mute)}
.clean{color:var(--good);font-weight:bold}
.report+.report,.comparison+.report{margin-top:3rem;border-top:6px double var(--line)}
@media print{
  @page{size:A4;margin:14mm 12mm 16mm}
  @page wide{size:A4 landscape;margin:12mm}
  body{background:#fff;font-size:9.5pt}
  main{max-width:none;padding:0}
  .comparison{page:wide}
  .report{break-before:page;border-top:none!important;margin-top:0!important}
  section.findings{break-before:page}
  section.findings.empty{break-before:auto}
  h1,h2,h3{break-after:avoid}
  tr,figure,.overall,.facts li{break-inside:avoid}
  thead{display:table-header-group}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
)CSS";

std::string long_date(const Date& d) {
    static const char* fr[] = {"janvier",   "février", "mars",     "avril",
                               "mai",       "juin",    "juillet",  "août",
                               "septembre", "octobre", "novembre", "décembre"};
    static const char* en[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
    if (d.month < 1 || d.month > 12) return d.iso();
    const char* m = language() == Language::en ? en[d.month - 1] : fr[d.month - 1];
    return std::to_string(d.day) + " " + m + " " + std::to_string(d.year);
}

std::string size_text(std::uint64_t bytes) {
    const char* fr[] = {"o", "Ko", "Mo", "Go", "To"};
    const char* en[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1000 && u < 4) {
        v /= 1000;
        ++u;
    }
    return number(v) + " " + (language() == Language::en ? en[u] : fr[u]);
}

std::string badge(const std::optional<double>& score) {
    if (!score) return "<span class=\"score na\">—</span>";
    return std::string("<span class=\"score ") + score_band(*score) + "\">" + number(*score) +
           "</span>";
}

std::optional<double> score_of(const Report& r, const std::string& key) {
    const Section* s = find_section(r, key);
    return s ? std::optional<double>(s->score) : std::nullopt;
}

// A section's name in a column header of the comparison table (eight communes must fit a
// landscape page); the full title is in the header's tooltip and in each report.
std::string short_title(const std::string& key) {
    if (key == "integrity") return tr("Intégrité", "Integrity");
    if (key == "placement") return tr("Codes", "Codes");
    if (key == "misfiling") return tr("Classement", "Misfiling");
    if (key == "queue") return tr("Attente", "Queue");
    if (key == "metadata") return tr("Métadonnées", "Metadata");
    if (key == "retention") return tr("Conservation", "Retention");
    if (key == "ocr") return tr("OCR", "OCR");
    return key;
}

// The id of a report in the page: its place among the reports and its code (the same
// archive may be given twice, say a copy beside the original).
std::string anchor(const Report& r, std::size_t n) {
    return "r" + std::to_string(n + 1) + "-" + esc(r.archive_code);
}

std::string commune_name(const Report& r) {
    return r.commune.empty() ? r.archive_name : r.commune;
}

std::size_t count_of(const Section* s, std::initializer_list<const char*> which) {
    std::size_t n = 0;
    if (s)
        for (const Finding& f : s->findings)
            for (const char* k : which) n += f.kind == k;
    return n;
}

// What to do first, most urgent first; HTML.
std::vector<std::string> advice(const Report& r) {
    std::vector<std::string> out;
    auto n = [](std::size_t v) { return count(v); };
    const Section* integ = find_section(r, "integrity");
    if (std::size_t k = count_of(integ, {"fixity", "missing-file", "record"}))
        out.push_back(tr("Restaurer depuis la sauvegarde les fichiers altérés ou absents (",
                         "Restore from the backup the altered or missing files (") +
                      n(k) +
                      tr("), puis relancer <code>ububiko check</code>.",
                         "), then run <code>ububiko check</code> again."));
    if (count_of(integ, {"journal"}))
        out.push_back(
            tr("Faire examiner le journal : une ligne a été modifiée, supprimée ou tronquée. Le "
               "comparer à la "
               "sauvegarde avant toute autre opération.",
               "Have the journal examined: a line was changed, removed or cut. Compare it with the "
               "backup "
               "before anything else."));
    if (count_of(integ, {"not-indexed", "stale-index", "orphan-index", "index", "not-journaled"}))
        out.push_back(
            tr("Lancer <code>ububiko check --repair</code> : l'index et le journal seront remis "
               "d'accord avec les "
               "dossiers.",
               "Run <code>ububiko check --repair</code>: the index and journal will be brought "
               "back in line "
               "with the folders."));
    if (count_of(integ, {"extra-file", "misplaced"}))
        out.push_back(tr(
            "Examiner les fichiers non décrits et dossiers mal placés signalés (section "
            "Intégrité).",
            "Examine the undescribed files and misplaced folders reported (Integrity section)."));
    struct Step {
        const char* key;
        const char *fr, *en;
    };
    static const Step steps[] = {
        {"placement", "Reclasser sous un code valide du plan (<code>ububiko reclassify</code>) : ",
         "Reclassify under a valid code of the plan (<code>ububiko reclassify</code>): "},
        {"misfiling", "Vérifier les classements douteux et reclasser ce qui doit l'être : ",
         "Check the probable misfilings and reclassify what must be: "},
        {"queue",
         "Classer les documents en attente depuis longtemps (<code>ububiko classify</code>) : ",
         "Classify the documents waiting for long (<code>ububiko classify</code>): "},
        {"retention",
         "Préparer les bordereaux d'élimination ou de versement (<code>ububiko disposition</code>) "
         ": ",
         "Prepare the destruction or transfer slips (<code>ububiko disposition</code>): "},
        {"metadata",
         "Compléter les métadonnées obligatoires : ", "Complete the required metadata: "},
        {"ocr", "Océriser ou rescanner les documents mal lus : ",
         "Run OCR on, or rescan, the documents poorly read: "},
    };
    for (const Step& st : steps)
        if (const Section* s = find_section(r, st.key); s && !s->findings.empty())
            out.push_back((language() == Language::en ? st.en : st.fr) + n(affected(*s)) +
                          tr(" document(s).", " document(s)."));
    return out;
}

std::string findings_table(const Section& s) {
    std::string h = "<table><thead><tr><th>" + tr("N°", "No.") + "</th><th>" + tr("Code", "Code") +
                    "</th><th>" + tr("Constat", "Finding") + "</th><th>" + tr("Détail", "Detail") +
                    "</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < s.findings.size() && i < k_rows_shown; ++i) {
        const Finding& f = s.findings[i];
        h += "<tr><td class=\"id\">" + (f.id.empty() ? "—" : esc(f.id)) +
             "</td><td class=\"code\">" + (f.code.empty() ? "—" : esc(f.code)) + "</td><td>" +
             esc(kind_label(f.kind)) + "</td><td>" + esc(f.message) + "</td></tr>";
    }
    h += "</tbody></table>";
    if (s.findings.size() > k_rows_shown)
        h += "<p class=\"more\">" + tr("… et ", "… and ") +
             count(s.findings.size() - k_rows_shown) +
             tr(" autres (liste complète dans les exports JSON et CSV).",
                " more (full list in the JSON and CSV exports).") +
             "</p>";
    return h;
}

std::string summary_html(const Report& r) {
    std::string h = "<section class=\"summary\"><h2>" + tr("Synthèse", "Summary") + "</h2>";
    h += "<div class=\"overall\">" + badge(r.score) + "<div><b>" +
         tr("Score global sur 100", "Overall score out of 100") + "</b><p class=\"formula\">" +
         esc(r.formula) + "</p></div></div>";
    // Main problems: sections with findings, worst score first.
    std::vector<const Section*> bad;
    for (const Section& s : r.sections)
        if (!s.findings.empty()) bad.push_back(&s);
    std::stable_sort(bad.begin(), bad.end(), [](const Section* a, const Section* b) {
        if (a->score != b->score) return a->score < b->score;
        return section_weight(a->key) > section_weight(b->key);
    });
    h += "<h3>" + tr("Principaux problèmes", "Main problems") + "</h3>";
    if (bad.empty()) {
        h += "<p class=\"clean\">" + tr("Aucun problème relevé.", "No problem found.") + "</p>";
    } else {
        h += "<ul>";
        for (const Section* s : bad) {
            std::string what;
            for (const auto& [kind, n] : kinds(*s))
                what +=
                    (what.empty() ? "" : ", ") + esc(kind_label(kind)) + tr(" : ", ": ") + count(n);
            h += "<li>" + badge(s->score) + " <b>" + esc(s->title) + "</b> — " + what + "</li>";
        }
        h += "</ul>";
        h += "<h3>" + tr("À faire en priorité", "What to do first") + "</h3><ol>";
        for (const std::string& a : advice(r)) h += "<li>" + a + "</li>";
        h += "</ol>";
    }
    std::vector<Bar> bars;
    for (const std::string& key : section_keys()) {
        std::optional<double> sc = score_of(r, key);
        bars.push_back(
            {section_title(key), sc, sc ? number(*sc) : tr("non évalué", "not evaluated")});
    }
    const std::string title = tr("Score par section (sur 100)", "Score per section (out of 100)");
    h += "<figure><figcaption>" + title + "</figcaption>" + bar_chart(bars, title, 100, true) +
         "</figure>";
    return h + "</section>";
}

std::string inventory_html(const Report& r) {
    std::string h = "<section class=\"inventory\"><h2>" + tr("Inventaire", "Inventory") +
                    "</h2><ul class=\"facts\">";
    auto fact = [&](const std::string& label, const std::string& value) {
        h += "<li>" + label + "<b>" + value + "</b></li>";
    };
    fact(tr("Documents", "Documents"), count(r.records));
    fact(tr("Fichiers vérifiés", "Files verified"),
         count(r.files) + " (" + size_text(r.bytes) + ")");
    fact(tr("En attente de classement", "Waiting to be classified"), count(r.queued));
    fact(tr("Attente la plus longue", "Longest wait"),
         count(static_cast<std::size_t>(r.oldest_queued_days)) + tr(" jours", " days"));
    h += "</ul>";

    // Years without records are shown empty so that the axis keeps time, unless the span
    // is so long (a mistyped year) that the bars would vanish.
    std::vector<std::pair<std::string, double>> years;
    constexpr int k_longest_span = 60;
    if (!r.by_year.empty() &&
        r.by_year.rbegin()->first - r.by_year.begin()->first < k_longest_span) {
        for (int y = r.by_year.begin()->first; y <= r.by_year.rbegin()->first; ++y) {
            auto it = r.by_year.find(y);
            years.emplace_back(std::to_string(y),
                               it == r.by_year.end() ? 0.0 : static_cast<double>(it->second));
        }
    } else {
        for (const auto& [year, n] : r.by_year)
            years.emplace_back(std::to_string(year), static_cast<double>(n));
    }
    std::string t1 = tr("Documents par année (date du document, sinon d'enregistrement)",
                        "Documents per year (document date, else registration)");
    h += "<figure><figcaption>" + t1 + "</figcaption>" + column_chart(years, t1) + "</figure>";

    // Every top-level code of the plan, then codes found on records but not in the plan.
    std::vector<std::string> codes;
    for (const auto& [code, title] : r.code_titles) codes.push_back(code);
    for (const auto& [code, y] : r.by_code_year)
        if (!r.code_titles.count(code)) codes.push_back(code);
    std::sort(codes.begin(), codes.end(),
              [](const std::string& a, const std::string& b) { return plan::code_less(a, b); });
    std::vector<Bar> bars;
    std::map<std::string, std::size_t> totals;
    for (const std::string& code : codes) {
        std::size_t total = 0;
        if (auto it = r.by_code_year.find(code); it != r.by_code_year.end())
            for (const auto& [year, n] : it->second) total += n;
        totals[code] = total;
        auto t = r.code_titles.find(code);
        bars.push_back(
            {code + " " +
                 (t == r.code_titles.end() ? tr("(hors du plan)", "(not in the plan)") : t->second),
             static_cast<double>(total), count(total)});
    }
    std::string t2 = tr("Documents classés par grande division du plan",
                        "Filed documents per top-level code of the plan");
    h +=
        "<figure><figcaption>" + t2 + "</figcaption>" + bar_chart(bars, t2, 0, false) + "</figure>";

    // The table by code and year: recent years each, older ones together, so it fits a page.
    std::vector<int> all_years;
    for (const auto& [year, n] : r.by_year) all_years.push_back(year);
    constexpr std::size_t k_columns = 8;
    int first_own =
        all_years.size() > k_columns ? all_years[all_years.size() - (k_columns - 1)] : 0;
    h += "<table class=\"by-code-year\"><thead><tr><th>" + tr("Code", "Code") + "</th>";
    if (first_own) h += "<th class=\"num\">≤ " + std::to_string(first_own - 1) + "</th>";
    for (int y : all_years)
        if (y >= first_own) h += "<th class=\"num\">" + std::to_string(y) + "</th>";
    h += "<th class=\"num\">" + tr("Total", "Total") + "</th></tr></thead><tbody>";
    for (const std::string& code : codes) {
        if (totals[code] == 0) continue;
        const auto& per = r.by_code_year.at(code);
        h += "<tr><td>" + esc(code) +
             (r.code_titles.count(code) ? " " + esc(r.code_titles.at(code)) : std::string()) +
             "</td>";
        if (first_own) {
            std::size_t older = 0;
            for (const auto& [year, n] : per) older += year < first_own ? n : 0;
            h += "<td class=\"num\">" + (older ? count(older) : std::string()) + "</td>";
        }
        for (int y : all_years)
            if (y >= first_own) {
                auto it = per.find(y);
                h += "<td class=\"num\">" + (it == per.end() ? std::string() : count(it->second)) +
                     "</td>";
            }
        h += "<td class=\"num\"><b>" + count(totals[code]) + "</b></td></tr>";
    }
    h += "</tbody></table>";
    if (r.queued)
        h += "<p class=\"formula\">" + count(r.queued) +
             tr(" document(s) en attente de classement ne figurent pas dans ce tableau.",
                " document(s) waiting to be classified are not in this table.") +
             "</p>";
    return h + "</section>";
}

std::string section_html(const Report& r, std::size_t n, const std::string& key,
                         int number_in_report) {
    const Section* s = find_section(r, key);
    std::string cls = s && !s->findings.empty() ? "findings" : "findings empty";
    std::string h = "<section class=\"" + cls + "\" id=\"" + anchor(r, n) + "-" + esc(key) +
                    "\"><h2>" + std::to_string(number_in_report) + ". " +
                    esc(s ? s->title : section_title(key)) + " " +
                    badge(s ? std::optional<double>(s->score) : std::nullopt) + "</h2>";
    if (s == nullptr)
        return h + "<p class=\"more\">" +
               tr("Non évalué : la recherche des classements douteux a été désactivée (ou l'index "
                  "est illisible). "
                  "Cette section ne compte pas dans le score global.",
                  "Not evaluated: the search for probable misfiling was turned off (or the index "
                  "is unreadable). "
                  "This section does not count in the overall score.") +
               "</p></section>";
    h += "<p class=\"formula\">" + tr("Score : ", "Score: ") + esc(s->formula) + "</p>";
    h += "<p>" + count(s->checked) + tr(" examiné(s), ", " examined, ") + count(affected(*s)) +
         tr(" concerné(s), ", " concerned, ") + count(s->findings.size()) +
         tr(" constat(s).", " finding(s).") + "</p>";
    if (s->findings.empty())
        return h + "<p class=\"clean\">" + tr("Rien à signaler.", "Nothing to report.") +
               "</p></section>";
    return h + findings_table(*s) + "</section>";
}

std::string report_html(const Report& r, std::size_t n) {
    std::string name = r.archive_name.empty() ? r.archive_code : r.archive_name;
    std::string h = "<article class=\"report\" id=\"" + anchor(r, n) + "\"><header><h1>" +
                    tr("Audit de conformité des archives", "Archives compliance audit") +
                    "</h1><p class=\"sub\">" + esc(name) + "</p><dl class=\"meta\">";
    auto row = [&](const std::string& label, const std::string& value) {
        if (!value.empty()) h += "<dt>" + label + "</dt><dd>" + value + "</dd>";
    };
    row(tr("Code de l'archive", "Archive code"), esc(r.archive_code));
    row(tr("Commune", "Commune"), esc(r.commune));
    row(tr("Province", "Province"), esc(r.province));
    row(tr("Plan de classement en vigueur", "Classification plan in force"), esc(r.plan));
    row(tr("Situation au", "As of"), long_date(r.as_of));
    row(tr("Établi le", "Produced on"), esc(r.generated));
    h += "</dl></header>";
    h += summary_html(r);
    h += inventory_html(r);
    int i = 1;
    for (const std::string& key : section_keys()) h += section_html(r, n, key, i++);
    h += "<section class=\"method\"><h2>" + tr("Méthode", "Method") + "</h2><p>" +
         tr("Chaque section est notée sur 100 selon la formule écrite sous son titre ; le score "
            "global est leur moyenne "
            "pondérée (poids : ",
            "Each section is scored out of 100 by the formula written under its title; the overall "
            "score is their "
            "weighted mean (weights: ");
    bool first = true;
    for (const SectionSpec& sp : k_sections) {
        h += (first ? "" : ", ") + esc(section_title(sp.key)) + " " + std::to_string(sp.weight);
        first = false;
    }
    h +=
        tr("). Seuils : un document attend trop au-delà de ",
           "). Thresholds: a document waits too long beyond ") +
        std::to_string(k_queue_days) +
        tr(" jours ; un classement est douteux quand la première suggestion désigne un autre code "
           "avec au moins ",
           " days; a filing is doubtful when the first suggestion is another code with at least ") +
        number(k_misfiling_top * 100) +
        tr(" % de confiance et que le code choisi n'est pas parmi les ",
           " % confidence and the code chosen is not among the first ") +
        std::to_string(k_misfiling_rank) +
        tr(" premières suggestions ou a moins de ", " suggestions or has less than ") +
        number(k_misfiling_filed * 100) +
        tr(" %. Couleurs : vert ≥ 90, jaune ≥ 75, orange ≥ 50, rouge en dessous.",
           " %. Colours: green ≥ 90, yellow ≥ 75, orange ≥ 50, red below.") +
        "</p></section></article>";
    return h;
}

std::string comparison_html(const std::vector<Report>& reports) {
    std::string h =
        "<section class=\"comparison\"><h1>" +
        tr("Audit de conformité des archives : comparaison",
           "Archives compliance audit: comparison") +
        "</h1><p class=\"sub\">" + count(reports.size()) +
        tr(" archives, situation au ", " archives, as of ") + long_date(reports.front().as_of) +
        "</p><table><thead><tr><th>" + tr("Commune", "Commune") + "</th><th>" + tr("Code", "Code") +
        "</th><th class=\"num\">" + tr("Documents", "Documents") + "</th><th class=\"num\">" +
        tr("En attente (anciens)", "Queued (old)") + "</th>";
    for (const std::string& key : section_keys())
        h += "<th class=\"num\" title=\"" + esc(section_title(key)) + "\">" +
             esc(short_title(key)) + "</th>";
    h += "<th class=\"num\">" + tr("Score global", "Overall") + "</th></tr></thead><tbody>";
    std::vector<Bar> bars;
    for (std::size_t n = 0; n < reports.size(); ++n) {
        const Report& r = reports[n];
        const Section* q = find_section(r, "queue");
        h += "<tr><td><a href=\"#" + anchor(r, n) + "\">" + esc(commune_name(r)) + "</a></td><td>" +
             esc(r.archive_code) + "</td><td class=\"num\">" + count(r.records) +
             "</td><td class=\"num\">" + count(r.queued) + " (" +
             count(q ? q->findings.size() : 0) + ")</td>";
        for (const std::string& key : section_keys())
            h += "<td class=\"num\">" + badge(score_of(r, key)) + "</td>";
        h += "<td class=\"num\">" + badge(r.score) + "</td></tr>";
        bars.push_back({commune_name(r) + " (" + r.archive_code + ")", r.score, number(r.score)});
    }
    h += "</tbody></table>";
    std::string title = tr("Score global par commune", "Overall score per commune");
    h += "<figure><figcaption>" + title + "</figcaption>" + bar_chart(bars, title, 100, true) +
         "</figure></section>";
    return h;
}

}  // namespace

std::string to_html(const std::vector<Report>& reports) {
    const bool en = language() == Language::en;
    std::string title = tr("Audit de conformité des archives", "Archives compliance audit");
    if (reports.size() == 1)
        title += " — " + (reports[0].archive_name.empty() ? reports[0].archive_code
                                                          : reports[0].archive_name);
    else if (reports.size() > 1)
        title += tr(" — comparaison de ", " — comparison of ") + std::to_string(reports.size()) +
                 " archives";
    std::string h = std::string("<!DOCTYPE html>\n<html lang=\"") + (en ? "en" : "fr") +
                    "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\">"
                    "<meta name=\"generator\" content=\"ububiko audit\"><title>" +
                    esc(title) + "</title><style>" + k_css + "</style></head><body><main>\n";
    if (reports.empty()) h += "<p>" + tr("Aucune archive.", "No archive.") + "</p>";
    if (reports.size() > 1) h += comparison_html(reports) + "\n";
    for (std::size_t n = 0; n < reports.size(); ++n) h += report_html(reports[n], n) + "\n";
    return h + "</main></body></html>\n";
}

}  // namespace ububiko::audit
