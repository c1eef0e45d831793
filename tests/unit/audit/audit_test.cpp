// The audit end to end on the real binary: an archive built with known defects (misfiled,
// unclassified, missing metadata, overdue, a corrupted file, a broken journal line); the
// audit finds each one and reports nothing else, in JSON (valid against its schema), CSV,
// HTML and text; several archives side by side; English by the locale; bad input refused.
// Then the sections judged from records alone, on records made up in memory.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "audit/audit_internal.hpp"
#include "cli/cli_fixture.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "plan/plan_yaml.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

// Council minutes: clear, and told apart from everything else by the plan's hints.
std::string minutes(const std::string& month, const std::string& topic) {
    return "Procès-verbal de la session ordinaire du conseil communal de " + month +
           "\n\nLe conseil communal s'est réuni en session ordinaire dans la salle de réunion de "
           "la commune, "
           "sous la présidence du Président du conseil communal. Le quorum étant atteint, la "
           "séance est ouverte "
           "à 9 heures. Conseillers présents : quinze. Liste de présence en annexe.\n"
           "Points de l'ordre du jour : " +
           topic +
           ".\nAprès débat, les conseillers communaux ont adopté à l'unanimité le procès-verbal de "
           "la session "
           "précédente et les points de l'ordre du jour. La séance a été levée à 13 heures.\n"
           "Le Secrétaire du conseil communal. Le Président du conseil communal.\n";
}

// Market fees: the daily statement of a market's collector.
std::string market(const std::string& where, int amount) {
    return "Relevé journalier des taxes de marché — marché de " + where +
           "\n\nLe percepteur communal certifie avoir perçu les droits de place auprès des "
           "commerçants "
           "installés sur les étals du marché ce jour de marché. Taxe de marché perçue sur chaque "
           "étal, "
           "tickets numérotés remis aux commerçants. Recettes du marché de la journée : " +
           std::to_string(amount) +
           " FBu, versées à la caisse communale.\nLe percepteur. Le comité de gestion du marché.\n";
}

// Notices of council sessions.
std::string notice(const std::string& when) {
    return "Convocation à la session ordinaire du conseil communal\n\nLe Président du conseil "
           "communal convoque "
           "les membres du conseil communal en session ordinaire. La session se tiendra le " +
           when +
           " dans la salle de la commune. Ordre du jour de la session : adoption du budget, taxes "
           "communales, "
           "divers. Les conseillers communaux sont priés d'être présents.\n";
}

struct Doc {
    std::string file, code, title, date, type, text;
};

// An archive with six known defects, built with the real binary. The ids of the damaged
// records are kept to check the audit names them and nothing else.
struct DefectArchive : CliArchive {
    std::string misfiled, queued, no_date, overdue, corrupted;
    std::map<std::string, std::string> id_of;  // title → id

    DefectArchive() {
        const int year = today().year;
        const std::string y = std::to_string(year - 1);
        std::vector<Doc> docs = {
            {"pv-janvier.txt", "1.1.2", "PV session de janvier", y + "-01-20", "proces-verbal",
             minutes("janvier", "budget communal")},
            {"pv-mars.txt", "1.1.2", "PV session de mars", y + "-03-18", "proces-verbal",
             minutes("mars", "plan de développement")},
            {"pv-juin.txt", "1.1.2", "PV session de juin", y + "-06-15", "proces-verbal",
             minutes("juin", "état civil")},
            {"pv-septembre.txt", "1.1.2", "PV session de septembre", y + "-09-12", "proces-verbal",
             minutes("septembre", "écoles")},
            {"marche-bururi.txt", "4.2.2", "Relevé marché de Bururi", y + "-02-03", "quittance",
             market("Bururi", 45000)},
            {"marche-rumeza.txt", "4.2.2", "Relevé marché de Rumeza", y + "-02-10", "quittance",
             market("Rumeza", 38500)},
            {"marche-kiryama.txt", "4.2.2", "Relevé marché de Kiryama", y + "-04-07", "quittance",
             market("Kiryama", 52000)},
            {"marche-mudende.txt", "4.2.2", "Relevé marché de Mudende", y + "-05-05", "quittance",
             market("Mudende", 41000)},
            {"marche-gasanda.txt", "4.2.2", "Relevé marché de Gasanda", y + "-07-21", "quittance",
             market("Gasanda", 29500)},
            {"convocation-mars.txt", "1.1.1", "Convocation session de mars", y + "-03-01",
             "convocation", notice("18 mars")},
            {"convocation-juin.txt", "1.1.1", "Convocation session de juin", y + "-06-01",
             "convocation", notice("15 juin")},
            // Defects.
            {"pv-decembre.txt", "4.2.2", "PV session de décembre", y + "-12-10", "proces-verbal",
             minutes("décembre", "taxes")},
            {"pv-sans-date.txt", "1.1.2", "PV session extraordinaire", "", "proces-verbal",
             minutes("", "sécurité")},
            {"convocation-2012.txt", "1.1.1", "Convocation session de 2012", "2012-05-02",
             "convocation", notice("20 mai")},
            {"divers.txt", "", "", "", "", "zqx wvb plorg kqa\n"},
        };
        std::string csv = "file,code,title,date,type\n";
        std::vector<std::string> args = {"file"};
        for (const Doc& d : docs) {
            args.push_back(tmp.write("docs/" + d.file, d.text));
            csv += d.file + "," + d.code + "," + d.title + "," + d.date + "," + d.type + "\n";
        }
        args.insert(args.end(),
                    {"--metadata", tmp.write("metadata.csv", csv), "--json", "--jobs", "2"});
        RunResult r = run(args);
        if (r.status != 0) throw std::runtime_error("file failed: " + r.out + r.err);
        for (const nlohmann::json& rec : json({"list", "--limit", "100"}))
            id_of[rec["title"].get<std::string>()] = rec["id"].get<std::string>();
        misfiled = id_of.at("PV session de décembre");
        no_date = id_of.at("PV session extraordinaire");
        overdue = id_of.at("Convocation session de 2012");
        corrupted = id_of.at("Relevé marché de Rumeza");
        queued = json({"queue"}).at(0)["id"];

        // A flipped byte in an original, and a journal line changed (the chain breaks at the next).
        std::string dir = root + "/records/4/4.2/4.2.2/" + corrupted.substr(0, 4) + "/" + corrupted;
        std::string original = read_file(dir + "/original.txt");
        original[10] ^= 0x20;
        std::ofstream(dir + "/original.txt", std::ios::binary | std::ios::trunc) << original;
        std::string journal = read_file(root + "/journal.jsonl");
        std::size_t second = journal.find('\n') + 1;
        std::size_t at = journal.find("testeur", second);
        journal.replace(at, 7, "intrus!");
        std::ofstream(root + "/journal.jsonl", std::ios::binary | std::ios::trunc) << journal;
    }
};

// The day of the audit: two months from now, so that the queued document is old.
std::string as_of() {
    Date d = today();
    d.month += 2;
    if (d.month > 12) {
        d.month -= 12;
        ++d.year;
    }
    d.day = std::min(d.day, 28);
    return d.iso();
}

using Found = std::set<std::tuple<std::string, std::string, std::string>>;  // section, kind, id

Found findings_of(const json& report) {
    Found found;
    for (const json& s : report["sections"])
        for (const json& f : s["findings"])
            found.insert({s["key"].get<std::string>(), f["kind"].get<std::string>(),
                          f["id"].get<std::string>()});
    return found;
}

}  // namespace

TEST_CASE("the audit finds each known defect and nothing else in JSON and CSV and HTML") {
    DefectArchive a;
    const std::string out = a.tmp / "audit.json";
    RunResult r = a.run({"audit", "--as-of", as_of(), "--format", "json", "--out", out});
    INFO(r.err);
    REQUIRE(r.status == 0);
    json doc = json::parse(read_file(out));
    REQUIRE(doc["reports"].size() == 1);
    const json& report = doc["reports"][0];

    const Found expected = {
        {"integrity", "fixity", a.corrupted},
        {"integrity", "journal", ""},
        {"misfiling", "probable-misfiling", a.misfiled},
        {"queue", "to-classify-old", a.queued},
        {"metadata", "missing-metadata", a.no_date},
        {"retention", "retention-overdue", a.overdue},
    };
    CHECK(findings_of(report) == expected);

    // Scores follow their formulas: integrity is broken, the others lose one record each.
    std::map<std::string, json> sections;
    for (const json& s : report["sections"]) sections[s["key"]] = s;
    CHECK(sections["integrity"]["score"] == 0);
    CHECK(sections["placement"]["score"] == 100);
    CHECK(sections["ocr"]["score"] == 100);
    CHECK(sections["queue"]["checked"] == 15);
    CHECK(sections["metadata"]["checked"] == 14);
    CHECK(sections["misfiling"]["evaluated"] == true);
    CHECK(sections["misfiling"]["affected"] == 1);
    CHECK(sections["metadata"]["formula"].get<std::string>().find("1 / 14") != std::string::npos);
    CHECK(report["score"].get<double>() < 100);
    CHECK(report["inventory"]["records"] == 15);
    CHECK(report["inventory"]["queued"] == 1);
    CHECK(report["inventory"]["by_code_year"]["4"].size() >= 1);
    CHECK(doc["language"] == "fr");

    // The JSON validates against its schema.
    RunResult v = run_program(
        "/usr/bin/python3",
        {source("tests/schema/validate_json.py"), source("schemas/audit-report.schema.json"), out});
    INFO(v.out + v.err);
    CHECK(v.status == 0);

    // CSV: a header and one row per finding.
    const std::string csv_path = a.tmp / "audit.csv";
    REQUIRE(a.run({"audit", "--as-of", as_of(), "--format", "csv", "--out", csv_path}).status == 0);
    std::string csv = read_file(csv_path);
    CHECK(csv.starts_with("archive,commune,section,kind,id,code,message\r\n"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + static_cast<long>(expected.size()));
    CHECK(csv.find("BRR,Commune de Bururi,misfiling,probable-misfiling," + a.misfiled +
                   ",4.2.2,") != std::string::npos);

    // HTML: one self-contained page with its charts, in French, and a summary on stdout.
    const std::string html_path = a.tmp / "audit.html";
    RunResult h = a.run({"audit", "--as-of", as_of(), "--out", html_path});
    REQUIRE(h.status == 0);
    std::string html = read_file(html_path);
    CHECK(html.starts_with("<!DOCTYPE html>"));
    CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("<style>") != std::string::npos);
    for (const char* outside : {"http:", "https:", "<script", "<link", "src=", "@import", "url("})
        CHECK(html.find(outside) == std::string::npos);
    CHECK(html.find("Audit de conformité des archives") != std::string::npos);
    CHECK(html.find(a.misfiled) != std::string::npos);
    CHECK(html.find("@page") != std::string::npos);
    CHECK(h.out.find("Score global") != std::string::npos);
    CHECK(h.out.find("rapport → " + html_path) != std::string::npos);
}

TEST_CASE("several archives give one comparison table with a row per commune") {
    DefectArchive a;
    TempDir other;
    const std::string clean = other / "gitega";
    REQUIRE(run_ububiko({"init", clean, "--plan", source("classification/commune-burundi.yaml"),
                         "--name", "Commune de Gitega", "--code", "GTG", "--commune", "Gitega"})
                .status == 0);
    REQUIRE(run_ububiko({"--archive", clean, "file",
                         other.write("pv.txt", minutes("mai", "budget")), "--code", "1.1.2",
                         "--title", "PV de mai", "--date", "2025-05-20", "--type", "pv"})
                .status == 0);

    RunResult r = run_ububiko({"audit", a.root, clean, "--as-of", as_of(), "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    json doc = json::parse(r.out);
    REQUIRE(doc["comparison"].size() == 2);
    CHECK(doc["comparison"][0]["archive"] == "BRR");
    CHECK(doc["comparison"][1]["archive"] == "GTG");
    CHECK(doc["comparison"][1]["commune"] == "Gitega");
    CHECK(doc["comparison"][1]["score"] == 100);
    CHECK(doc["comparison"][0]["score"].get<double>() < 100);
    CHECK(doc["comparison"][0]["scores"]["integrity"] == 0);
    REQUIRE(doc["reports"].size() == 2);
    CHECK(findings_of(doc["reports"][1]).empty());

    // Without suggestions the misfiling section is not evaluated and leaves the overall score.
    json quick = json::parse(
        run_ububiko({"audit", a.root, "--as-of", as_of(), "--no-suggestions", "--json"}).out);
    const json& misfiling = quick["reports"][0]["sections"][2];
    CHECK(misfiling["key"] == "misfiling");
    CHECK(misfiling["evaluated"] == false);
    CHECK(misfiling["score"].is_null());
    CHECK(quick["comparison"][0]["scores"]["misfiling"].is_null());
    CHECK(quick["reports"][0]["formula"].get<std::string>().find("Classements douteux") ==
          std::string::npos);

    const std::string html_path = other / "communes.html";
    REQUIRE(run_ububiko({"audit", a.root, clean, "--as-of", as_of(), "--out", html_path}).status ==
            0);
    std::string html = read_file(html_path);
    std::size_t table = html.find("class=\"comparison\"");
    REQUIRE(table != std::string::npos);
    CHECK(html.find("Gitega", table) < html.find("class=\"report\"", table));
    CHECK(html.find("Commune de Bururi", table) < html.find("class=\"report\"", table));
}

TEST_CASE("the report is in English when the locale says so") {
    CliArchive a;
    REQUIRE(a.run({"file", a.tmp.write("pv.txt", minutes("mai", "budget")), "--code", "1.1.2",
                   "--title", "PV de mai", "--date", "2025-05-20", "--type", "pv"})
                .status == 0);
    const std::map<std::string, std::string> english = {
        {"UBUBIKO_LANG", ""}, {"LC_ALL", "en_US.UTF-8"}, {"LANG", "en_US.UTF-8"}};
    const std::string html_path = a.tmp / "audit.html";
    RunResult r = a.run({"audit", "--out", html_path}, english);
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string html = read_file(html_path);
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("Archives compliance audit") != std::string::npos);
    CHECK(html.find("Audit de conformité") == std::string::npos);
    CHECK(r.out.find("Overall score") != std::string::npos);
    json doc = json::parse(a.run({"audit", "--json"}, english).out);
    CHECK(doc["language"] == "en");
    CHECK(doc["reports"][0]["formula"].get<std::string>().starts_with("weighted mean"));
}

TEST_CASE("bad input is refused with a message naming it and nothing is written") {
    CliArchive a;
    const std::string out = a.tmp / "audit.html";
    auto refused = [&](std::vector<std::string> args, const std::string& named) {
        auto before = snapshot(a.tmp.path());
        RunResult r = a.run(args);
        INFO(r.err);
        CHECK(r.status != 0);
        CHECK(r.out.empty());
        CHECK(r.err.find(named) != std::string::npos);
        CHECK(snapshot(a.tmp.path()) == before);
    };
    refused({"audit", a.tmp / "nowhere", "--out", out},
            "aucune archive ububiko dans « " + (a.tmp / "nowhere"));
    refused({"audit", "--as-of", "2024-02-30", "--out", out}, "--as-of");
    refused({"audit", "--as-of", "demain", "--out", out}, "« demain »");
    refused({"audit", "--format", "pdf", "--out", out}, "format de rapport inconnu : « pdf »");
    refused({"audit", "--out", a.tmp / "missing/audit.html"},
            "le dossier « " + (a.tmp / "missing") + " » n'existe pas");
    refused({"audit", "--out", a.tmp.path()}, "c'est un dossier");
}

// The sections judged from the records alone, on records made up in memory: every kind of
// finding they can give, and none for the records that are in order.
namespace {

const char* k_small_plan = R"(plan:
  id: essai
  version: 2
  title: Plan d'essai
  language: fr
  published: 2026-01-01
  file_at_leaves_only: true
  required: [title, type]
document_types:
  - id: lettre
    label: Lettre
nodes:
  - code: "1"
    title: Administration
    access: internal
    children:
      - code: "1.1"
        title: Courrier
        retention: {years: 5, from: document_date}
        disposition: destroy
        required: [title, date, type, correspondent]
      - code: "1.2"
        title: Ancien courrier
        retention: {years: 5, from: document_date}
        disposition: destroy
        obsolete: true
      - code: "1.3"
        title: Rapports
        retention: {years: 5, from: document_date}
        disposition: keep
)";

audit::detail::Item item(const std::string& id, const std::string& code, const std::string& date,
                         const std::string& type = "lettre") {
    archive::Record r;
    r.id = id;
    r.code = code;
    r.title = "Document " + id;
    r.date = date;
    r.type = type;
    r.registered = "2026-05-01T08:00:00Z";
    return {r, "/nowhere/" + id};
}

std::set<std::pair<std::string, std::string>> kinds_and_ids(const audit::Section& s) {
    std::set<std::pair<std::string, std::string>> out;
    for (const audit::Finding& f : s.findings) out.insert({f.kind, f.id});
    return out;
}

}  // namespace

TEST_CASE("the sections from the records alone give each kind of finding and no other") {
    set_language(Language::fr);
    const plan::Plan plan = plan::load_plan_text(k_small_plan, "essai.yaml");
    const Date as_of{2026, 6, 1};
    std::vector<audit::detail::Item> items = {
        item("2026-000001", "1", "2025-01-10"),    // not a leaf
        item("2026-000002", "1.2", "2025-01-10"),  // obsolete
        item("2026-000003", "9.9", "2025-01-10"),  // not in the plan
        item("2026-000004", "1.1", "2024-02-30",
             "zzz"),                     // no correspondent, no such day, no such type
        item("2026-000005", "1.3", ""),  // no date where none is required: due date unknown
        item("2026-000006", "1.3", "2010-01-01"),  // overdue since 2015
        item("2026-000007", "1.3", "2025-01-10"),  // needs OCR
        item("2026-000008", "1.3", "2025-01-10"),  // OCR unsure
        item("2026-000009", "", ""),               // queued for long
        item("2026-000010", "", ""),               // queued lately
        item("2026-000011", "1.3", "2025-01-10"),  // in order
    };
    items[6].record.flags.push_back("needs-ocr");
    items[7].record.extraction.page_info.push_back({1, true, 41.5, 0, 0, false, 120});
    for (int i : {8, 9}) {
        items[i].record.status = "to-classify";
        items[i].record.title = "Scan " + std::to_string(i);
    }
    items[8].record.registered = "2026-01-02T08:00:00Z";
    items[9].record.registered = "2026-05-20T08:00:00Z";

    audit::Section placement = audit::detail::placement_section(items, plan);
    CHECK(kinds_and_ids(placement) ==
          std::set<std::pair<std::string, std::string>>{{"non-leaf-code", "2026-000001"},
                                                        {"obsolete-code", "2026-000002"},
                                                        {"unknown-code", "2026-000003"}});
    CHECK(placement.checked == 9);
    CHECK(placement.formula ==
          "100 × (1 − documents mal placés / documents examinés) = 100 × (1 − 3 / 9) = 66,7");

    audit::Section metadata = audit::detail::metadata_section(items, plan);
    CHECK(kinds_and_ids(metadata) ==
          std::set<std::pair<std::string, std::string>>{{"missing-metadata", "2026-000004"},
                                                        {"invalid-date", "2026-000004"},
                                                        {"unknown-type", "2026-000004"}});
    CHECK(metadata.score == Approx(88.9));

    audit::Section retention = audit::detail::retention_section(items, plan, as_of);
    CHECK(kinds_and_ids(retention) ==
          std::set<std::pair<std::string, std::string>>{{"retention-unknown", "2026-000005"},
                                                        {"retention-overdue", "2026-000006"}});
    // Records at codes outside the plan are the placement section's business.
    CHECK(retention.checked == 8);
    CHECK(retention.score == Approx(81.3));

    audit::Section ocr = audit::detail::ocr_section(items);
    CHECK(kinds_and_ids(ocr) ==
          std::set<std::pair<std::string, std::string>>{{"needs-ocr", "2026-000007"},
                                                        {"low-ocr-confidence", "2026-000008"}});

    audit::Section queue = audit::detail::queue_section(items, as_of);
    CHECK(kinds_and_ids(queue) ==
          std::set<std::pair<std::string, std::string>>{{"to-classify-old", "2026-000009"}});
    CHECK(queue.findings[0].message.find("depuis 150 jours") != std::string::npos);
}
