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
    // "YYYY-MM-DD": the place-and-date line ("Bururi, le 3 mars 2024"), "Fait à …, le …", the
    // formal opening of minutes, a date in the heading, an approval date under it; never the
    // date of a text cited ("Vu la loi … du …", "votre lettre du …") or a birth date.
    std::optional<Proposed> date;
    // This document's own number as written ("N°045/ADM/BRR/2024", "SRGL/BRR/2023/041"): after
    // "N/Réf.", "Réf.", "Notre référence", a number alone near the top, or the number in the
    // heading. Never the correspondent's ("V/Réf.", "Votre référence") nor a cited text's.
    std::optional<Proposed> reference;
    // The sender of a letter received (its letterhead, a citizen's name), the addressee of one
    // the commune sent, the person a receipt or attestation is delivered to, the other party
    // of a convention; none for what the commune keeps for itself (minutes, decisions).
    std::optional<Proposed> correspondent;
    std::optional<Proposed> type;   // a type id of the plan's vocabulary
    std::optional<Proposed> title;  // the "Objet :" of a letter, or the heading
};

// Reads the proposals from the text (and the file name, which often says the date or the
// type). `plan` gives the document types and their aliases. Names and titles are given with
// plain apostrophes. Never throws on any input (binary or invalid UTF-8 included); each
// proposal is absent when nothing in the text supports it.
ProposedMetadata propose_metadata(std::string_view text, std::string_view file_name, const plan::Plan& plan);

// One date in French, as written in documents: "3 mars 2024", "03/03/2024", "03-03-2024",
// "2024-03-03", "1er mars 2024", "le trois mars deux mille vingt-quatre"; nullopt when the
// text is not one (or not a real date).
std::optional<std::string> parse_french_date(std::string_view text);

}  // namespace ububiko::classify
