// The one table of what ububiko puts in its Xapian index: term prefixes, value slots and
// metadata keys (docs/index-schema.md). Change anything here → bump k_index_schema.
#pragma once

#include <xapian.h>

namespace ububiko::index {

inline constexpr int k_index_schema = 2;
inline constexpr const char* k_stemmer_name = "french-folded-plural-1";

// Boolean (filter) terms.
inline constexpr const char* P_ID = "Q";             // Q2026-000042
inline constexpr const char* P_CODE = "XC";          // XC1, XC1.1, XC1.1.2: one per ancestor
inline constexpr const char* P_YEAR = "XY";          // XY2024: year of the document date
inline constexpr const char* P_TYPE = "XT";          // XTproces-verbal
inline constexpr const char* P_DIRECTION = "XD";     // XDin, XDout, XDinternal
inline constexpr const char* P_CORRESPONDENT = "XK"; // XK<slug of the whole name>
inline constexpr const char* P_ACCESS = "XV";        // XVpublic, XVinternal, XVconfidential
inline constexpr const char* P_STATUS = "XS";        // XSfiled, XSto-classify, XSneeds-ocr (flags)
inline constexpr const char* P_SHA256 = "XH";        // XH<sha256 of the original>: duplicates
inline constexpr const char* P_LANGUAGE = "L";       // Lfr

// Probabilistic (text) prefixes, beside the unprefixed body text.
inline constexpr const char* P_TITLE = "S";          // titre:
inline constexpr const char* P_FROM = "XA";          // de: (correspondent words)
inline constexpr const char* P_REFERENCE = "XN";     // réf:
inline constexpr const char* P_FILENAME = "XO";      // fichier:
// The titles of the record's code and its ancestors ("État civil et population", "Actes
// d'état civil", …): never matched alone, they raise the records filed where the query's
// words name the place in the plan.
inline constexpr const char* P_CLASSIFICATION = "XL";

// Value slots.
inline constexpr Xapian::valueno SLOT_DATE = 0;        // YYYYMMDD (document date, else registration)
inline constexpr Xapian::valueno SLOT_CODE = 1;        // leaf code
inline constexpr Xapian::valueno SLOT_TYPE = 2;        // type id
inline constexpr Xapian::valueno SLOT_YEAR = 3;        // "2024"
inline constexpr Xapian::valueno SLOT_CORRESPONDENT = 4;
inline constexpr Xapian::valueno SLOT_REGISTERED = 5;  // YYYYMMDD
inline constexpr Xapian::valueno SLOT_ID = 6;

// How much more a word of the title or the correspondent weighs than one of the body.
inline constexpr Xapian::termcount k_title_weight = 4;
inline constexpr Xapian::termcount k_correspondent_weight = 2;

// Metadata keys.
inline constexpr const char* M_SCHEMA = "ububiko.index_schema";
inline constexpr const char* M_FOLD = "ububiko.fold_version";
inline constexpr const char* M_STEMMER = "ububiko.stemmer";

}  // namespace ububiko::index
