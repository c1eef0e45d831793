#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "accounts/password.hpp"
#include "accounts/user_store.hpp"
#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "unit/archive/fixture.hpp"

using namespace ububiko;
using namespace ububiko::accounts;

namespace {

// The error a call throws (a failed check when it throws none).
template <typename F>
Error error_of(F&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error");
    return Error(ErrorCode::internal, "");
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::vector<nlohmann::json> user_entries(const archive::Archive& a) {
    std::vector<nlohmann::json> out;
    for (auto& e : archive::read_journal(a.journal_path()))
        if (e.value("action", "").starts_with("user-")) out.push_back(e);
    return out;
}

}  // namespace

TEST_CASE("users added, found, listed, changed and read again") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    CHECK(store.list().empty());
    CHECK_FALSE(exists(store.path()));

    User jean = store.add("Jean.N", "  Jean Ndayishimiye ", Role::archivist, "motdepasse1", "chef");
    CHECK(jean.name == "jean.n");
    CHECK(jean.full_name == "Jean Ndayishimiye");
    CHECK_THAT(jean.password_hash, Catch::StartsWith("$argon2id$"));
    CHECK(jean.created.size() == 20);
    CHECK(jean.created == jean.updated);
    store.add("aline", "", Role::secretary, "secret-aline", "chef");

    auto users = store.list();
    REQUIRE(users.size() == 2);
    CHECK(users[0].name == "aline");  // by name
    CHECK(users[1].name == "jean.n");
    REQUIRE(store.find("JEAN.N"));
    CHECK(store.find("jean.n")->role == Role::archivist);
    CHECK_FALSE(store.find("personne"));
    CHECK_FALSE(store.find("not a name"));

    CHECK(store.authenticate("jean.n", "motdepasse1"));
    store.set_password("jean.n", "nouveau-mdp", "chef");
    CHECK_FALSE(store.authenticate("jean.n", "motdepasse1"));
    CHECK(store.authenticate("Jean.N", "nouveau-mdp"));

    CHECK(store.set_role("aline", Role::auditor, "chef"));
    CHECK_FALSE(store.set_role("aline", Role::auditor, "chef"));  // already
    CHECK(store.set_disabled("aline", true, "chef"));
    CHECK_FALSE(store.set_disabled("aline", true, "chef"));

    // Another store (another process) reads the same.
    UserStore again(f.archive);
    auto aline = again.find("aline");
    REQUIRE(aline);
    CHECK(aline->role == Role::auditor);
    CHECK(aline->disabled);
    CHECK(aline->created <= aline->updated);
    CHECK(again.find("jean.n")->password_hash == store.find("jean.n")->password_hash);
    CHECK(again.set_disabled("aline", false, "chef"));
    CHECK(UserStore(f.archive).authenticate("aline", "secret-aline"));
}

TEST_CASE("users.json and users.lock are readable by their owner only") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "", Role::admin, "motdepasse1", "chef");
    CHECK(mode_of(store.path()) == 0600);
    CHECK(mode_of(f.archive.root() + "/users.lock") == 0600);
    // Someone widened it by hand: the next change narrows it again.
    REQUIRE(::chmod(store.path().c_str(), 0644) == 0);
    store.set_password("jean", "autre-mdp-1", "chef");
    CHECK(mode_of(store.path()) == 0600);
    CHECK_FALSE(exists(store.path() + ".tmp"));
}

TEST_CASE("bad names, short passwords and duplicates are refused naming the field") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "Jean", Role::admin, "motdepasse1", "chef");
    const std::string before = read_file(store.path());

    for (const char* bad :
         {"j", "", "jean ndayi", "jéan", "a/b", "x123456789012345678901234567890123"}) {
        INFO(bad);
        Error e = error_of([&] { store.add(bad, "", Role::secretary, "motdepasse1", "chef"); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.place().field == "name");
    }
    CHECK(normalize_user_name("ab") == "ab");
    CHECK(normalize_user_name("A.b_C-9") == "a.b_c-9");
    CHECK(normalize_user_name(std::string(32, 'x')) == std::string(32, 'x'));

    Error short_password =
        error_of([&] { store.add("aline", "", Role::secretary, "court", "chef"); });
    CHECK(short_password.code() == ErrorCode::invalid_input);
    CHECK(short_password.place().field == "password");
    CHECK_THAT(short_password.what(), Catch::Contains("mot de passe trop court"));
    CHECK(error_of([&] { store.set_password("jean", "1234567", "chef"); }).place().field ==
          "password");

    Error bad_full =
        error_of([&] { store.add("aline", "Aline\nX", Role::secretary, "motdepasse1", "chef"); });
    CHECK(bad_full.place().field == "full_name");

    Error dup = error_of([&] { store.add("JEAN", "", Role::secretary, "motdepasse1", "chef"); });
    CHECK(dup.code() == ErrorCode::conflict);
    CHECK(dup.place().field == "name");
    CHECK_THAT(dup.what(), Catch::Contains("existe déjà : jean"));

    for (auto call : std::initializer_list<std::function<void()>>{
             [&] { store.set_password("personne", "motdepasse1", "chef"); },
             [&] { store.set_disabled("personne", true, "chef"); },
             [&] { store.set_role("personne", Role::admin, "chef"); }}) {
        Error e = error_of(call);
        CHECK(e.code() == ErrorCode::not_found);
        CHECK(e.place().field == "name");
        CHECK_THAT(e.what(), Catch::Contains("utilisateur inconnu : personne"));
    }
    CHECK(read_file(store.path()) == before);  // nothing refused left a trace
    CHECK(user_entries(f.archive).size() == 1);
}

TEST_CASE("a corrupt users.json is refused naming the file") {
    test::ArchiveFixture f;
    const std::string path = f.archive.root() + "/users.json";
    const std::string hash = hash_password("motdepasse1");
    auto user = [&](const std::string& name, const std::string& role, const std::string& h) {
        return R"({"name": ")" + name + R"(", "role": ")" + role + R"(", "password_hash": ")" + h +
               R"("})";
    };
    auto doc = [](const std::string& users) {
        return R"({"schema": "ububiko/users/1", "users": [)" + users + "]}";
    };
    // A well-formed file first, written by hand: it is read.
    write_file(path, doc(user("jean", "admin", hash)), Durability::none);
    CHECK(UserStore(f.archive).find("jean"));

    for (const std::string& bad :
         {std::string("{\"schema\": \"ububiko/users/1\", \"users\": ["), std::string("[]"),
          std::string(R"({"schema": "ububiko/users/9", "users": []})"),
          std::string(R"({"schema": "ububiko/users/1"})"), doc(user("jean", "chef", hash)),
          doc(user("Jean Bosco", "admin", hash)), doc(user("jean", "admin", "motdepasse1")),
          doc(user("jean", "admin", hash) + "," + user("jean", "auditor", hash)),
          doc(R"({"name": "jean", "role": "admin"})"), doc("42")}) {
        INFO(bad);
        write_file(path, bad, Durability::none);
        Error e = error_of([&] { UserStore s(f.archive); });
        CHECK(e.code() == ErrorCode::corrupt);
        CHECK(e.place().file == path);
        CHECK_THAT(e.what(), Catch::Contains("users.json") &&
                                 Catch::Contains("fichier des utilisateurs illisible"));
        CHECK(std::string(e.what()).find(hash) == std::string::npos);
    }
    // A change is refused as well, and leaves the file as it was.
    std::filesystem::remove(path);
    UserStore fresh(f.archive);
    write_file(path, "{", Durability::none);
    CHECK(error_of([&] {
              fresh.add("aline", "", Role::secretary, "motdepasse1", "chef");
          }).code() == ErrorCode::corrupt);
    CHECK(read_file(path) == "{");
    // reload() reports it too, keeping what it had.
    CHECK(fresh.changed_since_load());
    CHECK(error_of([&] { fresh.reload(); }).code() == ErrorCode::corrupt);
    CHECK(fresh.list().empty());
}

TEST_CASE("every change is journaled, without passwords or hashes") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "Jean Ndayishimiye", Role::admin, "motdepasse-jean", "chef");
    store.add("aline", "", Role::secretary, "motdepasse-aline", "jean");
    store.set_password("aline", "nouveau-aline", "jean");
    store.set_disabled("aline", true, "jean");
    store.set_disabled("aline", false, "jean");
    store.set_role("aline", Role::archivist, "jean");
    store.set_role("aline", Role::archivist, "jean");  // no change, no entry

    auto entries = user_entries(f.archive);
    REQUIRE(entries.size() == 6);
    const char* actions[] = {"user-add",     "user-add",    "user-passwd",
                             "user-disable", "user-enable", "user-role"};
    for (std::size_t i = 0; i < entries.size(); ++i) {
        INFO(entries[i].dump());
        CHECK(entries[i]["action"] == actions[i]);
        CHECK(entries[i]["account"] == (i == 0 ? "jean" : "aline"));
        CHECK(entries[i]["user"] == (i == 0 ? "chef" : "jean"));
        CHECK(entries[i]["time"].get<std::string>().size() == 20);
    }
    CHECK(entries[0]["role"] == "admin");
    CHECK(entries[0]["full_name"] == "Jean Ndayishimiye");
    CHECK(entries[5]["role"] == "archivist");
    CHECK(entries[5]["from_role"] == "secretary");
    CHECK(archive::verify_journal(f.archive.journal_path()).empty());

    const std::string journal = read_file(f.archive.journal_path());
    for (const char* secret :
         {"motdepasse-jean", "motdepasse-aline", "nouveau-aline", "argon2", "password"})
        CHECK(journal.find(secret) == std::string::npos);
    for (const User& u : store.list())
        CHECK(journal.find(u.password_hash.substr(30)) == std::string::npos);
}

TEST_CASE("a change that cannot be journaled is undone") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "", Role::admin, "motdepasse1", "chef");
    const std::string before = read_file(store.path());
    // The journal becomes unwritable (a folder in its place).
    const std::string journal = f.archive.journal_path();
    std::filesystem::rename(journal, journal + ".saved");
    std::filesystem::create_directory(journal);
    CHECK_THROWS_AS(store.add("aline", "", Role::secretary, "motdepasse1", "chef"), Error);
    CHECK(read_file(store.path()) == before);
    CHECK_FALSE(store.find("aline"));
    CHECK_FALSE(UserStore(f.archive).find("aline"));
    std::filesystem::remove(journal);
    std::filesystem::rename(journal + ".saved", journal);
}

TEST_CASE("authenticate refuses unknown names, wrong passwords and disabled users") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "", Role::admin, "motdepasse1", "chef");
    store.add("aline", "", Role::secretary, "motdepasse2", "chef");
    auto ok = store.authenticate("aline", "motdepasse2");
    REQUIRE(ok);
    CHECK(ok->role == Role::secretary);
    CHECK_FALSE(store.authenticate("aline", "motdepasse1"));
    CHECK_FALSE(store.authenticate("personne", "motdepasse2"));
    CHECK_FALSE(store.authenticate("", "motdepasse2"));
    CHECK_FALSE(store.authenticate("jean ", ""));
    store.set_disabled("aline", true, "chef");
    CHECK_FALSE(store.authenticate("aline", "motdepasse2"));
    store.set_disabled("aline", false, "chef");
    CHECK(store.authenticate("aline", "motdepasse2"));
}

TEST_CASE("refusing an unknown name costs one full verification, as a wrong password does") {
    // Told by what is computed, not by a clock: each refusal runs exactly one Argon2id
    // verification with the parameters of real hashes.
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "", Role::admin, "motdepasse1", "chef");
    const std::string real = hash_parameters(store.find("jean")->password_hash);
    CHECK(real == "$argon2id$v=19$m=" + std::to_string(k_argon2_memory_kib) + ",t=" + std::to_string(k_argon2_time_cost) +
                      ",p=" + std::to_string(k_argon2_parallelism));
    for (const char* name : {"jean", "personne", "jean", "personne"}) {
        INFO(name);
        const Verifications before = verifications();
        CHECK_FALSE(store.authenticate(name, "mauvais-mdp"));
        const Verifications after = verifications();
        CHECK(after.runs == before.runs + 1);
        CHECK(after.last_parameters == real);
    }
    // A disabled user's right password is verified too before the refusal.
    store.add("aline", "", Role::secretary, "motdepasse2", "chef");
    store.set_disabled("aline", true, "chef");
    const Verifications before = verifications();
    CHECK_FALSE(store.authenticate("aline", "motdepasse2"));
    CHECK(verifications().runs == before.runs + 1);
}

TEST_CASE("the last active administrator can be neither disabled nor demoted") {
    test::ArchiveFixture f;
    UserStore store(f.archive);
    store.add("jean", "", Role::admin, "motdepasse1", "chef");
    store.add("aline", "", Role::secretary, "motdepasse1", "chef");
    CHECK(error_of([&] { store.set_disabled("jean", true, "chef"); }).code() ==
          ErrorCode::conflict);
    CHECK(error_of([&] { store.set_role("jean", Role::archivist, "chef"); }).code() ==
          ErrorCode::conflict);
    store.set_role("aline", Role::admin, "chef");
    CHECK(store.set_disabled("jean", true, "chef"));
    CHECK_THAT(error_of([&] { store.set_role("aline", Role::auditor, "chef"); }).what(),
               Catch::Contains("dernier administrateur actif"));
}

TEST_CASE("a server's store sees the changes another process made") {
    test::ArchiveFixture f;
    UserStore server(f.archive);
    CHECK_FALSE(server.changed_since_load());
    UserStore cli(f.archive);
    cli.add("jean", "", Role::admin, "motdepasse1", "chef");
    CHECK(server.changed_since_load());
    CHECK_FALSE(server.find("jean"));
    server.reload();
    CHECK_FALSE(server.changed_since_load());
    CHECK(server.authenticate("jean", "motdepasse1"));
    cli.set_password("jean", "motdepasse2", "chef");
    CHECK(server.changed_since_load());
    server.reload();
    CHECK(server.authenticate("jean", "motdepasse2"));
    // The store's own changes do not count as changes from elsewhere.
    server.add("aline", "", Role::auditor, "motdepasse1", "jean");
    CHECK_FALSE(server.changed_since_load());
    // A change made from a stale store starts from the file, not from its memory.
    cli.set_role("aline", Role::archivist, "jean");
    CHECK(cli.find("aline"));
    CHECK(cli.list().size() == 2);
}

TEST_CASE("concurrent changes from several stores all land") {
    test::ArchiveFixture f;
    std::vector<std::thread> threads;
    std::vector<std::string> failures(4);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            try {
                UserStore own(f.archive);
                for (int i = 0; i < 2; ++i)
                    own.add("u" + std::to_string(t) + "-" + std::to_string(i), "", Role::secretary,
                            "motdepasse1", "chef");
            } catch (const std::exception& e) {
                failures[static_cast<std::size_t>(t)] = e.what();
            }
        });
    for (auto& th : threads) th.join();
    for (const auto& failure : failures) CHECK(failure.empty());
    CHECK(UserStore(f.archive).list().size() == 8);
    CHECK(user_entries(f.archive).size() == 8);
    CHECK(archive::verify_journal(f.archive.journal_path()).empty());
}
