#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "core/error.hpp"

using namespace ububiko;

TEST_CASE("CSV rows keep their line numbers through quoted line breaks") {
    auto rows = csv::parse("a,b\r\n\"x\ny\",\"q\"\"z\"\r\n\r\nlast,\n", "f.csv");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].line == 1);
    CHECK(rows[1].line == 2);
    CHECK(rows[1].fields == std::vector<std::string>{"x\ny", "q\"z"});
    CHECK(rows[2].line == 5);
    CHECK(rows[2].fields == std::vector<std::string>{"last", ""});
}

TEST_CASE("CSV delimiter is guessed, quoting round-trips") {
    auto rows = csv::parse("a;b,c;d\n1;2,5;3\n", "f.csv");
    REQUIRE(rows[1].fields == std::vector<std::string>{"1", "2,5", "3"});
    std::string line = csv::line({"plain", "with,comma", "with \"quote\""});
    CHECK(line == "plain,\"with,comma\",\"with \"\"quote\"\"\"\r\n");
    CHECK(csv::parse(line, "x")[0].fields[2] == "with \"quote\"");
}

TEST_CASE("an unterminated quote is an error at its line") {
    try {
        csv::parse("a,b\nc,\"open\n", "bad.csv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.place().line == 2);
        CHECK(std::string(e.what()) == "bad.csv:2: guillemet ouvert jamais refermé");
    }
}

TEST_CASE("a CSV saved by a French Excel (Windows-1252, semicolons, CRLF) reads as UTF-8") {
    // "code;titre\r\n4.1;Budget et comptabilité — état\r\n" in Windows-1252 (é = E9, — = 97).
    auto rows = csv::parse("code;titre\r\n4.1;Budget et comptabilit\xE9 \x97 \xE9tat\r\n", "plan.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].fields == std::vector<std::string>{"4.1", "Budget et comptabilité — état"});
    // UTF-8, with or without its byte-order mark, is left as it is.
    CHECK(csv::parse("\xEF\xBB\xBFt\n\xC3\xA9t\xC3\xA9\n", "u.csv")[1].fields[0] == "été");
    CHECK(csv::parse("t\n\xC3\xA9t\xC3\xA9\n", "u.csv")[1].fields[0] == "été");
}

TEST_CASE("Excel's « Texte Unicode » (UTF-16 with its mark, tab separated) reads as UTF-8") {
    // "file\tcode\r\nété.pdf\t2.2.1\r\n" in UTF-16LE with its byte-order mark.
    const std::u16string units = u"file\tcode\r\n\u00E9t\u00E9.pdf\t2.2.1\r\n";
    std::string little = "\xFF\xFE", big = "\xFE\xFF";
    for (char16_t u : units) {
        little += static_cast<char>(u & 0xFF);
        little += static_cast<char>(u >> 8);
        big += static_cast<char>(u >> 8);
        big += static_cast<char>(u & 0xFF);
    }
    for (const std::string& text : {little, big}) {
        auto rows = csv::parse(text, "meta.txt");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].fields == std::vector<std::string>{"file", "code"});
        CHECK(rows[1].fields == std::vector<std::string>{"été.pdf", "2.2.1"});
    }
}
