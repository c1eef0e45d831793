// The register and the slips rendered by the real ububiko-pdf program (through
// pdfwrite::render, as the ububiko program does) and read back with poppler: what a person
// reading or printing them would see.
#include <catch2/catch.hpp>

#include <filesystem>
#include <numeric>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "pdfwrite/client_internal.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "readback.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::test;

namespace {

std::string joined(const std::vector<std::string>& pages) {
    return std::accumulate(pages.begin(), pages.end(), std::string());
}

// The error render() throws, failing the test when it throws none.
Error render_error(const std::string& kind, const nlohmann::json& spec, const std::string& out) {
    try {
        pdfwrite::render(kind, spec, out);
    } catch (const Error& e) {
        return e;
    }
    FAIL("render() did not fail");
    return Error(ErrorCode::internal, "not reached");
}

std::size_t files_in(const std::string& folder) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("a register of 120 entries: paginated / every entry once / running totals", "[pdfwrite][register]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const pdfwrite::RegisterSpec spec = sample_register(120);
    const std::string out = tmp / "registre.pdf";
    pdfwrite::render("register", pdfwrite::to_json(spec), out);

    const std::vector<std::string> pages = page_texts(out);
    const std::size_t n = pages.size();
    REQUIRE(n > 1);
    const std::string all = joined(pages);

    // First page: the letterhead and the title.
    CHECK(pages[0].find("RÉPUBLIQUE DU BURUNDI") != std::string::npos);
    CHECK(pages[0].find("Province de Bururi") != std::string::npos);
    CHECK(pages[0].find("Commune de Bururi") != std::string::npos);
    CHECK(pages[0].find("Registre du courrier arrivé — 2026") != std::string::npos);

    long carried = 0;
    for (std::size_t k = 0; k < n; ++k) {
        INFO("page " << k + 1 << ":\n" << pages[k]);
        const std::string& page = pages[k];
        // The title (or the running head that repeats it) and the table header on each page.
        CHECK(page.find("Registre du courrier arrivé — 2026") != std::string::npos);
        for (const char* header : {"d'enregistrement", "réception", "Expéditeur", "Objet", "Référence"})
            CHECK(page.find(header) != std::string::npos);
        CHECK(occurrences(page, "Page " + std::to_string(k + 1) + " / " + std::to_string(n)) == 1);

        // The entries counted on this page, and the running total in its footer.
        long on_page = 0;
        for (const auto& row : spec.rows) on_page += static_cast<long>(occurrences(page, row.id));
        if (k > 0) CHECK(number_after(page, "Report :") == carried);
        CHECK(number_after(page, "Entrées de cette page :") == on_page);
        carried += on_page;
        CHECK(number_after(page, "cumul :") == carried);
        CHECK((page.find("(à reporter)") != std::string::npos) == (k + 1 < n));
    }
    CHECK(carried == 120);

    for (const auto& row : spec.rows) {
        INFO(row.id);
        CHECK(occurrences(all, row.id) == 1);
    }
    // Accents, œ and ’ come back as they went in.
    for (const char* word : {"réhabilitation", "Ministère de l'Intérieur", "Développement", "Sécurité",
                             "Vœux de l’administrateur", "Déclaration de naissance — état civil",
                             "Réf. 007/DC/2026", "Procès-verbal", "Expéditeur"})
        CHECK(all.find(word) != std::string::npos);
    // A long subject is wrapped in full: its last words are there, nothing is cut.
    CHECK(occurrences(all, "fin de l'objet") == 120 / 7);
    CHECK(all.find("…") == std::string::npos);
    // The closing on the last page: total, in words, place and date, two signatures.
    const std::string& last = pages.back();
    CHECK(number_after(last, "Total des entrées :") == 120);
    CHECK(last.find("Arrêté le présent registre à 120 entrées (cent vingt).") != std::string::npos);
    CHECK(last.find("Fait à Bururi, le 28 novembre 2026.") != std::string::npos);
    CHECK(last.find("L'archiviste / Le secrétaire") != std::string::npos);
    CHECK(last.find("L'administrateur communal") != std::string::npos);
    CHECK(last.find(spec.rows.back().id) != std::string::npos);
}

TEST_CASE("the closing of a register stays on the last page with the last entry", "[pdfwrite][register]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    for (std::size_t rows = 1; rows <= 40; ++rows) {
        INFO(rows << " entries");
        const std::string out = tmp / ("registre-" + std::to_string(rows) + ".pdf");
        const pdfwrite::RegisterSpec spec = sample_register(rows);
        pdfwrite::render("register", pdfwrite::to_json(spec), out);
        const std::vector<std::string> pages = page_texts(out);
        const std::string& last = pages.back();
        CHECK(number_after(last, "Total des entrées :") == static_cast<long>(rows));
        CHECK(number_after(last, "cumul :") == static_cast<long>(rows));
        CHECK(occurrences(last, "Nom et signature") == 2);
        CHECK(last.find(spec.rows.back().id) != std::string::npos);
        for (std::size_t k = 0; k + 1 < pages.size(); ++k) CHECK(pages[k].find("signature") == std::string::npos);
    }
}

TEST_CASE("a register in English / outgoing mail", "[pdfwrite][register]") {
    use_built_pdf_program();
    TempDir tmp;
    pdfwrite::RegisterSpec spec = sample_register(30);
    spec.language = "en";
    spec.direction = "out";
    pdfwrite::render("register", pdfwrite::to_json(spec), tmp / "register.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "register.pdf");
    const std::string all = joined(pages);
    CHECK(pages[0].find("REPUBLIC OF BURUNDI") != std::string::npos);
    CHECK(pages[0].find("Register of outgoing mail — 2026") != std::string::npos);
    CHECK(all.find("Addressee") != std::string::npos);
    CHECK(all.find("Date sent") != std::string::npos);
    CHECK(all.find("Page 1 / " + std::to_string(pages.size())) != std::string::npos);
    CHECK(number_after(pages.back(), "running total:") == 30);
    CHECK(number_after(pages.back(), "Total entries:") == 30);
    CHECK(pages.back().find("Register closed at 30 entries (thirty).") != std::string::npos);
    CHECK(pages.back().find("Done at Bururi on 28 November 2026.") != std::string::npos);
    CHECK(all.find("12/12/2026") == std::string::npos);  // nor a French one
    CHECK(all.find("2026-12-12") != std::string::npos);
}

TEST_CASE("a long commune name gives way to the carried total in the running head", "[pdfwrite][register]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    pdfwrite::RegisterSpec spec = sample_register(40);
    spec.issuer.commune = "Commune de Bururi, " + std::string(30, 'x') + " avec un nom très long qui ne finit " +
                          "jamais et déborderait sur le report des entrées si rien ne l'arrêtait";
    pdfwrite::render("register", pdfwrite::to_json(spec), tmp / "long.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "long.pdf");
    REQUIRE(pages.size() > 1);
    CHECK(pages[1].find("Report : ") != std::string::npos);
    CHECK(pages[1].find("…") != std::string::npos);
}

TEST_CASE("an empty register says so and still closes", "[pdfwrite][register]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    pdfwrite::render("register", pdfwrite::to_json(sample_register(0)), tmp / "vide.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "vide.pdf");
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].find("Aucune entrée pour cette année.") != std::string::npos);
    CHECK(number_after(pages[0], "Total des entrées :") == 0);
    CHECK(pages[0].find("Page 1 / 1") != std::string::npos);
}

TEST_CASE("the same spec gives the same bytes", "[pdfwrite][register]") {
    use_built_pdf_program();
    TempDir tmp;
    const nlohmann::json spec = pdfwrite::to_json(sample_register(12));
    pdfwrite::render("register", spec, tmp / "a.pdf");
    pdfwrite::render("register", spec, tmp / "b.pdf");
    CHECK(read_file(tmp / "a.pdf") == read_file(tmp / "b.pdf"));
}

TEST_CASE("a destruction slip read back: records / running totals / totals / signatures", "[pdfwrite][slip]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const pdfwrite::SlipSpec spec = sample_slip(45);
    const std::string out = tmp / "bordereau.pdf";
    pdfwrite::render("slip", pdfwrite::to_json(spec), out);

    const std::vector<std::string> pages = page_texts(out);
    const std::size_t n = pages.size();
    REQUIRE(n > 1);
    const std::string all = joined(pages);
    CHECK(pages[0].find("Bordereau d'élimination") != std::string::npos);
    CHECK(pages[0].find("N° BRR-ELIM-2026-001 du 28 novembre 2026") != std::string::npos);
    CHECK(pages[0].find("durée d'utilité administrative est échue") != std::string::npos);

    std::uint64_t total_bytes = 0;
    long carried = 0;
    std::uint64_t carried_bytes = 0;
    for (std::size_t k = 0; k < n; ++k) {
        INFO("page " << k + 1 << ":\n" << pages[k]);
        const std::string& page = pages[k];
        CHECK(page.find("Intitulé") != std::string::npos);
        CHECK(page.find("Dates extrêmes") != std::string::npos);
        CHECK(page.find("Page " + std::to_string(k + 1) + " / " + std::to_string(n)) != std::string::npos);
        if (k > 0)
            CHECK(page.find("Report : " + std::to_string(carried) + " documents, " + french_size(carried_bytes)) !=
                  std::string::npos);
        long on_page = 0;
        std::uint64_t page_bytes = 0;
        for (const auto& row : spec.rows) {
            if (occurrences(page, row.id) == 0) continue;
            ++on_page;
            page_bytes += row.bytes;
        }
        carried += on_page;
        carried_bytes += page_bytes;
        CHECK(page.find("Documents de cette page : " + std::to_string(on_page) + " (" + french_size(page_bytes) +
                        ")") != std::string::npos);
        CHECK(page.find("cumul : " + std::to_string(carried) + " documents, " + french_size(carried_bytes)) !=
              std::string::npos);
    }
    for (const auto& row : spec.rows) {
        INFO(row.id);
        CHECK(occurrences(all, row.id) == 1);
        total_bytes += row.bytes;
    }
    CHECK(carried == 45);
    CHECK(all.find("Pièces justificatives des dépenses, exercice 2015") != std::string::npos);
    CHECK(all.find("Élection des délégués de colline : procès-verbaux") != std::string::npos);

    // The totals, from the read-back text, against the spec.
    const std::string& last = pages.back();
    CHECK(number_after(last, "Nombre de documents :") == 45);
    CHECK(total_bytes == 16'721'550);
    CHECK(last.find("Taille totale : " + french_size(total_bytes) + " (16 721 550 octets)") != std::string::npos);
    CHECK(last.find("Dates extrêmes : du 01/01/2015 au 28/12/2015") != std::string::npos);
    CHECK(last.find("Fait à Bururi, le 28 novembre 2026.") != std::string::npos);
    // All the signature boxes on the last page, with the last record.
    // The third one is wrapped in its box.
    for (const char* signer : {"L'archiviste", "L'administrateur communal", "Le directeur des Archives", "nationales"})
        CHECK(occurrences(last, signer) == 1);
    CHECK(occurrences(last, "Nom, date et signature") == 3);
    CHECK(last.find(spec.rows.back().id) != std::string::npos);
}

TEST_CASE("the closing of a slip never leaves the last page / whatever the number of records",
          "[pdfwrite][slip]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    // From one page to three: the closing falls at every place on the page at least once.
    for (std::size_t rows = 1; rows <= 48; rows += 1) {
        INFO(rows << " records");
        const std::string out = tmp / ("slip-" + std::to_string(rows) + ".pdf");
        pdfwrite::render("slip", pdfwrite::to_json(sample_slip(rows)), out);
        const std::vector<std::string> pages = page_texts(out);
        const std::string& last = pages.back();
        CHECK(number_after(last, "Nombre de documents :") == static_cast<long>(rows));
        CHECK(last.find("Fait à Bururi") != std::string::npos);
        CHECK(occurrences(last, "Nom, date et signature") == 3);
        CHECK(last.find("Le directeur des Archives") != std::string::npos);
        // A signature page carries at least the last record.
        char id[32];
        std::snprintf(id, sizeof id, "2015-%06zu", rows);
        CHECK(last.find(id) != std::string::npos);
        for (std::size_t k = 0; k + 1 < pages.size(); ++k) CHECK(pages[k].find("signature") == std::string::npos);
    }
}

TEST_CASE("a transfer slip in English with the default signatures", "[pdfwrite][slip]") {
    use_built_pdf_program();
    TempDir tmp;
    pdfwrite::SlipSpec spec = sample_slip(3);
    spec.action = "transfer";
    spec.language = "en";
    spec.signatures.clear();
    spec.rows[1].start.clear();
    spec.rows[1].end.clear();
    pdfwrite::render("slip", pdfwrite::to_json(spec), tmp / "transfer.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "transfer.pdf");
    REQUIRE(pages.size() == 1);
    const std::string& page = pages[0];
    CHECK(page.find("Transfer slip") != std::string::npos);
    CHECK(page.find("transferred to the archives service") != std::string::npos);
    CHECK(number_after(page, "Number of records:") == 3);
    CHECK(page.find("Total size: 329.1 KB (337,035 bytes)") != std::string::npos);
    CHECK(page.find("n.d.") != std::string::npos);
    for (const char* signer : {"The archivist", "The communal administrator", "The director of archives"})
        CHECK(page.find(signer) != std::string::npos);
    CHECK(page.find("Done at Bururi on 28 November 2026.") != std::string::npos);
}

TEST_CASE("a slip of a few bytes gives its size once", "[pdfwrite][slip]") {
    use_built_pdf_program();
    TempDir tmp;
    pdfwrite::SlipSpec spec = sample_slip(2);
    spec.rows[0].bytes = 119;
    spec.rows[1].bytes = 0;
    pdfwrite::render("slip", pdfwrite::to_json(spec), tmp / "petit.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "petit.pdf");
    CHECK(pages.back().find("Taille totale : 119 octets\n") != std::string::npos);
}

TEST_CASE("a bad spec is refused with the field named / and nothing is written", "[pdfwrite][errors]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const std::string out = tmp / "x.pdf";

    SECTION("a required field missing") {
        nlohmann::json spec = pdfwrite::to_json(sample_register(3));
        spec.erase("generated");
        const Error e = render_error("register", spec, out);
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(std::string(e.what()) == "champ « generated »: champ obligatoire absent");
    }
    SECTION("a bad date in a row") {
        nlohmann::json spec = pdfwrite::to_json(sample_slip(3));
        spec["rows"][2]["start"] = "2015-02-30";
        const Error e = render_error("slip", spec, out);
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(std::string(e.what()).find("rows[2].start") != std::string::npos);
        CHECK(std::string(e.what()).find("2015-02-30") != std::string::npos);
    }
    SECTION("an unknown field") {
        nlohmann::json spec = pdfwrite::to_json(sample_slip(3));
        spec["rows"][0]["titel"] = "typo";
        const Error e = render_error("slip", spec, out);
        CHECK(std::string(e.what()) == "champ « rows[0].titel »: champ inconnu");
    }
    SECTION("the spec of the other kind") {
        const Error e = render_error("slip", pdfwrite::to_json(sample_register(3)), out);
        CHECK(e.code() == ErrorCode::invalid_input);
    }
    SECTION("a kind that does not exist") {
        const Error e = render_error("facture", pdfwrite::to_json(sample_register(3)), out);
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(std::string(e.what()).find("facture") != std::string::npos);
    }
    SECTION("in English") {
        set_language(Language::en);
        nlohmann::json spec = pdfwrite::to_json(sample_register(3));
        spec["direction"] = "sideways";
        const Error e = render_error("register", spec, out);
        CHECK(std::string(e.what()) ==
              "field 'direction': value 'sideways' is not allowed (expected: in, out or \"\")");
        set_language(Language::fr);
    }
    CHECK(files_in(tmp.path()) == 0);
}

TEST_CASE("ububiko-pdf itself refuses a bad spec with status 2 and writes nothing", "[pdfwrite][errors]") {
    TempDir tmp;
    const std::string out = tmp / "x.pdf";
    nlohmann::json spec = pdfwrite::to_json(sample_slip(2));
    spec["rows"][1].erase("id");
    RunResult r = run_program(UBUBIKO_PDF_BIN, {"slip", out}, {{"UBUBIKO_LANG", "fr"}}, spec.dump());
    CHECK(r.status == 2);
    CHECK(r.err == "champ « rows[1].id »: champ obligatoire absent\n");

    r = run_program(UBUBIKO_PDF_BIN, {"slip", out}, {{"UBUBIKO_LANG", "en"}}, "{\"issuer\": ");
    CHECK(r.status == 2);
    CHECK(r.err.find("unreadable JSON description") != std::string::npos);

    r = run_program(UBUBIKO_PDF_BIN, {"bordereau", out}, {{"UBUBIKO_LANG", "en"}}, spec.dump());
    CHECK(r.status == 2);
    CHECK(r.err.find("usage: ububiko-pdf register|slip|stamp FILE.pdf") != std::string::npos);
    CHECK(files_in(tmp.path()) == 0);
}

TEST_CASE("an output folder that does not exist: a clear error / nothing written", "[pdfwrite][errors]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const std::string out = tmp / "absent/registre.pdf";
    const Error e = render_error("register", pdfwrite::to_json(sample_register(5)), out);
    CHECK(e.code() == ErrorCode::io);
    CHECK(std::string(e.what()) ==
          "impossible d'écrire « " + out + " » : le dossier « " + tmp / "absent" + " » n'existe pas");
    CHECK(files_in(tmp.path()) == 0);
}

TEST_CASE("a failed render leaves an existing file untouched", "[pdfwrite][errors]") {
    use_built_pdf_program();
    TempDir tmp;
    const std::string out = tmp.write("registre.pdf", "previous contents");
    nlohmann::json spec = pdfwrite::to_json(sample_register(5));
    spec["year"] = "2026";
    CHECK_THROWS_AS(pdfwrite::render("register", spec, out), Error);
    CHECK(read_file(out) == "previous contents");
    CHECK(files_in(tmp.path()) == 1);
}

TEST_CASE("a missing ububiko-pdf program is named in the error", "[pdfwrite][errors]") {
    TempDir tmp;
    ::setenv("UBUBIKO_PDF_PROGRAM", (tmp / "no-such-program").c_str(), 1);
    const Error e = render_error("register", pdfwrite::to_json(sample_register(1)), tmp / "x.pdf");
    use_built_pdf_program();
    CHECK(e.code() == ErrorCode::io);
    CHECK(std::string(e.what()).find("no-such-program") != std::string::npos);
    CHECK(files_in(tmp.path()) == 0);
}

TEST_CASE("a register of 3000 entries goes through the socket whole", "[pdfwrite][register]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const pdfwrite::RegisterSpec spec = sample_register(3000);
    const nlohmann::json json = pdfwrite::to_json(spec);
    REQUIRE(json.dump().size() > 500'000);  // more than the socket buffer
    pdfwrite::render("register", json, tmp / "gros.pdf");
    const std::vector<std::string> pages = page_texts(tmp / "gros.pdf");
    CHECK(pages.size() > 100);
    CHECK(number_after(pages.back(), "Total des entrées :") == 3000);
    CHECK(pages.back().find("2026-003000") != std::string::npos);
    CHECK(pages.back().find("Page " + std::to_string(pages.size()) + " / " + std::to_string(pages.size())) !=
          std::string::npos);
}

TEST_CASE("the program's failures become errors: its words / its status / its time limit", "[pdfwrite][errors]") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string out = tmp / "x.pdf";
    auto script = [&](const std::string& name, const std::string& body) {
        const std::string path = tmp.write(name, "#!/bin/sh\n" + body + "\n");
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        return path;
    };
    auto error_of = [&](const std::string& program, std::chrono::milliseconds limit) {
        try {
            pdfwrite::detail::run_pdf_program(program, "register", "{}", out, limit);
        } catch (const Error& e) {
            return e;
        }
        FAIL("no error");
        return Error(ErrorCode::internal, "not reached");
    };
    using std::chrono::milliseconds;

    Error e = error_of(script("refuse", "cat >/dev/null; echo 'champ « year »: invalide' >&2; exit 2"), milliseconds(5000));
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(std::string(e.what()) == "champ « year »: invalide");

    e = error_of(script("broken", "exit 7"), milliseconds(5000));
    CHECK(e.code() == ErrorCode::io);
    CHECK(std::string(e.what()).find("a échoué (code de sortie 7)") != std::string::npos);

    e = error_of(script("slow", "exec sleep 30"), milliseconds(300));
    CHECK(e.code() == ErrorCode::io);
    CHECK(std::string(e.what()).find("n'a pas fini à temps") != std::string::npos);

    e = error_of(script("crash", "kill -SEGV $$"), milliseconds(5000));
    CHECK(e.code() == ErrorCode::io);
    CHECK(std::string(e.what()).find("s'est arrêté brutalement (signal 11") != std::string::npos);
    CHECK(!std::filesystem::exists(out));
}
