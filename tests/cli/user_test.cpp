// `ububiko user` on the real binary: accounts added, listed, changed; refusals with their
// messages and exit statuses, in French and in English.
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

#include "cli_fixture.hpp"
#include "core/fs.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

RunResult add_user(const CliArchive& a, const std::string& name, const std::string& role,
                   const std::string& password = "motdepasse1\n",
                   const std::map<std::string, std::string>& env = {}) {
    return a.run({"user", "add", name, "--role", role, "--password-stdin"}, env, password);
}

std::vector<json> user_entries(const CliArchive& a) {
    std::vector<json> out;
    std::istringstream in(read_file(a.root + "/journal.jsonl"));
    for (std::string line; std::getline(in, line);) {
        json e = json::parse(line);
        if (e.value("action", "").starts_with("user-")) out.push_back(e);
    }
    return out;
}

// Runs ububiko on a new pseudo-terminal (its controlling terminal) and answers each prompt
// (a text it prints) with a line, as a person at the keyboard would. Returns everything
// the terminal showed and the exit status.
RunResult run_on_terminal(const CliArchive& a, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& dialogue) {
    std::vector<std::string> argv_strings = {UBUBIKO_BIN, "--archive", a.root};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    int master = -1;
    pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::setenv("UBUBIKO_LANG", "fr", 1);
        ::setenv("UBUBIKO_USER", "testeur", 1);
        ::setenv("NO_COLOR", "1", 1);
        ::execv(UBUBIKO_BIN, argv.data());
        ::_exit(127);
    }
    RunResult r;
    std::size_t next = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        if (next < dialogue.size() && r.out.find(dialogue[next].first) != std::string::npos) {
            const std::string line = dialogue[next].second + "\n";
            REQUIRE(::write(master, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
            r.out.clear();  // the next prompt is looked for in what follows
            ++next;
        }
        pollfd p = {master, POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0) {
            if (std::chrono::steady_clock::now() > deadline) break;
            continue;
        }
        char buf[512];
        ssize_t n = ::read(master, buf, sizeof buf);
        if (n <= 0) break;  // EIO once the program has exited
        r.out.append(buf, static_cast<std::size_t>(n));
        r.err.append(buf, static_cast<std::size_t>(n));  // the whole conversation
    }
    ::close(master);
    int status = 0;
    ::kill(pid, SIGKILL);  // nothing if it has exited; a hung prompt otherwise
    ::waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return r;
}

}  // namespace

TEST_CASE("without --password-stdin the password is asked twice on the terminal, unechoed") {
    CliArchive a;
    RunResult r = run_on_terminal(a, {"user", "add", "jean", "--role", "admin"},
                                  {{"Mot de passe de jean : ", "secret-jean-1"},
                                   {"Confirmez le mot de passe : ", "secret-jean-1"}});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("utilisateur ajouté : jean (administrateur)"));
    CHECK(r.err.find("secret-jean-1") == std::string::npos);  // never echoed
    CHECK(a.json({"user", "list"}).size() == 1);

    // Two different answers: refused, nothing changed.
    const std::string before = read_file(a.root + "/users.json");
    r = run_on_terminal(a, {"user", "passwd", "jean"},
                        {{"Mot de passe de jean : ", "nouveau-mdp-1"},
                         {"Confirmez le mot de passe : ", "nouveau-mdp-2"}});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("les deux mots de passe diffèrent ; rien n'a été changé"));
    CHECK(r.err.find("nouveau-mdp") == std::string::npos);
    CHECK(read_file(a.root + "/users.json") == before);

    // Too short: said at once, without asking for the confirmation.
    r = run_on_terminal(a, {"user", "passwd", "jean"}, {{"Mot de passe de jean : ", "court"}});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("mot de passe trop court"));
    CHECK(r.err.find("Confirmez") == std::string::npos);

    r = run_on_terminal(a, {"user", "passwd", "jean"},
                        {{"Mot de passe de jean : ", "nouveau-mdp-1"},
                         {"Confirmez le mot de passe : ", "nouveau-mdp-1"}});
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("mot de passe changé : jean"));
    CHECK(read_file(a.root + "/users.json") != before);
}

TEST_CASE("user add with --password-stdin, then list as a table and as JSON without hashes") {
    CliArchive a;
    RunResult r = a.run({"user", "add", "Jean.N", "--role", "archiviste", "--full-name",
                         "Jean Ndayishimiye", "--password-stdin"},
                        {}, "motdepasse1\n");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out == "utilisateur ajouté : jean.n (archiviste)\n");
    REQUIRE(add_user(a, "aline", "secretary").status == 0);

    struct stat st {};
    REQUIRE(::stat((a.root + "/users.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);

    RunResult list = a.run({"user", "list"});
    REQUIRE(list.status == 0);
    CHECK_THAT(list.out, Catch::StartsWith("NOM     NOM COMPLET        RÔLE        ÉTAT   CRÉÉ LE\n"
                                           "aline                      secrétaire  actif  "));
    CHECK_THAT(list.out, Catch::Contains("jean.n  Jean Ndayishimiye  archiviste  actif  ") &&
                             Catch::EndsWith("2 utilisateur(s)\n"));

    RunResult raw = a.run({"user", "list", "--json"});
    REQUIRE(raw.status == 0);
    CHECK(raw.out.find("argon2") == std::string::npos);
    json users = json::parse(raw.out);
    REQUIRE(users.size() == 2);
    CHECK(users[1]["name"] == "jean.n");
    CHECK(users[1]["full_name"] == "Jean Ndayishimiye");
    CHECK(users[1]["role"] == "archivist");
    CHECK(users[1]["role_label"] == "archiviste");
    CHECK(users[1]["disabled"] == false);
    CHECK(users[1]["created"].get<std::string>().size() == 20);
    CHECK_FALSE(users[1].contains("password_hash"));

    auto entries = user_entries(a);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0]["action"] == "user-add");
    CHECK(entries[0]["account"] == "jean.n");
    CHECK(entries[0]["user"] == "testeur");  // UBUBIKO_USER, as for every change
}

TEST_CASE(
    "user passwd, disable, enable and role, with a journal that validates against its schema") {
    CliArchive a;
    REQUIRE(add_user(a, "jean", "admin").status == 0);
    REQUIRE(add_user(a, "aline", "secrétaire").status == 0);
    const std::string before = read_file(a.root + "/users.json");

    RunResult r = a.run({"user", "passwd", "aline", "--password-stdin"}, {}, "nouveau-mdp\n");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "mot de passe changé : aline\n");
    CHECK(read_file(a.root + "/users.json") != before);

    r = a.run({"user", "disable", "aline"});
    CHECK(r.status == 0);
    CHECK(r.out == "utilisateur désactivé : aline\n");
    CHECK(a.json({"user", "list"})[0]["disabled"] == true);
    CHECK_THAT(a.run({"user", "list"}).out,
               Catch::Contains("aline               secrétaire      désactivé  "));
    CHECK(a.run({"user", "disable", "aline"}).out == "déjà désactivé : aline\n");
    r = a.run({"user", "enable", "aline"});
    CHECK(r.status == 0);
    CHECK(r.out == "utilisateur réactivé : aline\n");

    r = a.run({"user", "role", "aline", "Auditeur"});
    CHECK(r.status == 0);
    CHECK(r.out == "nouveau rôle de aline : auditeur\n");
    CHECK(a.json({"user", "list"})[0]["role"] == "auditor");

    // The last administrator stays one.
    r = a.run({"user", "disable", "jean"});
    CHECK(r.status == 4);
    CHECK_THAT(r.err, Catch::Contains("jean est le dernier administrateur actif"));

    auto entries = user_entries(a);
    std::vector<std::string> actions;
    for (const auto& e : entries) actions.push_back(e["action"]);
    CHECK(actions == std::vector<std::string>{"user-add", "user-add", "user-passwd", "user-disable",
                                              "user-enable", "user-role"});
    const std::string journal = read_file(a.root + "/journal.jsonl");
    CHECK(journal.find("nouveau-mdp") == std::string::npos);
    CHECK(journal.find("argon2") == std::string::npos);
    RunResult schema = run_program("/usr/bin/python3", {source("tests/schema/validate_json.py"),
                                                        source("schemas/journal-entry.schema.json"),
                                                        "--jsonl", a.root + "/journal.jsonl"});
    INFO(schema.out << schema.err);
    CHECK(schema.status == 0);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("user refusals: bad role, bad name, short password, duplicate, unknown user") {
    CliArchive a;
    REQUIRE(add_user(a, "jean", "admin").status == 0);
    const auto before = snapshot(a.root);

    RunResult r = add_user(a, "aline", "chef");
    CHECK(r.status == 2);
    CHECK(r.err ==
          "ububiko : champ « --role »: rôle inconnu « chef » (rôles : administrateur, archiviste, "
          "secrétaire, auditeur)\n");
    r = a.run({"user", "role", "jean", "chef"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("rôle inconnu « chef »"));

    r = add_user(a, "a", "admin");
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("champ « name »") &&
                          Catch::Contains("nom d'utilisateur invalide « a »"));

    r = add_user(a, "aline", "admin", "court\n");
    CHECK(r.status == 2);
    CHECK(r.err ==
          "ububiko : champ « password »: mot de passe trop court : 8 caractères au moins\n");
    r = add_user(a, "aline", "admin", "");
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("aucun mot de passe sur l'entrée standard"));

    r = add_user(a, "JEAN", "secretary");
    CHECK(r.status == 4);
    CHECK_THAT(r.err, Catch::Contains("l'utilisateur existe déjà : jean"));

    for (std::vector<std::string> args :
         {std::vector<std::string>{"user", "passwd", "personne", "--password-stdin"},
          {"user", "disable", "personne"},
          {"user", "enable", "personne"},
          {"user", "role", "personne", "admin"}}) {
        INFO(args[1]);
        r = a.run(args, {}, "motdepasse1\n");
        CHECK(r.status == 3);
        CHECK(r.err == "ububiko : champ « name »: utilisateur inconnu : personne\n");
    }
    CHECK(a.run({"user"}).status == 2);  // a subcommand is needed
    CHECK(snapshot(a.root) == before);   // nothing refused changed anything
}

TEST_CASE("a corrupt users.json is named, with the corrupt-data status") {
    CliArchive a;
    write_file(a.root + "/users.json", "{\"schema\": ", Durability::none);
    RunResult r = a.run({"user", "list"});
    CHECK(r.status == 6);
    CHECK_THAT(r.err,
               Catch::Contains(a.root +
                               "/users.json: fichier des utilisateurs illisible : JSON invalide"));
}

TEST_CASE("user messages in English with UBUBIKO_LANG=en") {
    CliArchive a;
    const std::map<std::string, std::string> en = {{"UBUBIKO_LANG", "en"}};
    RunResult r = add_user(a, "jean", "administrator", "motdepasse1\n", en);
    CHECK(r.status == 0);
    CHECK(r.out == "user added: jean (administrator)\n");
    r = add_user(a, "aline", "boss", "motdepasse1\n", en);
    CHECK(r.status == 2);
    CHECK(r.err ==
          "ububiko : field '--role': unknown role 'boss' (roles: administrator, archivist, "
          "secretary, auditor)\n");
    r = add_user(a, "aline", "secretary", "short\n", en);
    CHECK(r.err == "ububiko : field 'password': password too short: 8 characters at least\n");
    r = a.run({"user", "disable", "nobody"}, en);
    CHECK(r.status == 3);
    CHECK(r.err == "ububiko : field 'name': unknown user: nobody\n");
    r = a.run({"user", "list"}, en);
    CHECK_THAT(r.out, Catch::StartsWith("NAME  FULL NAME  ROLE           STATE   CREATED\n"
                                        "jean             administrator  active  ") &&
                          Catch::EndsWith("1 user(s)\n"));
    r = a.run({"user", "roles"}, en);
    CHECK_THAT(r.out, Catch::Contains("manage users") && Catch::Contains("yes"));
}

TEST_CASE("user roles --json gives the permission table") {
    CliArchive a;
    json table = a.json({"user", "roles"});
    REQUIRE(table.size() == 9);
    CHECK(table[0]["permission"] == "search");
    CHECK(table[7]["permission"] == "manage_users");
    CHECK(table[7]["roles"] ==
          json{{"admin", true}, {"archivist", false}, {"secretary", false}, {"auditor", false}});
    CHECK(table[1]["roles"]["auditor"] == false);
}
