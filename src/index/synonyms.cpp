#include "index/synonyms.hpp"


namespace ububiko::index {
namespace {

// Short form, then its expansion as written in documents, then that expansion already
// folded and split into words (what fold() and tokenize() give; a test keeps them equal),
// so that a search does not pay for folding the table.
struct Row {
    const char* short_form;
    const char* written;
    std::vector<std::string> words;
};

const std::vector<Row>& rows() {
    static const std::vector<Row> k_rows = {
        {"pv", "procès-verbal", {"proces", "verbal"}},
        {"cds", "centre de santé", {"centre", "de", "sante"}},
        {"pcdc", "plan communal de développement communautaire", {"plan", "communal", "de", "developpement", "communautaire"}},
        {"ccdc", "comité communal de développement communautaire", {"comite", "communal", "de", "developpement", "communautaire"}},
        {"fonic", "fonds national d'investissement communal", {"fonds", "national", "d", "investissement", "communal"}},
        {"ong", "organisation non gouvernementale", {"organisation", "non", "gouvernementale"}},
        {"obr", "office burundais des recettes", {"office", "burundais", "des", "recettes"}},
        {"cni", "carte nationale d'identité", {"carte", "nationale", "d", "identite"}},
        {"bif", "franc burundais", {"franc", "burundais"}},
        {"fbu", "franc burundais", {"franc", "burundais"}},
        {"dao", "dossier d'appel d'offres", {"dossier", "d", "appel", "d", "offres"}},
        {"inss", "institut national de sécurité sociale", {"institut", "national", "de", "securite", "sociale"}},
        {"rh", "ressources humaines", {"ressources", "humaines"}},
        {"tdr", "termes de référence", {"termes", "de", "reference"}},
        {"dua", "durée d'utilité administrative", {"duree", "d", "utilite", "administrative"}},
        {"abelo", "association burundaise des élus locaux", {"association", "burundaise", "des", "elus", "locaux"}},
        {"bds", "bureau de district sanitaire", {"bureau", "de", "district", "sanitaire"}},
        {"bps", "bureau provincial de santé", {"bureau", "provincial", "de", "sante"}},
        {"dpe", "direction provinciale de l'enseignement", {"direction", "provinciale", "de", "l", "enseignement"}},
        {"dce", "direction communale de l'enseignement", {"direction", "communale", "de", "l", "enseignement"}},
        {"ecofo", "école fondamentale", {"ecole", "fondamentale"}},
        {"cam", "carte d'assistance médicale", {"carte", "d", "assistance", "medicale"}},
        {"cntb", "commission nationale des terres et autres biens", {"commission", "nationale", "des", "terres", "et", "autres", "biens"}},
        {"opj", "officier de police judiciaire", {"officier", "de", "police", "judiciaire"}},
        {"pnb", "police nationale du burundi", {"police", "nationale", "du", "burundi"}},
        {"tva", "taxe sur la valeur ajoutée", {"taxe", "sur", "la", "valeur", "ajoutee"}},
        {"ptf", "partenaires techniques et financiers", {"partenaires", "techniques", "et", "financiers"}},
        {"pai", "plan annuel d'investissement", {"plan", "annuel", "d", "investissement"}},
        {"ag", "assemblée générale", {"assemblee", "generale"}},
    };
    return k_rows;
}

std::vector<Abbreviation> build() {
    std::vector<Abbreviation> out;
    for (const Row& row : rows()) out.push_back({row.short_form, row.words});
    return out;
}

}  // namespace

const std::vector<Abbreviation>& abbreviations() {
    static const std::vector<Abbreviation> table = build();
    return table;
}

std::vector<std::pair<std::string, std::string>> abbreviations_as_written() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Row& row : rows()) out.emplace_back(row.short_form, row.written);
    return out;
}

const Abbreviation* find_abbreviation(const std::string& w) {
    for (const Abbreviation& a : abbreviations())
        if (a.short_form == w) return &a;
    return nullptr;
}

}  // namespace ububiko::index
