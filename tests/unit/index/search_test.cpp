#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "index/indexer.hpp"
#include "index/searcher.hpp"
#include "plan/plan_yaml.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::index;

namespace {

struct Doc {
    std::string id, code, title, date, type, direction, correspondent, access, text;
    std::string classification = {};  // titles of the code and its ancestors
};

const std::vector<Doc> k_docs = {
    {"2026-000001", "1.1.2", "Procès-verbal de la session ordinaire", "2024-03-07", "proces-verbal", "internal", "",
     "public", "Le conseil communal a adopté les décisions relatives au budget de l'État et aux taxes de marché."},
    {"2026-000002", "1.2.1", "Décision portant nomination", "2021-06-01", "decision", "out", "Chef de zone Mugamba",
     "public", "L'administrateur communal décide de nommer un comptable. Vu la loi communale."},
    {"2026-000003", "8.1.1", "Rapport trimestriel", "2016-07-15", "rapport", "in", "Centre de santé de Kiremba",
     "internal", "Le CDS de Kiremba signale les consultations prénatales et les envois de vaccins."},
    {"2026-000004", "4.2.2", "Taxes de marché du mois de mai", "2023-05-31", "quittance", "internal", "",
     "internal", "Recettes des marchés : taxes perçues au marché de Bururi, quittances numérotées."},
    {"2026-000005", "3.2.1", "Extrait d'acte de naissance", "2019-02-11", "extrait", "out", "Niyonzima Jean",
     "confidential", "Extrait d'acte de naissance de Niyonzima, né à Bururi."},
    {"2026-000006", "1.1.2", "Convocation", "2022-01-10", "convocation", "out", "Conseillers communaux", "public",
     "Le budget sera examiné. Les textes conclus et tenus lors de la séance seront lus. PV de la séance précédente."},
};

// Indexes docs into root/index, each with its text file under root/records/x/ID.
void index_docs(const test::TempDir& root, const std::vector<Doc>& docs) {
    IndexWriter w(root / "index");
    for (const Doc& d : docs) {
        archive::Record r;
        r.id = d.id;
        r.code = d.code;
        r.title = d.title;
        r.date = d.date;
        r.type = d.type;
        r.direction = d.direction;
        r.correspondent = d.correspondent;
        r.access = d.access;
        r.registered = "2026-11-27T10:00:00Z";
        r.files.push_back({"original.txt", "original", "text/plain", d.text.size(), "sha-" + d.id});
        std::string rel = "records/x/" + d.id;
        root.write(rel + "/text.txt", d.text);
        IndexInput in;
        in.record = &r;
        in.text = d.text;
        in.relative_dir = rel;
        in.code_title = "Titre " + d.code;
        in.classification = d.classification;
        w.put(in);
    }
    w.commit();
}

struct SearchFixture {
    test::TempDir tmp;
    SearchFixture() { index_docs(tmp, k_docs); }
    SearchResult search(const std::string& q, SearchRequest req = {}) {
        req.query = q;
        req.limit = 20;
        return Searcher(tmp.path()).search(req);
    }
    std::vector<std::string> ids(const std::string& q, SearchRequest req = {}) {
        std::vector<std::string> out;
        for (const auto& h : search(q, req).hits) out.push_back(h.summary.id.substr(9));
        return out;
    }
};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("accents, case, plurals and elisions do not matter") {
    SearchFixture f;
    CHECK(f.ids("decision") == Ids{"02", "01"});  // title weighs more than body
    CHECK(f.ids("DÉCISIONS") == f.ids("decision"));
    CHECK(f.ids("Décision") == f.ids("decisions"));
    CHECK(f.ids("etat") == Ids{"01"});
    CHECK(f.ids("l'État") == Ids{"01"});
    CHECK(f.ids("conclu tenu") == Ids{"06"});
    CHECK(f.ids("envoi") == Ids{"03"});
    CHECK(f.ids("marche") == f.ids("marchés"));
}

TEST_CASE("abbreviations find their expansion and back") {
    SearchFixture f;
    Ids pv = f.ids("pv");
    CHECK(std::find(pv.begin(), pv.end(), "01") != pv.end());  // "Procès-verbal" in the title
    CHECK(std::find(pv.begin(), pv.end(), "06") != pv.end());  // "PV" in the text
    Ids pv_long = f.ids("procès-verbal");
    CHECK(std::find(pv_long.begin(), pv_long.end(), "06") != pv_long.end());
    CHECK(f.ids("centre de santé") == Ids{"03"});
    CHECK(f.ids("cds") == Ids{"03"});
}

TEST_CASE("fields filter: code subtree, year, type, from, date range, direction, access") {
    SearchFixture f;
    SearchRequest by_date;
    by_date.sort = Sort::date;
    CHECK(f.ids("code:1", by_date) == Ids{"01", "06", "02"});
    CHECK(f.ids("code:1.1.2", by_date) == Ids{"01", "06"});
    CHECK(f.ids("budget code:1.1", by_date) == Ids{"01", "06"});
    CHECK(f.ids("année:2023") == Ids{"04"});
    CHECK(f.ids("year:2016..2019", by_date) == Ids{"05", "03"});
    CHECK(f.ids("type:quittance") == Ids{"04"});
    CHECK(f.ids("type:rapport type:quittance", by_date) == Ids{"04", "03"});
    CHECK(f.ids("de:kiremba") == Ids{"03"});
    CHECK(f.ids("from:\"centre de santé\"") == Ids{"03"});
    CHECK(f.ids("date:2021-01-01..2022-12-31", by_date) == Ids{"06", "02"});
    CHECK(f.ids("date:2024", by_date) == Ids{"01"});
    CHECK(f.ids("sens:entrant") == Ids{"03"});
    CHECK(f.ids("accès:confidentiel") == Ids{"05"});
    CHECK(f.ids("n°:TST/2026-000004") == Ids{"04"});
}

TEST_CASE("operators: OR, exclusion, phrases, wildcards, groups") {
    SearchFixture f;
    SearchRequest by_date;
    by_date.sort = Sort::date;
    CHECK(f.ids("nomination OU naissance", by_date) == Ids{"02", "05"});
    CHECK(f.ids("budget -convocation") == Ids{"01"});
    CHECK(f.ids("budget SAUF convocation") == Ids{"01"});
    CHECK(f.ids("\"taxes de marché\"", by_date) == Ids{"01", "04"});
    CHECK(f.ids("\"marché taxes\"").empty());
    CHECK(f.ids("quittan*") == Ids{"04"});
    CHECK(f.ids("(nomination OR naissance) année:2019") == Ids{"05"});
}

TEST_CASE("results carry snippets highlighted in the accented text, facets, order by date") {
    SearchFixture f;
    SearchRequest req;
    req.facets = true;
    SearchResult r = f.search("budget", req);
    REQUIRE(r.total == 2);
    REQUIRE(r.hits.size() == 2);
    const Hit* first = &r.hits[0];
    if (first->summary.id != "2026-000001") first = &r.hits[1];
    CHECK_THAT(first->snippet, Catch::Contains("\x01" "budget" "\x02" " de l'État"));
    CHECK_THAT(first->snippet_html, Catch::Contains("<mark>budget</mark>"));
    CHECK(first->summary.code_title == "Titre 1.1.2");
    auto& codes = r.facets["code"];
    REQUIRE(codes.size() == 3);  // 1, 1.1, 1.1.2: rolled up
    CHECK(codes[0].value == "1");
    CHECK(codes[0].count == 2);
    CHECK(codes[2].value == "1.1.2");
    CHECK(r.facets["year"].size() == 2);
    CHECK(r.facets["year"][0].value == "2024");

    SearchRequest all;
    all.sort = Sort::date;
    CHECK(f.ids("", all) == Ids{"01", "04", "06", "02", "05", "03"});
}

TEST_CASE("records above the searcher's access level do not exist, even in counts") {
    SearchFixture f;
    SearchRequest req;
    req.max_access = plan::Access::public_;
    req.facets = true;
    SearchResult r = f.search("bururi", req);
    CHECK(r.total == 0);  // 04 is internal, 05 confidential
    req.max_access = plan::Access::internal;
    r = f.search("bururi", req);
    CHECK(r.total == 1);
    CHECK(r.facets["year"].size() == 1);
    CHECK(f.ids("naissance").size() == 1);  // unrestricted
}

TEST_CASE("when no record has every word, the closest ones come, said so, unknown words get a suggestion") {
    SearchFixture f;
    SearchResult r = f.search("budget conseil nomination");
    CHECK(r.relaxed);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].summary.id == "2026-000001");  // budget + conseil
    SearchResult s = f.search("quitances");
    CHECK(s.total == 0);
    CHECK(s.suggestion == "quittances");
    CHECK(f.search("budget").suggestion.empty());
}

TEST_CASE("a register number typed alone finds its record first, then the texts citing it") {
    test::TempDir tmp;
    index_docs(tmp, {{"2026-000001", "4.1.1", "Budget communal 2026", "2026-01-05", "", "", "", "public",
                      "Budget primitif de la commune. Voir la délibération 2026-000002 du conseil."},
                     {"2026-000002", "1.1.3", "Délibération sur le budget", "2026-01-02", "", "", "", "public",
                      "Le conseil adopte le budget."},
                     {"2026-000003", "2.2.1", "Lettre", "2026-01-07", "", "", "", "public", "Une lettre sans rapport."}});
    auto ids = [&](const std::string& q) {
        SearchRequest req;
        req.query = q;
        std::vector<std::string> out;
        for (const auto& h : Searcher(tmp.path()).search(req).hits) out.push_back(h.summary.id);
        return out;
    };
    using Ids = std::vector<std::string>;
    CHECK(ids("2026-000002") == Ids{"2026-000002", "2026-000001"});
    CHECK(ids("BRR/2026-000002") == Ids{"2026-000002", "2026-000001"});  // as a stamp prints it
    CHECK(ids("2026-000003") == Ids{"2026-000003"});
    CHECK(ids("2026-000002 adopte") == Ids{"2026-000002"});  // with other words, all must match
    CHECK(ids("2026-000009").empty());
}

TEST_CASE("records filed where the plan's titles name the query's words come first, and only those that match") {
    test::TempDir tmp;
    const std::string civil = "État civil et population \u203A Actes d'état civil \u203A Extraits et copies d'actes délivrés";
    index_docs(tmp, {{"2026-000001", "5.3.1", "Demande de congé de l'agent de l'état civil", "2023-06-19", "", "", "", "public",
                      "Agent de l'état civil, je demande un congé annuel. État civil.", "Personnel \u203A Congés"},
                     {"2026-000002", "3.2.1", "Extrait d'acte de naissance", "2020-02-17", "", "", "", "public",
                      "Service de l'état civil. Extrait d'acte de naissance.", civil},
                     {"2026-000003", "3.2.1", "Extrait d'acte de décès", "2021-02-17", "", "", "", "public",
                      "Extrait d'acte de décès.", civil}});
    auto ids = [&](const std::string& q) {
        SearchRequest req;
        req.query = q;
        std::vector<std::string> out;
        for (const auto& h : Searcher(tmp.path()).search(req).hits) out.push_back(h.summary.id.substr(9));
        return out;
    };
    // The leave request says « état civil » more often, in its title too; the extract is
    // filed under État civil.
    CHECK(ids("état civil") == Ids{"02", "01"});
    // The extract of a death does not say « état civil »: the plan's titles raise, they do
    // not match.
    CHECK(ids("décès") == Ids{"03"});
    // Nor does an excluded word raise anything.
    CHECK(ids("extrait -civil") == Ids{"03"});
}

TEST_CASE("a searcher opened before the first record was indexed sees it after refresh") {
    test::TempDir tmp;
    std::filesystem::create_directories(tmp / "index");  // as "ububiko init" leaves it
    Searcher early(tmp.path());
    CHECK_FALSE(early.present());
    CHECK(early.search({}).total == 0);
    index_docs(tmp, {{"2026-000001", "4.1.1", "Budget communal 2026", "", "", "", "", "public",
                      "Budget primitif de la commune."}});
    early.refresh();
    CHECK(early.present());
    SearchRequest req;
    req.query = "budget";
    CHECK(early.search(req).total == 1);
}

TEST_CASE("a missing index searches as empty, an index of another schema asks for reindex") {
    test::TempDir tmp;
    CHECK(Searcher(tmp.path()).search({}).total == 0);
    {
        Xapian::WritableDatabase db(tmp / "index", Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document d;
        d.add_term("x");
        db.add_document(d);
        db.set_metadata("ububiko.index_schema", "0");
        db.commit();
    }
    CHECK_THROWS_WITH(Searcher(tmp.path()), Catch::Contains("ububiko reindex"));
    CHECK_THROWS_WITH(IndexWriter(tmp / "index"), Catch::Contains("ububiko reindex"));
}

TEST_CASE("a long text whose query word is past its first pages shows that passage") {
    test::TempDir tmp;
    // 40 KB of minutes without the word, then the passage, then more text.
    std::string filler;
    while (filler.size() < 40 * 1024) filler += "Le conseil communal examine les points inscrits à l'ordre du jour. ";
    Doc d{"2026-000042", "1.1.2", "Procès-verbal", "2024-03-07", "proces-verbal", "internal", "", "public",
          filler + "Les redevances de pâturage sont fixées par la délibération. " + filler};
    index_docs(tmp, {d});
    SearchRequest req;
    req.query = "pâturages";
    SearchResult r = Searcher(tmp.path()).search(req);
    REQUIRE(r.hits.size() == 1);
    CHECK_THAT(r.hits[0].snippet, Catch::StartsWith("…"));
    CHECK_THAT(r.hits[0].snippet, Catch::Contains("redevances de \x01" "pâturage\x02 sont fixées"));
}
