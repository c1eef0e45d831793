#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "core/time.hpp"

using namespace ububiko;

TEST_CASE("fold: accents, case, ligatures, elisions") {
    CHECK(fold("Décisions") == "decisions");
    CHECK(fold("DÉCISION") == "decision");
    CHECK(fold("L'État") == "l etat");
    CHECK(fold("l’école d’Égypte") == "l ecole d egypte");
    CHECK(fold("Cœur ŒUVRE Æsop straße") == "coeur oeuvre aesop strasse");
    CHECK(fold("procès-verbal n° 12") == "proces-verbal n° 12");
    CHECK(fold("'cité'") == "'cite ");  // harmless: the indexer drops the space
    CHECK(fold("prix\u00a0: 5") == "prix : 5");
    // NFD input gives the same as NFC input.
    CHECK(fold("e\u0301te\u0301") == "ete");
    CHECK(fold("plain ascii TEXT, it's") == "plain ascii text, it s");
}

TEST_CASE("slugify makes identifiers") {
    CHECK(slugify("Procès-verbal") == "proces-verbal");
    CHECK(slugify("  Note de   service ") == "note-de-service");
    CHECK(slugify("Dossier d'appel d'offres") == "dossier-d-appel-d-offres");
}

TEST_CASE("encodings") {
    CHECK(is_valid_utf8("Décision"));
    CHECK_FALSE(is_valid_utf8("D\xe9"
                              "cision"));
    CHECK(cp1252_to_utf8("D\xe9" "cision \x80 \x9c" "uvre \x92") == "Décision € œuvre ’");
    CHECK(strip_utf8_bom("\xEF\xBB\xBF" "abc") == "abc");
    CHECK(first_invalid_utf8("Décision") == std::string_view::npos);
    CHECK(first_invalid_utf8("Réf\xe9rence") == 4);
    CHECK(first_invalid_utf8("ab\xC3") == 2);  // a sequence cut short
    CHECK(utf8_or_cp1252("\xe9t\xe9.pdf") == "été.pdf");
    CHECK(utf8_or_cp1252("été.pdf") == "été.pdf");
    CHECK(utf8_prefix("été", 2) == "\xC3\xA9");
    CHECK(utf8_prefix("été", 1) == "");
}

TEST_CASE("ISO dates are validated") {
    CHECK(parse_iso_date("2024-02-29"));
    CHECK_FALSE(parse_iso_date("2023-02-29"));
    CHECK_FALSE(parse_iso_date("2024-13-01"));
    CHECK_FALSE(parse_iso_date("24-01-01"));
    CHECK(parse_iso_date("2024-03-07")->compact() == "20240307");
}

TEST_CASE("the Latin fast path folds exactly as the ICU path") {
    // A Cyrillic letter forces the ICU path for the whole string.
    const char* samples[] = {
        "Procès-verbal de la séance : l’État, l'Œuvre, DÉCISIONS, Ñandú, Ærø, façade, naïve, « citation »",
        "e\u0301te\u0301 d’e\u0301te\u0301 — 12,5 % … n° 3",
        "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŒœŠšŽžĞğİıŁł",
        "aujourd’hui jusqu'à l‘an 2024 ʼ x´y `z",
    };
    for (const char* s : samples) {
        INFO(s);
        CHECK(fold(std::string(s) + " Ж") == fold(s) + " ж");
    }
}

TEST_CASE("UTF-8 is decoded and encoded back, a bad or cut sequence giving U+FFFD") {
    const std::string text = "Procès-verbal n°12 — œuvre ✓ 𝄞";
    CHECK(encode_utf8(decode_utf8(text)) == text);
    CHECK(decode_utf8("é") == std::u32string{0xE9});
    CHECK(decode_utf8("a\xFFz") == (std::u32string{U'a', 0xFFFD, U'z'}));
    CHECK(decode_utf8("ab\xC3") == (std::u32string{U'a', U'b', 0xFFFD}));       // cut at the end
    CHECK(decode_utf8("\xE2\x82z") == (std::u32string{0xFFFD, 0xFFFD, U'z'}));  // a lead without its follower
    std::string out;
    append_utf8(out, 0x1F600);
    CHECK(out == "\xF0\x9F\x98\x80");
}

TEST_CASE("the quick Latin-1 letter table says what fold() says") {
    for (int b = 0x80; b < 0xC0; ++b) {
        std::string letter = std::string("\xC3") + static_cast<char>(b);
        std::string folded = fold(letter);
        char quick = folded_latin1_letter(static_cast<unsigned char>(b));
        INFO("U+00" << std::hex << (0x40 + b));
        if (quick != 0) {
            CHECK(folded == std::string(1, quick));
        } else {
            CHECK_FALSE((folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z'));
        }
    }
    CHECK(folded_latin1_letter(0x7F) == 0);
    CHECK(folded_latin1_letter(0xC0) == 0);
}
