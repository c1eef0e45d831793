#include <catch2/catch.hpp>

#include "core/fs.hpp"
#include "core/text.hpp"
#include "plan/plan_csv.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::plan;

namespace {

void require_same(const Plan& a, const Plan& b) {
    REQUIRE(a.codes() == b.codes());
    CHECK(a.ref() == b.ref());
    CHECK(a.header.title == b.header.title);
    CHECK(a.header.required == b.header.required);
    CHECK(a.types == b.types);
    for (const auto& code : a.codes()) {
        INFO(code);
        const Node& x = a.at(code);
        const Node& y = b.at(code);
        CHECK(x.title == y.title);
        CHECK(x.title_en == y.title_en);
        CHECK(x.description == y.description);
        CHECK(x.retention == y.retention);
        CHECK(x.access == y.access);
        CHECK(x.disposition == y.disposition);
        CHECK(x.required == y.required);
        CHECK(x.obsolete == y.obsolete);
        CHECK(x.hints == y.hints);
    }
}

// The errors of a plan CSV that must not load, as printed.
std::vector<std::string> refusals(const std::string& text) {
    CheckResult r = check_plan_csv_text(text, "p.csv");
    REQUIRE_FALSE(r.plan);
    std::vector<std::string> m;
    for (const auto& e : r.errors) m.push_back(e.to_string());
    return m;
}

}  // namespace

TEST_CASE("the shipped plan round-trips through CSV, with commas and with semicolons") {
    Plan shipped = load_plan_file(test::source("classification/commune-burundi.yaml"));
    CHECK(shipped.size() >= 80);
    for (char d : {',', ';'}) {
        std::string text = to_csv(shipped, d);
        CheckResult r = check_plan_csv_text(text, "plan.csv");
        for (const auto& e : r.errors) FAIL(e.to_string());
        REQUIRE(r.plan);
        require_same(shipped, *r.plan);
        // And back to YAML again.
        require_same(shipped, load_plan_text(to_yaml(*r.plan), "again.yaml"));
    }
}

TEST_CASE("a plan drafted in a spreadsheet loads, rows in any order, BOM and quotes") {
    std::string text =
        "\xEF\xBB\xBF#plan.id;brouillon\n#plan.version;1\n#plan.title;Brouillon\n"
        "#type;lettre;Lettre;Letter;courrier|correspondance\n"
        "code;title;retention_years;retention_from;disposition;access;keywords\n"
        "1.1;\"Courrier; arrivé\";2;document_date;destroy;internal;lettre|requête\n"
        "1;Courrier;;;;;\n";
    CheckResult r = check_plan_csv_text(text, "draft.csv");
    for (const auto& e : r.errors) FAIL(e.to_string());
    REQUIRE(r.plan);
    CHECK(r.plan->codes() == std::vector<std::string>{"1", "1.1"});
    CHECK(r.plan->at("1.1").title == "Courrier; arrivé");
    CHECK(r.plan->at("1.1").hints.keywords == std::vector<std::string>{"lettre", "requête"});
    CHECK(r.plan->types[0].aliases.size() == 2);
}

TEST_CASE("the shipped plan saved by a French Excel (Windows-1252, semicolons, CRLF) imports with its accents") {
    Plan shipped = load_plan_file(test::source("classification/commune-burundi.yaml"));
    std::string utf8 = to_csv(shipped, ';');
    // What Excel writes: each character of Windows-1252 as its byte (the shipped plan uses
    // only those: accents, « », ’, —).
    std::string windows;
    for (char32_t c : decode_utf8(utf8)) {
        static const std::u32string k_high = U"\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD"
                                             U"\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178";
        if (c < 0x80 || (c >= 0xA0 && c < 0x100)) {
            windows += static_cast<char>(c);
        } else {
            auto at = k_high.find(c);
            REQUIRE(at != std::u32string::npos);
            windows += static_cast<char>(0x80 + at);
        }
    }
    REQUIRE_FALSE(is_valid_utf8(windows));
    CheckResult r = check_plan_csv_text(windows, "plan-excel.csv");
    for (const auto& e : r.errors) FAIL(e.to_string());
    REQUIRE(r.plan);
    require_same(shipped, *r.plan);
}

TEST_CASE("CSV errors name the line and the column") {
    std::string text =
        "#plan.id,p\n#plan.version,1\n#plan.title,T\n"
        "code,title,retention_years,retention_from,disposition,access,colour\n"
        "1,Un,,,,,\n"
        "1.1,,5,document_date,keep,public,\n"
        "1.2,Deux,abc,document_date,keep,public,\n"
        "1.3,Trois,5,document_date,brûler,public,\n"
        "2.1,Orphelin,5,document_date,keep,public,\n"
        "1.1,Doublon,5,document_date,keep,public,\n";
    const std::vector<std::string> m = refusals(text);
    REQUIRE(m.size() == 6);
    CHECK(m[0] == "p.csv:4:7: champ « colour »: colonne inconnue");
    CHECK(m[1] == "p.csv:6: champ « title »: titre manquant pour le code 1.1");
    CHECK(m[2] == "p.csv:10: champ « code »: code en double : 1.1");
    CHECK_THAT(m[3], Catch::StartsWith("p.csv:7: champ « retention_years »"));
    CHECK_THAT(m[4], Catch::StartsWith("p.csv:8: champ « disposition »") && Catch::Contains("brûler"));
    CHECK(m[5] == "p.csv:9: champ « code »: le code parent « 2 » est absent du fichier");
}

TEST_CASE("a code a spreadsheet turned into a date or a number is refused with the way to keep it") {
    std::string text =
        "#plan.id;p\n#plan.version;1\n#plan.title;T\n"
        "code;title\n"
        "1;Un\n"
        "01-janv;Conseil\n"
        "1,2;Deux\n"
        "1.x;Autre\n";
    const std::vector<std::string> m = refusals(text);
    REQUIRE(m.size() == 3);
    const std::string hint = " (un tableur l'a pris pour une date ou un nombre : mettez la colonne « code » au format texte, "
                             "puis saisissez les codes à nouveau)";
    CHECK(m[0] == "p.csv:6: champ « code »: code invalide « 01-janv »" + hint);
    CHECK(m[1] == "p.csv:7: champ « code »: code invalide « 1,2 »" + hint);
    CHECK(m[2] == "p.csv:8: champ « code »: code invalide « 1.x »");
}
