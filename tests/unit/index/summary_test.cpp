#include <catch2/catch.hpp>

#include <string>

#include "index/document.hpp"

using namespace ububiko::index;

namespace {

Summary sample() {
    Summary s;
    s.id = "2024-000017";
    s.title = "PV du \"conseil\" \\ communal\n(séance)\t— 2ᵉ trimestre 😀";
    s.date = "2024-03-12";
    s.code = "1.2.1";
    s.code_title = "Procès-verbaux";
    s.type = "pv";
    s.direction = "internal";
    s.correspondent = "Gouverneur de Bururi";
    s.reference = "N°12/2024";
    s.access = "internal";
    s.status = "filed";
    s.original_name = "pv 12\x01.pdf";
    s.path = "records/1/1.2/1.2.1/2024/2024-000017";
    s.registered = "2024-03-13T08:00:00Z";
    s.text_file = "original.txt";
    s.flags = {"needs-ocr", "é"};
    s.pages = 12;
    return s;
}

void check_same(const Summary& a, const Summary& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.date == b.date);
    CHECK(a.code == b.code);
    CHECK(a.code_title == b.code_title);
    CHECK(a.type == b.type);
    CHECK(a.direction == b.direction);
    CHECK(a.correspondent == b.correspondent);
    CHECK(a.reference == b.reference);
    CHECK(a.access == b.access);
    CHECK(a.status == b.status);
    CHECK(a.original_name == b.original_name);
    CHECK(a.path == b.path);
    CHECK(a.registered == b.registered);
    CHECK(a.text_file == b.text_file);
    CHECK(a.flags == b.flags);
    CHECK(a.pages == b.pages);
}

}  // namespace

TEST_CASE("a summary is read back from its document data as written, escapes included") {
    const Summary s = sample();
    const std::string data = to_json(s).dump();
    auto back = summary_from_data(data);
    REQUIRE(back);
    check_same(*back, s);
    // ASCII-only JSON (\u escapes, a surrogate pair for the emoji) reads the same.
    auto ascii = summary_from_data(to_json(s).dump(-1, ' ', true));
    REQUIRE(ascii);
    check_same(*ascii, s);
    // Spaces and line breaks between the parts, as a pretty printer leaves them.
    auto pretty = summary_from_data(to_json(s).dump(2));
    REQUIRE(pretty);
    check_same(*pretty, s);
}

TEST_CASE("document data of another shape is read by the general JSON parser, and defaults are kept") {
    // A nested object and a fraction: not the flat shape, still JSON.
    auto nested = summary_from_data(R"({"id":"2024-000001","extra":{"a":[1,2]},"pages":2.0,"title":"T"})");
    REQUIRE(nested);
    CHECK(nested->id == "2024-000001");
    CHECK(nested->title == "T");
    CHECK(nested->pages == 2);
    // Missing fields keep their defaults (the text of a record is text.txt).
    auto few = summary_from_data(R"({"id":"2024-000002","unknown":true,"more":null,"n":-3})");
    REQUIRE(few);
    CHECK(few->id == "2024-000002");
    CHECK(few->text_file == "text.txt");
    CHECK(few->pages == 0);
    CHECK(few->flags.empty());
}

TEST_CASE("document data that is not JSON gives no summary") {
    for (const char* bad : {"", "{", "{\"id\":\"2024-000001\"", "{\"id\":\"\\ud800\"}", "[1,2]", "id=2024-000001",
                            "{\"id\":\"2024-000001\"} trailing", "{\"id\":\"2024-000001\",\"title\":{\"a\":1}}"})
        CHECK_FALSE(summary_from_data(bad));
}
