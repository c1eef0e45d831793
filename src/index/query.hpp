// The query language of `ububiko search` and the web application, in French and English:
//   words (all required; accents, case, plurals and elisions ignored), "exact phrases",
//   prefix* wildcards, OU/OR between alternatives, -word or SAUF/NOT to exclude, (groups),
//   and fields: code:1.2  année:2024 (or 2020..2024)  type:pv  de:gouverneur
//   date:2024-01-01..2024-06-30  sens:entrant  accès:public  statut:à-classer  titre:…  réf:…
//   fichier:…  n°:2026-000042 (English names work too: year, from, to, title, status, …).
// A malformed query gives Error(invalid_input) with a message saying what and where.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace ububiko::plan {
class Plan;
}

namespace ububiko::index {

struct CompiledQuery {
    // Free-text clauses that must all match (each may be an alternative group).
    std::vector<Xapian::Query> required;
    // Everything else: field filters, exclusions; applied whatever the text does.
    Xapian::Query filter;
    Xapian::Query exclude;
    // Raises, without matching anything alone, the records filed under a code whose titles
    // (its own and its ancestors') have every word the query looks for.
    Xapian::Query boost;
    // Plain words as typed (folded), for spelling suggestions: {original, folded}.
    struct Word {
        std::string typed, folded;
    };
    std::vector<Word> words;
    bool empty() const { return required.empty() && filter.empty(); }
};

// plan (may be null) lets code: and type: be checked and type aliases resolved.
CompiledQuery compile_query(const std::string& text, const plan::Plan* plan);

// The query for one folded word: unstemmed or stemmed forms, plus the expansion when the
// word is a known abbreviation. prefix "" for body text, or a text prefix (S, XA, …).
Xapian::Query word_query(const std::string& folded_word, const std::string& prefix = {});

}  // namespace ububiko::index
