// Abbreviations of communal administration in Burundi and their expansions (PV ↔
// procès-verbal, CDS ↔ centre de santé, …), so that either form finds both.
#pragma once

#include <string>
#include <vector>

namespace ububiko::index {

struct Abbreviation {
    std::string short_form;              // folded: "pv"
    std::vector<std::string> expansion;  // folded words, stopwords included: {"proces", "verbal"}
};

const std::vector<Abbreviation>& abbreviations();
// The table as written (short form, expansion with accents), for checks and display.
std::vector<std::pair<std::string, std::string>> abbreviations_as_written();
// The expansion of a folded word, or nullptr.
const Abbreviation* find_abbreviation(const std::string& folded_word);

}  // namespace ububiko::index
