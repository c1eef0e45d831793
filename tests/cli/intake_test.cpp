// ububiko intake on the real binary: folders, zip batches with hostile entries, damaged
// files, the inbox, the queue, a clean stop on Ctrl-C, resumption after SIGKILL.
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <csignal>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "cli_fixture.hpp"
#include "core/fs.hpp"
#include "core/sha256.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct ZipEntry {
    std::string name;
    std::string content;
    std::string symlink;  // target, for a link entry
};

void write_zip(const std::string& path, const std::vector<ZipEntry>& entries) {
    struct archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
    for (const ZipEntry& e : entries) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.c_str());
        if (!e.symlink.empty()) {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, e.symlink.c_str());
            archive_entry_set_perm(entry, 0777);
            archive_entry_set_size(entry, 0);
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
        }
        archive_write_header(a, entry);
        if (e.symlink.empty()) archive_write_data(a, e.content.data(), e.content.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
}

std::string letter(int i) {
    return "Requête n°" + std::to_string(i) + " : demande d'attestation de résidence sur la colline Mugamba, "
           "adressée à l'administrateur communal de Bururi. " + std::string(static_cast<std::size_t>(50 + i), '.');
}

std::set<std::string> originals(const CliArchive& a) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(a.root + "/records"))
        if (e.path().filename() == "record.json") {
            json r = json::parse(read_file(e.path().string()));
            out.insert(r["files"][0]["sha256"].get<std::string>());
        }
    return out;
}

}  // namespace

TEST_CASE("intake of a folder: metadata from a spreadsheet, the rest queued, hidden files skipped") {
    CliArchive a;
    std::string in = a.tmp / "pile";
    a.tmp.write("pile/lettre-1.txt", letter(1));
    a.tmp.write("pile/sous-dossier/lettre-2.txt", letter(2));
    a.tmp.write("pile/.cache.txt", "caché");
    std::string csv = a.tmp.write("meta.csv", "file,code,date,type\nlettre-1.txt,2.2.1,2024-05-02,requete\n");
    RunResult r = a.run({"intake", in, "--metadata", csv});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("1 classé(s), 1 mis en file à classer, 0 doublon(s), 0 échec(s)"));
    json queue = a.json({"queue"});
    REQUIRE(queue.size() == 1);
    CHECK(queue[0]["original_name"] == "lettre-2.txt");
    CHECK(queue[0]["status"] == "to-classify");
    CHECK(a.json({"search", "attestation", "code:2.2.1"})["total"] == 1);
    // Classified from the queue, it takes its code's folder, access and history.
    std::string id = queue[0]["id"];
    RunResult c = a.run({"classify", id, "3.3.3", "--type", "requete"});
    REQUIRE(c.status == 0);
    json shown = a.json({"show", id});
    CHECK(shown["code"] == "3.3.3");
    CHECK(shown["status"] == "filed");
    CHECK(shown["access"] == "confidential");  // the default of 3.3.3
    CHECK(shown["history"].size() == 2);
    CHECK(a.json({"queue"}).empty());
    CHECK(a.run({"classify", id, "2.2.1"}).status == 4);  // not in the queue any more
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("files and a spreadsheet from a Windows machine: the CSV and the names read with their accents") {
    CliArchive a;
    // A file named « été.txt » by Windows (Latin-1 bytes), one named in UTF-8, and the CSV
    // saved by a French Excel: Windows-1252, semicolons, CRLF.
    a.tmp.write("pile/\xE9t\xE9.txt", letter(1));
    a.tmp.write("pile/arr\xC3\xAAt\xC3\xA9.txt", letter(2));
    std::string csv = a.tmp.write("meta.csv", "file;code;date;type;title\r\n"
                                              "\xE9t\xE9.txt;2.2.1;2024-05-02;requete;Requ\xEAte de l'\xE9t\xE9\r\n"
                                              "arr\xEAt\xE9.txt;2.2.1;2024-05-03;requete;Arr\xEAt\xE9 du march\xE9\r\n");
    RunResult r = a.run({"intake", a.tmp / "pile", "--metadata", csv});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("2 classé(s), 0 doublon(s), 0 échec(s)"));
    json summer = a.json({"search", "été"});
    REQUIRE(summer["total"] == 1);
    CHECK(summer["hits"][0]["title"] == "Requête de l'été");
    CHECK(summer["hits"][0]["original_name"] == "été.txt");
    json order = a.json({"search", "arrêté marché"});
    REQUIRE(order["total"] == 1);
    CHECK(order["hits"][0]["original_name"] == "arrêté.txt");
    CHECK(a.run({"check"}).status == 0);

    // Typed in a terminal set to Latin-1: refused, naming the option, nothing filed.
    std::string doc = a.tmp.write("lettre.txt", letter(3));
    RunResult title = a.run({"file", doc, "--code", "2.2.1", "--title", "\xE9t\xE9"});
    CHECK(title.status == 2);
    CHECK_THAT(title.err, Catch::Contains("--title : texte qui n'est pas en UTF-8"));
    RunResult query = a.run({"search", "\xE9t\xE9"});
    CHECK(query.status == 2);
    CHECK_THAT(query.err, Catch::Contains("texte qui n'est pas en UTF-8"));
    CHECK(a.json({"list"}).size() == 2);
}

TEST_CASE("a zip batch: good entries filed, escaping paths and links refused one by one, nothing outside") {
    CliArchive a;
    std::string zip = a.tmp / "lot.zip";
    write_zip(zip, {{"courrier/lettre-1.txt", letter(1), ""},
                    {"../evasion.txt", "ne doit jamais sortir", ""},
                    {"/etc/absolu.txt", "ne doit jamais sortir", ""},
                    {"courrier/../../evasion2.txt", "ne doit jamais sortir", ""},
                    {"lien", "", "/etc/passwd"},
                    {"courrier/lettre-2.txt", letter(2), ""}});
    auto before = fs::path(a.tmp.path()).parent_path();
    RunResult r = a.run({"intake", zip, "--code", "2.2.1"});
    INFO(r.out << r.err);
    CHECK(r.status == 2);  // some entries refused
    CHECK_THAT(r.out, Catch::Contains("2 classé(s)"));
    CHECK_THAT(r.out, Catch::Contains("4 entrée(s) refusée(s)"));
    CHECK_THAT(r.err, Catch::Contains("lot.zip/../evasion.txt"));
    CHECK_THAT(r.err, Catch::Contains("lot.zip/lien"));
    for (const char* escaped : {"evasion.txt", "evasion2.txt", "absolu.txt"}) {
        CHECK_FALSE(exists(a.tmp / escaped));
        CHECK_FALSE(exists(a.root + "/" + escaped));
        CHECK_FALSE(exists(a.root + "/tmp/" + escaped));
    }
    json shown = a.json({"search", "attestation"});
    CHECK(shown["total"] == 2);
    CHECK(shown["hits"][0]["original_name"].get<std::string>().rfind("lettre-", 0) == 0);
    CHECK(std::filesystem::is_empty(a.root + "/tmp"));
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("a damaged file gives a clear error while the rest of the batch is filed") {
    CliArchive a;
    a.tmp.write("pile/bon.txt", letter(3));
    a.tmp.write("pile/abîmé.png", std::string("\x89PNG\r\n\x1a\n", 8) + "ceci n'est pas une image");
    a.tmp.write("pile/vide.pdf", "");
    RunResult r = a.run({"intake", a.tmp / "pile", "--code", "2.2.1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("1 classé(s)") && Catch::Contains("2 échec(s)"));
    CHECK_THAT(r.err, Catch::Contains("abîmé.png"));
    CHECK_THAT(r.err, Catch::Contains("vide.pdf") && Catch::Contains("fichier vide"));
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("the inbox: filed documents leave it, refused ones go to inbox/refusés with the reason") {
    CliArchive a;
    write_file(a.root + "/inbox/scan-001.txt", letter(4), Durability::none);
    write_file(a.root + "/inbox/vide.pdf", "", Durability::none);
    RunResult r = a.run({"intake", "--inbox", "--code", "2.2.1"});
    INFO(r.out << r.err);
    CHECK_FALSE(exists(a.root + "/inbox/scan-001.txt"));
    CHECK_FALSE(exists(a.root + "/inbox/vide.pdf"));
    CHECK(exists(a.root + "/inbox/refusés/vide.pdf"));
    CHECK_THAT(read_file(a.root + "/inbox/refusés/vide.pdf.motif.txt"), Catch::Contains("fichier vide"));
    CHECK(a.json({"search", "attestation"})["total"] == 1);
    // Nothing left to take: the refused are not taken again.
    RunResult again = a.run({"intake", "--inbox", "--code", "2.2.1"});
    CHECK(again.status == 0);
    CHECK_THAT(again.out, Catch::Contains("0 classé(s)"));
}

TEST_CASE("Ctrl-C stops cleanly: what is reported filed is filed, running again completes the batch") {
    CliArchive a;
    std::set<std::string> expected;
    for (int i = 0; i < 400; ++i) {
        std::string text = letter(i);
        a.tmp.write("pile/lettre-" + std::to_string(i) + ".txt", text);
        expected.insert(sha256_hex(text));
    }
    RunResult r = ububiko_killed_after({"--archive", a.root, "intake", a.tmp / "pile", "--code", "2.2.1"}, 300000, {}, SIGINT);
    INFO(r.out << r.err);
    if (r.status == 130) {
        CHECK_THAT(r.err, Catch::Contains("Arrêt demandé"));
        CHECK_THAT(r.out, Catch::Contains("Arrêté à la demande"));
    } else {
        CHECK(r.status == 0);  // it was quicker than the signal
    }
    CHECK(a.run({"check"}).status == 0);
    std::regex line("classé   ([0-9]{4}-[0-9]{6})");
    auto filed = originals(a);
    std::size_t acknowledged = 0;
    for (std::sregex_iterator it(r.out.begin(), r.out.end(), line), end; it != end; ++it) ++acknowledged;
    CHECK(filed.size() >= acknowledged);
    RunResult again = a.run({"intake", a.tmp / "pile", "--code", "2.2.1"});
    CHECK(again.status == (filed.empty() ? 0 : 4));  // the ones already there are duplicates
    CHECK(originals(a) == expected);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("SIGKILL in the middle of an intake loses nothing reported, the next run resumes") {
    CliArchive a;
    std::set<std::string> expected;
    for (int i = 0; i < 120; ++i) {
        std::string text = letter(1000 + i);
        a.tmp.write("pile/l-" + std::to_string(i) + ".txt", text);
        expected.insert(sha256_hex(text));
    }
    for (long delay : {60000L, 150000L, 250000L}) {
        RunResult r = ububiko_killed_after({"--archive", a.root, "intake", a.tmp / "pile", "--code", "2.2.1"}, delay);
        std::regex line("classé   ([0-9]{4}-[0-9]{6})");
        std::set<std::string> acked;
        for (std::sregex_iterator it(r.out.begin(), r.out.end(), line), end; it != end; ++it) acked.insert((*it)[1]);
        REQUIRE(a.run({"check"}).status == 0);
        json listed = a.json({"list"});
        std::set<std::string> present;
        for (const auto& rec : listed) present.insert(rec["id"]);
        for (const auto& id : acked) CHECK(present.count(id) == 1);
    }
    a.run({"intake", a.tmp / "pile", "--code", "2.2.1"});
    CHECK(originals(a) == expected);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("a bad row of the metadata spreadsheet is reported with its line, and nothing is filed") {
    CliArchive a;
    a.tmp.write("pile/a.txt", letter(5));
    a.tmp.write("pile/b.txt", letter(6));
    std::string csv = a.tmp.write("meta.csv", "file;code;date;notes\na.txt;2.2.1;2024-05-02;ok\nb.txt;9.9;02/13/2024;x\n");
    auto before = snapshot(a.root);
    RunResult r = a.run({"intake", a.tmp / "pile", "--metadata", csv});
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains(csv + ":3: champ « code »: le code « 9.9 » n'existe pas dans le plan"));
    CHECK(snapshot(a.root) == before);
    std::string typo = a.tmp.write("typo.csv", "file,cod\na.txt,2.2.1\n");
    RunResult t = a.run({"intake", a.tmp / "pile", "--metadata", typo});
    CHECK(t.status == 2);
    CHECK_THAT(t.err, Catch::Contains(typo + ":1:2: champ « cod »: colonne inconnue ; vouliez-vous dire « code » ?"));
}

TEST_CASE("intake --watch takes what the scanner drops in the inbox, once it is complete, until Ctrl-C") {
    CliArchive a;
    // Two seconds after the drop the file is settled and taken; the watcher then stops on
    // SIGINT, sent after six seconds.
    std::thread scanner([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        write_file(a.root + "/inbox/scan-watch.txt", letter(77), Durability::none);
    });
    RunResult r = ububiko_killed_after({"--archive", a.root, "intake", "--watch", "--code", "2.2.1"}, 6000000, {}, SIGINT);
    scanner.join();
    INFO(r.out << r.err);
    CHECK(r.status == 130);
    CHECK_THAT(r.err, Catch::Contains("Surveillance de"));
    CHECK_THAT(r.out, Catch::Contains("« scan-watch.txt »"));
    CHECK_FALSE(exists(a.root + "/inbox/scan-watch.txt"));
    CHECK(a.json({"search", "attestation"})["total"] == 1);
    CHECK(a.run({"check"}).status == 0);
}

TEST_CASE("spreadsheets are filed with their cells searchable, titled by their name, not by a cell") {
    CliArchive a;
    std::string ods = a.tmp / "Budget communal 2024.ods";
    write_zip(ods, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", ""},
                    {"content.xml",
                     "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"Recettes\">"
                     "<table:table-row><table:table-cell><text:p>COMMUNE DE BURURI</text:p></table:table-cell></table:table-row>"
                     "<table:table-row><table:table-cell><text:p>Taxe sur le bétail</text:p></table:table-cell>"
                     "<table:table-cell><text:p>1 500 000</text:p></table:table-cell></table:table-row>"
                     "</table:table></office:spreadsheet></office:body></office:document-content>",
                     ""}});
    std::string xlsx = a.tmp / "Dépenses de personnel 2024.xlsx";
    write_zip(xlsx, {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"Salaires\" r:id=\"rId1\"/></sheets></workbook>", ""},
                     {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>", ""},
                     {"xl/sharedStrings.xml", "<sst><si><t>Indemnités des chefs de colline</t></si></sst>", ""},
                     {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c><c><v>820000</v></c></row></sheetData></worksheet>", ""}});
    RunResult r = a.run({"file", ods, xlsx, "--code", "4.1.1", "--date", "2024-01-15"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    json cattle = a.json({"search", "betail"});
    REQUIRE(cattle["total"] == 1);
    CHECK(cattle["hits"][0]["title"] == "Budget communal 2024");
    CHECK(cattle["hits"][0]["original_name"] == "Budget communal 2024.ods");
    CHECK(cattle["hits"][0]["correspondent"] == "");
    json chiefs = a.json({"search", "indemnite chef colline"});
    REQUIRE(chiefs["total"] == 1);
    CHECK(chiefs["hits"][0]["title"] == "Dépenses de personnel 2024");
    CHECK_THAT(chiefs["hits"][0]["snippet"].get<std::string>(), Catch::Contains("820000"));
    RunResult shown = a.run({"show", cattle["hits"][0]["id"].get<std::string>()});
    CHECK_THAT(shown.out, Catch::Contains("1 feuille(s), ") && Catch::Contains("(ods)"));
}
