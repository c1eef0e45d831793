// Stamped copies through the service, on records made in a small archive: which file of
// the record is stamped (the PDF original, else the searchable PDF of an image), read back
// with pdftotext; the record's files unchanged; what cannot be stamped refused with a
// message that says why and names the record.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "service/maintenance.hpp"
#include "service/session.hpp"
#include "service/stamp.hpp"
#include "support/run.hpp"
#include "unit/archive/fixture.hpp"

using namespace ububiko;

namespace {

struct Filed {
    std::string id, dir;
};

// Files `source` under 1.2 as `extension` of `media_type` (with a searchable PDF, a copy of
// `searchable`, when given), registered on 28 November 2026.
Filed file_as(const test::ArchiveFixture& f, const std::string& source, const std::string& extension,
              const std::string& media_type, const std::string& searchable = {}) {
    std::string searchable_copy;
    if (!searchable.empty()) searchable_copy = f.tmp.write("searchable-" + extension + ".pdf", read_file(searchable));
    service::WriteSession session(f.archive);
    archive::StagedFiles files = session.writer().stage_files(source, "texte du document", extension, media_type, searchable_copy);
    archive::Record r;
    r.id = session.writer().allocate_id();
    r.archive = f.archive.config().code;
    r.code = "1.2";
    r.plan = f.archive.plan().ref();
    r.title = "Document " + r.id;
    r.registered = "2026-11-28T08:30:00Z";
    archive::Staged staged = session.writer().finish(files, r);
    std::vector<std::string> dirs = session.writer().commit({staged}, "u");
    session.index_record(staged.record, dirs[0]);
    session.commit();
    return {r.id, dirs[0]};
}

std::string first_page_text(const std::string& pdf) {
    test::RunResult r = test::run_program("/usr/bin/pdftotext", {"-f", "1", "-l", "1", pdf, "-"});
    REQUIRE(r.status == 0);
    return r.out;
}

std::string pages_of(const std::string& pdf) {
    test::RunResult r = test::run_program("/usr/bin/pdfinfo", {pdf});
    REQUIRE(r.status == 0);
    const auto at = r.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    return r.out.substr(at, r.out.find('\n', at) - at);
}

Error stamp_error(const archive::Archive& a, const std::string& id, const std::string& out) {
    try {
        service::stamped_copy(a, id, out);
    } catch (const Error& e) {
        return e;
    }
    FAIL("stamped_copy() did not fail");
    return Error(ErrorCode::internal, "not reached");
}

struct UsePdfProgram {
    UsePdfProgram() { ::setenv("UBUBIKO_PDF_PROGRAM", UBUBIKO_PDF_BIN, 1); }
};

}  // namespace

TEST_CASE("a PDF record: its original stamped on a copy, its bytes unchanged") {
    UsePdfProgram program;
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string sample = test::source("samples/Lettre du Gouverneur rappel rapports 2022.pdf");
    const Filed r = file_as(f, sample, "pdf", "application/pdf");
    const auto before = test::snapshot(f.root);
    const std::string out = f.tmp / "copie tamponnée.pdf";

    service::StampedCopy copy = service::stamped_copy(f.archive, "TST/" + r.id, out);
    CHECK(copy.id == r.id);
    CHECK(copy.source == "original");
    CHECK(copy.pdf == out);
    const std::string text = first_page_text(out);
    for (const std::string& line : {std::string("Commune d'essai"), "Enregistré sous le n° TST/" + r.id, std::string("le 28/11/2026"),
                                    std::string("Classement : 1.2 Courrier"), std::string("Objet : Rappel – transmission des rapports mensuels")})
        CHECK(text.find(line) != std::string::npos);
    CHECK(pages_of(out) == pages_of(sample));
    CHECK(sha256_file(r.dir + "/original.pdf") == sha256_file(sample));
    CHECK(test::snapshot(f.root) == before);
    CHECK(service::check(f.archive, false).unrepaired() == 0);

    set_language(Language::en);
    service::stamped_copy(f.archive, r.id, out);
    CHECK(first_page_text(out).find("Filed under: 1.2 Courrier") != std::string::npos);
    set_language(Language::fr);
}

TEST_CASE("an image record: its searchable PDF is stamped, or a clear refusal when it has none") {
    UsePdfProgram program;
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string scan = test::source("samples/scans/lettre-fonic-2018-de-cote.png");
    const Filed with = file_as(f, scan, "png", "image/png", test::source("samples/scans/deliberation-03-2022.pdf"));
    const std::string searchable_sha = sha256_file(with.dir + "/searchable.pdf");
    const std::string out = f.tmp / "scan-tamponne.pdf";
    service::StampedCopy copy = service::stamped_copy(f.archive, with.id, out);
    CHECK(copy.source == "searchable");
    CHECK(first_page_text(out).find("Enregistré sous le n° TST/" + with.id) != std::string::npos);
    CHECK(sha256_file(with.dir + "/searchable.pdf") == searchable_sha);
    CHECK(sha256_file(with.dir + "/original.png") == sha256_file(scan));

    const Filed without = file_as(f, test::source("samples/scans/requete-twiyungunganye-2021.jpg"), "jpg", "image/jpeg");
    Error e = stamp_error(f.archive, without.id, f.tmp / "x.pdf");
    CHECK(e.code() == ErrorCode::unsupported);
    CHECK_THAT(e.what(), Catch::Contains(without.id) && Catch::Contains("un tampon se pose sur un PDF") &&
                             Catch::Contains("pas de copie PDF consultable"));

    const Filed text = file_as(f, test::source("samples/demande conge Kaneza.txt"), "txt", "text/plain; charset=utf-8");
    e = stamp_error(f.archive, text.id, f.tmp / "x.pdf");
    CHECK(e.code() == ErrorCode::unsupported);
    CHECK_THAT(e.what(), Catch::Contains("un tampon se pose sur un PDF, pas sur ce document (text/plain"));
    const Filed docx = file_as(f, test::source("samples/CR reunion preparation budget 2020.docx"), "docx",
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    CHECK(stamp_error(f.archive, docx.id, f.tmp / "x.pdf").code() == ErrorCode::unsupported);
    CHECK_FALSE(exists(f.tmp / "x.pdf"));
}

TEST_CASE("an encrypted PDF, a damaged original, a destroyed record, an output among the records: refused") {
    UsePdfProgram program;
    set_language(Language::fr);
    test::ArchiveFixture f;
    const std::string out = f.tmp / "copie.pdf";

    const Filed encrypted = file_as(f, test::corpus("bad-pdf/qpdf__encrypted-40-bit-R3.pdf"), "pdf", "application/pdf");
    Error e = stamp_error(f.archive, encrypted.id, out);
    CHECK(e.code() == ErrorCode::unsupported);
    CHECK_THAT(e.what(), Catch::StartsWith(encrypted.id + " : « " + encrypted.dir + "/original.pdf » est un PDF chiffré"));
    CHECK_FALSE(exists(out));

    const Filed letter = file_as(f, test::source("samples/Lettre Gouverneur 2019.pdf"), "pdf", "application/pdf");
    e = stamp_error(f.archive, letter.id, letter.dir + "/copie.pdf");
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.place().field == "--out");
    CHECK_FALSE(exists(letter.dir + "/copie.pdf"));
    CHECK(stamp_error(f.archive, letter.id, "").place().field == "--out");

    // A byte changed in the original: no copy of what the archive does not vouch for.
    std::string bytes = read_file(letter.dir + "/original.pdf");
    bytes[bytes.size() / 2] ^= 1;
    write_file(letter.dir + "/original.pdf", bytes, Durability::none);
    e = stamp_error(f.archive, letter.id, out);
    CHECK(e.code() == ErrorCode::corrupt);
    CHECK_THAT(e.what(), Catch::Contains("ne correspond plus à son empreinte"));
    CHECK_FALSE(exists(out));

    const Filed gone = file_as(f, test::source("samples/budget-2024.pdf"), "pdf", "application/pdf");
    {
        service::WriteSession session(f.archive);
        session.writer().destroy(gone.id, {{"action", "destroy"}, {"reason", "essai"}}, "u");
        session.commit();
    }
    e = stamp_error(f.archive, gone.id, out);
    CHECK(e.code() == ErrorCode::conflict);
    CHECK_THAT(e.what(), Catch::Contains(gone.id + " est éliminé"));
    CHECK(stamp_error(f.archive, "2026-999999", out).code() == ErrorCode::not_found);
}
