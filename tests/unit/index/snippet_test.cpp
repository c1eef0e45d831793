#include <catch2/catch.hpp>

#include "index/snippet.hpp"

using namespace ububiko::index;

TEST_CASE("snippets mark accented and plural forms of the query's words") {
    SnippetTerms terms;
    terms.words = {"decision"};
    terms.stems = {"decis"};
    Snippet s = make_snippet("Vu la loi.\nLes Décisions du conseil & <autres> sont prises.", terms);
    CHECK(s.text == "Vu la loi. Les \x01" "Décisions\x02 du conseil & <autres> sont prises.");
    CHECK(s.html == "Vu la loi. Les <mark>Décisions</mark> du conseil &amp; &lt;autres&gt; sont prises.");
}

TEST_CASE("the window with the most distinct words is chosen, with a little context before") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "mot" + std::to_string(i) + " ";
    text += "budget ici puis taxe enfin ";
    for (int i = 0; i < 100; ++i) text += "fin" + std::to_string(i) + " ";
    SnippetTerms terms;
    terms.words = {"budget", "taxe"};
    Snippet s = make_snippet(text, terms, 20);
    CHECK(s.text.rfind("…", 0) == 0);
    CHECK(s.text.find("\x01" "budget\x02 ici puis \x01taxe\x02") != std::string::npos);
    CHECK(s.text.find("mot95") != std::string::npos);  // five words of context
    CHECK(s.text.find("mot94") == std::string::npos);
    CHECK(s.text.substr(s.text.size() - 3) == "…");
}

TEST_CASE("without a match the snippet is the start of the text") {
    SnippetTerms terms;
    terms.words = {"absent"};
    Snippet s = make_snippet("Premier   mot\n\n deuxième mot", terms);
    CHECK(s.text == "Premier mot deuxième mot");
    CHECK(make_snippet("", terms).text.empty());
}
