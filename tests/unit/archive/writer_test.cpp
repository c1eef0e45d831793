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
