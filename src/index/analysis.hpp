// Text analysis shared by indexing and querying: the folded French stemmer, the French
// stopword list, and tokenisation identical to Xapian's TermGenerator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace ububiko::index {

// A Xapian stemmer that folds the word first (accents, case, elision), merges the plurals
// after a vowel that Snowball keeps apart (conclus/conclu, envois/envoi, lois/loi), then
// applies the Snowball French stemmer. Used at index time, query time and for snippets
// (where it receives words of the original, accented text).
Xapian::Stem folded_french_stemmer();

// The plural folding alone (input already folded).
std::string fold_plural(std::string word);

// The French stopwords, folded (le, la, de, l, d, qu, …).
const Xapian::Stopper& french_stopper();
bool is_stopword(const std::string& folded_word);

// Splits folded text into words exactly as TermGenerator does (same characters, same
// handling of digits and punctuation), in order.
std::vector<std::string> tokenize(std::string_view folded_text);

}  // namespace ububiko::index
