// The command line end to end on the real binary: init, plan, file, show, list, search,
// reclassify, edit, reindex, check.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "archive/lock.hpp"
#include "cli_fixture.hpp"
#include "core/fs.hpp"
#include "core/sha256.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

TEST_CASE("init, then file one text and find it again, with French forms") {
    CliArchive a;
    std::string doc = a.tmp.write("PV session 2024.txt",
                                  "Procès-verbal de la session ordinaire du conseil communal.\n"
                                  "Les Décisions prises sur le budget de l'État et les taxes de marché.\n");
    RunResult r = a.run({"file", doc, "--code", "1.1.2", "--date", "07/03/2024", "--type", "PV", "--direction", "interne"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Matches("classé   [0-9]{4}-000001  1\\.1\\.2  « PV session 2024\\.txt »\n"));

    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex("[0-9]{4}-[0-9]{6}")));
    json shown = a.json({"show", "BRR/" + m.str()});
    CHECK(shown["title"] == "Procès-verbal de la session ordinaire du conseil communal");
    CHECK(shown["date"] == "2024-03-07");
    CHECK(shown["type"] == "proces-verbal");
    CHECK(shown["direction"] == "internal");
    CHECK(shown["access"] == "public");  // the code's default
    CHECK(shown["original_name"] == "PV session 2024.txt");
    CHECK(shown["history"].size() == 1);
    std::string folder = a.root + "/" + shown["folder"].get<std::string>();
    CHECK(read_file(folder + "/original.txt") == read_file(doc));
    CHECK(shown["files"][0]["sha256"] == sha256_file(doc));

    for (const char* q : {"decision", "DÉCISIONS", "décision", "etat", "l'État", "taxe marche", "pv", "proces-verbaux"}) {
        INFO(q);
        json s = a.json({"search", q});
        CHECK(s["total"] == 1);
    }
    json s = a.json({"search", "budget"});
    CHECK_THAT(s["hits"][0]["snippet_html"].get<std::string>(), Catch::Contains("<mark>budget</mark>"));
    CHECK(a.json({"search", "code:1.1", "année:2024"})["total"] == 1);
    CHECK(a.json({"search", "code:4"})["total"] == 0);
    RunResult text = a.run({"search", "budget"});
    CHECK_THAT(text.out, Catch::Contains("1 résultat(s) pour « budget »") && Catch::Contains("[budget]"));
}

TEST_CASE("several files in one command, a duplicate refused with the existing number") {
    CliArchive a;
    std::vector<std::string> args = {"file"};
    for (int i = 0; i < 12; ++i)
        args.push_back(a.tmp.write("lettre-" + std::to_string(i) + ".txt", "Lettre numéro " + std::to_string(i) + " au sujet du marché de Bururi."));
    args.insert(args.end(), {"--code", "2.2.1", "--type", "lettre", "--direction", "in", "--correspondent", "Citoyen"});
    RunResult r = a.run(args);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("12 classé(s), 0 doublon(s), 0 échec(s)"));
    json listed = a.json({"list", "--code", "2.2"});
    REQUIRE(listed.size() == 12);

    RunResult again = a.run({"file", args[3], "--code", "2.2.1"});
    CHECK(again.status == 4);
    CHECK_THAT(again.out, Catch::Contains("déjà dans l'archive sous le numéro " + listed[2]["id"].get<std::string>()));
    CHECK(a.json({"list"}).size() == 12);
    CHECK(a.json({"check"})["unrepaired"] == 0);
}

TEST_CASE("reclassify moves a record and search follows, reindex rebuilds from records alone") {
    CliArchive a;
    std::string doc = a.tmp.write("quittance.txt", "Quittance de la taxe sur le bétail, abattage du 3 mars.");
    REQUIRE(a.run({"file", doc, "--code", "4.2.5"}).status == 0);
    std::string id = a.json({"list"})[0]["id"];
    RunResult missing_reason = a.run({"reclassify", id, "4.2.3"});
    CHECK(missing_reason.status == 2);
    RunResult r = a.run({"reclassify", id, "4.2.3", "--reason", "taxe sur le bétail"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("4.2.5 → 4.2.3"));
    CHECK(a.json({"search", "bétail", "code:4.2.3"})["total"] == 1);
    CHECK(a.json({"search", "bétail", "code:4.2.5"})["total"] == 0);
    json shown = a.json({"show", id});
    CHECK(shown["history"].size() == 2);
    CHECK(shown["history"][1]["reason"] == "taxe sur le bétail");

    std::filesystem::remove_all(a.root + "/index");
    CHECK(a.json({"search", "bétail"})["total"] == 0);
    RunResult lost = a.run({"search", "bétail"});
    CHECK(lost.status == 0);
    CHECK_THAT(lost.err, Catch::Contains("l'index de recherche est absent ; « ububiko reindex » le reconstruit"));
    RunResult re = a.run({"reindex"});
    CHECK(re.status == 0);
    CHECK_THAT(re.out, Catch::Contains("1 enregistrement(s) indexé(s)"));
    CHECK(a.json({"search", "betail"})["total"] == 1);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("edit corrects a sample's title: search follows, show lists the edit, check stays clean") {
    CliArchive a;
    const std::string sample = source("samples/Lettre du Gouverneur rappel rapports 2022.pdf");
    REQUIRE(a.run({"file", sample, "--code", "1.3.2", "--title", "Courrier Ntahonkiriye", "--date", "03/06/2022"}).status == 0);
    const std::string id = a.json({"list"})[0]["id"];
    CHECK(a.json({"search", "Ntahonkiriye"})["total"] == 1);
    const std::string journal = a.root + "/journal.jsonl";

    // Bad values: refused naming the option, nothing changed.
    const auto before = snapshot(a.root);
    struct Bad {
        std::vector<std::string> args;
        const char* option;
    };
    for (const Bad& bad : {Bad{{"--date", "2022-13-01"}, "--date"}, Bad{{"--type", "parchemin"}, "--type"},
                           Bad{{"--access", "secret"}, "--access"}, Bad{{"--direction", "aller"}, "--direction"}}) {
        std::vector<std::string> args = {"edit", id, "--reason", "essai"};
        args.insert(args.end(), bad.args.begin(), bad.args.end());
        RunResult r = a.run(args);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(bad.option));
    }
    RunResult no_reason = a.run({"edit", id, "--title", "Autre"});
    CHECK(no_reason.status == 2);
    CHECK_THAT(no_reason.err, Catch::Contains("--reason"));
    RunResult nothing = a.run({"edit", id, "--reason", "rien"});
    CHECK(nothing.status == 2);
    CHECK_THAT(nothing.err, Catch::Contains("rien à modifier"));
    CHECK(a.run({"edit", "2026-999999", "--title", "Autre", "--reason", "r"}).status == 3);
    CHECK(snapshot(a.root) == before);

    RunResult r = a.run({"edit", "BRR/" + id, "--title", "Rappel des rapports mensuels Imvura", "--access", "confidentiel",
                         "--reason", "titre provisoire remplacé"},
                        {{"UBUBIKO_USER", "archiviste"}});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("modifié  " + id) &&
                          Catch::Contains("titre : « Courrier Ntahonkiriye » → « Rappel des rapports mensuels Imvura »") &&
                          Catch::Contains("accès : interne → confidentiel"));
    CHECK(a.json({"search", "Imvura"})["total"] == 1);
    CHECK(a.json({"search", "Ntahonkiriye"})["total"] == 0);
    CHECK(a.json({"search", "transmission des rapports"})["total"] == 1);  // the text is still there

    json shown = a.json({"show", id});
    CHECK(shown["title"] == "Rappel des rapports mensuels Imvura");
    CHECK(shown["access"] == "confidential");
    CHECK(shown["code"] == "1.3.2");
    CHECK(shown["folder"] == "records/1/1.3/1.3.2/" + id.substr(0, 4) + "/" + id);
    REQUIRE(shown["history"].size() == 2);
    const json& entry = shown["history"][1];
    CHECK(entry["action"] == "edit");
    CHECK(entry["user"] == "archiviste");
    CHECK(entry["reason"] == "titre provisoire remplacé");
    CHECK(entry["changes"][0] == json({{"field", "title"}, {"old", "Courrier Ntahonkiriye"}, {"new", "Rappel des rapports mensuels Imvura"}}));
    CHECK(entry["changes"][1] == json({{"field", "access"}, {"old", "internal"}, {"new", "confidential"}}));
    CHECK_THAT(a.run({"show", id}).out, Catch::Contains("modification : titre, accès ; motif : titre provisoire remplacé (archiviste)"));

    // The same again: said, and nothing journaled.
    const std::string journal_before = read_file(journal);
    RunResult same = a.run({"edit", id, "--title", "Rappel des rapports mensuels Imvura", "--reason", "encore"});
    CHECK(same.status == 0);
    CHECK_THAT(same.out, Catch::Contains("aucun changement : " + id));
    CHECK(read_file(journal) == journal_before);

    // JSON, and English.
    const std::string correspondent = shown["correspondent"];  // as proposed from the text
    json edited = a.json({"edit", id, "--correspondent", "Cabinet du Gouverneur", "--reason", "correspondant précisé"});
    CHECK(edited["changed"] == true);
    CHECK(edited["changes"] == json::array({{{"field", "correspondent"}, {"old", correspondent}, {"new", "Cabinet du Gouverneur"}}}));
    RunResult english = a.run({"edit", id, "--direction", "in", "--reason", "direction"}, {{"UBUBIKO_LANG", "en"}});
    CHECK_THAT(english.out, Catch::Contains("edited   " + id) && Catch::Contains("direction: (empty) → incoming"));

    CHECK(a.json({"check"})["unrepaired"] == 0);
    RunResult schema = run_program("/usr/bin/python3", {source("tests/schema/validate_json.py"),
                                                        source("schemas/journal-entry.schema.json"), "--jsonl", journal});
    INFO(schema.out << schema.err);
    CHECK(schema.status == 0);
}

TEST_CASE("check finds a damaged original and a missing index entry, --repair fixes only the index") {
    CliArchive a;
    REQUIRE(a.run({"file", a.tmp.write("a.txt", "Rapport du centre de santé."), "--code", "8.1.1"}).status == 0);
    REQUIRE(a.run({"file", a.tmp.write("b.txt", "Rapport de l'école fondamentale."), "--code", "8.2.1"}).status == 0);
    json list = a.json({"list"});
    std::string folder_a = a.root + "/" + a.json({"show", list[0]["id"]})["folder"].get<std::string>();
    write_file(folder_a + "/original.txt", "Rapport du centre de santé, falsifié.", Durability::none);
    write_file(folder_a + "/notes.txt", "ajout", Durability::none);

    RunResult r = a.run({"check"});
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("PROBLÈME fixity") && Catch::Contains("original.txt : contenu altéré"));
    CHECK_THAT(r.out, Catch::Contains("PROBLÈME extra-file") && Catch::Contains("notes.txt"));

    // An index that lost a record and kept a ghost.
    std::filesystem::remove_all(a.root + "/index");
    REQUIRE(a.run({"file", a.tmp.write("c.txt", "Lettre du gouverneur."), "--code", "1.3.2"}).status == 0);
    json report = a.json({"check"});
    std::set<std::string> kinds;
    for (const auto& p : report["problems"]) kinds.insert(p["kind"]);
    CHECK(kinds == std::set<std::string>{"fixity", "extra-file", "not-indexed"});

    json repaired = a.json({"check", "--repair"});
    CHECK(repaired["unrepaired"] == 2);  // the original is never "repaired"
    CHECK(read_file(folder_a + "/original.txt") == "Rapport du centre de santé, falsifié.");
    CHECK(a.json({"search", "ecole"})["total"] == 1);
    json after = a.json({"check"});
    CHECK(after["problems"].size() == 2);
}

TEST_CASE("an RTF letter (WordPad's format) is filed with its text and found") {
    CliArchive a;
    std::string rtf = a.tmp.write("requete.rtf",
                                  "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Calibri;}}{\\info{\\title Requ\\'eate de Jean}}"
                                  "\\pard R\\'e9sidence sur la colline Kiremba\\par Demande d\\rquote attestation\\par}");
    RunResult r = a.run({"file", rtf, "--code", "3.3.3"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    json hit = a.json({"search", "residence kiremba"});
    REQUIRE(hit["total"] == 1);
    CHECK(hit["hits"][0]["title"] == "Requête de Jean");
    CHECK(a.json({"show", hit["hits"][0]["id"]})["extraction"]["method"] == "rtf");
}

TEST_CASE("a damaged index is named with the way to rebuild it, and check --repair rebuilds it") {
    CliArchive a;
    REQUIRE(a.run({"file", a.tmp.write("a.txt", "Rapport du centre de santé de Kiremba."), "--code", "8.1.1"}).status == 0);
    REQUIRE(a.run({"file", a.tmp.write("b.txt", "Rapport de l'école fondamentale."), "--code", "8.2.1"}).status == 0);
    // A table cut short, as a disk that failed in the middle of a write leaves it.
    for (const char* shard : {"shard0", "shard1"}) write_file(a.root + "/index/" + shard + "/postlist.glass", "", Durability::none);

    RunResult search = a.run({"search", "rapport"});
    CHECK(search.status == 6);
    CHECK_THAT(search.err, Catch::Contains("index endommagé") && Catch::Contains("lancez « ububiko reindex »"));

    RunResult check = a.run({"check"});
    CHECK(check.status == 1);
    CHECK_THAT(check.out, Catch::Contains("PROBLÈME index") && Catch::Contains("index endommagé"));

    RunResult repair = a.run({"check", "--repair"});
    INFO(repair.out << repair.err);
    CHECK(repair.status == 0);
    CHECK(a.json({"search", "rapport"})["total"] == 2);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("a second writer waits, then says the archive is busy, and nothing changes") {
    CliArchive a;
    std::string doc = a.tmp.write("a.txt", "Note de service.");
    auto before = snapshot(a.root);
    archive::WriterLock held(a.root);
    RunResult r = a.run({"file", doc, "--code", "1.2.2"}, {{"UBUBIKO_LOCK_WAIT", "0.3"}});
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("l'archive est en cours de modification par un autre processus"));
    CHECK(snapshot(a.root) == before);
    // Readers are never blocked.
    CHECK(a.run({"search", "note"}).status == 0);
}

TEST_CASE("plan commands: check, show, export and import round trip") {
    TempDir tmp;
    std::string plan = source("classification/commune-burundi.yaml");
    RunResult c = run_ububiko({"plan", "check", plan});
    CHECK(c.status == 0);
    CHECK_THAT(c.out, Catch::Contains("plan valide — commune-burundi@1"));
    RunResult show = run_ububiko({"plan", "show", "--plan", plan, "4.2"});
    CHECK_THAT(show.out, Catch::Contains("4.2.2") && Catch::Contains("Taxes de marché"));
    RunResult csv = run_ububiko({"plan", "export", "--csv", "--plan", plan, "--delimiter", ";", "-o", tmp / "plan.csv"});
    REQUIRE(csv.status == 0);
    RunResult imported = run_ububiko({"plan", "import", tmp / "plan.csv", "-o", tmp / "plan.yaml"});
    REQUIRE(imported.status == 0);
    CHECK(run_ububiko({"plan", "check", tmp / "plan.yaml"}).status == 0);
    json a = json::parse(run_ububiko({"plan", "show", "--plan", plan, "--json"}).out);
    json b = json::parse(run_ububiko({"plan", "show", "--plan", tmp / "plan.yaml", "--json"}).out);
    CHECK(a == b);
}

TEST_CASE("messages in English when the locale says so") {
    CliArchive a;
    RunResult r = a.run({"file", a.tmp.write("x.txt", "texte"), "--code", "1.1"}, {{"UBUBIKO_LANG", "en"}});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("code '1.1' (Conseil communal) is not a leaf of the plan"));
}

TEST_CASE("ububiko --version prints the version, before or after the archive option") {
    CliArchive a;
    for (const auto& args : {std::vector<std::string>{"--version"}, std::vector<std::string>{"--archive", "/nulle/part", "--version"}}) {
        RunResult r = a.run(args);
        CHECK(r.status == 0);
        CHECK(r.out == std::string("ububiko ") + UBUBIKO_VERSION_TEXT + "\n");
    }
}

TEST_CASE("the ububiko program loads no C++ library beside its own static libstdc++") {
    // ldd lists every shared library the program loads, with those they need in turn.
    RunResult r = run_program("/usr/bin/ldd", {UBUBIKO_BIN});
    REQUIRE(r.status == 0);
    if (UBUBIKO_STATIC_LIBSTDCXX) {
        // Xapian and libstdc++ are in the program: a shared C++ library loaded beside them
        // would bring a second libstdc++ (and a second set of its globals).
        CHECK_THAT(r.out, !Catch::Contains("libxapian"));
        CHECK_THAT(r.out, !Catch::Contains("libstdc++"));
        CHECK_THAT(r.out, !Catch::Contains("libgcc_s"));
    } else if (UBUBIKO_XAPIAN_IS_STATIC) {
        CHECK_THAT(r.out, !Catch::Contains("libxapian"));  // under the sanitizers
    } else {
        CHECK_THAT(r.out, Catch::Contains("libxapian"));
        CHECK_THAT(r.out, Catch::Contains("libstdc++"));
    }
    // Either way it searches: the Xapian it carries opens an index and finds a record.
    CliArchive a;
    REQUIRE(a.run({"file", a.tmp.write("note.txt", "Note sur la redevance des marchés"), "--code", "2.2.1"}).status == 0);
    RunResult found = a.run({"search", "redevances"});
    CHECK(found.status == 0);
    CHECK_THAT(found.out, Catch::Contains("1 résultat(s)"));
}

TEST_CASE("a scan filed without OCR is marked as needing it") {
    CliArchive a;
    std::string scan = corpus("scans/paperless__barcode-fax-image.pdf");
    RunResult r = a.run({"file", scan, "--code", "2.2.1", "--date", "2024-05-02", "--no-ocr"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("sans couche texte : à océriser"));
    json found = a.json({"search", "statut:ocr"});
    REQUIRE(found["total"] == 1);
    json shown = a.json({"show", found["hits"][0]["id"]});
    CHECK(shown["flags"] == json::array({"needs-ocr"}));
    CHECK(shown["extraction"]["needs_ocr"] == true);
    CHECK(shown["extraction"]["pages"] == 3);
    CHECK(shown["extraction"]["pages_without_text"] == json::array({1, 2, 3}));
    CHECK(shown["files"][0]["media_type"] == "application/pdf");
    CHECK(a.run({"check"}).status == 0);
}
