// Filing without a code: the classifier's first suggestion is taken when it is sure enough
// (the archive's threshold), else the document waits in the queue with its suggestions;
// metadata not given is proposed from the text, and what a person gives always wins. The
// model is retrained as records are filed.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

#include "cli_fixture.hpp"
#include "core/csv.hpp"
#include "core/fs.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

// The samples filed with their manifest: a history for the suggestions to learn from.
void file_samples(const CliArchive& a) {
    std::vector<std::string> args = {"file", "--metadata", source("samples/manifest.csv")};
    auto rows = csv::parse(read_file(source("samples/manifest.csv")), "manifest.csv");
    for (std::size_t i = 1; i < rows.size(); ++i) args.push_back(source("samples/" + rows[i].fields[0]));
    RunResult r = a.run(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("modèle de suggestion réentraîné sur"));
}

void set_threshold(const CliArchive& a, double threshold) {
    const std::string path = a.root + "/archive.yaml";
    std::string yaml = std::regex_replace(read_file(path), std::regex("suggestion_threshold: [0-9.]+"),
                                          "suggestion_threshold: " + std::to_string(threshold));
    replace_file_atomically(path, yaml);
}

// A letter of the council's minutes, as a secretary would receive it.
const char* k_minutes =
    "REPUBLIQUE DU BURUNDI\nPROVINCE DE BURURI\nCOMMUNE DE BURURI\n\n"
    "N/Réf. : 118/CC/BRR/2024\n\nBururi, le 3 mars 2024\n\n"
    "PROCES-VERBAL DE LA SESSION ORDINAIRE DU CONSEIL COMMUNAL\n\n"
    "L'an deux mille vingt-quatre, le deuxième jour du mois de mars, s'est tenue au chef-lieu de la "
    "commune la session ordinaire du conseil communal de Bururi, sous la présidence du président du "
    "conseil communal. Étaient présents dix-huit conseillers sur vingt-cinq; le quorum étant atteint, "
    "le conseil a délibéré valablement. Ordre du jour : adoption du procès-verbal de la session "
    "précédente ; examen du budget communal ; divers. Après débat, le conseil communal a adopté le "
    "procès-verbal de la session précédente à l'unanimité des conseillers présents.\n\n"
    "Le secrétaire de séance                 Le président du conseil communal\n";

json record_of(const CliArchive& a, const json& filed) {
    REQUIRE(filed["documents"].size() == 1);
    return a.json({"show", filed["documents"][0]["id"].get<std::string>()});
}

}  // namespace

TEST_CASE("without a code, a sure suggestion files the document and an unsure one queues it with its suggestions") {
    CliArchive a;
    file_samples(a);
    CHECK(std::filesystem::exists(a.root + "/classifier/model.json"));
    const std::string doc = a.tmp.write("pv-mars-2024.txt", k_minutes);

    SECTION("threshold 1: queued, the suggestions kept in the record and shown by queue") {
        set_threshold(a, 1.0);
        json r = a.json({"file", doc});
        REQUIRE(r["queued"] == 1);
        json rec = record_of(a, r);
        CHECK(rec["status"] == "to-classify");
        CHECK(rec["code"] == "");
        REQUIRE(rec["proposed"]["suggestions"].size() >= 1);
        CHECK(rec["proposed"]["suggestions"][0]["code"] == "1.1.2");
        CHECK_FALSE(rec["proposed"].contains("code"));
        RunResult q = a.run({"queue"});
        CHECK_THAT(q.out, Catch::Contains("suggestions : 1.1.2"));
    }
    SECTION("threshold 0: filed under the first suggestion, said in the output and the record") {
        set_threshold(a, 0.0);
        json r = a.json({"file", doc});
        REQUIRE(r["filed"] == 1);
        CHECK(r["documents"][0]["suggested"]["code"] == "1.1.2");
        json rec = record_of(a, r);
        CHECK(rec["status"] == "filed");
        CHECK(rec["code"] == "1.1.2");
        CHECK(rec["proposed"]["code"]["value"] == "1.1.2");
        CHECK(rec["access"] == "public");  // the code's default access, not the queue's
        RunResult text = a.run({"show", rec["id"]});
        CHECK_THAT(text.out, Catch::Contains("Proposé") && Catch::Contains("« Bururi, le 3 mars 2024 »"));
    }
}

TEST_CASE("metadata not given is proposed from the text, what is given wins, and --no-suggest proposes nothing") {
    CliArchive a;
    const std::string doc = a.tmp.write("pv.txt", k_minutes);

    SECTION("proposed") {
        json rec = record_of(a, a.json({"file", doc, "--code", "1.1.2"}));
        CHECK(rec["code"] == "1.1.2");
        CHECK(rec["date"] == "2024-03-03");
        CHECK(rec["reference"] == "118/CC/BRR/2024");
        CHECK(rec["proposed"]["date"]["evidence"] == "Bururi, le 3 mars 2024");
        CHECK_FALSE(rec["proposed"].contains("suggestions"));  // the code was given
    }
    SECTION("given") {
        json rec = record_of(a, a.json({"file", doc, "--code", "1.1.2", "--date", "02/03/2024", "--reference", "X-1"}));
        CHECK(rec["date"] == "2024-03-02");
        CHECK(rec["reference"] == "X-1");
        CHECK_FALSE(rec["proposed"].contains("date"));
        CHECK_FALSE(rec["proposed"].contains("reference"));
    }
    SECTION("--no-suggest") {
        json rec = record_of(a, a.json({"file", doc, "--no-suggest"}));
        CHECK(rec["status"] == "to-classify");
        CHECK((!rec.contains("date") || rec["date"].is_null() || rec["date"] == ""));
        CHECK_FALSE(rec.contains("proposed"));
    }
}

TEST_CASE("a bad threshold in archive.yaml is refused with its place") {
    CliArchive a;
    const std::string path = a.root + "/archive.yaml";
    replace_file_atomically(path, std::regex_replace(read_file(path), std::regex("suggestion_threshold: [0-9.]+"),
                                        "suggestion_threshold: 1.5"));
    RunResult r = a.run({"list"});
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Catch::Contains("archive.yaml") && Catch::Contains("suggestion_threshold"));
}

TEST_CASE("by default the model is retrained in the background after a filing, one training at a time") {
    CliArchive a;
    std::vector<std::string> args = {"file", "--metadata", source("samples/manifest.csv")};
    auto rows = csv::parse(read_file(source("samples/manifest.csv")), "manifest.csv");
    for (std::size_t i = 1; i < rows.size(); ++i) args.push_back(source("samples/" + rows[i].fields[0]));
    args.insert(args.begin(), {"--archive", a.root});
    RunResult r = run_ububiko(args, {{"UBUBIKO_TRAIN", ""}});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("réapprentissage du modèle de suggestion lancé en arrière-plan"));
    // The detached training writes model.json last; wait for it (a minute at most).
    const std::string model = a.root + "/classifier/model.json";
    for (int i = 0; i < 600 && !std::filesystem::exists(model); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(std::filesystem::exists(model));
    CHECK(json::parse(read_file(model))["records"] == rows.size() - 1);
    // Up to date now: train --if-stale does nothing, and says so in JSON.
    CHECK(a.json({"train", "--if-stale"})["trained"] == false);
}

