#include "classify/suggest_analysis.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <xapian.h>

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::classify::detail {

Words analyse_words(std::string_view text) {
    // The stemmer keeps a cache: one per thread.
    static thread_local Xapian::Stem stemmer = index::folded_french_stemmer();
    Words out;
    out.words = index::tokenize(fold(text));
    out.keys.reserve(out.words.size());
    out.stop.reserve(out.words.size());
    for (const std::string& w : out.words) {
        bool stop = index::is_stopword(w);
        out.stop.push_back(stop);
        out.keys.push_back(stop ? w : stemmer(w));
    }
    return out;
}

Analysis analyse(const Document& d, const plan::Plan& plan) {
    Analysis a;
    a.raw_title = d.title;
    a.raw_text = utf8_prefix(d.text, k_max_text_bytes);
    a.title = analyse_words(d.title);
    a.text = analyse_words(a.raw_text);
    a.correspondent = analyse_words(d.correspondent);
    // Words of the head: the same tokenisation over the first bytes (a word cut at the
    // boundary counts, which is what is wanted).
    a.head_words = index::tokenize(fold(utf8_prefix(a.raw_text, k_head_bytes))).size();
    if (!d.type.empty()) {
        const plan::DocumentType* t = plan.resolve_type(d.type);
        a.type = t != nullptr ? t->id : slugify(d.type);
    }
    a.direction = d.direction;
    return a;
}

bool significant(const std::string& w, bool stop) {
    if (stop || w.size() < 2) return false;
    return !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::pair<std::string, double>> model_features(const Analysis& a) {
    std::map<std::string, double> counts;
    auto add = [&](const Words& words, const char* prefix, bool body) {
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (!significant(words.keys[i], words.stop[i])) continue;
            if (body) counts[words.keys[i]] += 1;
            if (prefix != nullptr) counts[prefix + words.keys[i]] += 1;
        }
    };
    // Identifiers made of letters then digits ("l112" of "Article L112-4", "r122"): their
    // beginnings, which follow the hierarchy they number ("l1" for a first book), so that
    // a number never seen still tells where it belongs.
    auto identifiers = [&](const Words& words) {
        for (const std::string& w : words.words) {
            std::size_t letters = 0;
            while (letters < w.size() && w[letters] >= 'a' && w[letters] <= 'z') ++letters;
            if (letters == 0 || letters > 3 || letters == w.size()) continue;
            bool digits = std::all_of(w.begin() + static_cast<long>(letters), w.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
            if (!digits) continue;
            for (std::size_t n = letters; n <= w.size() && n <= letters + 3; ++n)
                counts["P" + w.substr(0, n)] += 1;
        }
    };
    add(a.text, nullptr, true);
    add(a.title, "T", true);
    // UBUBIKO_SUGGEST_NO_IDENTIFIERS=1 (benchmarks only): without them, to measure what
    // they bring on a corpus whose numbers follow its hierarchy.
    static const bool k_identifiers = std::getenv("UBUBIKO_SUGGEST_NO_IDENTIFIERS") == nullptr;
    if (k_identifiers) {
        identifiers(a.title);
        identifiers(a.text);
    }
    add(a.correspondent, "C", false);
    if (!a.type.empty()) counts["Y" + a.type] = 1;
    return {counts.begin(), counts.end()};
}

}  // namespace ububiko::classify::detail
