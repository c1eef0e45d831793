#include "index/synonyms.hpp"

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::index {
namespace {

// Short form, then its expansion as written in documents.
const char* const k_table[][2] = {
    {"pv", "procès-verbal"},
    {"cds", "centre de santé"},
    {"pcdc", "plan communal de développement communautaire"},
    {"ccdc", "comité communal de développement communautaire"},
    {"fonic", "fonds national d'investissement communal"},
    {"ong", "organisation non gouvernementale"},
    {"obr", "office burundais des recettes"},
    {"cni", "carte nationale d'identité"},
    {"bif", "franc burundais"},
    {"fbu", "franc burundais"},
    {"dao", "dossier d'appel d'offres"},
    {"inss", "institut national de sécurité sociale"},
    {"rh", "ressources humaines"},
    {"tdr", "termes de référence"},
    {"dua", "durée d'utilité administrative"},
    {"abelo", "association burundaise des élus locaux"},
    {"bds", "bureau de district sanitaire"},
    {"bps", "bureau provincial de santé"},
    {"dpe", "direction provinciale de l'enseignement"},
    {"dce", "direction communale de l'enseignement"},
    {"ecofo", "école fondamentale"},
    {"cam", "carte d'assistance médicale"},
    {"cntb", "commission nationale des terres et autres biens"},
    {"opj", "officier de police judiciaire"},
    {"pnb", "police nationale du burundi"},
    {"tva", "taxe sur la valeur ajoutée"},
    {"ptf", "partenaires techniques et financiers"},
    {"pai", "plan annuel d'investissement"},
    {"ag", "assemblée générale"},
};

std::vector<Abbreviation> build() {
    std::vector<Abbreviation> out;
    for (const auto& row : k_table) out.push_back({row[0], tokenize(fold(row[1]))});
    return out;
}

}  // namespace

const std::vector<Abbreviation>& abbreviations() {
    static const std::vector<Abbreviation> table = build();
    return table;
}

const Abbreviation* find_abbreviation(const std::string& w) {
    for (const Abbreviation& a : abbreviations())
        if (a.short_form == w) return &a;
    return nullptr;
}

}  // namespace ububiko::index
