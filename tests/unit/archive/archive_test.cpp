#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "archive/config.hpp"
#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "fixture.hpp"
#include "plan/diagnostics.hpp"

using namespace ububiko;
using namespace ububiko::archive;

TEST_CASE("init lays out the archive, copies the plan and starts the journal") {
    test::ArchiveFixture f;
    const std::string& r = f.root;
    for (const char* sub : {"archive.yaml", "journal.jsonl", "plan/petit@1.yaml", "records", "inbox", "tmp"})
        CHECK(exists(r + "/" + sub));
    CHECK(read_file(r + "/plan/petit@1.yaml") == test::k_small_plan);
    Config c = read_config(r + "/archive.yaml");
    CHECK(c.name == "Commune d'essai");
    CHECK(c.code == "TST");
    CHECK(c.plan == "petit@1");
    auto journal = read_journal(r + "/journal.jsonl");
    REQUIRE(journal.size() == 1);
    CHECK(journal[0]["action"] == "init");
    CHECK(verify_journal(r + "/journal.jsonl").empty());

    Archive again = Archive::open(r);
    CHECK(again.plan().ref() == "petit@1");
    CHECK(again.qualified_id("2026-000001") == "TST/2026-000001");
}

TEST_CASE("init refuses a non-empty folder, an existing archive, a bad code and a broken plan") {
    test::TempDir tmp;
    std::string plan = tmp.write("plan.yaml", test::k_small_plan);
    tmp.write("busy/something.txt", "x");
    CHECK_THROWS_WITH(Archive::create(tmp / "busy", plan, {"N", "TST", "", ""}), Catch::Contains("n'est pas vide"));
    CHECK_THROWS_WITH(Archive::create(tmp / "a", plan, {"N", "tst", "", ""}), Catch::Contains("code d'archive invalide"));
    CHECK_THROWS_WITH(Archive::create(tmp / "a", plan, {" ", "TST", "", ""}), Catch::Contains("nom de l'archive est vide"));
    CHECK_FALSE(exists(tmp / "a"));
    std::string broken = tmp.write("broken.yaml", "plan: {id: x, version: 1, title: T}\nnodes:\n  - code: \"1\"\n");
    CHECK_THROWS_AS(Archive::create(tmp / "b", broken, {"N", "TST", "", ""}), plan::PlanError);
    CHECK_FALSE(exists(tmp / "b"));
    Archive::create(tmp / "c", plan, {"N", "TST", "", ""});
    CHECK_THROWS_WITH(Archive::create(tmp / "c", plan, {"N", "TST", "", ""}), Catch::Contains("contient déjà une archive"));
}

TEST_CASE("the archive is found from --archive, then UBUBIKO_ARCHIVE, then the current folder's parents") {
    test::ArchiveFixture f;
    CHECK(Archive::locate("/explicit") == "/explicit");
    setenv("UBUBIKO_ARCHIVE", f.root.c_str(), 1);
    CHECK(Archive::locate("") == f.root);
    unsetenv("UBUBIKO_ARCHIVE");
    auto previous = std::filesystem::current_path();
    std::filesystem::create_directories(f.root + "/inbox/deep/er");
    std::filesystem::current_path(f.root + "/inbox/deep/er");
    CHECK(std::filesystem::equivalent(Archive::locate(""), f.root));
    std::filesystem::current_path(f.tmp.path());
    CHECK_THROWS_WITH(Archive::locate(""), Catch::Contains("aucune archive trouvée") && Catch::Contains("--archive"));
    std::filesystem::current_path(previous);
}

TEST_CASE("record.json round-trips and keeps fields of later versions") {
    Record r;
    r.id = "2026-000007";
    r.archive = "TST";
    r.code = "1.1";
    r.plan = "petit@1";
    r.title = "Procès-verbal";
    r.date = "2024-03-07";
    r.registered = "2026-11-27T10:00:00Z";
    r.files.push_back({"original.pdf", "original", "application/pdf", 12, std::string(64, 'a')});
    r.extra["future_field"] = 42;
    Record back = record_from_json(to_json(r), "x");
    CHECK(back.id == r.id);
    CHECK(back.files == r.files);
    CHECK(back.extra["future_field"] == 42);
    CHECK(back.year() == 2026);
    CHECK(back.document_year() == 2024);

    auto j = to_json(r);
    j.erase("id");
    CHECK_THROWS_WITH(record_from_json(j, "records/x/record.json"), Catch::Contains("champ « id »"));
    j = to_json(r);
    j["files"][0]["name"] = "../escape";
    CHECK_THROWS_AS(record_from_json(j, "x"), Error);
}

TEST_CASE("archive.yaml is read the same by the quick reader and by yaml-cpp") {
    test::ArchiveFixture f;
    Config quick = read_config(f.root + "/archive.yaml");
    // A person's edit with quotes and a comment goes through yaml-cpp.
    std::string edited = read_file(f.root + "/archive.yaml");
    edited.replace(edited.find("name: Commune d'essai"), 21, "name: \"Commune d'essai\"  # renamed");
    write_file(f.tmp / "edited.yaml", edited, Durability::none);
    Config full = read_config(f.tmp / "edited.yaml");
    // The file as ububiko writes it (a plan ref with '@', a decimal threshold) takes the
    // quick path; the edited one does not.
    std::optional<Config> fast = read_config_quickly(read_file(f.root + "/archive.yaml"));
    REQUIRE(fast);
    CHECK(fast->plan == quick.plan);
    CHECK(fast->suggestion_threshold == 0.8);
    CHECK_FALSE(read_config_quickly(edited));
    CHECK(full.suggestion_threshold == quick.suggestion_threshold);
    CHECK(quick.name == "Commune d'essai");
    CHECK(full.name == quick.name);
    CHECK(full.code == quick.code);
    CHECK(full.plan == quick.plan);
    CHECK(full.created == quick.created);
    CHECK(full.ocr_languages == quick.ocr_languages);
    CHECK(quick.ocr_languages == std::vector<std::string>{"fra", "eng"});
}
