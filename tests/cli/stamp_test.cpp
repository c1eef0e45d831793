// ububiko stamp on the real binary: a filed letter and a scan read by OCR get their stamped
// copies (read back with pdftotext), the archive's files stay byte for byte what they were
// and check stays clean; a text is refused with the reason and the exit status of
// "unsupported".
#include <catch2/catch.hpp>

#include "cli_fixture.hpp"
#include "core/fs.hpp"
#include "core/sha256.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

std::string pdf_text(const std::string& pdf, int page) {
    RunResult r = run_program("/usr/bin/pdftotext",
                              {"-f", std::to_string(page), "-l", std::to_string(page), "-layout", pdf, "-"});
    REQUIRE(r.status == 0);
    return r.out;
}

int pdf_pages(const std::string& pdf) {
    RunResult r = run_program("/usr/bin/pdfinfo", {pdf});
    REQUIRE(r.status == 0);
    const auto at = r.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(r.out.substr(at + 6));
}

}  // namespace

TEST_CASE("stamp: a letter and a scan get stamped copies, the archive stays as it was") {
    CliArchive a;
    const std::string letter = source("samples/PCDC 2020-2024 extrait.pdf");
    const std::string scan = source("samples/scans/lettre-fonic-2018-de-cote.png");
    REQUIRE(a.run({"file", letter, "--code", "3.1.1"}).status == 0);
    REQUIRE(a.run({"intake", scan, "--code", "1.3.2"}).status == 0);
    json listed = a.json({"list"});
    REQUIRE(listed.size() == 2);
    const std::string letter_id = listed[0]["id"], scan_id = listed[1]["id"];
    const auto before = snapshot(a.root);

    const std::string out = a.tmp / "PCDC tamponné.pdf";
    RunResult r = a.run({"stamp", "BRR/" + letter_id, "--out", out});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("copie tamponnée de " + letter_id) && Catch::Contains(out));
    const std::string page = pdf_text(out, 1);
    CHECK_THAT(page, Catch::Contains("Commune de Bururi") && Catch::Contains("Enregistré sous le n° BRR/" + letter_id) &&
                         Catch::Contains("Classement : 3.1.1") && Catch::Contains("PLAN COMMUNAL DE DÉVELOPPEMENT"));
    CHECK(pdf_pages(out) == pdf_pages(letter));
    for (int k = 2; k <= pdf_pages(letter); ++k) CHECK(pdf_text(out, k) == pdf_text(letter, k));
    json shown = a.json({"show", letter_id});
    CHECK(sha256_file(a.root + "/" + shown["folder"].get<std::string>() + "/original.pdf") == sha256_file(letter));

    // The scan: its searchable PDF (made by OCR) is what gets the stamp.
    json stamped = a.json({"stamp", scan_id, "--out", a.tmp / "scan.pdf"});
    CHECK(stamped["source"] == "searchable");
    CHECK_THAT(pdf_text(a.tmp / "scan.pdf", 1), Catch::Contains("Enregistré sous le n° BRR/" + scan_id) &&
                                                    Catch::Contains("Kiryama"));
    CHECK(snapshot(a.root) == before);
    RunResult check = a.run({"check"});
    CHECK(check.status == 0);

    RunResult english = a.run({"stamp", letter_id, "--out", a.tmp / "en.pdf"}, {{"UBUBIKO_LANG", "en"}});
    CHECK_THAT(english.out, Catch::Contains("stamped copy of " + letter_id));
    CHECK_THAT(pdf_text(a.tmp / "en.pdf", 1), Catch::Contains("Registered as no. BRR/" + letter_id));
}

TEST_CASE("stamp: a text document is refused, and so is an output among the records") {
    CliArchive a;
    REQUIRE(a.run({"file", source("samples/demande conge Kaneza.txt"), "--code", "3.2.1"}).status == 0);
    const std::string id = a.json({"list"})[0]["id"];
    RunResult r = a.run({"stamp", id, "--out", a.tmp / "x.pdf"});
    CHECK(r.status == 8);
    CHECK_THAT(r.err, Catch::Contains(id + " : un tampon se pose sur un PDF"));
    RunResult missing = a.run({"stamp", id});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains("--out"));
    RunResult inside = a.run({"stamp", id, "--out", a.root + "/records/x.pdf"});
    CHECK(inside.status == 2);
    CHECK_FALSE(exists(a.tmp / "x.pdf"));
    CHECK(a.run({"check"}).status == 0);
}
