// Registers, retention and disposition with the real binary: the records due, the slip (a
// PDF read back with poppler, its totals checked against the records), destruction after
// confirmation leaving a tombstone, and the refusals that keep anything from being
// destroyed early or silently.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "cli_fixture.hpp"
#include "core/fs.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

// Three records whose retention is over on 2026-11-28 (two to destroy, one to keep) and one
// whose retention is not.
struct RetentionArchive {
    CliArchive a;
    std::string birth, indigence, decision, recent;

    std::string file(const std::string& name, const std::string& text, const std::string& code, const std::string& date) {
        json r = a.json({"file", a.tmp.write(name, text), "--code", code, "--date", date, "--title", name});
        REQUIRE(r["filed"] == 1);
        return r["documents"][0]["id"];
    }
    RetentionArchive() {
        birth = file("extrait-naissance.txt", "Extrait d'acte de naissance de Kevin Iradukunda, né à Bururi.", "3.2.1", "2020-02-17");
        indigence = file("attestation-indigence.txt", "Attestation d'indigence délivrée à Marie-Goreth Hakizimana.", "3.3.3",
                         "2019-09-04");
        decision = file("decision-percepteurs.txt", "Décision n°007/2016 portant nomination des percepteurs.", "1.2.1", "2016-03-07");
        recent = file("extrait-recent.txt", "Extrait d'acte de naissance d'Aline Kaneza, née à Bururi.", "3.2.1", "2025-06-01");
    }
    std::uint64_t original_size(const std::string& id) const {
        const json record = a.json({"show", id});  // kept: a temporary's member would dangle in the loop
        for (const auto& f : record["files"])
            if (f["role"] == "original") return f["size"];
        return 0;
    }
};

std::string pdf_text(const std::string& pdf) {
    RunResult r = run_program("/usr/bin/pdftotext", {"-layout", pdf, "-"});
    REQUIRE(r.status == 0);
    return r.out;
}

}  // namespace

TEST_CASE("disposition lists the records due on a date, grouped by action, and only those") {
    RetentionArchive r;
    json due = r.a.json({"disposition", "--as-of", "2026-11-28"});
    std::map<std::string, std::string> action;
    for (const auto& d : due["records"]) action[d["id"]] = d["action"];
    CHECK(action == std::map<std::string, std::string>{
                        {r.birth, "destroy"}, {r.indigence, "destroy"}, {r.decision, "transfer"}});
    // A year earlier the birth extract (three years from 2020-02-17) was not due yet.
    json before = r.a.json({"disposition", "--as-of", "2023-02-16"});
    for (const auto& d : before["records"]) CHECK(d["id"] != r.birth);

    RunResult text = r.a.run({"disposition", "--as-of", "2026-11-28"});
    CHECK_THAT(text.out, Catch::Contains("à éliminer (2)") && Catch::Contains("3.2.1") && Catch::Contains("échue le 2023-02-17"));
    RunResult bad = r.a.run({"disposition", "--as-of", "28/13/2026"});
    CHECK(bad.status != 0);
    CHECK_THAT(bad.err, Catch::Contains("--as-of"));
}

TEST_CASE("the destruction slip is a PDF whose list and totals match the records, kept in the archive") {
    RetentionArchive r;
    const std::string out = r.a.tmp / "bordereau.pdf";
    json slip = r.a.json({"disposition", "slip", "--action", "destroy", "--as-of", "2026-11-28", "--out", out});
    const std::string number = slip["number"];
    CHECK(number == "BRR-ELIM-2026-001");
    std::set<std::string> ids(slip["ids"].begin(), slip["ids"].end());
    CHECK(ids == std::set<std::string>{r.birth, r.indigence});
    CHECK(std::filesystem::exists(r.a.root + "/slips/" + number + ".pdf"));

    const std::string text = pdf_text(out);
    CHECK_THAT(text, Catch::Contains("Bordereau d'élimination") && Catch::Contains(number) && Catch::Contains("Commune de Bururi"));
    CHECK_THAT(text, Catch::Contains(r.birth) && Catch::Contains(r.indigence));
    CHECK_THAT(text, !Catch::Contains(r.decision) && !Catch::Contains(r.recent));
    std::smatch m;
    REQUIRE(std::regex_search(text, m, std::regex("Nombre de documents : (\\d+)")));
    CHECK(m[1] == "2");
    // The total in bytes is the sum of the records' originals and texts as listed.
    std::uint64_t bytes = 0;
    for (const std::string& id : {r.birth, r.indigence}) {
        const json record = r.a.json({"show", id});
        for (const auto& f : record["files"]) bytes += f["size"].get<std::uint64_t>();
    }
    REQUIRE(std::regex_search(text, m, std::regex("Taille totale : (?:[^(\\n]*\\()?([0-9  \u00a0\u202f]+) octets")));
    std::string digits;
    for (char c : m[1].str())
        if (c >= '0' && c <= '9') digits += c;
    CHECK(digits == std::to_string(bytes));
    CHECK_THAT(text, Catch::Contains("L'archiviste") || Catch::Contains("archiviste"));
    CHECK_THAT(text, Catch::Contains("Page 1 / 1"));

    // The slip is journaled, and a second slip for the same records gets the next number.
    CHECK_THAT(read_file(r.a.root + "/journal.jsonl"), Catch::Contains("\"action\":\"slip\""));
}

TEST_CASE("dispose destroys the files of a signed slip after confirmation and leaves a tombstone") {
    RetentionArchive r;
    const std::uint64_t size = r.original_size(r.birth);
    r.a.json({"disposition", "slip", "--action", "destroy", "--as-of", "2026-11-28", "--out", r.a.tmp / "b.pdf"});
    auto before = snapshot(r.a.root);

    // Without a terminal and without --yes: refused, nothing touched.
    RunResult unconfirmed = r.a.run({"dispose", "--slip", "BRR-ELIM-2026-001", "--as-of", "2026-11-28"});
    CHECK(unconfirmed.status != 0);
    CHECK_THAT(unconfirmed.err, Catch::Contains("--yes"));
    CHECK(snapshot(r.a.root) == before);

    json done = r.a.json({"dispose", "--slip", "BRR-ELIM-2026-001", "--as-of", "2026-11-28", "--yes"});
    CHECK(done["destroyed"].size() == 2);
    json tomb = r.a.json({"show", r.birth});
    CHECK(tomb["status"] == "destroyed");
    CHECK(tomb["files"].empty());
    CHECK(tomb["disposal"]["slip"] == "BRR-ELIM-2026-001");
    CHECK(tomb["disposal"]["user"].get<std::string>().size() > 0);
    bool original_listed = false;
    for (const auto& f : tomb["destroyed_files"])
        if (f["role"] == "original") original_listed = f["sha256"].get<std::string>().size() == 64 && f["size"] == size;
    CHECK(original_listed);
    const std::string dir = r.a.root + "/" + tomb["folder"].get<std::string>();
    CHECK(std::filesystem::exists(dir + "/record.json"));
    for (const auto& e : std::filesystem::directory_iterator(dir)) CHECK(e.path().filename() == "record.json");
    CHECK_THAT(read_file(r.a.root + "/journal.jsonl"), Catch::Contains("\"action\":\"dispose\""));

    // The archive is whole: check finds nothing to say, the chain holds; the tombstone is
    // still found by its title, said destroyed.
    RunResult check = r.a.run({"check"});
    INFO(check.out << check.err);
    CHECK(check.status == 0);
    CHECK_THAT(r.a.run({"search", "Kevin"}).out, Catch::Contains("Aucun résultat"));  // its text went with it
    RunResult found = r.a.run({"search", "extrait-naissance"});
    CHECK_THAT(found.out, Catch::Contains(r.birth) && Catch::Contains("éliminé"));
    // The records not on the slip are untouched.
    CHECK(r.a.json({"show", r.decision})["status"] == "filed");
    CHECK(r.a.json({"show", r.recent})["status"] == "filed");
    // Again: refused, already destroyed.
    RunResult again = r.a.run({"dispose", r.birth, "--yes", "--as-of", "2026-11-28"});
    CHECK(again.status != 0);
    CHECK_THAT(again.err, Catch::Contains("déjà éliminé"));
}

TEST_CASE("nothing is destroyed before its due date or against the plan without --force and a reason") {
    RetentionArchive r;
    auto before = snapshot(r.a.root);
    RunResult early = r.a.run({"dispose", r.recent, "--yes", "--as-of", "2026-11-28"});
    CHECK(early.status != 0);
    CHECK_THAT(early.err, Catch::Contains(r.recent) && Catch::Contains("DUA non échue") && Catch::Contains("2028-06-01"));
    RunResult keep = r.a.run({"dispose", r.decision, "--yes", "--as-of", "2026-11-28"});
    CHECK(keep.status != 0);
    CHECK_THAT(keep.err, Catch::Contains("conservation"));
    // One bad id among good ones: nothing at all is destroyed.
    RunResult mixed = r.a.run({"dispose", r.birth, r.recent, "--yes", "--as-of", "2026-11-28"});
    CHECK(mixed.status != 0);
    RunResult unknown = r.a.run({"dispose", "2026-999999", "--yes"});
    CHECK(unknown.status != 0);
    CHECK_THAT(unknown.err, Catch::Contains("2026-999999"));
    RunResult no_reason = r.a.run({"dispose", r.recent, "--yes", "--force"});
    CHECK(no_reason.status != 0);
    CHECK_THAT(no_reason.err, Catch::Contains("--reason"));
    CHECK(snapshot(r.a.root) == before);

    json forced = r.a.json({"dispose", r.recent, "--yes", "--force", "--reason", "doublon d'un acte déjà archivé"});
    CHECK(forced["destroyed"] == json::array({r.recent}));
    json tomb = r.a.json({"show", r.recent});
    CHECK(tomb["disposal"]["forced"] == true);
    CHECK(tomb["disposal"]["reason"] == "doublon d'un acte déjà archivé");
    CHECK_THAT(read_file(r.a.root + "/journal.jsonl"), Catch::Contains("doublon d'un acte déjà archivé"));
}

TEST_CASE("the mail register of a year, as CSV and as a PDF") {
    RetentionArchive r;
    const std::string year = r.birth.substr(0, 4);
    RunResult csv = r.a.run({"register", "--year", year, "--format", "csv", "--out", "-"});
    REQUIRE(csv.status == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("numéro,date d'enregistrement,correspondant,objet,référence,code"));
    for (const std::string& id : {r.birth, r.indigence, r.decision, r.recent}) CHECK_THAT(csv.out, Catch::Contains(id));

    const std::string pdf = r.a.tmp / "registre.pdf";
    RunResult made = r.a.run({"register", "--year", year, "--out", pdf});
    INFO(made.err);
    REQUIRE(made.status == 0);
    const std::string text = pdf_text(pdf);
    CHECK_THAT(text, Catch::Contains("Registre du courrier") && Catch::Contains(r.birth) && Catch::Contains("extrait-naissance.txt"));

    RunResult bad = r.a.run({"register", "--year", year, "--direction", "nord"});
    CHECK(bad.status != 0);
    CHECK_THAT(bad.err, Catch::Contains("nord"));
}
