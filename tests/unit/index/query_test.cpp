#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "index/query.hpp"
#include "plan/plan_yaml.hpp"

using namespace ububiko;
using namespace ububiko::index;

namespace {

std::string error_of(const std::string& query, const plan::Plan* p = nullptr) {
    try {
        compile_query(query, p);
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        return e.what();
    }
    return "";
}

const plan::Plan& small_plan() {
    static plan::Plan p = plan::load_plan_text(R"(plan: {id: p, version: 1, title: T}
document_types: [{id: proces-verbal, label: Procès-verbal, aliases: [pv]}, {id: lettre, label: Lettre}]
nodes:
  - {code: "1", title: Un, retention: {years: 1, from: document_date}, disposition: keep, access: public,
     children: [{code: "1.1", title: Feuille}]}
)", "p.yaml");
    return p;
}

}  // namespace

TEST_CASE("malformed queries give a clear message with the column") {
    CHECK(error_of("budget \"conseil communal") == "requête invalide : guillemet ouvert jamais refermé (colonne 8)");
    CHECK(error_of("(budget OR taxe") == "requête invalide : parenthèse ouverte jamais refermée (colonne 1)");
    CHECK(error_of("budget)") == "requête invalide : parenthèse fermante sans ouvrante (colonne 7)");
    // Typed in a terminal set to Latin-1: « été » as the bytes E9 74 E9.
    CHECK(error_of("budget \xe9t\xe9") == "requête invalide : texte qui n'est pas en UTF-8 (réglez le terminal en UTF-8) (colonne 8)");
    CHECK_THAT(error_of("couleur:rouge"), Catch::StartsWith("requête invalide : champ inconnu « couleur » (champs : code, année"));
    CHECK_THAT(error_of("date:2024-13-01"), Catch::Contains("date invalide « 2024-13-01 »"));
    CHECK_THAT(error_of("date:2024..2023"), Catch::Contains("à l'envers"));
    CHECK_THAT(error_of("année:deux"), Catch::Contains("année invalide « deux »"));
    CHECK_THAT(error_of("budget OU"), Catch::Contains("rien après OU"));
    CHECK_THAT(error_of("-budget"), Catch::Contains("ne peut pas seulement exclure"));
    CHECK_THAT(error_of("code:1.x"), Catch::Contains("code de classement invalide"));
    CHECK_THAT(error_of("code:9", &small_plan()), Catch::Contains("« 9 » n'existe pas dans le plan"));
    CHECK_THAT(error_of("type:facture", &small_plan()), Catch::Contains("type de document inconnu « facture »") &&
                                                            Catch::Contains("proces-verbal, lettre"));
    CHECK_THAT(error_of("sens:nord"), Catch::Contains("sens inconnu"));
    CHECK_THAT(error_of("de:"), Catch::Contains("valeur manquante"));
    CHECK_THAT(error_of("titre:  "), Catch::Contains("valeur manquante"));
    CHECK_THAT(error_of("année : "), Catch::Contains("valeur manquante après « année: »"));  // as typed
    CHECK_THAT(error_of("x*"), Catch::Contains("joker"));
}

TEST_CASE("well-formed queries compile: words, fields, times and colons in words") {
    CHECK(compile_query("", nullptr).empty());
    auto q = compile_query("Décisions du conseil code:1.1 année:2020..2024 type:PV", &small_plan());
    CHECK(q.required.size() == 2);  // "du" is dropped, décisions and conseil remain
    CHECK_FALSE(q.filter.empty());
    CHECK(q.words.size() == 2);
    CHECK(q.words[0].folded == "decisions");
    CHECK_NOTHROW(compile_query("réunion à 10:30 http://x", nullptr));
    CHECK_NOTHROW(compile_query("(budget OU taxe) -marché \"conseil communal\" de:\"Gouverneur de Bururi\"", nullptr));
    CHECK_NOTHROW(compile_query("date:2024 date:..2023-06 date:2024-03..", nullptr));
    CHECK_NOTHROW(compile_query("n°:BRR/2026-000001 statut:à-classer accès:confidentiel sens:entrant", nullptr));
    // Only stopwords: kept, so the query still means something.
    CHECK(compile_query("de la", nullptr).required.size() == 2);
    // A space after the colon, as people write it: the value follows (a field), or the word
    // was no field at all.
    auto spaced = compile_query("Objet: budget", nullptr);
    CHECK(spaced.required.empty());
    CHECK(spaced.filter.get_description() == compile_query("objet:budget", nullptr).filter.get_description());
    auto remark = compile_query("Remarque: budget communal", nullptr);
    CHECK(remark.required.size() == 3);
    CHECK(remark.words[0].folded == "remarque");
    CHECK(remark.filter.empty());
}

TEST_CASE("quotes and colons as French typography and phones write them") {
    auto described = [](const std::string& q) {
        CompiledQuery c = compile_query(q, nullptr);
        std::string out;
        for (const auto& r : c.required) out += r.get_description() + ";";
        return out + "|" + c.filter.get_description();
    };
    const std::string phrase = described("\"conseil communal\"");
    CHECK(phrase.find("PHRASE") != std::string::npos);
    for (const char* q : {"«conseil communal»", "« conseil communal »", "“conseil communal”",
                          "”conseil communal”", "„conseil communal“"}) {
        INFO(q);
        CHECK(described(q) == phrase);
    }
    CHECK(described("titre : « remise et reprise »") == described("titre:\"remise et reprise\""));
    // a space before the colon (French typography), for the names of fields only
    CHECK(described("année : 2023") == described("année:2023"));
    CHECK(described("année :2023") == described("année:2023"));
    CHECK(described("budget code : 4.1") == described("budget code:4.1"));
    auto remark = compile_query("Remarque : voirie", nullptr);
    CHECK(remark.filter.empty());
    CHECK(remark.words.size() >= 2);
    CHECK_NOTHROW(compile_query("réunion à 10 : 30", nullptr));
    // stray closing quotes are left out; an opening one never closed is an error
    CHECK(described("budget »") == described("budget"));
    CHECK(described("budget”") == described("budget"));
    CHECK(error_of("“conseil communal") == "requête invalide : guillemet ouvert jamais refermé (colonne 1)");
    CHECK(error_of("« conseil communal") == "requête invalide : guillemet ouvert jamais refermé (colonne 1)");
}

TEST_CASE("a word is looked for by its stem's term alone, a number or a stopword by itself too") {
    auto first = [](const std::string& q) { return compile_query(q, nullptr).required.at(0).get_description(); };
    // Every form of a word has its stem's term in the index: one posting list is enough.
    CHECK(first("Budgets") == "Query(Zbudget)");
    CHECK(first("décisions") == "Query(Zdecis)");
    // The indexer stems no word that begins with a digit, and no stopword: their own term.
    CHECK(first("2024") == "Query((2024 SYNONYM Z2024))");
    CHECK(first("le") == "Query((le SYNONYM Zle))");
}
