// A document analysed once for the three sources of suggestions: its folded words and
// their stems (the index's own analysis: fold(), Xapian's tokenisation, the folded French
// stemmer), and the features of the linear model. Internal to the classify module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classify/suggest.hpp"
#include "plan/plan.hpp"

namespace ububiko::classify::detail {

// Only the start of a long document is read: the first pages say what it is, and a
// suggestion must stay quick for a 300-page report.
inline constexpr std::size_t k_max_text_bytes = 60000;
// How far the "head" of a text goes (letterhead, sender, subject).
inline constexpr std::size_t k_head_bytes = 1000;

// Words of one field, in order.
struct Words {
    std::vector<std::string> words;  // folded (accents and case gone)
    std::vector<std::string> keys;   // the stem, or the word itself for a stopword
    std::vector<bool> stop;          // a French stopword
    std::size_t size() const { return words.size(); }
};

struct Analysis {
    Words title, text, correspondent;
    std::size_t head_words = 0;  // text words within the first k_head_bytes
    std::string type;            // type id (resolved through the plan's aliases)
    std::string direction;
    std::string_view raw_title, raw_text;  // the document's own strings (it outlives this)
};

// Analyses the document; `plan` resolves the type. Thread-safe (one stemmer per thread).
Analysis analyse(const Document& document, const plan::Plan& plan);
// Folds, tokenises and stems one string (hint keywords use this too).
Words analyse_words(std::string_view text);

// Whether a stem is worth a feature or a query term: not a stopword, not a bare number,
// not a single character.
bool significant(const std::string& word, bool stop);

// The features of the linear model with their counts: body stems (text and title),
// title stems ("T" prefix), correspondent stems ("C"), the type ("Y"), the beginnings of
// identifiers such as article or reference numbers ("P": "l1", "l11", "l112"). Sorted by name.
std::vector<std::pair<std::string, double>> model_features(const Analysis& analysis);

}  // namespace ububiko::classify::detail
