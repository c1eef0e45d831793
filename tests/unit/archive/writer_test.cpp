#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "archive/journal.hpp"
#include "archive/writer.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/sha256.hpp"
#include "core/time.hpp"
#include "fixture.hpp"
#include "support/run.hpp"

using namespace ububiko;
using namespace ububiko::archive;
using namespace std::chrono_literals;

namespace {

Record draft(const Archive& a, Writer& w, const std::string& code) {
    Record r;
    r.id = w.allocate_id();
    r.archive = a.config().code;
    r.code = code;
    r.plan = a.plan().ref();
    r.title = "Document " + r.id;
    r.registered = now_utc_iso();
    r.access = "public";
    return r;
}

}  // namespace

TEST_CASE("staged records become whole folders, numbered in sequence, journaled") {
    test::ArchiveFixture f;
    std::string src1 = f.tmp.write("a.txt", "premier document");
    std::string src2 = f.tmp.write("b.txt", "second document");
    std::vector<std::string> dirs;
    {
        Writer w(f.archive);
        std::vector<Staged> group;
        group.push_back(w.stage(src1, draft(f.archive, w, "1.1"), "texte un", "txt"));
        group.push_back(w.stage(src2, draft(f.archive, w, "2.1"), "texte deux", "txt"));
        // Nothing visible before commit.
        int visible = 0;
        f.archive.for_each_record_dir([&](const std::string&) { ++visible; });
        CHECK(visible == 0);
        dirs = w.commit(group, "testeur");
        w.settle();
    }
    const std::string year = std::to_string(today().year);
    REQUIRE(dirs.size() == 2);
    CHECK(dirs[0] == f.archive.root() + "/records/1/1.1/" + year + "/" + year + "-000001");
    CHECK(dirs[1] == f.archive.root() + "/records/2/2.1/" + year + "/" + year + "-000002");
    Record r = f.archive.load_record(dirs[0]);
    CHECK(read_file(dirs[0] + "/original.txt") == "premier document");
    CHECK(read_file(dirs[0] + "/text.txt") == "texte un");
    REQUIRE(r.files.size() == 2);
    CHECK(r.files[0].sha256 == sha256_hex("premier document"));
    CHECK(r.files[1].sha256 == sha256_hex("texte un"));
    CHECK(std::filesystem::is_empty(f.archive.tmp_dir()));

    auto journal = read_journal(f.archive.journal_path());
    REQUIRE(journal.size() == 3);
    CHECK(journal[1]["action"] == "file");
    CHECK(journal[1]["id"] == year + "-000001");
    CHECK(journal[2]["sha256"] == sha256_hex("second document"));
    CHECK(verify_journal(f.archive.journal_path()).empty());

    // Numbering continues from what is on disk in a later session.
    Writer w(f.archive);
    CHECK(w.allocate_id() == year + "-000003");
    CHECK(f.archive.find_record_dir(year + "-000002") == dirs[1]);
    CHECK_FALSE(f.archive.find_record_dir(year + "-000009"));
}

TEST_CASE("a second writer waits, then fails naming the holder") {
    test::ArchiveFixture f;
    Writer first(f.archive);
    auto start = std::chrono::steady_clock::now();
    try {
        Writer second(f.archive, 300ms);
        FAIL("second writer got the lock");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::busy);
        CHECK_THAT(e.what(), Catch::Contains("en cours de modification") && Catch::Contains("pid"));
    }
    CHECK(std::chrono::steady_clock::now() - start >= 300ms);
}

TEST_CASE("reclassify moves the folder, rewrites record.json and journals the reason") {
    test::ArchiveFixture f;
    std::string src = f.tmp.write("a.txt", "contenu");
    std::string id;
    {
        Writer w(f.archive);
        std::vector<Staged> g{w.stage(src, draft(f.archive, w, "1.1"), "t", "txt")};
        id = g[0].record.id;
        w.commit(g, "testeur");
        w.settle();
    }
    Writer w(f.archive);
    CHECK_THROWS_WITH(w.reclassify(id, "1", "motif", "u"), Catch::Contains("n'est pas une feuille"));
    CHECK_THROWS_WITH(w.reclassify(id, "1.1", "motif", "u"), Catch::Contains("déjà classé"));
    CHECK_THROWS_WITH(w.reclassify(id, "1.2", "  ", "u"), Catch::Contains("motif est obligatoire"));
    CHECK_THROWS_WITH(w.reclassify("2026-999999", "1.2", "m", "u"), Catch::Contains("introuvable"));

    auto moved = w.reclassify(id, "2.1", "erreur de classement", "archiviste");
    w.settle();
    CHECK(moved.old_code == "1.1");
    CHECK(moved.record.code == "2.1");
    CHECK(moved.record.access == "confidential");  // the stricter default of 2.1 applies
    CHECK_FALSE(exists(f.archive.record_dir("1.1", id)));
    Record back = f.archive.load_record(f.archive.record_dir("2.1", id));
    CHECK(back.code == "2.1");
    CHECK(read_file(f.archive.record_dir("2.1", id) + "/original.txt") == "contenu");
    auto journal = read_journal(f.archive.journal_path());
    CHECK(journal.back()["action"] == "reclassify");
    CHECK(journal.back()["reason"] == "erreur de classement");
    CHECK(journal.back()["from_code"] == "1.1");
    CHECK(verify_journal(f.archive.journal_path()).empty());
}

TEST_CASE("a changed source file is refused while staging") {
    test::ArchiveFixture f;
    std::string src = f.tmp.write("a.txt", "contenu");
    Writer w(f.archive);
    CHECK_THROWS_WITH(w.stage(src, draft(f.archive, w, "1.1"), "t", "txt", sha256_hex("autre chose")),
                      Catch::Contains("a changé pendant"));
    CHECK(std::filesystem::is_empty(f.archive.tmp_dir()));
}

namespace {

// Files one text record under code and returns its id.
std::string file_one(const test::ArchiveFixture& f, const std::string& code, const std::string& content) {
    std::string src = f.tmp.write("src-" + sha256_hex(content).substr(0, 8) + ".txt", content);
    Writer w(f.archive);
    Record r = draft(f.archive, w, code);
    r.date = "2024-03-07";
    r.type = "lettre";
    r.direction = "in";
    std::vector<Staged> g{w.stage(src, r, content, "txt")};
    w.commit(g, "testeur");
    w.settle();
    return g[0].record.id;
}

// The error an edit throws, failing the test when it throws none.
Error edit_error(const test::ArchiveFixture& f, const std::string& id, const std::function<void(Record&)>& amend,
                 const std::string& reason = "correction") {
    try {
        Writer w(f.archive);
        w.edit(id, amend, reason, "u");
    } catch (const Error& e) {
        return e;
    }
    FAIL("edit() did not fail");
    return Error(ErrorCode::internal, "not reached");
}

}  // namespace

TEST_CASE("edit rewrites record.json in place and journals each field changed with its old and new values") {
    test::ArchiveFixture f;
    const std::string id = file_one(f, "1.2", "Lettre du gouverneur");
    const std::string dir = f.archive.record_dir("1.2", id);
    const Record before = f.archive.load_record(dir);
    Writer::Edited edited;
    {
        Writer w(f.archive);
        edited = w.edit(
            id,
            [](Record& r) {
                r.title = "Lettre du Gouverneur de Bururi";
                r.date = "2024-03-08";
                r.access = "confidential";
                r.correspondent = "Gouverneur";
                r.code = "2.1";  // ignored: the code changes by reclassify only
                r.id = "2099-000001";
            },
            "  titre et date corrigés ", "archiviste");
        w.settle();
    }
    CHECK(edited.dir == dir);
    REQUIRE(edited.changes.size() == 4);
    CHECK(edited.changes[0] == Writer::FieldChange{"title", before.title, "Lettre du Gouverneur de Bururi"});
    CHECK(edited.changes[1] == Writer::FieldChange{"date", "2024-03-07", "2024-03-08"});
    CHECK(edited.changes[2] == Writer::FieldChange{"correspondent", "", "Gouverneur"});
    CHECK(edited.changes[3] == Writer::FieldChange{"access", "public", "confidential"});

    Record after = f.archive.load_record(dir);
    CHECK(after.title == "Lettre du Gouverneur de Bururi");
    CHECK(after.date == "2024-03-08");
    CHECK(after.access == "confidential");
    CHECK(after.extra.value("access_given", false));
    CHECK(after.code == "1.2");
    CHECK(after.id == id);
    CHECK(after.files == before.files);
    CHECK(after.registered == before.registered);
    CHECK(after.type == "lettre");
    CHECK(std::filesystem::is_empty(f.archive.tmp_dir()));

    auto journal = read_journal(f.archive.journal_path());
    const auto& e = journal.back();
    CHECK(e["action"] == "edit");
    CHECK(e["id"] == id);
    CHECK(e["code"] == "1.2");
    CHECK(e["reason"] == "titre et date corrigés");
    CHECK(e["user"] == "archiviste");
    REQUIRE(e["changes"].size() == 4);
    CHECK(e["changes"][1] == nlohmann::json({{"field", "date"}, {"old", "2024-03-07"}, {"new", "2024-03-08"}}));
    CHECK(e["record_sha256"] == sha256_file(dir + "/record.json"));
    CHECK(verify_journal(f.archive.journal_path()).empty());
}

TEST_CASE("an edit that changes nothing writes nothing and journals nothing") {
    test::ArchiveFixture f;
    const std::string id = file_one(f, "1.1", "Procès-verbal");
    const auto before = test::snapshot(f.root);
    Writer w(f.archive);
    Writer::Edited edited = w.edit(id, [](Record& r) { r.date = "2024-03-07"; }, "rien", "u");
    CHECK(edited.changes.empty());
    CHECK(edited.record.date == "2024-03-07");
    CHECK(test::snapshot(f.root) == before);
}

TEST_CASE("edit refuses a bad value naming the field, an empty reason, and leaves the archive as it was") {
    test::ArchiveFixture f;
    const std::string id = file_one(f, "1.1", "Procès-verbal de séance");
    const auto before = test::snapshot(f.root);
    struct Case {
        const char* field;
        std::function<void(Record&)> amend;
        const char* says;
    };
    const std::vector<Case> cases = {
        {"date", [](Record& r) { r.date = "2024-02-30"; }, "date invalide"},
        {"type", [](Record& r) { r.type = "Lettre"; }, "type de document inconnu"},
        {"direction", [](Record& r) { r.direction = "entrant"; }, "sens inconnu"},
        {"access", [](Record& r) { r.access = "secret"; }, "niveau d'accès inconnu"},
        {"title", [](Record& r) { r.title = "  "; }, "titre ne peut pas être vide"},
    };
    for (const Case& c : cases) {
        INFO(c.field);
        Error e = edit_error(f, id, [&](Record& r) {
            r.reference = "N/Réf 12";  // a good change beside the bad one: not written either
            c.amend(r);
        });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.place().field == c.field);
        CHECK_THAT(e.what(), Catch::Contains(c.says));
    }
    Error no_reason = edit_error(f, id, [](Record& r) { r.title = "Autre"; }, " ");
    CHECK(no_reason.place().field == "reason");
    CHECK(edit_error(f, "2026-999999", [](Record& r) { r.title = "Autre"; }).code() == ErrorCode::not_found);
    CHECK(test::snapshot(f.root) == before);
}

TEST_CASE("a destroyed record and a record waiting in the queue cannot be edited") {
    test::ArchiveFixture f;
    const std::string id = file_one(f, "1.1", "Procès-verbal à éliminer");
    {
        Writer w(f.archive);
        w.destroy(id, {{"action", "destroy"}, {"reason", "essai"}}, "u");
        w.settle();
    }
    Error destroyed = edit_error(f, id, [](Record& r) { r.title = "Autre"; });
    CHECK(destroyed.code() == ErrorCode::conflict);
    CHECK_THAT(destroyed.what(), Catch::Contains("est éliminé"));

    std::string src = f.tmp.write("q.txt", "sans code");
    std::string queued;
    {
        Writer w(f.archive);
        Record r = draft(f.archive, w, "");
        r.status = "to-classify";
        std::vector<Staged> g{w.stage(src, r, "sans code", "txt")};
        w.commit(g, "u");
        w.settle();
        queued = r.id;
    }
    Error waiting = edit_error(f, queued, [](Record& r) { r.title = "Autre"; });
    CHECK(waiting.code() == ErrorCode::conflict);
    CHECK_THAT(waiting.what(), Catch::Contains("classify"));
}
