#include <catch2/catch.hpp>

#include "archive/journal.hpp"
#include "core/fs.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::archive;
using nlohmann::json;

namespace {

std::string make_journal(const test::TempDir& dir, int lines) {
    std::string path = dir / "journal.jsonl";
    JournalTail tail;
    for (int i = 0; i < lines; ++i)
        append_durably(path, chain_lines({json{{"action", "file"}, {"id", "2026-00000" + std::to_string(i + 1)}}}, tail));
    return path;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        out.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace

TEST_CASE("a journal chains its lines and its tail is read from the end") {
    test::TempDir dir;
    std::string path = make_journal(dir, 5);
    CHECK(verify_journal(path).empty());
    JournalTail tail = read_tail(path);
    CHECK(tail.seq == 5);
    CHECK(tail.size == read_file(path).size());
    auto entries = read_journal(path);
    REQUIRE(entries.size() == 5);
    CHECK(entries[0]["prev"] == k_genesis_hash);
    CHECK(entries[4]["seq"] == 5);
    CHECK(entries[2]["id"] == "2026-000003");
}

TEST_CASE("a changed, removed or reordered journal line breaks the chain at that line") {
    test::TempDir dir;
    std::string path = make_journal(dir, 4);
    auto lines = lines_of(read_file(path));

    SECTION("changed") {
        auto changed = lines;
        changed[1].replace(changed[1].find("2026-000002"), 11, "2026-000099");
        write_file(path, join(changed), Durability::none);
        auto problems = verify_journal(path);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 3);
        CHECK_THAT(problems[0].message, Catch::Contains("chaîne rompue"));
    }
    SECTION("removed") {
        auto removed = lines;
        removed.erase(removed.begin() + 1);
        write_file(path, join(removed), Durability::none);
        auto problems = verify_journal(path);
        REQUIRE(problems.size() == 2);  // prev and seq of the line after the hole
        CHECK(problems[0].line == 2);
        CHECK(problems[1].line == 2);
    }
    SECTION("reordered") {
        auto swapped = lines;
        std::swap(swapped[1], swapped[2]);
        write_file(path, join(swapped), Durability::none);
        CHECK(verify_journal(path).size() >= 2);
    }
    SECTION("unterminated last line") {
        write_file(path, join(lines) + "{\"seq\":5", Durability::none);
        auto problems = verify_journal(path);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 5);
        CHECK_THAT(problems[0].message, Catch::Contains("incomplète"));
    }
    SECTION("garbage line") {
        auto garbage = lines;
        garbage[2] = "not json";
        write_file(path, join(garbage), Durability::none);
        auto problems = verify_journal(path);
        CHECK(problems.size() >= 1);
        CHECK(problems[0].line == 3);
    }
}
