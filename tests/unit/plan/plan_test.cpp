#include <catch2/catch.hpp>

#include "plan/plan_yaml.hpp"

using namespace ububiko;
using namespace ububiko::plan;

namespace {

const char* k_good = R"(plan:
  id: test-plan
  version: 2
  title: Plan d'essai
  required: [title, date]
document_types:
  - id: proces-verbal
    label: Procès-verbal
    aliases: [pv, compte rendu de séance]
  - id: lettre
    label: Lettre
nodes:
  - code: "1"
    title: Administration
    access: public
    retention: {years: 10, from: document_date}
    children:
      - code: "1.1"
        title: Conseil
        children:
          - code: "1.1.1"
            title: Procès-verbaux
            disposition: keep
            hints:
              keywords: [session]
              types: [proces-verbal]
              regexes: ['(?i)\bPV\b']
          - code: "1.1.2"
            title: Délibérations
            disposition: keep
            access: internal
            required: [title, date, type]
  - code: "2"
    title: Finances
    children:
      - code: "2.1"
        title: Quittances
        retention: {years: 5, from: year_end}
        disposition: destroy
        access: internal
)";

std::vector<std::string> messages(const CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.errors) out.push_back(d.to_string());
    return out;
}

}  // namespace

TEST_CASE("a valid plan loads with its tree, inheritance and types") {
    Plan p = load_plan_text(k_good, "p.yaml");
    CHECK(p.ref() == "test-plan@2");
    CHECK(p.size() == 6);
    CHECK(p.leaf_count() == 3);
    CHECK(p.codes() == std::vector<std::string>{"1", "1.1", "1.1.1", "1.1.2", "2", "2.1"});
    CHECK(p.lineage("1.1.2") == std::vector<std::string>{"1", "1.1", "1.1.2"});
    CHECK(p.is_leaf("1.1.1"));
    CHECK_FALSE(p.is_leaf("1.1"));

    Effective e = p.effective("1.1.1");
    REQUIRE(e.retention);
    CHECK(e.retention->years == 10);
    CHECK(e.access == Access::public_);
    CHECK(e.disposition == Disposition::keep);
    CHECK(e.required == std::vector<std::string>{"title", "date"});
    CHECK(p.effective("1.1.2").access == Access::internal);
    CHECK(p.effective("1.1.2").required.size() == 3);
    CHECK(p.effective("2.1").retention->from == RetentionFrom::year_end);

    REQUIRE(p.resolve_type("PV") != nullptr);
    CHECK(p.resolve_type("PV")->id == "proces-verbal");
    CHECK(p.resolve_type("Procès-Verbal")->id == "proces-verbal");
    CHECK(p.resolve_type("compte-rendu de seance")->id == "proces-verbal");
    CHECK(p.resolve_type("facture") == nullptr);
    CHECK(p.at("1.1.1").line == 21);
}

TEST_CASE("filing codes must exist and be leaves") {
    Plan p = load_plan_text(k_good, "p.yaml");
    CHECK_NOTHROW(p.require_fileable("1.1.1"));
    CHECK_THROWS_WITH(p.require_fileable("1.1"), Catch::Contains("n'est pas une feuille") &&
                                                     Catch::Contains("1.1.1, 1.1.2"));
    CHECK_THROWS_WITH(p.require_fileable("9.9"), Catch::Contains("« 9.9 » n'existe pas"));
}

TEST_CASE("code helpers") {
    CHECK(code_path("1.2.3") == "1/1.2/1.2.3");
    CHECK(code_path("12") == "12");
    CHECK(code_components("1.10.3") == std::vector<int>{1, 10, 3});
    CHECK(code_components("1..2").empty());
    CHECK(code_components("01.2").empty());
    CHECK(code_components("a.1").empty());
    CHECK(extends_by_one("1.2", "1.2.7"));
    CHECK_FALSE(extends_by_one("1.2", "1.3.1"));
    CHECK_FALSE(extends_by_one("1.2", "1.2.7.1"));
    CHECK(code_less("1.2", "1.10"));
    CHECK(code_less("9", "10"));
}

TEST_CASE("every error of a broken plan is reported with its line and column") {
    const char* broken = R"(plan:
  id: broken
  version: 1
  title: Plan cassé
nodes:
  - code: "1"
    title: Un
    colour: red
    children:
      - code: "2.1"
        title: Mauvais enfant
        retention: {years: 10, from: document_date}
        disposition: keep
        access: public
      - code: "1.1"
        retention: {years: -3, from: document_date}
        disposition: burn
        access: public
  - code: "1"
    title: Doublon
)";
    CheckResult r = check_plan_text(broken, "broken.yaml");
    REQUIRE_FALSE(r.plan);
    auto m = messages(r);
    REQUIRE(m.size() == 6);
    CHECK(m[0] == "broken.yaml:8:5: champ « colour »: champ inconnu « colour » (champs permis : code, "
                  "title, title_en, description, retention, disposition, access, required, obsolete, "
                  "hints, children)");
    CHECK(m[1] == "broken.yaml:10:15: champ « code »: le code « 2.1 » ne prolonge pas celui de son "
                  "parent « 1 » (attendu : 1.N)");
    CHECK(m[2] == "broken.yaml:15:9: champ « title »: titre manquant pour le code 1.1");
    CHECK(m[3] == "broken.yaml:16:28: champ « retention.years »: un entier positif est attendu, pas « -3 »");
    CHECK(m[4] == "broken.yaml:17:22: champ « disposition »: sort final inconnu « burn » (keep, destroy, sample)");
    CHECK(m[5] == "broken.yaml:19:11: champ « code »: code en double : 1");
}

TEST_CASE("semantic errors: incomplete leaves, unknown hint types, bad regexes, retention range") {
    const char* text = R"(plan: {id: p, version: 1, title: T}
document_types: [{id: lettre, label: Lettre}]
nodes:
  - code: "1"
    title: Un
    children:
      - code: "1.1"
        title: Feuille
        retention: {years: 1000, from: document_date}
        hints: {types: [facture], regexes: ['(unclosed']}
      - code: "1.2"
        title: Autre
        retention: {years: 3, from: birthday}
)";
    auto m = messages(check_plan_text(text, "s.yaml"));
    REQUIRE(m.size() == 2);
    CHECK_THAT(m[0], Catch::Contains("s.yaml:9:") && Catch::Contains("durée hors limites"));
    CHECK_THAT(m[1], Catch::Contains("s.yaml:13:") && Catch::Contains("point de départ inconnu « birthday »"));

    const char* semantic = R"(plan: {id: p, version: 1, title: T, required: [title, colour]}
document_types: [{id: lettre, label: Lettre}]
nodes:
  - code: "1"
    title: Un
    children:
      - code: "1.1"
        title: Feuille
        hints: {types: [facture], regexes: ['(unclosed']}
)";
    auto s = messages(check_plan_text(semantic, "t.yaml"));
    REQUIRE(s.size() == 6);
    CHECK_THAT(s[0], Catch::Contains("métadonnée inconnue « colour »"));
    CHECK_THAT(s[1], Catch::StartsWith("t.yaml:7: champ « hints.types »") && Catch::Contains("facture"));
    CHECK_THAT(s[2], Catch::Contains("expression régulière invalide"));
    CHECK_THAT(s[3], Catch::Contains("n'a pas de durée de conservation"));
    CHECK_THAT(s[4], Catch::Contains("n'a pas de sort final"));
    CHECK_THAT(s[5], Catch::Contains("n'a pas de niveau d'accès"));
}

TEST_CASE("unreadable YAML gives the parser's place") {
    auto r = check_plan_text("plan: {id: x\nnodes: [", "bad.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].to_string(), Catch::StartsWith("bad.yaml:") && Catch::Contains("YAML illisible"));
}

TEST_CASE("a plan saved in a Windows encoding is refused at its first byte that is not UTF-8") {
    // "title: Délibérations" with é as the single byte E9 on line 3, after "é" in UTF-8.
    auto r = check_plan_text("plan:\n  id: x\n  title: \xC3\xA9t\xC3\xA9 D\xE9lib\xE9rations\n", "windows.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() == "windows.yaml:3:15: texte qui n'est pas en UTF-8 (enregistrez le fichier en UTF-8)");
    CHECK_FALSE(r.plan);
}

TEST_CASE("to_yaml writes a plan that loads back identically") {
    Plan p = load_plan_text(k_good, "p.yaml");
    Plan q = load_plan_text(to_yaml(p), "again.yaml");
    CHECK(q.codes() == p.codes());
    for (const auto& code : p.codes()) {
        const Node& a = p.at(code);
        const Node& b = q.at(code);
        CHECK(a.title == b.title);
        CHECK(a.retention == b.retention);
        CHECK(a.access == b.access);
        CHECK(a.disposition == b.disposition);
        CHECK(a.hints == b.hints);
        CHECK(a.required == b.required);
    }
    CHECK(q.types == p.types);
    CHECK(q.header.required == p.header.required);
}
