#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

TEST_CASE("words are marked whatever their first letter looks like: capital, accented, ligature") {
    // Words are passed over on their first byte when no query word can begin with it: a
    // capital, an accented capital and a ligature must still reach the full comparison.
    SnippetTerms terms;
    terms.words = {"etat", "oeuvre", "budget"};
    terms.stems = {"etat", "oeuvr", "budget"};
    Snippet s = make_snippet("L'ÉTAT des lieux. Budget : Œuvres sociales, BUDGET voté ; état civil.", terms);
    CHECK(s.text == "L'\x01" "ÉTAT\x02 des lieux. \x01" "Budget\x02 : \x01" "Œuvres\x02 sociales, \x01" "BUDGET\x02 voté ; \x01"
                    "état\x02 civil.");
    // A word that begins like no query word is not marked, even when it ends like one.
    Snippet none = make_snippet("Le superbudget et le contre-état.", terms);
    CHECK(none.text == "Le superbudget et le contre-\x01" "état\x02.");
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

TEST_CASE("a match far into a long text is found after the first part") {
    std::string text;
    while (text.size() < k_snippet_first_part + 4000) text += "rien à signaler dans ce paragraphe ";
    text += "le marché public de Gitega ";
    for (int i = 0; i < 50; ++i) text += "suite ";
    SnippetTerms terms;
    terms.words = {"marche"};
    CHECK_FALSE(make_snippet_if_matched(std::string_view(text).substr(0, k_snippet_first_part), terms));
    Snippet s = make_snippet(text, terms);
    CHECK(s.text.rfind("…", 0) == 0);
    CHECK(s.text.find("le \x01marché\x02 public de Gitega") != std::string::npos);
    CHECK(s.html.find("<mark>marché</mark>") != std::string::npos);
}

TEST_CASE("a text whose first part was searched in vain is scanned from there on") {
    const std::string phrase = "rien à signaler dans ce paragraphe ";
    std::string text;
    while (text.size() + phrase.size() < k_snippet_first_part - 3) text += phrase;
    text.resize(k_snippet_first_part - 3, ' ');
    // a word across the end of the first part, then a window with both words much later
    std::string head = text;
    text += "marchés conclus ";
    while (text.size() < k_snippet_first_part + 30000) text += "encore des pages sans objet ";
    text += "le marché public de Gitega et sa taxe ";
    for (int i = 0; i < 50; ++i) text += "suite ";
    SnippetTerms terms;
    terms.words = {"marche", "taxe"};
    terms.stems = {"march", "tax"};
    const std::size_t searched = k_snippet_first_part;
    REQUIRE(searched > head.size());
    REQUIRE(searched < head.size() + 8);  // the first part ends inside "marchés"
    CHECK_FALSE(make_snippet_if_matched(std::string_view(text).substr(0, searched), terms));
    Snippet after = make_snippet_after(text, searched, terms);
    CHECK(after.text.rfind("…", 0) == 0);
    CHECK(after.text.substr(after.text.size() - 3) == "…");
    CHECK(after.html.find("<mark>marché</mark> public de Gitega et sa <mark>taxe</mark>") != std::string::npos);
    CHECK(make_snippet(text, terms).text == after.text);  // make_snippet takes the same way
    CHECK(after.text.find("le \x01marché\x02 public de Gitega et sa \x01taxe\x02") != std::string::npos);
    // only the word cut at the end of the first part: found, with its context before
    std::string cut = head + "marchés conclus ";
    while (cut.size() < k_snippet_first_part + 3000) cut += "encore des pages sans objet ";
    Snippet near = make_snippet_after(cut, searched, terms);
    CHECK(near.text.find("paragraphe \x01marchés\x02 conclus") != std::string::npos);
    CHECK(near.text.rfind("…", 0) == 0);
    // no query word anywhere: the start of the text, as make_snippet gives it
    SnippetTerms absent;
    absent.words = {"introuvable"};
    CHECK(make_snippet_after(cut, searched, absent).text == make_snippet(cut, absent).text);
    CHECK(make_snippet_after(cut, searched, absent).text.rfind("rien à signaler", 0) == 0);
}

TEST_CASE("a match found in the first part of a text is shown cut at its end") {
    std::string text = "Arrêté communal portant sur la taxe de marché. ";
    for (int i = 0; i < 10; ++i) text += "suite ";
    SnippetTerms terms;
    terms.words = {"taxe"};
    auto s = make_snippet_if_matched(text, terms);
    REQUIRE(s);
    CHECK(s->text.find("\x01taxe\x02") != std::string::npos);
    CHECK(s->text.substr(s->text.size() - 3) == "…");
}

TEST_CASE("matches in the lead-in before the best window are marked too") {
    // Windows of 20 words, 5 of context: "taxe" at 7 and 12, "budget" at 29. The first
    // window with both words ends at 29 and starts at the "taxe" of 12 (that of 7 is more
    // than 20 words before 29); its context starts at word 7 and so shows that other
    // "taxe", which is outside the window. The window is shown up to its last match.
    std::vector<std::string> words;
    for (int i = 0; i < 45; ++i) words.push_back("w" + std::to_string(i));
    words[7] = "taxe";
    words[12] = "taxe";
    words[29] = "budget";
    std::string text;
    for (const auto& w : words) text += w + " ";
    SnippetTerms terms;
    terms.words = {"budget", "taxe"};
    Snippet s = make_snippet(text, terms, 20);
    CHECK(s.text.rfind("…\x01taxe\x02 w8", 0) == 0);
    CHECK(s.text.find("w11 \x01taxe\x02 w13") != std::string::npos);
    CHECK(s.text.find("w28 \x01" "budget\x02…") != std::string::npos);
    CHECK(s.text.find("w30") == std::string::npos);
}

TEST_CASE("the first window with every query word is chosen, even if a later one has more matches") {
    std::string text = "Le budget et la taxe. ";
    for (int i = 0; i < 60; ++i) text += "mot" + std::to_string(i) + " ";
    text += "budget taxe budget taxe budget taxe fin.";
    SnippetTerms terms;
    terms.words = {"budget", "taxe"};
    Snippet s = make_snippet(text, terms, 20);
    CHECK(s.text.rfind("Le \x01" "budget\x02 et la \x01taxe\x02. mot0", 0) == 0);
    CHECK(s.text.find("fin") == std::string::npos);
}

TEST_CASE("a word and its plural count as one query word when windows are compared") {
    // "budget budgets" early holds one query word twice; "budget … taxe" later holds two.
    std::string text = "budget budgets ";
    for (int i = 0; i < 60; ++i) text += "mot" + std::to_string(i) + " ";
    text += "le budget de la taxe communale ";
    for (int i = 0; i < 60; ++i) text += "fin" + std::to_string(i) + " ";
    SnippetTerms terms;
    terms.words = {"budget", "taxe"};
    terms.stems = {"budget", "tax"};
    Snippet s = make_snippet(text, terms, 20);
    CHECK(s.text.find("le \x01" "budget\x02 de la \x01taxe\x02 communale") != std::string::npos);
    CHECK(s.text.find("budgets") == std::string::npos);
}
