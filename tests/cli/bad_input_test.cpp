// Bad input gets a clear message naming what is wrong and where, a non-zero status, and
// leaves the archive exactly as it was.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_fixture.hpp"
#include "core/fs.hpp"

using namespace ububiko;
using namespace ububiko::test;

namespace {

// Runs a command that must fail; returns stderr after checking status and that nothing moved.
std::string refused(const CliArchive& a, const std::vector<std::string>& args, int status) {
    auto before = snapshot(a.root);
    RunResult r = a.run(args);
    INFO(r.out << r.err);
    CHECK(r.status == status);
    CHECK(snapshot(a.root) == before);
    return r.err + r.out;
}

}  // namespace

TEST_CASE("files that cannot be filed are refused one by one") {
    CliArchive a;
    std::string empty = a.tmp.write("vide.pdf", "");
    CHECK_THAT(refused(a, {"file", empty, "--code", "2.2.1"}, 2), Catch::Contains("vide.pdf") && Catch::Contains("fichier vide"));

    std::string corrupt = a.tmp.write("abîmé.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n");
    CHECK_THAT(refused(a, {"file", corrupt, "--code", "2.2.1"}, 2), Catch::Contains("abîmé.pdf") && Catch::Contains("PDF endommagé"));

    std::string binary = a.tmp.write("blob.bin", std::string("\x00\x01\x02\x03\xff\xfe garbage", 16));
    CHECK_THAT(refused(a, {"file", binary, "--code", "2.2.1"}, 2), Catch::Contains("blob.bin"));

    CHECK_THAT(refused(a, {"file", a.tmp / "absent.pdf", "--code", "2.2.1"}, 2), Catch::Contains("absent.pdf"));

    a.tmp.write("dossier/lettre.txt", "Une lettre dans un dossier.");
    CHECK_THAT(refused(a, {"file", a.tmp / "dossier", "--code", "2.2.1"}, 2),
               Catch::Contains("dossier » est un dossier : « ububiko intake » classe un dossier entier"));

    std::string encrypted = corpus("bad-pdf/pdfjs__pr6531_1.pdf");
    CHECK_THAT(refused(a, {"file", encrypted, "--code", "2.2.1"}, 2), Catch::Contains("mot de passe"));

    // In a batch, the good ones are filed and the bad one reported.
    std::string good = a.tmp.write("bon.txt", "Une requête d'un citoyen de la colline Kiremba.");
    RunResult r = a.run({"file", good, corrupt, "--code", "2.2.1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("1 classé(s), 0 doublon(s), 1 échec(s)"));
    CHECK_THAT(r.err, Catch::Contains("abîmé.pdf"));
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("bad metadata is refused before anything is touched") {
    CliArchive a;
    std::string doc = a.tmp.write("lettre.txt", "Lettre.");
    CHECK_THAT(refused(a, {"file", doc, "--code", "9.9.9"}, 3), Catch::Contains("le code « 9.9.9 » n'existe pas dans le plan"));
    CHECK_THAT(refused(a, {"file", doc, "--code", "4.2"}, 2), Catch::Contains("n'est pas une feuille du plan") && Catch::Contains("4.2.1"));
    CHECK_THAT(refused(a, {"file", doc, "--code", "2.2.1", "--date", "31/02/2024"}, 2),
               Catch::Contains("--date") && Catch::Contains("date invalide « 31/02/2024 »"));
    CHECK_THAT(refused(a, {"file", doc, "--code", "2.2.1", "--type", "carte postale"}, 2),
               Catch::Contains("type de document inconnu « carte postale »") && Catch::Contains("proces-verbal"));
    CHECK_THAT(refused(a, {"file", doc, "--code", "2.2.1", "--direction", "nord"}, 2), Catch::Contains("sens inconnu"));
    CHECK_THAT(refused(a, {"file", doc, "--code", "2.2.1", "--access", "secret"}, 2), Catch::Contains("niveau d'accès inconnu"));
    CHECK_THAT(refused(a, {"file", doc, doc, "--code", "2.2.1", "--title", "Un titre"}, 2),
               Catch::Contains("--title ne convient qu'à un seul fichier"));
    CHECK_THAT(refused(a, {"reclassify", "2026-000001", "1.1.2", "--reason", "x"}, 3), Catch::Contains("introuvable"));
    CHECK_THAT(refused(a, {"show", "42"}, 2), Catch::Contains("numéro d'enregistrement invalide « 42 »"));
    CHECK_THAT(refused(a, {"show", "XYZ/2026-000001"}, 3), Catch::Contains("appartient à l'archive XYZ"));
    CHECK_THAT(refused(a, {"file", doc, "--code"}, 2), Catch::Contains("--code"));
    CHECK_THAT(refused(a, {"frobnicate"}, 2), Catch::Contains("commande inconnue « frobnicate »"));
}

TEST_CASE("a file whose name starts with a dash is named in the refusal, with the way to give it") {
    CliArchive a;
    std::string doc = a.tmp.write("-lettre.txt", "Lettre de la commune au sujet du marché.\n");
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(std::filesystem::path(doc).parent_path());
    RunResult r = a.run({"file", "-lettre.txt", "--code", "2.2.1"});
    RunResult fixed = a.run({"file", "./-lettre.txt", "--code", "2.2.1"});
    std::filesystem::current_path(here);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("aucun fichier indiqué"));
    CHECK_THAT(r.err, Catch::Contains("« -lettre.txt » est un fichier dont le nom commence par un tiret : écrivez « ./-lettre.txt »"));
    CHECK(fixed.status == 0);
}

TEST_CASE("bad queries get a message, not an exception trace") {
    CliArchive a;
    CHECK(refused(a, {"search", "\"conseil communal"}, 2) ==
          "ububiko : requête invalide : guillemet ouvert jamais refermé (colonne 1)\n");
    CHECK_THAT(refused(a, {"search", "couleur:rouge"}, 2), Catch::Contains("champ inconnu « couleur »"));
    CHECK_THAT(refused(a, {"search", "code:77"}, 2), Catch::Contains("« 77 » n'existe pas dans le plan"));
    CHECK_THAT(refused(a, {"search", "date:2024-02-30"}, 2), Catch::Contains("date invalide"));
    CHECK_THAT(refused(a, {"search", "type:carte"}, 2), Catch::Contains("type de document inconnu"));
    // counts are whole numbers (CLI11 would read "-3" into an unsigned count as a huge one)
    CHECK_THAT(refused(a, {"search", "--limit", "-3", "budget"}, 2), Catch::Contains("--limit: nombre entier positif attendu, pas « -3 »"));
    CHECK_THAT(refused(a, {"list", "--limit", "-2"}, 2), Catch::Contains("pas « -2 »"));
    CHECK_THAT(refused(a, {"search", "budget", "--jsn"}, 2), Catch::Contains("argument inattendu : --jsn"));
}

TEST_CASE("a broken plan is reported with file, line and column, and no archive is made") {
    TempDir tmp;
    std::string plan = tmp.write("plan.yaml", R"(plan: {id: essai, version: 1, title: Essai}
nodes:
  - code: "1"
    title: Un
    children:
      - code: "1.1"
        title: Feuille
        retention: {years: dix, from: document_date}
        disposition: keep
        access: public
        couleur: bleu
      - code: "2.1"
        title: Égarée
        retention: {years: 10, from: document_date}
        disposition: keep
        access: public
      - code: "1.1"
        title: Doublon
        retention: {years: 10, from: document_date}
        disposition: keep
        access: public
)");
    RunResult check = run_ububiko({"plan", "check", plan});
    CHECK(check.status == 2);
    CHECK_THAT(check.err, Catch::Contains(plan + ":8:28: champ « retention.years »: un entier positif est attendu, pas « dix »"));
    CHECK_THAT(check.err, Catch::Contains(plan + ":11:9: champ « couleur »: champ inconnu « couleur »"));
    CHECK_THAT(check.err, Catch::Contains(plan + ":12:15: champ « code »: le code « 2.1 » ne prolonge pas"));
    CHECK_THAT(check.err, Catch::Contains(plan + ":17:15: champ « code »: code en double : 1.1"));
    CHECK_THAT(check.err, Catch::Contains("4 erreur(s)"));

    RunResult init = run_ububiko({"init", tmp / "a", "--plan", plan, "--name", "X", "--code", "XX"});
    CHECK(init.status == 2);
    CHECK_THAT(init.err, Catch::Contains("plan invalide : 4 erreur(s)"));
    CHECK_FALSE(exists(tmp / "a"));

    std::string csv = tmp.write("plan.csv", "#plan.id,p\n#plan.version,1\n#plan.title,T\ncode,title,disposition\n1,Un,garder\n");
    RunResult imp = run_ububiko({"plan", "import", csv});
    CHECK(imp.status == 2);
    CHECK_THAT(imp.err, Catch::Contains(csv + ":5: champ « disposition »: sort final inconnu « garder »"));
}

TEST_CASE("commands outside an archive say how to name one") {
    TempDir tmp;
    RunResult r = run_program(UBUBIKO_BIN, {"search", "budget"}, {{"UBUBIKO_LANG", "fr"}, {"UBUBIKO_ARCHIVE", ""}});
    // The test may run inside some folder; name a folder that surely has no archive.
    RunResult s = run_ububiko({"--archive", tmp / "nowhere", "search", "budget"});
    CHECK(s.status == 3);
    CHECK_THAT(s.err, Catch::Contains("aucune archive ububiko dans"));
    (void)r;
}
