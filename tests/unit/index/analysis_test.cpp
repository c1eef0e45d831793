#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "index/analysis.hpp"
#include "index/synonyms.hpp"

using namespace ububiko;
using namespace ububiko::index;

namespace {
std::string stem(const std::string& word) {
    static Xapian::Stem s = folded_french_stemmer();
    return s(word);
}
}  // namespace

TEST_CASE("accents, case and plural forms share one stem") {
    CHECK(stem("decision") == stem("décisions"));
    CHECK(stem("DÉCISION") == stem("decision"));
    CHECK(stem("délibérations") == stem("deliberation"));
    CHECK(stem("communaux") == stem("communal"));
    // Plurals after a vowel that Snowball alone keeps apart.
    CHECK(stem("conclus") == stem("conclu"));
    CHECK(stem("envois") == stem("envoi"));
    CHECK(stem("lois") == stem("loi"));
    CHECK(stem("tenus") == stem("tenu"));
    // Words of the original text reach the stemmer accented, even elided (snippets).
    CHECK(stem("l'état") == stem("etat"));
    CHECK(stem("université") == stem("universite"));
}

TEST_CASE("tokenize splits like the indexer: hyphens, elisions after folding, numbers") {
    CHECK(tokenize(fold("procès-verbal")) == std::vector<std::string>{"proces", "verbal"});
    CHECK(tokenize(fold("l'État d'urgence")) == std::vector<std::string>{"l", "etat", "d", "urgence"});
    CHECK(tokenize("budget 2024 n°12") == std::vector<std::string>{"budget", "2024", "n", "12"});
}

TEST_CASE("stopwords and abbreviations") {
    CHECK(is_stopword("de"));
    CHECK(is_stopword("l"));
    CHECK_FALSE(is_stopword("budget"));
    const Abbreviation* pv = find_abbreviation("pv");
    REQUIRE(pv != nullptr);
    CHECK(pv->expansion == std::vector<std::string>{"proces", "verbal"});
    CHECK(find_abbreviation("fonic")->expansion.back() == "communal");
    CHECK(find_abbreviation("budget") == nullptr);
}

TEST_CASE("the abbreviation table is stored folded exactly as fold() and tokenize() give") {
    auto written = abbreviations_as_written();
    REQUIRE(written.size() == abbreviations().size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        INFO(written[i].second);
        CHECK(abbreviations()[i].expansion == tokenize(fold(written[i].second)));
    }
}
