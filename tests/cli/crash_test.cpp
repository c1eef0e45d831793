// Nothing acknowledged is lost: filing, reclassifying and editing processes are killed with
// SIGKILL at every step of a commit and at random instants; each time the archive holds whole
// records or none, every record acknowledged before the kill is there, and check is clean.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <regex>
#include <set>

#include "cli_fixture.hpp"
#include "core/fs.hpp"
#include "core/sha256.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

struct Batch {
    std::vector<std::string> paths;
    std::map<std::string, std::string> content_by_sha;  // sha256 → source path
};

Batch make_batch(const TempDir& tmp, const std::string& name, int count) {
    Batch b;
    for (int i = 0; i < count; ++i) {
        std::string content = "Requête " + name + " n°" + std::to_string(i) + " : demande de parcelle sur la colline Kiremba. " +
                              std::string(static_cast<std::size_t>(200 + i * 37), 'x');
        std::string p = tmp.write(name + "/doc-" + std::to_string(i) + ".txt", content);
        b.paths.push_back(p);
        b.content_by_sha[sha256_hex(content)] = p;
    }
    return b;
}

std::set<std::string> acknowledged(const std::string& out) {
    std::set<std::string> ids;
    std::regex line("classé   ([0-9]{4}-[0-9]{6})");
    for (std::sregex_iterator it(out.begin(), out.end(), line), end; it != end; ++it) ids.insert((*it)[1]);
    return ids;
}

// Every record on disk, id → sha256 of its original; checks each against its source.
std::map<std::string, std::string> records(const CliArchive& a, const std::map<std::string, std::string>& sources) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(a.root + "/records")) {
        if (e.path().filename() != "record.json") continue;
        json r = json::parse(read_file(e.path().string()));
        std::string sha = r["files"][0]["sha256"];
        std::string original = e.path().parent_path().string() + "/" + r["files"][0]["name"].get<std::string>();
        auto src = sources.find(sha);
        REQUIRE(src != sources.end());
        CHECK(read_file(original) == read_file(src->second));
        out[r["id"]] = sha;
    }
    return out;
}

void require_clean(const CliArchive& a) {
    RunResult c = a.run({"check"});
    INFO(c.out << c.err);
    REQUIRE(c.status == 0);
    CHECK(std::filesystem::is_empty(a.root + "/tmp"));
}

}  // namespace

TEST_CASE("SIGKILL at every step of a group commit leaves whole records or none") {
    const std::vector<std::string> points = {"stage:copied",       "commit:staged",      "commit:pending",
                                             "commit:renamed-one", "commit:renamed-one:3", "commit:renamed",
                                             "commit:journaled",   "index:committed"};
    for (const std::string& point : points) {
        DYNAMIC_SECTION("crash at " << point) {
            CliArchive a;
            Batch b = make_batch(a.tmp, "lot", 5);
            std::vector<std::string> args = {"file"};
            args.insert(args.end(), b.paths.begin(), b.paths.end());
            args.insert(args.end(), {"--code", "6.2.3"});
            RunResult killed = a.run(args, {{"UBUBIKO_CRASH_AT", point}});
            REQUIRE(killed.status == -9);
            auto acked = acknowledged(killed.out);
            require_clean(a);
            auto present = records(a, b.content_by_sha);
            // The group is all or nothing: before the intent log nothing, after it everything.
            bool before_intent = point == "stage:copied" || point == "commit:staged";
            CHECK(present.size() == (before_intent ? 0u : 5u));
            for (const auto& id : acked) CHECK(present.count(id) == 1);
            CHECK(a.json({"search", "parcelle"})["total"] == present.size());
            // Filing again completes the batch, and says which were there already.
            RunResult again = a.run(args);
            CHECK(again.status == (before_intent ? 0 : 4));
            CHECK(records(a, b.content_by_sha).size() == 5);
            require_clean(a);
        }
    }
}

TEST_CASE("SIGKILL during a reclassification leaves the record whole, in one place") {
    for (const char* point : {"reclassify:pending", "reclassify:rewritten", "reclassify:moved", "reclassify:journaled"}) {
        DYNAMIC_SECTION("crash at " << point) {
            CliArchive a;
            Batch b = make_batch(a.tmp, "un", 1);
            REQUIRE(a.run({"file", b.paths[0], "--code", "6.2.3"}).status == 0);
            std::string id = a.json({"list"})[0]["id"];
            RunResult killed = a.run({"reclassify", id, "6.2.2", "--reason", "litige"}, {{"UBUBIKO_CRASH_AT", point}});
            REQUIRE(killed.status == -9);
            require_clean(a);
            auto present = records(a, b.content_by_sha);
            REQUIRE(present.size() == 1);
            json shown = a.json({"show", id});
            // The intent was logged before anything moved: the move is completed.
            CHECK(shown["code"] == "6.2.2");
            CHECK(a.json({"search", "parcelle", "code:6.2.2"})["total"] == 1);
            CHECK(a.json({"search", "parcelle", "code:6.2.3"})["total"] == 0);
        }
    }
}

TEST_CASE("SIGKILL during an edit leaves the record edited once, or as it was") {
    for (const char* point : {"edit:checked", "edit:pending", "edit:rewritten", "edit:journaled", "index:committed"}) {
        DYNAMIC_SECTION("crash at " << point) {
            CliArchive a;
            Batch b = make_batch(a.tmp, "un", 1);
            REQUIRE(a.run({"file", b.paths[0], "--code", "6.2.3", "--title", "Requête Ntahonkiriye"}).status == 0);
            std::string id = a.json({"list"})[0]["id"];
            RunResult killed = a.run({"edit", id, "--title", "Requête Imvura", "--reason", "nom corrigé"},
                                     {{"UBUBIKO_CRASH_AT", point}});
            REQUIRE(killed.status == -9);
            require_clean(a);
            REQUIRE(records(a, b.content_by_sha).size() == 1);
            // Before the intent log nothing was written; after it the edit is completed by
            // recovery, and journaled once.
            const bool done = std::string(point) != "edit:checked";
            json shown = a.json({"show", id});
            CHECK(shown["title"] == (done ? "Requête Imvura" : "Requête Ntahonkiriye"));
            CHECK(shown["code"] == "6.2.3");
            std::size_t edits = 0;
            for (const auto& e : shown["history"]) edits += e["action"] == "edit";
            CHECK(edits == (done ? 1u : 0u));
            CHECK(a.json({"search", "Imvura"})["total"] == (done ? 1 : 0));
            CHECK(a.json({"search", "Ntahonkiriye"})["total"] == (done ? 0 : 1));
        }
    }
}

TEST_CASE("SIGKILL at random instants of a long filing loses nothing acknowledged") {
    CliArchive a;
    std::mt19937 random(20261127);
    std::map<std::string, std::string> sources;
    std::set<std::string> all_acked;
    for (int round = 0; round < 12; ++round) {
        Batch b = make_batch(a.tmp, "round" + std::to_string(round), 40);
        sources.insert(b.content_by_sha.begin(), b.content_by_sha.end());
        std::vector<std::string> args = {"--archive", a.root, "file"};
        args.insert(args.end(), b.paths.begin(), b.paths.end());
        args.insert(args.end(), {"--code", "2.2.1"});
        long delay = std::uniform_int_distribution<long>(0, 400000)(random);
        RunResult r = ububiko_killed_after(args, delay);
        auto acked = acknowledged(r.out);
        all_acked.insert(acked.begin(), acked.end());
        require_clean(a);
        auto present = records(a, sources);
        for (const auto& id : all_acked) CHECK(present.count(id) == 1);
    }
    // Register numbers stay unique and every original is there at most once.
    auto present = records(a, sources);
    std::set<std::string> shas;
    for (const auto& [id, sha] : present) CHECK(shas.insert(sha).second);
}
