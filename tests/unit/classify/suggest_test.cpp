// Suggestions of codes, end to end with the real binary: the shipped samples filed with
// their manifest must be suggested back (an accuracy floor, held out), a file outside the
// archive gets codes from the plan's hints alone, the model is trained, found stale and
// ignored when damaged, and the output reads in French and in English.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "classify/model_linear.hpp"
#include "classify/suggest.hpp"
#include "classify/suggest_analysis.hpp"
#include "cli/cli_fixture.hpp"
#include "core/csv.hpp"
#include "core/fs.hpp"
#include "plan/plan_yaml.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

struct Sample {
    std::string file, code;
};

std::vector<Sample> manifest() {
    std::vector<Sample> out;
    auto rows = csv::parse(read_file(source("samples/manifest.csv")), "manifest.csv");
    for (std::size_t i = 1; i < rows.size(); ++i)
        out.push_back({rows[i].fields[0], rows[i].fields[1]});
    return out;
}

// The samples filed once for every case that only reads them.
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

std::string id_of(const CliArchive& a, const std::string& file) {
    for (const auto& r : a.json({"list"}))
        if (r["original_name"] == file) return r["id"];
    FAIL("not filed: " << file);
    return {};
}

bool cites(const json& suggestion, const std::string& text) {
    for (const auto& reason : suggestion["reasons"])
        if (reason.get<std::string>().find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

// The floor the issue asks for: held out, the right code comes first for most samples,
// and among the first three for nearly all. Most codes have a single sample, so this is
// mostly the plan's hints at work, helped by the neighbours and the model where a code has
// several samples. Measured 2026-11-28: see the figures in tools/bench/README.md.
TEST_CASE("suggestions find the samples' codes again, held out (accuracy floor)") {
    const CliArchive& a = filed();
    json r = a.json({"eval", "--method", "loo"});
    INFO(r.dump(1));
    CHECK(r["method"] == "leave-one-out");
    CHECK(r["test"].get<int>() == static_cast<int>(manifest().size()));
    CHECK(r["top1"].get<double>() >= 0.70);
    CHECK(r["top3"].get<double>() >= 0.90);
    // Every top-level code in use is reported, and confusions name real codes.
    REQUIRE(r["per_top_level"].size() >= 10);
    for (const auto& c : r["confusion"]) CHECK(c["actual"] != c["predicted"]);

    json split = a.json({"eval", "--method", "split"});
    CHECK(split["method"] == "80/20");
    CHECK(split["test"].get<int>() + split["train"].get<int>() ==
          static_cast<int>(manifest().size()));
}

TEST_CASE("a filed record is suggested its code with reasons, and is not its own neighbour") {
    const CliArchive& a = filed();
    const std::string id = id_of(a, "PV session ordinaire 2023-03.pdf");
    json r = a.json({"suggest", id});
    INFO(r.dump(1));
    CHECK(r["id"] == id);
    CHECK(r["code"] == "1.1.2");
    REQUIRE(!r["suggestions"].empty());
    CHECK(r["suggestions"][0]["code"] == "1.1.2");
    double sum = 0;
    for (const auto& s : r["suggestions"]) {
        double c = s["confidence"].get<double>();
        CHECK(c > 0);
        CHECK(c <= 1);
        sum += c;
        CHECK(!s["reasons"].empty());
        CHECK(!s["title"].get<std::string>().empty());
        CHECK_FALSE(cites(s, id));  // never "1 similar record (itself)"
    }
    CHECK(sum <= 1.0 + 1e-9);
    const json& best = r["suggestions"][0];
    CHECK(cites(best, "procès-verbal"));
    // Two other minutes of the council are filed under 1.1.2: the neighbours say so.
    CHECK(cites(best, "semblable"));
}

TEST_CASE("a file outside the archive gets codes from the plan alone, and metadata proposals") {
    CliArchive a;  // empty: no records, no model
    RunResult r =
        a.run({"suggest", source("samples/DECISION N°031-2024 divagation animaux.pdf"), "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    json j = json::parse(r.out);
    INFO(j.dump(1));
    CHECK(j["model"].is_null());
    REQUIRE(!j["suggestions"].empty());
    CHECK(j["suggestions"][0]["code"] == "1.2.1");
    CHECK(cites(j["suggestions"][0], "écision"));
    // The metadata read from the text.
    REQUIRE(j["metadata"]["date"].is_object());
    CHECK(j["metadata"]["date"]["value"] == "2024-09-16");
    REQUIRE(j["metadata"]["type"].is_object());
    CHECK(j["metadata"]["type"]["value"] == "decision");

    // And for people, in French then in English.
    RunResult fr = a.run({"suggest", source("samples/DECISION N°031-2024 divagation animaux.pdf")});
    REQUIRE(fr.status == 0);
    CHECK(fr.out.find("Codes proposés") != std::string::npos);
    CHECK(fr.out.find("1.2.1") != std::string::npos);
    CHECK(fr.out.find("Métadonnées proposées") != std::string::npos);
    CHECK(fr.out.find("2024-09-16") != std::string::npos);
    RunResult en = a.run({"suggest", source("samples/DECISION N°031-2024 divagation animaux.pdf")},
                         {{"UBUBIKO_LANG", "en"}});
    REQUIRE(en.status == 0);
    CHECK(en.out.find("Suggested codes") != std::string::npos);
    CHECK(en.out.find("Proposed metadata") != std::string::npos);
}

TEST_CASE("suggest refuses what is neither a file nor a record") {
    const CliArchive& a = filed();
    RunResult missing = a.run({"suggest", "/nonexistent/lettre.pdf"});
    CHECK(missing.status == exit_status(ErrorCode::not_found));
    CHECK(missing.err.find("/nonexistent/lettre.pdf") != std::string::npos);
    RunResult unknown = a.run({"suggest", "2020-999999"});
    CHECK(unknown.status == exit_status(ErrorCode::not_found));
    CHECK(unknown.err.find("2020-999999") != std::string::npos);
}

TEST_CASE("the model is trained, stored beside the index, and a damaged one is ignored") {
    // A copy of the filed samples: this case writes its model.
    TempDir tmp;
    const std::string root = tmp / "archive";
    std::filesystem::copy(filed().root, root, std::filesystem::copy_options::recursive);
    std::filesystem::remove_all(root + "/classifier");
    auto run = [&](std::vector<std::string> args,
                   const std::map<std::string, std::string>& env = {}) {
        args.insert(args.begin(), {"--archive", root});
        return run_ububiko(args, env);
    };

    archive::Archive archive = archive::Archive::open(root);
    CHECK(classify::model_stale(archive));  // 53 filed, no model
    CHECK_FALSE(classify::model_status(archive));

    RunResult t = run({"train", "--json"});
    INFO(t.err);
    REQUIRE(t.status == 0);
    json tj = json::parse(t.out);
    CHECK(tj["records"] == manifest().size());
    CHECK(tj["classes"].get<int>() >= 30);
    CHECK(tj["features"].get<int>() > 500);
    CHECK(exists(root + "/classifier/model.json"));
    CHECK(exists(root + "/classifier/weights.bin"));
    CHECK(exists(root + "/classifier/vocabulary.tsv"));
    CHECK_FALSE(classify::model_stale(archive));
    REQUIRE(classify::model_status(archive));
    CHECK(classify::model_status(archive)->records == manifest().size());

    const std::string id = id_of(filed(), "Deliberation 03-2022 taxes communales.pdf");
    json before = json::parse(run({"suggest", id, "--json"}).out);
    CHECK(before["model"]["records"] == manifest().size());
    REQUIRE(!before["suggestions"].empty());
    CHECK(before["suggestions"][0]["code"] == "1.1.3");

    // Half a weights file (a crash, a bad disk): no model, suggestions go on without it.
    const std::string weights = root + "/classifier/weights.bin";
    std::filesystem::resize_file(weights, std::filesystem::file_size(weights) / 2);
    CHECK_FALSE(classify::model_status(archive));
    CHECK(classify::model_stale(archive));
    RunResult after = run({"suggest", id, "--json", "--no-train"});
    INFO(after.err);
    REQUIRE(after.status == 0);
    json aj = json::parse(after.out);
    CHECK(aj["model"].is_null());
    REQUIRE(!aj["suggestions"].empty());
    CHECK(cites(before["suggestions"][0], "modèle appris"));
    for (const auto& s : aj["suggestions"]) CHECK_FALSE(cites(s, "modèle appris"));
    bool listed = false;  // the plan's hints still name the right code
    for (const auto& s : aj["suggestions"]) listed = listed || s["code"] == "1.1.3";
    CHECK(listed);

    // Without --no-train the stale model is retrained first.
    RunResult again = run({"suggest", id, "--json"});
    REQUIRE(again.status == 0);
    CHECK(json::parse(again.out)["model"]["records"] == manifest().size());
    CHECK_FALSE(classify::model_stale(archive));
}

TEST_CASE("an archive with nothing filed trains no model and evaluates nothing") {
    CliArchive a;
    json t = a.json({"train"});
    CHECK(t["records"] == 0);
    CHECK(t["model"] == false);
    json e = a.json({"eval"});
    CHECK(e["test"] == 0);
    CHECK(e["top1"] == 0);
}

// The library underneath: features, and the model's files.
namespace {

bool has_feature(const std::vector<std::pair<std::string, double>>& features,
                 const std::string& name) {
    for (const auto& [f, c] : features)
        if (f == name) return true;
    return false;
}

}  // namespace

TEST_CASE(
    "the model's features: stems of the text and the title, and the beginnings of identifiers") {
    plan::Plan plan = plan::load_plan_file(source("classification/commune-burundi.yaml"));
    classify::Document d;
    d.title = "Article L112-4";
    d.text = "Les procès-verbaux des séances sont transmis au Gouverneur.";
    d.type = "pv";
    auto f = classify::detail::model_features(classify::detail::analyse(d, plan));
    CHECK(has_feature(f, "l112"));   // the word itself
    CHECK(has_feature(f, "Tl112"));  // as a title word
    CHECK(has_feature(f, "Pl"));     // and its beginnings
    CHECK(has_feature(f, "Pl1"));
    CHECK(has_feature(f, "Pl11"));
    CHECK(has_feature(f, "Pl112"));
    CHECK(has_feature(f, "Yproces-verbal"));  // the type through the plan's aliases
    CHECK_FALSE(has_feature(f, "4"));         // bare numbers say nothing
    CHECK_FALSE(has_feature(f, "les"));       // nor stopwords
    CHECK(std::is_sorted(f.begin(), f.end()));
}

TEST_CASE("a trained model is saved, read back the same, and ignored when its files disagree") {
    using namespace classify::detail;
    FeatureTable table;
    std::vector<SparseCounts> counts;
    TrainingSet set;
    set.table = &table;
    set.counts = &counts;
    const std::vector<std::pair<std::string, std::vector<std::string>>> docs = {
        {"1.1", {"budget", "recette", "taxe"}},    {"1.1", {"budget", "taxe", "marche"}},
        {"1.1", {"recette", "taxe", "impot"}},     {"2.1", {"naissance", "acte", "enfant"}},
        {"2.1", {"naissance", "mariage", "acte"}}, {"2.1", {"deces", "acte", "enfant"}},
    };
    for (const auto& [code, words] : docs) {
        SparseCounts c;
        for (const std::string& w : words) c.emplace_back(table.intern(w), 1.0f);
        std::sort(c.begin(), c.end());
        set.rows.push_back(counts.size());
        set.codes.push_back(code);
        counts.push_back(std::move(c));
    }
    LinearModel model = LinearModel::train(set, {});
    REQUIRE(model.has_weights());
    CHECK(model.info().classes == 2);
    CHECK(model.info().records == 6);
    const std::vector<std::pair<std::string, double>> query = {{"acte", 1}, {"naissance", 2}};
    auto before = model.predict(query);
    REQUIRE(before.size() == 2);
    CHECK(before[0].code == "2.1");
    CHECK(before[0].probability > 0.5);
    CHECK(model.evidence(query, "2.1", 3).size() >= 1);

    TempDir tmp;
    const std::string dir = tmp / "classifier";
    model.save(dir);
    auto loaded = LinearModel::load(dir);
    REQUIRE(loaded);
    auto after = loaded->predict(query);
    REQUIRE(after.size() == 2);
    CHECK(after[0].code == before[0].code);
    CHECK(after[0].probability == Approx(before[0].probability).epsilon(1e-5));
    REQUIRE(LinearModel::read_info(dir));
    CHECK(LinearModel::complete(dir, *LinearModel::read_info(dir)));

    // A model.json of another training beside these weights (a crash between two files).
    LinearModel other = LinearModel::train(set, {});
    const std::string weights = read_file(dir + "/weights.bin");
    other.save(dir);
    write_file(dir + "/weights.bin", weights, Durability::none);
    CHECK_FALSE(LinearModel::complete(dir, *LinearModel::read_info(dir)));
    CHECK_FALSE(LinearModel::load(dir));
    // A model.json that is not JSON at all.
    write_file(dir + "/model.json", "{not json", Durability::none);
    CHECK_FALSE(LinearModel::read_info(dir));
    CHECK_FALSE(LinearModel::load(dir));
}
