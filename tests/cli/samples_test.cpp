// The shipped samples filed with their manifest, found again by what a secretary would type
// (with and without accents, singular or plural), and every record.json and journal line
// valid against the published schemas.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_fixture.hpp"
#include "core/csv.hpp"
#include "core/fs.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

struct Sample {
    std::string file, code, date, type, direction, correspondent, title, reference, access;
};

std::vector<Sample> manifest() {
    std::vector<Sample> out;
    auto rows = csv::parse(read_file(source("samples/manifest.csv")), "manifest.csv");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        auto& f = rows[i].fields;
        out.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]});
    }
    return out;
}

// The archive with every sample filed, built once for all the cases below.
const CliArchive& filed() {
    static CliArchive a;
    static bool done = false;
    if (!done) {
        std::vector<std::string> args = {"file", "--metadata", source("samples/manifest.csv")};
        for (const Sample& s : manifest()) args.push_back(source("samples/" + s.file));
        RunResult r = a.run(args);
        INFO(r.err);
        REQUIRE(r.status == 0);
        done = true;
    }
    return a;
}

std::vector<std::string> top_files(const std::string& query, std::size_t n = 3) {
    std::vector<std::string> args = {"search", "--limit", std::to_string(n)};
    args.push_back(query);
    json r = filed().json(args);
    std::vector<std::string> out;
    for (const auto& h : r["hits"]) out.push_back(h["original_name"]);
    return out;
}

}  // namespace

TEST_CASE("every sample is filed with its manifest metadata") {
    const CliArchive& a = filed();
    auto samples = manifest();
    REQUIRE(samples.size() >= 30);
    json listed = a.json({"list"});
    REQUIRE(listed.size() == samples.size());
    std::map<std::string, json> by_name;
    for (const auto& r : listed) by_name[r["original_name"]] = r;
    for (const Sample& s : samples) {
        INFO(s.file);
        REQUIRE(by_name.count(s.file));
        json r = a.json({"show", by_name[s.file]["id"]});
        CHECK(r["code"] == s.code);
        // A field the manifest leaves empty may be proposed from the text (and is then
        // listed under "proposed", with the words it was read from).
        auto given_or_proposed = [&](const char* field, const std::string& given) {
            INFO(field);
            if (!given.empty() || !r.contains("proposed") || !r["proposed"].contains(field))
                CHECK(r.value(field, std::string()) == given);
            else
                CHECK(r[field] == r["proposed"][field]["value"]);
        };
        given_or_proposed("date", s.date);
        given_or_proposed("type", s.type);
        CHECK(r["direction"] == s.direction);
        given_or_proposed("correspondent", s.correspondent);
        given_or_proposed("title", s.title);
        given_or_proposed("reference", s.reference);
        CHECK(r["access"] == s.access);
        CHECK(r["extraction"]["chars"].get<int>() > 500);
        CHECK_FALSE(r["extraction"]["needs_ocr"].get<bool>());
        std::string ext = std::filesystem::path(s.file).extension().string();
        std::string method = r["extraction"]["method"];
        if (ext == ".pdf") CHECK(method == "pdf-text");
        if (ext == ".odt") CHECK(method == "odt");
        if (ext == ".docx") CHECK(method == "docx");
        if (ext == ".txt") CHECK(method.rfind("text-", 0) == 0);
    }
}

TEST_CASE("known items are found with French variants of the words") {
    struct Case {
        const char* query;
        const char* expected;
    };
    const Case cases[] = {
        {"délibération taxes communales", "Deliberation 03-2022 taxes communales.pdf"},
        {"deliberations taxe communale", "Deliberation 03-2022 taxes communales.pdf"},
        {"DIVAGATION des ANIMAUX", "DECISION N°031-2024 divagation animaux.pdf"},
        {"divagation animal", "DECISION N°031-2024 divagation animaux.pdf"},
        {"remise et reprise", "Circulaire_MININTER_2020_remise_reprise.pdf"},
        {"bashingantahe conciliation", "PV conciliation Bashingantahe Gasanda 2017.pdf"},
        {"permis de batir", "Permis de bâtir n°023-2022.pdf"},
        {"centre de santé de Mudende", "Rapport mensuel CDS Mudende mars 2024.pdf"},
        {"CDS Mudende", "Rapport mensuel CDS Mudende mars 2024.pdf"},
        {"cheptels recensés", "Recensement cheptel 2020.pdf"},
        {"plan communal de développement communautaire", "PCDC 2020-2024 extrait.pdf"},
        {"antirougeoleux", "CDS Kiremba rapport T2 2016.txt"},
        {"annee:2019 type:lettre", "Lettre Gouverneur 2019.pdf"},
        {"titre:\"remise et reprise\"", "Circulaire_MININTER_2020_remise_reprise.pdf"},
        // Filed under État civil, above a leave request of an état-civil agent (which says
        // the words in its title) and an invoice for état-civil registers.
        {"état civil", "extrait naissance Kaneza 2020.pdf"},
    };
    for (const Case& c : cases) {
        INFO(c.query);
        auto top = top_files(c.query, 1);
        REQUIRE_FALSE(top.empty());
        CHECK(top[0] == c.expected);
    }
    // A register number, as the register or a stamp prints it, finds its record first.
    for (const auto& r : filed().json({"list"}))
        if (r["original_name"] == "Circulaire_MININTER_2020_remise_reprise.pdf") {
            CHECK(top_files(r["id"].get<std::string>(), 1) == std::vector<std::string>{r["original_name"]});
            CHECK(top_files("BRR/" + r["id"].get<std::string>(), 1) == std::vector<std::string>{r["original_name"]});
        }
    CHECK(filed().json({"search", "code:8.1.1"})["total"] == 3);
    CHECK(filed().json({"search", "code:8.1"})["total"] == 3);
    CHECK(filed().json({"search", "quitance"})["suggestion"] == "quittance");
}

TEST_CASE("facets count the samples by code, year and type") {
    json r = filed().json({"search", "--facets", "rapport"});
    std::map<std::string, int> codes;
    for (const auto& f : r["facets"]["code"]) codes[f["value"]] = f["count"];
    CHECK(codes["8"] >= 3);
    CHECK(codes["8"] == codes["8.1"] + codes["8.2"]);
    int years = 0;
    for (const auto& f : r["facets"]["year"]) years += f["count"].get<int>();
    CHECK(years == r["total"].get<int>());
}

TEST_CASE("every record.json and journal line validates against the published schemas") {
    const CliArchive& a = filed();
    std::vector<std::string> args = {source("tests/schema/validate_json.py"), source("schemas/record.schema.json")};
    for (const auto& e : std::filesystem::recursive_directory_iterator(a.root + "/records"))
        if (e.path().filename() == "record.json") args.push_back(e.path().string());
    RunResult records = run_program("/usr/bin/python3", args);
    INFO(records.out << records.err);
    CHECK(records.status == 0);
    CHECK_THAT(records.out, Catch::Contains(std::to_string(manifest().size()) + " document(s), 0 error(s)"));
    RunResult journal = run_program("/usr/bin/python3", {source("tests/schema/validate_json.py"), source("schemas/journal-entry.schema.json"),
                                                        "--jsonl", a.root + "/journal.jsonl"});
    INFO(journal.out << journal.err);
    CHECK(journal.status == 0);
    // A damaged record is caught by the schema too.
    std::string bad = a.tmp.write("bad-record.json", R"({"schema": "ububiko/record/1", "id": "26-1"})");
    CHECK(run_program("/usr/bin/python3", {source("tests/schema/validate_json.py"), source("schemas/record.schema.json"), bad}).status == 1);
}

TEST_CASE("a minus before a word excludes it, each word typed as its own argument") {
    auto ids = [](const json& r) {
        std::vector<std::string> out;
        for (const auto& h : r["hits"]) out.push_back(h["id"]);
        return out;
    };
    json together = filed().json({"search", "budget -marché"});
    json apart = filed().json({"search", "budget", "-marché"});
    json first = filed().json({"search", "-marché", "budget"});
    json all = filed().json({"search", "budget"});
    REQUIRE(together["total"].get<int>() > 0);
    CHECK(together["total"].get<int>() < all["total"].get<int>());
    CHECK(ids(apart) == ids(together));
    CHECK(ids(first) == ids(together));
    // options keep working before and after the words
    CHECK(filed().json({"search", "budget", "-marché", "--limit", "1"})["hits"].size() == 1);
    CHECK(filed().json({"search", "-n", "1", "budget", "-marché"})["hits"].size() == 1);
    // --archive after the command's name, as people also write it
    RunResult after = run_ububiko({"search", "--archive", filed().root, "budget", "-marché", "--json"});
    REQUIRE(after.status == 0);
    CHECK(ids(json::parse(after.out)) == ids(together));
    RunResult listed = run_ububiko({"list", "--archive", filed().root, "--limit", "2"});
    CHECK(listed.status == 0);
    // a page past the last result says so
    RunResult past = filed().run({"search", "--offset", "500", "budget"});
    CHECK(past.status == 0);
    CHECK_THAT(past.out, Catch::Contains("aucun à partir du 501e"));
}
