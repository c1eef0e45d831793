// Editing a record's metadata through the service: values normalised as for filing, the
// index following record.json, bad values refused naming the option with nothing changed,
// tombstones refused; and the views of a record journaled.
#include <catch2/catch.hpp>

#include <filesystem>

#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "core/time.hpp"
#include "index/searcher.hpp"
#include "service/records.hpp"
#include "service/session.hpp"
#include "support/run.hpp"
#include "unit/archive/fixture.hpp"

using namespace ububiko;

namespace {

// Files one text record under 1.2 (indexed, as filing does) and returns its id.
std::string file_one(const test::ArchiveFixture& f, const std::string& title, const std::string& text) {
    std::string src = f.tmp.write("src-" + sha256_hex(text).substr(0, 8) + ".txt", text);
    service::WriteSession session(f.archive);
    archive::Record r;
    r.id = session.writer().allocate_id();
    r.archive = f.archive.config().code;
    r.code = "1.2";
    r.plan = f.archive.plan().ref();
    r.title = title;
    r.date = "2024-03-07";
    r.registered = now_utc_iso();
    std::vector<archive::Staged> group{session.writer().stage(src, r, text, "txt")};
    std::vector<std::string> dirs = session.writer().commit(group, "u");
    session.index_record(group[0].record, dirs[0], text);
    session.commit();
    return r.id;
}

std::size_t hits(const archive::Archive& a, const std::string& query) {
    index::SearchRequest s;
    s.query = query;
    s.snippets = false;
    return index::Searcher(a.root()).search(s).total;
}

Error edit_error(const test::ArchiveFixture& f, const std::string& id, const service::Metadata& m,
                 const std::string& reason = "correction") {
    try {
        service::edit_metadata(f.archive, id, m, reason, "u");
    } catch (const Error& e) {
        return e;
    }
    FAIL("edit_metadata() did not fail");
    return Error(ErrorCode::internal, "not reached");
}

}  // namespace

TEST_CASE("edit_metadata normalises the values given, leaves the others, and the index follows") {
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string id = file_one(f, "Courrier du gouverneur", "Lettre au sujet des taxes de marché.");
    CHECK(hits(f.archive, "gouverneur") == 1);

    service::Metadata m;
    m.title = "  Rappel des rapports trimestriels ";
    m.date = "08/03/2024";
    m.type = "PV";
    m.direction = "entrant";
    m.access = "confidentiel";
    service::EditResult r = service::edit_metadata(f.archive, "TST/" + id, m, "titre corrigé", "archiviste");
    REQUIRE(r.changes.size() == 5);
    CHECK(r.changes[0].field == "title");
    CHECK(r.changes[0].old_value == "Courrier du gouverneur");
    CHECK(r.changes[0].new_value == "Rappel des rapports trimestriels");
    CHECK(r.changes[1].new_value == "2024-03-08");
    CHECK(r.changes[2].new_value == "proces-verbal");
    CHECK(r.changes[3].new_value == "in");
    CHECK(r.changes[4].old_value == "internal");
    CHECK(r.changes[4].new_value == "confidential");

    const archive::Record on_disk = f.archive.load_record(f.archive.record_dir("1.2", id));
    CHECK(on_disk.title == "Rappel des rapports trimestriels");
    CHECK(on_disk.type == "proces-verbal");
    CHECK(on_disk.correspondent.empty());
    CHECK(on_disk.code == "1.2");
    CHECK(r.record.title == on_disk.title);

    CHECK(hits(f.archive, "rappel trimestriels") == 1);
    CHECK(hits(f.archive, "gouverneur") == 0);
    CHECK(hits(f.archive, "taxes") == 1);  // the text is still indexed
    auto found = index::Searcher(f.archive.root()).find(id);
    REQUIRE(found);
    CHECK(found->access == "confidential");
    CHECK(found->date == "2024-03-08");

    auto journal = archive::read_journal(f.archive.journal_path());
    CHECK(journal.back()["action"] == "edit");
    CHECK(journal.back()["changes"].size() == 5);
    CHECK(std::filesystem::is_empty(f.archive.tmp_dir()));

    // The same values again: no change, nothing journaled.
    const std::string record_json = read_file(f.archive.record_dir("1.2", id) + "/record.json");
    const std::string journal_bytes = read_file(f.archive.journal_path());
    service::EditResult again = service::edit_metadata(f.archive, id, m, "encore", "archiviste");
    CHECK(again.changes.empty());
    CHECK(again.record.title == on_disk.title);
    CHECK(read_file(f.archive.journal_path()) == journal_bytes);
    CHECK(read_file(f.archive.record_dir("1.2", id) + "/record.json") == record_json);
}

TEST_CASE("edit_metadata refuses a bad date, type or access naming the option, and changes nothing") {
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string id = file_one(f, "Courrier", "Lettre.");
    const auto before = test::snapshot(f.root);
    struct Case {
        const char* option;
        service::Metadata m;
        const char* says;
    };
    service::Metadata date, type, access, direction, code, nothing;
    date.date = "31/02/2024";
    type.type = "memo";
    access.access = "secret";
    direction.direction = "aller";
    code.code = "2.1";
    for (service::Metadata* m : {&date, &type, &access, &direction, &code}) m->title = "Nouveau titre";
    const std::vector<Case> cases = {{"--date", date, "date invalide"},
                                     {"--type", type, "type de document inconnu « memo »"},
                                     {"--access", access, "niveau d'accès inconnu"},
                                     {"--direction", direction, "sens inconnu"},
                                     {"--code", code, "reclassify"}};
    for (const Case& c : cases) {
        INFO(c.option);
        Error e = edit_error(f, id, c.m);
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.place().field == c.option);
        CHECK_THAT(e.what(), Catch::Contains(c.says) && Catch::Contains(c.option));
    }
    Error none = edit_error(f, id, nothing);
    CHECK_THAT(none.what(), Catch::Contains("rien à modifier"));
    service::Metadata title;
    title.title = "Nouveau titre";
    CHECK(edit_error(f, id, title, "  ").place().field == "--reason");
    CHECK(edit_error(f, "2026-999999", title).code() == ErrorCode::not_found);
    CHECK(edit_error(f, "26-1", title).code() == ErrorCode::invalid_input);
    CHECK(test::snapshot(f.root) == before);
}

TEST_CASE("a destroyed record cannot be edited") {
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string id = file_one(f, "Courrier à éliminer", "Lettre ancienne.");
    {
        service::WriteSession session(f.archive);
        session.writer().destroy(id, {{"action", "destroy"}, {"reason", "essai"}}, "u");
        session.commit();
    }
    const auto before = test::snapshot(f.root);
    service::Metadata m;
    m.title = "Autre titre";
    Error e = edit_error(f, id, m);
    CHECK(e.code() == ErrorCode::conflict);
    CHECK_THAT(e.what(), Catch::Contains(id + " est éliminé"));
    CHECK(test::snapshot(f.root) == before);
}

TEST_CASE("note_view journals who viewed a record") {
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string id = file_one(f, "Acte confidentiel", "Acte.");
    service::note_view(f.archive, id, "agent-etat-civil");
    auto journal = archive::read_journal(f.archive.journal_path());
    const auto& e = journal.back();
    CHECK(e["action"] == "view");
    CHECK(e["id"] == id);
    CHECK(e["user"] == "agent-etat-civil");
    CHECK(e["code"] == "1.2");
    CHECK(archive::verify_journal(f.archive.journal_path()).empty());
    CHECK_THROWS_AS(service::note_view(f.archive, "2026-999999", "u"), Error);
    CHECK(archive::read_journal(f.archive.journal_path()).size() == journal.size());
}
