// Internals of metadata extraction (metadata.hpp): the text as the extractors read it — folded
// for matching, cut into lines and tokens, with the way back to the original words — and the
// layout of an administrative document (letterhead, heading, recipient, "Objet :", signature)
// that the date, reference, correspondent, type and title readers share.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/metadata.hpp"

namespace ububiko::classify::detail {

// The text folded for matching: ASCII lower case without accents, typographic apostrophes,
// quotes, dashes and spaces made plain, '°' and 'º' as '#', ligatures expanded; other
// characters kept. origin[i] is where folded byte i came from in the original (size + 1).
struct Folded {
    std::string text;
    std::vector<std::size_t> origin;
};
Folded fold_text(std::string_view utf8);

struct Token {
    std::size_t begin = 0, end = 0;  // in the folded text
    bool word = false;               // a run of letters and digits (else one punctuation mark)
    bool newline_before = false;     // a line break between the previous token and this one
    bool space_before = false;       // any white space between the previous token and this one
};

struct Line {
    std::size_t begin = 0, end = 0;    // original text, trimmed
    std::size_t fbegin = 0, fend = 0;  // folded text, trimmed
    std::size_t first_token = 0, end_token = 0;
    int letters = 0, capitals = 0;  // letters, and those in upper case (accents included)
    int words = 0;
    bool blank_before = false;  // an empty line (or a page break) before this one
    // Mostly capital letters: letterheads and headings.
    bool shouting() const { return letters >= 3 && capitals * 10 >= letters * 8; }
};

// The document: original text, folded text, tokens and the non-empty lines.
struct Doc {
    std::string_view text;
    Folded folded;
    std::vector<Token> tokens;
    std::vector<Line> lines;
    // Folded word → how running text writes it ("bururi" → "Bururi", "pcdc" → "PCDC").
    std::map<std::string, std::string> casing;

    explicit Doc(std::string_view text);
    std::string_view f(const Token& t) const { return std::string_view(folded.text).substr(t.begin, t.end - t.begin); }
    std::string_view f(std::size_t token) const { return f(tokens[token]); }
    std::string_view raw(const Line& l) const { return text.substr(l.begin, l.end - l.begin); }
    std::string_view fl(const Line& l) const {
        return std::string_view(folded.text).substr(l.fbegin, l.fend - l.fbegin);
    }
    std::string_view fl(std::size_t line) const { return fl(lines[line]); }
    // The original text behind folded bytes [fbegin, fend).
    std::string_view original(std::size_t fbegin, std::size_t fend) const;
    // Index of the line holding folded position pos.
    std::size_t line_of(std::size_t fpos) const;
    std::size_t line_of_token(std::size_t token) const { return line_of(tokens[token].begin); }
};

// A date expression found in the text.
struct DateMatch {
    std::size_t first = 0, last = 0;  // tokens [first, last)
    int year = 0, month = 0, day = 0;
    bool formal = false;  // "l'an deux mille …, le … jour du mois de …"
    std::string iso() const;
};

// Where the parts of an administrative document are; -1 when absent. Line indices.
struct Layout {
    int letterhead_end = 0;  // letterhead (or a private sender's address) is lines [0, end)
    int dateline = -1;       // "Bururi, le 3 mars 2024" near the top
    int heading = -1, heading_end = -1;  // the document's title heading, lines [heading, end)
    std::string heading_type;            // the type its first words name ("proces-verbal", ...)
    int recipient = -1, recipient_end = -1;  // "À Monsieur le Gouverneur / de la province …"
    int objet = -1, objet_end = -1;          // "Objet : …", possibly over two lines
    int salutation = -1;                     // "Monsieur le Gouverneur,"
    int body = 0;                            // first line of running text
    int closing = -1;                        // "Veuillez agréer …"
    int signature = -1;                      // the signer's title after the closing or "Fait à"
    std::vector<DateMatch> dates;            // every date in the text, in order
    bool letter() const { return objet >= 0 && (salutation >= 0 || recipient >= 0); }
};
Layout read_layout(const Doc& doc);

// ---- shared helpers (metadata_text.cpp)

bool is_word(std::string_view folded_token, std::initializer_list<std::string_view> any);
bool starts_with_words(std::string_view folded, std::string_view prefix);  // at a word boundary
// Type keyword at the start of a folded line: the longest phrase of the table, its type
// candidates given as ids or names the plan resolves ("proces-verbal", "note-de-service").
struct TypeKeyword {
    std::string_view phrase;  // folded
    std::string_view type;
};
const TypeKeyword* type_keyword_at_start(std::string_view folded_line);
// The first type keyword found anywhere in a folded text (file names), at word boundaries.
const TypeKeyword* type_keyword_anywhere(std::string_view folded);

// Case helpers on UTF-8 (Latin letters, which is what French needs).
std::string lower_utf8(std::string_view s);
std::string capitalise_first(std::string_view s);
// "NIYONGABO" → "Niyongabo", "PIERRE-CLAVER" → "Pierre-Claver".
std::string capitalise_words(std::string_view s);
// A heading or letterhead line in capitals, in sentence case: each word as the document writes
// it in running text when it does (proper names, acronyms), else in lower case.
std::string sentence_case(const Doc& doc, std::string_view shouting);
// "NIYONZIMA Jérôme" → "Jérôme Niyonzima"; nullopt when the text is not a person's name.
std::optional<std::string> person_name(std::string_view raw);
// White space runs as one space, ends trimmed, cut to max_bytes at a character boundary.
std::string tidy(std::string_view s, std::size_t max_bytes = 200);

// Whether the original text starts with a lower-case (upper-case) letter.
bool starts_lower(std::string_view raw);
bool starts_upper(std::string_view raw);

// Reference labels and number signs (metadata_reference.cpp). After "N/Réf. :", "Réf :",
// "Notre référence :" at the start of a folded line: the position after the label and colon.
std::optional<std::size_t> reference_label(std::string_view folded_line);
// "V/Réf. :", "Votre référence :": the correspondent's own number, never proposed.
bool their_reference_label(std::string_view folded_line);
// After "n°", "nº", "no.", "n*" at pos (and the spaces after it), when a number follows.
std::optional<std::size_t> number_sign(std::string_view folded, std::size_t pos);

// ---- the readers (one file each)

// Dates: every date expression in the text, and the one that dates the document.

std::vector<DateMatch> find_dates(const Doc& doc);
// 1 for a place-and-date line ("Bururi, le 3 mars 2024"), 2 for "Fait à Bururi, le …", else 0.
int place_date_kind(const Doc& doc, const DateMatch& m);
std::optional<Proposed> propose_date(const Doc& doc, const Layout& layout, std::string_view file_name);

std::optional<Proposed> propose_reference(const Doc& doc, const Layout& layout);
std::optional<Proposed> propose_correspondent(const Doc& doc, const Layout& layout);
// Whether the sender is a private person or association (a request, not an official letter).
bool private_sender(const Doc& doc, const Layout& layout);
// The type and title; the type only when the plan knows it.
std::optional<Proposed> propose_type(const Doc& doc, const Layout& layout, std::string_view file_name,
                                     const plan::Plan& plan);
std::optional<Proposed> propose_title(const Doc& doc, const Layout& layout);

}  // namespace ububiko::classify::detail
