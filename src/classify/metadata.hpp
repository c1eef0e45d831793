// Metadata proposed from a document's text: its date, reference number, correspondent and
// document type, as French administrative documents write them. Proposals only: whatever
// a person gives overrides them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.hpp"

namespace ububiko::classify {

struct Proposed {
    std::string value;
    std::string evidence;  // the text it was read from ("Bururi, le 3 mars 2024")
};

struct ProposedMetadata {
    std::optional<Proposed> date;           // value "YYYY-MM-DD"
    std::optional<Proposed> reference;      // "N°045/ADM/BRR/2024"
    std::optional<Proposed> correspondent;  // sender of a letter received, recipient of one sent
    std::optional<Proposed> type;           // a type id of the plan's vocabulary
    std::optional<Proposed> title;          // the "Objet :" of a letter, or the heading
};

// Reads the proposals from the text (and the file name, which often says the date or the
// type). `plan` gives the document types and their aliases.
ProposedMetadata propose_metadata(std::string_view text, std::string_view file_name, const plan::Plan& plan);

// One date in French, as written in documents: "3 mars 2024", "03/03/2024", "03-03-2024",
// "2024-03-03", "1er mars 2024", "le trois mars deux mille vingt-quatre"; nullopt when the
// text is not one (or not a real date).
std::optional<std::string> parse_french_date(std::string_view text);

}  // namespace ububiko::classify
