// The pieces under the PDFs, without PoDoFo: text for the base-14 fonts, French and English
// numbers and dates, wrapping, and the pagination of a table.
#include <catch2/catch.hpp>

#include <map>

#include "pdfwrite/layout.hpp"
#include "pdfwrite/text.hpp"

using namespace ububiko::pdfwrite::detail;

namespace {

// Every character half the font size wide: easy widths to reason about.
class HalfEm : public Metrics {
public:
    double width(Face, double size, std::string_view text) const override {
        return 0.5 * size * static_cast<double>(ububiko::decode_utf8(text).size());
    }
};

}  // namespace

TEST_CASE("printable keeps what WinAnsiEncoding has and replaces the rest", "[pdfwrite][text]") {
    CHECK(printable("Procès-verbal n° 3 : « état civil », l’œuvre — 5 €") ==
          "Procès-verbal n° 3 : « état civil », l’œuvre — 5 €");
    CHECK(printable("e\u0301te\u0301 a\u0300 Ngozi") == "été à Ngozi");  // decomposed accents
    CHECK(printable("Ştefan Dvořák") == "Stefan Dvorák");
    CHECK(printable("  deux\t\n espaces\u2009fines ") == "deux espaces fines");
    CHECK(printable("3\u202F000") == "3\u00A0000");
    CHECK(printable("\uFB01n\u00AD de ligne") == "fin de ligne");
    CHECK(printable("✓ fait") == "? fait");
    CHECK(printable("bad \xFF byte") == "bad ? byte");
}

TEST_CASE("numbers in words / as the register's closing formula writes them", "[pdfwrite][text]") {
    const std::map<std::uint64_t, std::string> french = {
        {0, "zéro"},          {1, "un"},
        {17, "dix-sept"},     {21, "vingt et un"},
        {71, "soixante et onze"}, {77, "soixante-dix-sept"},
        {80, "quatre-vingts"}, {81, "quatre-vingt-un"},
        {91, "quatre-vingt-onze"}, {100, "cent"},
        {120, "cent vingt"},  {200, "deux cents"},
        {280, "deux cent quatre-vingts"}, {1000, "mille"},
        {1001, "mille un"},   {2000, "deux mille"},
        {80'000, "quatre-vingt mille"}, {200'000, "deux cent mille"},
        {1'000'000, "un million"}, {2'300'000, "deux millions trois cent mille"}};
    for (const auto& [n, words] : french) {
        INFO(n);
        CHECK(number_words(n, Lang::fr) == words);
    }
    CHECK(number_words(21, Lang::fr, true) == "vingt et une");
    CHECK(number_words(1, Lang::fr, true) == "une");
    CHECK(number_words(120, Lang::en) == "one hundred and twenty");
    CHECK(number_words(1005, Lang::en) == "one thousand and five");
    CHECK(number_words(30, Lang::en) == "thirty");
}

TEST_CASE("sizes / thousands / dates and places in French and English", "[pdfwrite][text]") {
    CHECK(grouped(3'145'728, Lang::fr) == "3\u00A0145\u00A0728");
    CHECK(grouped(3'145'728, Lang::en) == "3,145,728");
    CHECK(grouped(999, Lang::fr) == "999");
    CHECK(size_text(512, Lang::fr) == "512\u00A0o");
    CHECK(size_text(12'800, Lang::fr) == "12,5\u00A0Ko");
    CHECK(size_text(12'800, Lang::en) == "12.5\u00A0KB");
    CHECK(size_text(3 * 1024 * 1024, Lang::fr) == "3,0\u00A0Mo");
    CHECK(short_date("2024-03-03", Lang::fr) == "03/03/2024");
    CHECK(short_date("2024-03-03", Lang::en) == "2024-03-03");
    CHECK(short_date("", Lang::fr).empty());
    CHECK(long_date("2024-03-01", Lang::fr) == "1er mars 2024");
    CHECK(long_date("2024-08-15", Lang::fr) == "15 août 2024");
    CHECK(long_date("2024-08-15", Lang::en) == "15 August 2024");
    CHECK(place_name("Commune de Bururi") == "Bururi");
    CHECK(place_name("commune d'Isare") == "Isare");
    CHECK(place_name("Mugamba") == "Mugamba");
}

TEST_CASE("wrap breaks at spaces / inside a word only when it must / and marks a cut", "[pdfwrite][layout]") {
    const HalfEm m;  // size 2: one point a character
    CHECK(wrap(m, Face::regular, 2, "un deux trois quatre", 9, 10) ==
          std::vector<std::string>{"un deux", "trois", "quatre"});
    CHECK(wrap(m, Face::regular, 2, "anticonstitutionnellement", 10, 10) ==
          std::vector<std::string>{"anticonsti", "tutionnell", "ement"});
    CHECK(wrap(m, Face::regular, 2, "un deux trois quatre", 9, 2) ==
          std::vector<std::string>{"un deux", "trois…"});
    CHECK(wrap(m, Face::regular, 2, "   ", 9, 2).empty());
}

TEST_CASE("paginate: rows never split / the header and running totals on every page / the closing last",
          "[pdfwrite][layout]") {
    const HalfEm m;
    Geometry g;
    g.page_width = 400;
    g.page_height = 300;
    g.left = g.right = 20;
    g.top = 20;
    g.bottom = 40;
    const std::vector<Column> columns = {{"Id", 60, Align::left}, {"Texte", 0, Align::left}};
    TableStyle style;
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < 70; ++i) {
        // Every fifth row long enough for several lines.
        std::string text = "ligne" + std::to_string(i);
        if (i % 5 == 0)
            for (int w = 0; w < 40; ++w) text += " mot" + std::to_string(i);
        rows.push_back({"id" + std::to_string(i) + "x", text});
    }

    struct Footer {
        int page, pages, on_page, cumulative;
    };
    std::vector<Footer> footers;
    std::vector<int> carried;
    int closings = 0;
    Frame frame;
    frame.first_heading = [&](Page& page, double y) {
        page.text(m, 20, y - 30, Face::bold, 14, "TITRE");
        return y - 40;
    };
    frame.later_heading = [&](Page& page, double y, int from) {
        carried.push_back(from);
        page.text(m, 20, y - 10, Face::italic, 9, "suite");
        return y - 14;
    };
    frame.closing = [&](Page& page, double y) {
        ++closings;
        page.text(m, 20, y - 10, Face::bold, 10, "CLOTURE");
        return y - 80;
    };
    frame.footer = [&](Page&, int page, int pages, int on_page, int cumulative) {
        footers.push_back({page, pages, on_page, cumulative});
    };

    const std::vector<Page> pages = paginate(m, g, columns, rows, style, frame);
    REQUIRE(pages.size() > 3);
    // The scratch calls that measure the blocks came first.
    closings -= 1;
    carried.erase(carried.begin());
    CHECK(closings == 1);
    REQUIRE(footers.size() == pages.size());

    std::map<std::string, std::size_t> page_of_row;
    int total = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        INFO("page " << p + 1);
        CHECK(footers[p].page == static_cast<int>(p + 1));
        CHECK(footers[p].pages == static_cast<int>(pages.size()));
        if (p > 0) CHECK(carried[p - 1] == total);
        int ids = 0, headers = 0;
        for (const TextItem& t : pages[p].texts) {
            CHECK(t.y >= g.bottom);  // nothing in the footer's margin
            CHECK(t.y <= g.page_height - g.top);
            if (t.text == "Texte") ++headers;
            if (t.text.rfind("id", 0) == 0) {
                ++ids;
                page_of_row[t.text] = p;
            }
            // Every line of a row's text on the page of its id.
            const auto word = t.text.find("mot");
            if (word != std::string::npos) {
                const std::string id = "id" + t.text.substr(word + 3, t.text.find(' ', word) - word - 3) + "x";
                CHECK(page_of_row.count(id) == 1);
                CHECK(page_of_row[id] == p);
            }
        }
        CHECK(headers == 1);
        CHECK(ids == footers[p].on_page);
        total += ids;
        CHECK(footers[p].cumulative == total);
    }
    CHECK(total == 70);
    CHECK(page_of_row.size() == 70);
    bool closing_on_last = false;
    for (const TextItem& t : pages.back().texts) closing_on_last |= t.text == "CLOTURE";
    CHECK(closing_on_last);
}

TEST_CASE("paginate: a cell longer than a page is cut to fit / with a mark", "[pdfwrite][layout]") {
    const HalfEm m;
    Geometry g;
    g.page_width = 400;
    g.page_height = 300;
    g.left = g.right = g.top = 20;
    g.bottom = 40;
    std::string huge;
    for (int w = 0; w < 2000; ++w) huge += "mot ";
    Frame frame;
    frame.first_heading = [](Page&, double y) { return y - 20; };
    frame.later_heading = [](Page&, double y, int) { return y - 20; };
    frame.closing = [](Page&, double y) { return y - 20; };
    frame.footer = [](Page&, int, int, int, int) {};
    const std::vector<Page> pages =
        paginate(m, g, {{"Id", 60, Align::left}, {"Texte", 0, Align::left}}, {{"id1", huge}, {"id2", "court"}},
                 TableStyle{}, frame);
    bool cut = false;
    for (const Page& page : pages)
        for (const TextItem& t : page.texts) {
            CHECK(t.y >= g.bottom);
            cut |= t.text.ends_with("…");
        }
    CHECK(cut);
}
