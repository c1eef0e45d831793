// Metadata proposed from a document's text (classify/metadata.hpp): a table of French date
// forms, reference forms, and whole documents from samples/ whose expected date, reference,
// type and correspondent were read from the documents themselves.
//
// The sample texts in metadata_samples/ are what `ububiko file` extracted from samples/ (PDF
// text layer, DOCX, ODT, text files decoded to UTF-8), kept here so that a change in the
// extractors does not move these tests.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "classify/metadata.hpp"
#include "plan/plan_yaml.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::classify;

namespace {

const plan::Plan& commune_plan() {
    static const plan::Plan p = plan::load_plan_file(test::source("classification/commune-burundi.yaml"));
    return p;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string sample_text(const std::string& name) {
    return read_file(test::source("tests/unit/classify/metadata_samples/" + name + ".txt"));
}

std::string value(const std::optional<Proposed>& p) { return p ? p->value : std::string(); }

// samples/manifest.csv: file, code, date, type, direction, correspondent, title, reference, access.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field), field.clear();
        } else if (c == '\n') {
            row.push_back(field), field.clear();
            rows.push_back(row), row.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) row.push_back(field), rows.push_back(row);
    return rows;
}

}  // namespace

// Not a test: prints every sample's proposals beside the manifest's values.
//   classify_metadata_test "[.dump]"
TEST_CASE("metadata: dump of the samples against the manifest", "[.dump]") {
    auto rows = read_csv(read_file(test::source("samples/manifest.csv")));
    int n = 0, date_ok = 0, ref_ok = 0, type_ok = 0, corr_ok = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() < 9) continue;
        ProposedMetadata m = propose_metadata(sample_text(row[0]), row[0], commune_plan());
        ++n;
        auto mark = [](const std::string& got, const std::string& want, int& ok) {
            bool same = got == want;
            ok += same;
            return same ? std::string("  ok ") : std::string("  XX ");
        };
        std::cout << "== " << row[0] << "\n";
        std::cout << mark(value(m.date), row[2], date_ok) << "date  " << value(m.date) << "  | " << row[2]
                  << "   <" << (m.date ? m.date->evidence : "") << ">\n";
        std::cout << mark(value(m.reference), row[7], ref_ok) << "ref   " << value(m.reference) << "  | " << row[7]
                  << "\n";
        std::cout << mark(value(m.type), row[3], type_ok) << "type  " << value(m.type) << "  | " << row[3] << "\n";
        std::cout << mark(value(m.correspondent), row[5], corr_ok) << "corr  " << value(m.correspondent) << "  | "
                  << row[5] << "\n";
        std::cout << "      title " << value(m.title) << "  | " << row[6] << "\n";
    }
    std::cout << "samples " << n << ": date " << date_ok << ", reference " << ref_ok << ", type " << type_ok
              << ", correspondent " << corr_ok << "\n";
    // The scans, read by OCR: file, ..., date (9), type (10), correspondent (12), reference (14).
    rows = read_csv(read_file(test::source("samples/scans/manifest.csv")));
    n = date_ok = ref_ok = type_ok = corr_ok = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() < 16) continue;
        std::ifstream probe(test::source("tests/unit/classify/metadata_samples/scans/" + row[0] + ".txt"));
        if (!probe) continue;
        ProposedMetadata m = propose_metadata(sample_text("scans/" + row[0]), row[0], commune_plan());
        ++n;
        auto mark = [](const std::string& got, const std::string& want, int& ok) {
            ok += got == want;
            return got == want ? std::string("  ok ") : std::string("  XX ");
        };
        std::cout << "== scan " << row[0] << "\n";
        std::cout << mark(value(m.date), row[9], date_ok) << "date  " << value(m.date) << "  | " << row[9] << "\n";
        std::cout << mark(value(m.reference), row[14], ref_ok) << "ref   " << value(m.reference) << "  | " << row[14]
                  << "\n";
        std::cout << mark(value(m.type), row[10], type_ok) << "type  " << value(m.type) << "  | " << row[10] << "\n";
        std::cout << mark(value(m.correspondent), row[12], corr_ok) << "corr  " << value(m.correspondent) << "  | "
                  << row[12] << "\n";
    }
    std::cout << "scans " << n << ": date " << date_ok << ", reference " << ref_ok << ", type " << type_ok
              << ", correspondent " << corr_ok << "\n";
}

// ---- dates

TEST_CASE("metadata: French date forms", "[classify][metadata]") {
    struct Case {
        const char* text;
        const char* iso;  // "" when the text is not a date
    };
    const Case cases[] = {
        // day month year, in words
        {"3 mars 2024", "2024-03-03"},
        {"03 mars 2024", "2024-03-03"},
        {"le 3 mars 2024", "2024-03-03"},
        {"Le 3 Mars 2024", "2024-03-03"},
        {"3 MARS 2024", "2024-03-03"},
        {"1er mars 2024", "2024-03-01"},
        {"1ER MARS 2024", "2024-03-01"},
        {"le 1er janvier 2020", "2020-01-01"},
        {"5 février 2018", "2018-02-05"},
        {"5 fevrier 2018", "2018-02-05"},
        {"5 FÉVRIER 2018", "2018-02-05"},
        {"5 FEVRIER 2018", "2018-02-05"},
        {"15 août 2019", "2019-08-15"},
        {"15 aout 2019", "2019-08-15"},
        {"15 AOÛT 2019", "2019-08-15"},
        {"20 décembre 2016", "2016-12-20"},
        {"20 decembre 2016", "2016-12-20"},
        {"20 Décembre 2016", "2016-12-20"},
        {"7 juillet 2021", "2021-07-07"},
        {"30 septembre 2022", "2022-09-30"},
        {"12 sept. 2022", "2022-09-12"},
        {"12 janv. 2023", "2023-01-12"},
        {"mardi 20 décembre 2016", "2016-12-20"},
        {"le mardi 20 décembre 2016", "2016-12-20"},
        {"Bururi, le 3 mars 2024", "2024-03-03"},
        {"Fait à Bururi, le 17 février 2020.", "2020-02-17"},
        {"Bujumbura, le 14 octobre 2024", "2024-10-14"},
        {"3\xC2\xA0mars\xC2\xA0" "2024", "2024-03-03"},  // non-breaking spaces
        // numeric
        {"03/03/2024", "2024-03-03"},
        {"3/3/2024", "2024-03-03"},
        {"03-03-2024", "2024-03-03"},
        {"03.03.2024", "2024-03-03"},
        {"2024-03-03", "2024-03-03"},
        {"le 03/03/2024", "2024-03-03"},
        {"31/12/2019", "2019-12-31"},
        {"03/03/24", "2024-03-03"},  // two-digit years: 00–68 are 20xx
        {"15/08/98", "1998-08-15"},  // 69–99 are 19xx
        // spelled out
        {"le trois mars deux mille vingt-quatre", "2024-03-03"},
        {"trois mars deux mille vingt-quatre", "2024-03-03"},
        {"le premier janvier deux mille vingt", "2020-01-01"},
        {"le vingt et un mars deux mille dix-neuf", "2019-03-21"},
        {"le trente et un décembre deux mille quinze", "2015-12-31"},
        {"le dix-sept février deux mille vingt", "2020-02-17"},
        {"le vingt-huit novembre deux mil quatorze", "2014-11-28"},
        {"le quinze août mil neuf cent quatre-vingt-dix-neuf", "1999-08-15"},
        {"le vingt-et-un mars deux mille vingt-et-un", "2021-03-21"},  // the 1990 spelling
        {"le trois mars deux mille vingt quatre", "2024-03-03"},
        {"L'an deux mille vingt-trois, le trentième jour du mois de mars", "2023-03-30"},
        {"L’an deux mille vingt-deux, le premier jour du mois de juin", "2022-06-01"},
        // not dates, or not real ones
        {"31/02/2024", ""},
        {"30 février 2024", ""},
        {"29/02/2023", ""},
        {"31 avril 2024", ""},
        {"32 mars 2024", ""},
        {"00/03/2024", ""},
        {"13/13/2024", ""},
        {"03/13/2024", ""},  // month first is not French
        {"2024-02-30", ""},
        {"mars 2024", ""},
        {"3 mars", ""},
        {"le trente-deux mars deux mille vingt", ""},
        {"N°031/2024", ""},
        {"12/03", ""},
        {"", ""},
        {"3 mars 2024 et 4 mars 2024", ""},  // two dates: not one
        {"3 mars 1850", ""},               // outside 1900–2099
    };
    for (const Case& c : cases) {
        INFO("text: " << c.text);
        std::optional<std::string> got = parse_french_date(c.text);
        if (*c.iso) {
            REQUIRE(got.has_value());
            CHECK(*got == c.iso);
        } else {
            CHECK_FALSE(got.has_value());
        }
    }
    CHECK(parse_french_date("29/02/2024") == "2024-02-29");  // a leap year
    CHECK(parse_french_date("29 février 2000") == "2000-02-29");
    CHECK_FALSE(parse_french_date("29 février 1900"));
}

TEST_CASE("metadata: Kirundi month names that were checked", "[classify][metadata]") {
    CHECK(parse_french_date("ku wa 16 Ntwarante 2013") == "2013-03-16");
    CHECK(parse_french_date("Gitega, ku wa 2 Ruhuhuma 2013") == "2013-02-02");
    CHECK(parse_french_date("24 Rusama 2010") == "2010-05-24");
    CHECK(parse_french_date("lundi 16 Gitugutu 2017") == "2017-10-16");
    CHECK(parse_french_date("5 NZERO 2024") == "2024-01-05");
    CHECK(parse_french_date("9 Ndamukiza 2021") == "2021-04-09");
    CHECK(parse_french_date("9 Ndamukiriza 2021") == "2021-04-09");
    CHECK_FALSE(parse_french_date("30 Ruhuhuma 2024"));  // February has no 30th
    CHECK_FALSE(parse_french_date("16 Ntwarant 2013"));   // no guessing on Kirundi names
    // a communiqué in Kirundi: its place-and-date line is its date, not the one cited
    ProposedMetadata kirundi = propose_metadata(
        "REPUBLIKA Y'UBURUNDI\nINTARA YA GITEGA\nKOMINE GITEGA\n\nGitega, ku wa 16 Ntwarante 2013\n\n"
        "ITANGAZO\nUmutwaro wa komine uramenyesha abanyagihugu ko inama yo ku wa 2 Ruhuhuma 2013 "
        "izosubirwamwo.\n",
        "", commune_plan());
    CHECK(value(kirundi.date) == "2013-03-16");
}

TEST_CASE("metadata: OCR slips in dates are forgiven where they cannot make another date", "[classify][metadata]") {
    CHECK(parse_french_date("3 mars 2O24") == "2024-03-03");
    CHECK(parse_french_date("l5 mars 2024") == "2024-03-15");
    CHECK(parse_french_date("3 rnars 2024") == "2024-03-03");
    CHECK(parse_french_date("5 fevrler 2018") == "2018-02-05");
    CHECK(parse_french_date("Bururi, 1e 3 mars 2024") == "2024-03-03");
    CHECK(parse_french_date("1 er mars 2024") == "2024-03-01");
    // a short month name with one letter wrong is another word, not a date
    CHECK_FALSE(parse_french_date("3 mari 2024"));
}

// ---- references

namespace {

// A letter of the commune with the given reference line(s) under its date line.
std::string letter_with(const std::string& reference_lines) {
    return "RÉPUBLIQUE DU BURUNDI\n"
           "PROVINCE DE BURURI\n"
           "COMMUNE DE BURURI\n"
           "\n"
           "Bururi, le 3 mars 2024\n" +
           reference_lines +
           "\n"
           "À Monsieur le Gouverneur\n"
           "de la province de Bururi\n"
           "à BURURI\n"
           "Objet : Transmission du rapport mensuel de février 2024\n"
           "Monsieur le Gouverneur,\n"
           "J’ai l’honneur de vous transmettre le rapport des activités de la commune pour le mois de février 2024, "
           "conformément à votre lettre n°110/GPB/0347/2022 du 3 juin 2022.\n"
           "Veuillez agréer, Monsieur le Gouverneur, l’expression de ma haute considération.\n"
           "L’Administrateur communal\n"
           "Jean-Bosco NDIKUMANA\n";
}

}  // namespace

TEST_CASE("metadata: reference forms", "[classify][metadata]") {
    struct Case {
        const char* line;
        const char* reference;  // "" when none is to be proposed
    };
    const Case cases[] = {
        {"N/Réf. : 045/ADM/2024", "045/ADM/2024"},
        {"N/Réf. : N°045/ADM/BRR/2024", "N°045/ADM/BRR/2024"},
        {"N/Ref : 045/ADM/2024", "045/ADM/2024"},
        {"N/REF. : 045/ADM/2024", "045/ADM/2024"},
        {"N/Réf.: N° 045/ADM/BRR/2024", "N°045/ADM/BRR/2024"},
        {"N/Réf. N°045/ADM/BRR/2024", "N°045/ADM/BRR/2024"},
        {"Notre référence : 045/ADM/2024", "045/ADM/2024"},
        {"Nos réf. : 045/ADM/2024", "045/ADM/2024"},
        {"Réf. : SRGL/BRR/2023/041", "SRGL/BRR/2023/041"},
        {"Réf. n° 12/CAB/BRR/2023", "N°12/CAB/BRR/2023"},
        {"Référence : N°12/CAB/BRR/2023", "N°12/CAB/BRR/2023"},
        {"N°031/2024", "N°031/2024"},
        {"N° 031/2024", "N°031/2024"},
        {"Nº031/2024", "N°031/2024"},
        {"No 031/2024", "N°031/2024"},
        {"N°031/CDS-KRB/2016", "N°031/CDS-KRB/2016"},
        {"N° 045 / ADM / BRR / 2024", "N°045/ADM/BRR/2024"},  // as OCR spaces it
        // their reference is the correspondent's number, not this document's
        {"V/Réf. : 052/GPB/2024", ""},
        {"Votre référence : 052/GPB/2024", ""},
        {"V/Réf. : 052/GPB/2024\nN/Réf. : 045/ADM/2024", "045/ADM/2024"},
        {"N/Réf. : 045/ADM/2024\nV/Réf. : 052/GPB/2024", "045/ADM/2024"},
        {"", ""},
    };
    for (const Case& c : cases) {
        INFO("reference line: " << c.line);
        ProposedMetadata m = propose_metadata(letter_with(c.line), "lettre.pdf", commune_plan());
        CHECK(value(m.reference) == c.reference);
        if (*c.reference) CHECK(std::string(c.line).find(m.reference->evidence) != std::string::npos);
        // the rest of the letter is read the same whatever its reference
        CHECK(value(m.date) == "2024-03-03");
        CHECK(value(m.type) == "rapport");
        CHECK(value(m.correspondent) == "Gouverneur de la province de Bururi");
    }
}

TEST_CASE("metadata: the number in a heading is the document's, cited numbers are not", "[classify][metadata]") {
    auto ref = [](const std::string& text) { return value(propose_metadata(text, "", commune_plan()).reference); };
    CHECK(ref("COMMUNE DE BURURI\n\nDÉCISION N°031/2024 PORTANT INTERDICTION DE LA DIVAGATION DES ANIMAUX\n"
              "L’Administrateur communal de Bururi,\nVu la loi n°1/33 du 28 novembre 2014 ;\n") == "N°031/2024");
    CHECK(ref("COMMUNE DE BURURI\n\nARRÊTÉ COMMUNAL N° 07/2023 DU 2 MAI 2023\nVu la loi n°1/33 du 28 novembre 2014 ;\n") ==
          "N°07/2023");
    CHECK(ref("COMMUNE DE BURURI\n\nDÉCISION PORTANT APPLICATION DE LA LOI N°1/33 DU 28 NOVEMBRE 2014\n"
              "L’Administrateur communal de Bururi,\n") == "");
    CHECK(ref("COMMUNE DE BURURI\n\nNote de service\n"
              "Comme suite à la lettre n°052/GPB/2024 du Gouverneur, les agents sont informés que …\n") == "");
}

// ---- whole documents: the samples

// Every sample of samples/ against the metadata samples/manifest.csv gives it, which we checked
// against the documents. Where we propose something else on purpose, or cannot read what the
// manifest says, the difference is listed here with what we do propose, and asserted too.
TEST_CASE("metadata: the samples' date, reference, type and correspondent", "[classify][metadata]") {
    struct Difference {
        const char* file;
        const char* field;
        const char* proposed;
        const char* why;
    };
    const Difference differences[] = {
        {"Convocation session ordinaire juin 2019.docx", "correspondent", "Conseillers communaux",
         "the addressee as written (\"Mesdames et Messieurs les Conseillers communaux\")"},
        {"Requete association Twiyungunganye 2021.pdf", "correspondent", "Association des femmes « Twiyungunganye »",
         "the letterhead's name; \"de Gikungu\" is in the body only"},
        {"Taxe betail zone Mugozi 2018.pdf", "type", "lettre", "the subject does not say it is a report"},
        {"Effectifs EF 2022-2023.odt", "type", "lettre", "the subject does not say it is a report"},
        {"Facture Ets Niyongabo 2022-117.pdf", "correspondent", "Ets NIYONGABO & FRÈRES",
         "the document writes the name in capitals everywhere"},
        {"demande conge Kaneza.txt", "correspondent", "Béatrice Kaneza",
         "a member of staff writing as a person: taken as the sender"},
        {"CDS Kiremba rapport T2 2016.txt", "correspondent", "Centre de Santé de Kiremba",
         "as the letter writes it in running text"},
    };
    auto rows = read_csv(read_file(test::source("samples/manifest.csv")));
    REQUIRE(rows.size() == 54);
    int agree[4] = {0, 0, 0, 0};
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        REQUIRE(row.size() == 9);
        const std::string& file = row[0];
        INFO("sample: " << file);
        ProposedMetadata m = propose_metadata(sample_text(file), file, commune_plan());
        const std::pair<const char*, std::pair<std::string, std::string>> fields[4] = {
            {"date", {value(m.date), row[2]}},
            {"reference", {value(m.reference), row[7]}},
            {"type", {value(m.type), row[3]}},
            {"correspondent", {value(m.correspondent), row[5]}},
        };
        for (int k = 0; k < 4; ++k) {
            const auto& [field, got_want] = fields[k];
            std::string want = got_want.second;
            for (const Difference& d : differences)
                if (file == d.file && std::string(field) == d.field) want = d.proposed;
            INFO("field: " << field);
            CHECK(got_want.first == want);
            agree[k] += got_want.first == got_want.second;
        }
        // whatever is proposed says where it was read
        for (const auto* p : {&m.date, &m.reference, &m.type, &m.correspondent})
            if (*p) CHECK_FALSE((*p)->evidence.empty());
    }
    // agreement with the manifest, out of 53
    CHECK(agree[0] == 53);
    CHECK(agree[1] == 53);
    CHECK(agree[2] == 51);
    CHECK(agree[3] == 48);
}

TEST_CASE("metadata: evidence and title of a few samples", "[classify][metadata]") {
    {
        ProposedMetadata m = propose_metadata(sample_text("Lettre Gouverneur 2019.pdf"), "Lettre Gouverneur 2019.pdf",
                                              commune_plan());
        CHECK(m.date->evidence == "Bururi, le 18 novembre 2019");
        CHECK(m.reference->evidence == "N/Réf. : N°238/ADM/BRR/2019");
        CHECK(value(m.title) ==
              "Dégâts causés par les pluies torrentielles du 14 au 16 novembre 2019 et demande d'assistance");
    }
    {
        // minutes: the formal opening, not the dates of cited texts or of the previous session
        ProposedMetadata m = propose_metadata(sample_text("PV session ordinaire 2023-03.pdf"), "", commune_plan());
        CHECK(value(m.date) == "2023-03-30");
        CHECK(value(m.type) == "proces-verbal");
        CHECK_FALSE(m.correspondent);
    }
    {
        // a budget: the approval date, the latest of the dates under its heading
        ProposedMetadata m = propose_metadata(sample_text("budget-2024.pdf"), "", commune_plan());
        CHECK(value(m.date) == "2024-01-19");
        CHECK(m.date->evidence.rfind("Approuvé par le Ministre", 0) == 0);
        CHECK(value(m.title) == "Budget communal – exercice 2024");
    }
    {
        // the type comes from the text, not the file name
        ProposedMetadata m = propose_metadata(sample_text("Decision 2016-007 nomination percepteurs.pdf"), "scan.pdf",
                                              commune_plan());
        CHECK(value(m.type) == "decision");
        CHECK(value(m.reference) == "N°007/2016");
        CHECK(value(m.date) == "2016-03-07");
    }
}

// The same documents scanned, skewed, turned, photographed, read by OCR (Tesseract, as
// `ububiko file` runs it), against samples/scans/manifest.csv.
TEST_CASE("metadata: the scans read by OCR", "[classify][metadata]") {
    struct Difference {
        const char* file;
        const char* field;
        const char* proposed;
    };
    const Difference differences[] = {
        // a blank page: the manifest's values were typed by a person, nothing can be read
        {"page-blanche.png", "date", ""},
        {"page-blanche.png", "type", ""},
        {"page-blanche.png", "correspondent", ""},
        {"taxe-betail-mugozi-2018-200dpi.tif", "type", "lettre"},
        // a poor phone photo: "Gikungu, le 9 mats 2021", the letterhead garbled
        {"requete-twiyungunganye-2021.jpg", "date", ""},
        {"requete-twiyungunganye-2021.jpg", "correspondent", ""},
    };
    auto rows = read_csv(read_file(test::source("samples/scans/manifest.csv")));
    int files = 0, agree[4] = {0, 0, 0, 0};
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        REQUIRE(row.size() == 16);
        const std::string& file = row[0];
        INFO("scan: " << file);
        ProposedMetadata m = propose_metadata(sample_text("scans/" + file), file, commune_plan());
        ++files;
        const std::pair<const char*, std::pair<std::string, std::string>> fields[4] = {
            {"date", {value(m.date), row[9]}},
            {"reference", {value(m.reference), row[14]}},
            {"type", {value(m.type), row[10]}},
            {"correspondent", {value(m.correspondent), row[12]}},
        };
        for (int k = 0; k < 4; ++k) {
            const auto& [field, got_want] = fields[k];
            std::string want = got_want.second;
            for (const Difference& d : differences)
                if (file == d.file && std::string(field) == d.field) want = d.proposed;
            INFO("field: " << field);
            CHECK(got_want.first == want);
            agree[k] += got_want.first == got_want.second;
        }
    }
    CHECK(files == 16);
    CHECK(agree[0] == 14);
    CHECK(agree[1] == 16);
    CHECK(agree[2] == 14);
    CHECK(agree[3] == 14);
}

// ---- whole documents written for these tests: forms the samples do not have

TEST_CASE("metadata: documents unlike the samples", "[classify][metadata]") {
    struct Case {
        const char* name;
        const char* text;
        const char* date;
        const char* reference;
        const char* type;
        const char* correspondent;
    };
    const Case cases[] = {
        {"a provincial order",
         "RÉPUBLIQUE DU BURUNDI\nPROVINCE DE BURURI\nCABINET DU GOUVERNEUR\n\n"
         "ARRÊTÉ PROVINCIAL N°07/GPB/2023 PORTANT RÉGLEMENTATION DE LA CIRCULATION DES TAXIS-MOTOS\n"
         "Le Gouverneur de la province de Bururi,\n"
         "Vu la Constitution de la République du Burundi ;\n"
         "Vu la loi n°1/33 du 28 novembre 2014 portant révision de la loi communale ;\n"
         "Considérant les accidents enregistrés depuis le 1er janvier 2023 ;\n"
         "ARRÊTE :\n"
         "Article 1. La circulation des taxis-motos est interdite après 18 heures.\n"
         "Article 2. Le présent arrêté entre en vigueur le jour de sa signature.\n"
         "Fait à Bururi, le 2 mai 2023.\n"
         "Le Gouverneur de la province de Bururi\n"
         "Colonel Pierre NKURUNZIZA\n",
         "2023-05-02", "N°07/GPB/2023", "arrete", "Gouverneur de la province de Bururi"},
        {"a ministerial ordinance",
         "RÉPUBLIQUE DU BURUNDI\nMINISTÈRE DES FINANCES, DU BUDGET ET DE LA PLANIFICATION ÉCONOMIQUE\n\n"
         "ORDONNANCE MINISTÉRIELLE N°540/1124 DU 15 JANVIER 2021 PORTANT FIXATION DES FRAIS DE DÉLIVRANCE DES "
         "DOCUMENTS ADMINISTRATIFS\n"
         "Le Ministre des Finances,\nVu la loi n°1/20 du 20 novembre 2020 portant fixation du budget ;\n"
         "ORDONNE :\nArticle premier. Les frais sont fixés comme suit.\n",
         // the letterhead in capitals: words the text never writes otherwise are put in lower case
         "2021-01-15", "N°540/1124", "ordonnance",
         "Ministère des Finances, du budget et de la planification économique"},
        {"minutes dated in words without \"jour\"",
         "COMMUNE DE BURURI\nCOMITÉ COMMUNAL DE DÉVELOPPEMENT COMMUNAUTAIRE\n\n"
         "PROCÈS-VERBAL DE LA RÉUNION DU COMITÉ\n"
         "L’an deux mille vingt-quatre, le quinze du mois de mars, s’est tenue au bureau communal la réunion "
         "ordinaire du comité, sous la présidence de l’Administrateur communal.\n"
         "Le procès-verbal de la réunion du 12 décembre 2023 a été adopté.\n",
         "2024-03-15", "", "proces-verbal", ""},
        {"minutes dated in the heading",
         "COMMUNE DE BURURI\n\nPROCÈS-VERBAL DE LA RÉUNION DE SÉCURITÉ TENUE LE 5 AVRIL 2024\n"
         "Étaient présents : l’Administrateur communal, les chefs de zone et le commandant de la police.\n"
         "La réunion a examiné les incidents du 28 mars 2024 sur la colline Rwego.\n",
         "2024-04-05", "", "proces-verbal", ""},
        {"a letter dated in figures, the reference after the addressee",
         "RÉPUBLIQUE DU BURUNDI\nPROVINCE DE BURURI\nCOMMUNE DE BURURI\n"
         "Bururi, le 03/05/2024\n"
         "À Monsieur le Directeur général du FONIC\nà BUJUMBURA\n"
         "N/Réf. : 088/ADM/BRR/2024\n"
         "Objet : Demande de prolongation du délai d’exécution\n"
         "Monsieur le Directeur général,\n"
         "Suite à votre lettre n°FONIC/DG/0211/2024 du 12 avril 2024, j’ai l’honneur de solliciter une "
         "prolongation de deux mois du délai d’exécution des travaux du marché de Kiryama.\n"
         "Veuillez agréer, Monsieur le Directeur général, l’expression de ma haute considération.\n"
         "L’Administrateur communal\n",
         "2024-05-03", "088/ADM/BRR/2024", "lettre", "Directeur général du FONIC"},
        {"a receipt called reçu",
         "COMMUNE DE BURURI\nSERVICE DES FINANCES\n\nREÇU N° 1183/2024\n"
         "Reçu de : BUKURU Désiré\nLa somme de : 15 000 BIF pour la taxe sur le bétail.\n"
         "Bururi, le 8 février 2024\nLe Comptable communal\n",
         "2024-02-08", "N°1183/2024", "quittance", "Désiré Bukuru"},
        {"a mission report",
         "COMMUNE DE BURURI\n\nRAPPORT DE MISSION À GITEGA DU 4 AU 6 JUIN 2024\n"
         "Du 4 au 6 juin 2024, le Conseiller technique chargé du développement a participé à l’atelier "
         "provincial sur les plans de classement.\n",
         // no date of its own: the end of the mission is proposed, as any date near the top
         "2024-06-06", "", "rapport", ""},
        {"a request of a citizen, with a spelled-out date",
         "NDAYIZEYE Claudine\nColline Mahonda\n\n"
         "Bururi, le vingt et un mars deux mille vingt-quatre\n\n"
         "À Monsieur l’Administrateur communal de Bururi\n\n"
         "Objet : Demande d’attestation de résidence\n\nMonsieur l’Administrateur,\n"
         "J’ai l’honneur de solliciter une attestation de résidence pour constituer mon dossier de bourse.\n"
         "Veuillez agréer, Monsieur l’Administrateur, l’expression de mon profond respect.\n"
         "NDAYIZEYE Claudine\n",
         "2024-03-21", "", "requete", "Claudine Ndayizeye"},
    };
    for (const Case& c : cases) {
        INFO("document: " << c.name);
        ProposedMetadata m = propose_metadata(c.text, "document.pdf", commune_plan());
        CHECK_FALSE((m.correspondent && m.correspondent->value.find("Commune") == 0));
        CHECK(value(m.date) == c.date);
        CHECK(value(m.reference) == c.reference);
        CHECK(value(m.type) == c.type);
        CHECK(value(m.correspondent) == c.correspondent);
    }
}

TEST_CASE("metadata: a letterhead in capitals in sentence case", "[classify][metadata]") {
    // a body whose place names the text never writes in running text
    ProposedMetadata m = propose_metadata("RÉPUBLIQUE DU BURUNDI\nPROVINCE DE RUMONGE\nCOMMUNE DE MUHUTA\n"
                                          "ZONE GITAZA\n\nGitaza, le 4 juin 2024\nN°012/ZG/2024\n"
                                          "À Monsieur l’Administrateur communal\n"
                                          "Objet : Rapport mensuel de mai 2024\n"
                                          "Monsieur l’Administrateur,\n",
                                          "", commune_plan());
    CHECK(value(m.correspondent) == "Zone Gitaza");
    CHECK(value(m.type) == "rapport");
    CHECK(value(m.reference) == "N°012/ZG/2024");
    CHECK(value(m.date) == "2024-06-04");
}

// ---- hostile and odd input

TEST_CASE("metadata: empty, binary and very long text", "[classify][metadata]") {
    const plan::Plan& plan = commune_plan();
    ProposedMetadata empty = propose_metadata("", "", plan);
    CHECK_FALSE(empty.date);
    CHECK_FALSE(empty.reference);
    CHECK_FALSE(empty.type);
    CHECK_FALSE(empty.correspondent);
    CHECK_FALSE(empty.title);
    CHECK_FALSE(propose_metadata(" \n\f\n \t", "", plan).date);
    // invalid UTF-8, NUL bytes, lone continuation bytes: no crash, nothing made up
    std::string junk;
    for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
    ProposedMetadata j = propose_metadata(junk, "", plan);
    CHECK_FALSE(j.type);
    // a long document: read in reasonable time, the date at its top found
    std::string text = "COMMUNE DE BURURI\n\nBururi, le 3 mars 2024\n\nRAPPORT ANNUEL\n";
    for (int i = 0; i < 20000; ++i)
        text += "Le 12 mai 2023, la commune a reçu le rapport n°" + std::to_string(i) +
                "/2023 de la zone, vingt et un deux mille trois cents ; Vu la loi n°1/33.\n";
    auto start = std::chrono::steady_clock::now();
    ProposedMetadata big = propose_metadata(text, "", plan);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(value(big.date) == "2024-03-03");
    CHECK(value(big.type) == "rapport");
    CHECK(seconds < 5.0);
    // a long report signed and dated at its end only
    std::string report = "COMMUNE DE BURURI\n\nRAPPORT ANNUEL D'ACTIVITÉS\n\n";
    for (int i = 0; i < 12000; ++i) report += "La commune a poursuivi les travaux d'entretien des pistes et des marchés.\n";
    report += "\nFait à Bururi, le 15 janvier 2025\n\nL'Administrateur communal\n";
    REQUIRE(report.size() > 800 * 1024);
    CHECK(value(propose_metadata(report, "", plan).date) == "2025-01-15");
    // in such a text only the first and last pages are read: a date line lost in the middle
    // is not taken for the document's
    std::string middle = "COMMUNE DE BURURI\n\nRECUEIL\n\n";
    for (int i = 0; i < 6000; ++i) middle += "Texte du recueil sans date aucune, page après page.\n";
    middle += "\nBururi, le 3 mars 2024\n\n";
    for (int i = 0; i < 6000; ++i) middle += "Texte du recueil sans date aucune, page après page.\n";
    CHECK_FALSE(propose_metadata(middle, "", plan).date);
}

TEST_CASE("metadata: the file name when the text says nothing", "[classify][metadata]") {
    const plan::Plan& plan = commune_plan();
    ProposedMetadata m = propose_metadata("", "scans/PV conseil 2024-03-05.pdf", plan);
    CHECK(value(m.date) == "2024-03-05");
    CHECK(value(m.type) == "proces-verbal");
    CHECK(value(propose_metadata("", "IMG_20220607_094512.jpg", plan).date) == "2022-06-07");
    CHECK(value(propose_metadata("", "Facture 05-03-2024.pdf", plan).date) == "2024-03-05");
    CHECK(value(propose_metadata("", "Facture 05-03-2024.pdf", plan).type) == "facture");
    // not a date: 31 February, or a number that only looks like one
    CHECK_FALSE(propose_metadata("", "scan 2024-02-31.pdf", plan).date);
    CHECK_FALSE(propose_metadata("", "quittance_0457_2025.pdf", plan).date);
    // the text wins over the name
    ProposedMetadata t = propose_metadata("COMMUNE DE BURURI\n\nDÉCISION N°012/2021\nBururi, le 12 avril 2021\n",
                                          "PV 2019-01-01.pdf", plan);
    CHECK(value(t.date) == "2021-04-12");
    CHECK(value(t.type) == "decision");
}

// Not a test: what is proposed for the French legal articles of the shared corpus, which are
// none of the commune's documents.   classify_metadata_test "[.corpus]"
TEST_CASE("metadata: proposals on the legal articles of the corpus", "[.corpus]") {
    std::ifstream manifest(test::corpus("text-fr/MANIFEST.tsv"));
    std::string line;
    std::getline(manifest, line);
    std::map<std::string, int> types;
    int n = 0, dates = 0, references = 0, correspondents = 0;
    while (std::getline(manifest, line)) {
        std::string file = line.substr(0, line.find('\t'));
        ProposedMetadata m = propose_metadata(read_file(test::corpus("text-fr/" + file)), file, commune_plan());
        ++n;
        dates += m.date.has_value();
        references += m.reference.has_value();
        correspondents += m.correspondent.has_value();
        if (m.type) ++types[m.type->value];
        if (m.type || m.correspondent || m.reference)
            std::cout << file << ": " << value(m.type) << " | " << value(m.reference) << " | " << value(m.correspondent)
                      << " | " << value(m.date) << "\n";
    }
    std::cout << n << " articles: " << dates << " dates, " << references << " references, " << correspondents
              << " correspondents\n";
    for (const auto& [t, k] : types) std::cout << "  type " << t << ": " << k << "\n";
    // French letters of other origins, extracted beforehand into $UBUBIKO_METADATA_PROBE (a
    // folder of .txt files): what is proposed for each.
    if (const char* probe = std::getenv("UBUBIKO_METADATA_PROBE")) {
        for (const auto& entry : std::filesystem::directory_iterator(probe)) {
            std::string name = entry.path().filename().string();
            ProposedMetadata m = propose_metadata(read_file(entry.path().string()), name, commune_plan());
            std::cout << "== " << name << "\n  date " << value(m.date) << "\n  ref  " << value(m.reference)
                      << "\n  type " << value(m.type) << "\n  corr " << value(m.correspondent) << "\n  title "
                      << value(m.title) << "\n";
        }
    }
}

TEST_CASE("metadata: regressions found on texts of other origins", "[classify][metadata]") {
    const plan::Plan& plan = commune_plan();
    // a first line that names nothing is not a correspondent (legal articles, test files)
    CHECK_FALSE(propose_metadata("# Article 12\n\nLe maire délivre le permis dans un délai de deux mois.\n", "", plan)
                    .correspondent);
    CHECK_FALSE(propose_metadata("CECI EST UN ESSAI !\n", "", plan).correspondent);
    // the dates of the letter answered are not the answer's
    ProposedMetadata answer = propose_metadata(
        "COMMUNE DE BURURI\n\nRéférence du dossier : 2024/URB/17\n"
        "Objet : Votre demande de permis\n\nMonsieur NDIKUMANA,\n"
        "Votre demande du 04/03/2024 reçue par nos services le 06/03/2024 a été examinée par la commission.\n"
        "Veuillez agréer, Monsieur, l’expression de mes salutations distinguées.\n"
        "Bururi, le\nL’Administrateur communal\n",
        "", plan);
    CHECK_FALSE(answer.date);
    CHECK(value(answer.reference) == "2024/URB/17");
    // a letterhead line that is a mark, not a name
    ProposedMetadata marked = propose_metadata(
        "RÉPUBLIQUE DU BURUNDI\nCOMMUNE DE BURURI\nTRÈS URGENT\n\nBururi, le 2 mai 2024\n"
        "À Monsieur le Gouverneur de la province de Bururi\nObjet : Glissement de terrain à Gasanda\n"
        "Monsieur le Gouverneur,\n",
        "", plan);
    CHECK(value(marked.correspondent) == "Gouverneur de la province de Bururi");
    // invisible characters a word processor left in the subject line stay out of the title
    ProposedMetadata invisible = propose_metadata(
        "COMMUNE DE BURURI\n\nBururi, le 2 mai 2024\n"
        "Objet :\u00a0\u200bDemandes d\u2019interventions\u00ad sur la voirie\ufeff\n\nMonsieur le Maire,\n",
        "", plan);
    CHECK(value(invisible.title) == "Demandes d'interventions sur la voirie");
    // a scan's stray marks before "Objet" and its table rules after the subject
    ProposedMetadata scanned = propose_metadata(
        "ASSOCIATION DES FEMMES TWIYUNGUNGANYE\nGikungu, le 9 mars 2021\nCommune Bururi\n\n"
        ": Objet : Demande de mise à disposition d'un local | Fee À |\nMadame l'Administrateur,\n",
        "", plan);
    CHECK(value(scanned.title) == "Demande de mise à disposition d'un local");
    // marks an OCR leaves after a form's dotted line; letters œ and æ inside words stay
    ProposedMetadata form = propose_metadata(
        "COMMUNE DE BURURI\nBururi, le 9 mars 2021\n\nObjet : Demande d'extrait d'acte de naissance POINTILLES æœ ~|\n",
        "", plan);
    CHECK(value(form.title) == "Demande d'extrait d'acte de naissance POINTILLES");
    ProposedMetadata heart = propose_metadata(
        "COMMUNE DE BURURI\nBururi, le 9 mars 2021\n\nObjet : Appui aux œuvres sociales du cœur Œ\n", "", plan);
    CHECK(value(heart.title) == "Appui aux œuvres sociales du cœur");
}

TEST_CASE("metadata: place-and-date lines as people write them", "[classify][metadata]") {
    const char* lines[] = {
        "Bururi, le 3 mars 2024",      "Bururi, 3 mars 2024",         "Bururi le 3 mars 2024",
        "BURURI, LE 3 MARS 2024",      "Bururi, le 03/03/2024",       "Bururi, le 3 mars 2024.",
        "Bururi, le lundi 3 mars 2024", "Fait à Bururi, le 3 mars 2024", "Fait à Bururi le 03.03.2024",
        "Rumonge-Ville, le 3 mars 2024", "Bururi, le trois mars deux mille vingt-quatre",
    };
    for (const char* line : lines) {
        INFO("line: " << line);
        // the date line under the letterhead; an earlier date cited in the text
        std::string top = std::string("RÉPUBLIQUE DU BURUNDI\nCOMMUNE DE BURURI\n\n") + line +
                          "\n\nÀ Monsieur le Gouverneur de la province de Bururi\nObjet : Rapport de février\n"
                          "Monsieur le Gouverneur,\nLe 12 février 2024, une réunion s’est tenue à Kiremba.\n";
        CHECK(value(propose_metadata(top, "", commune_plan()).date) == "2024-03-03");
        // at the end, above the signature, after a date in the body
        std::string bottom = std::string("COMMUNE DE BURURI\n\nATTESTATION DE SERVICE\n"
                                         "Je soussigné certifie que Monsieur BUKURU Désiré, né le 4 mai 1990, "
                                         "travaille à la commune depuis le 1er janvier 2015.\n") +
                             line + "\nL’Administrateur communal\n";
        CHECK(value(propose_metadata(bottom, "", commune_plan()).date) == "2024-03-03");
    }
}

// Every sample cut, shortened and sprinkled with random bytes (cut in the middle of UTF-8
// sequences too): no crash, no exception. Run under AddressSanitizer, this found a view of a
// temporary string in the reading of wrapped lines.
TEST_CASE("metadata: mutilated samples", "[classify][metadata]") {
    std::mt19937 rng(20261128);
    int runs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source("tests/unit/classify/metadata_samples"))) {
        if (!entry.is_regular_file()) continue;
        const std::string text = read_file(entry.path().string());
        if (text.empty()) continue;
        for (int k = 0; k < 12; ++k) {
            std::string m = text;
            std::size_t a = rng() % m.size(), b = rng() % m.size();
            if (a > b) std::swap(a, b);
            if (k % 3 == 0) m = m.substr(a, b - a);
            else if (k % 3 == 1) m = m.substr(0, a);
            else
                for (int j = 0; j < 30; ++j) m[rng() % m.size()] = static_cast<char>(rng());
            INFO("sample " << entry.path().filename().string() << ", mutation " << k);
            CHECK_NOTHROW(propose_metadata(m, "x.pdf", commune_plan()));
            CHECK_NOTHROW(parse_french_date(m.substr(0, 80)));
            ++runs;
        }
    }
    CHECK(runs == 53 * 12);
}

TEST_CASE("metadata: a letter of the commune to a citizen", "[classify][metadata]") {
    ProposedMetadata m = propose_metadata("RÉPUBLIQUE DU BURUNDI\nPROVINCE DE BURURI\nCOMMUNE DE BURURI\n\n"
                                          "Bururi, le 10 septembre 2024\nN/Réf. : N°301/ADM/BRR/2024\n\n"
                                          "À Monsieur NIYONZIMA Jérôme\nColline Nyabigina\n\n"
                                          "Objet : Réponse à votre requête du 8 juillet 2024\n\nMonsieur,\n"
                                          "J’ai l’honneur de vous informer que votre requête a reçu une suite favorable.\n",
                                          "", commune_plan());
    CHECK(value(m.correspondent) == "Jérôme Niyonzima");
    CHECK(value(m.date) == "2024-09-10");
    CHECK(value(m.reference) == "N°301/ADM/BRR/2024");
    CHECK(value(m.type) == "lettre");
    CHECK(value(m.title) == "Réponse à votre requête du 8 juillet 2024");
}
