#include "index/analysis.hpp"

#include <map>
#include <unordered_map>

#include "core/text.hpp"

namespace ububiko::index {
namespace {

class FoldedFrench : public Xapian::StemImplementation {
public:
    // Words repeat: a document or a snippet stems the same few hundred words again and again.
    std::string operator()(const std::string& word) override {
        auto it = m_cache.find(word);
        if (it != m_cache.end()) return it->second;
        std::string stem = compute(word);
        if (m_cache.size() > 100000) m_cache.clear();
        m_cache.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override { return "ububiko-french-folded"; }

private:
    std::string compute(const std::string& word) {
        std::string w = word;
        bool ascii = true;
        for (unsigned char c : w) ascii = ascii && c < 0x80 && c != '\'';
        if (!ascii) {
            w = fold(w);
            // An elided article glued to its word by the tokenizer: keep the word.
            if (auto space = w.rfind(' '); space != std::string::npos) w = w.substr(space + 1);
        }
        return m_french(fold_plural(std::move(w)));
    }

    Xapian::Stem m_french{"french"};
    std::unordered_map<std::string, std::string> m_cache;
};

const char* const k_stopwords[] = {
    "a", "afin", "ai", "aie", "ainsi", "au", "aux", "avec", "c", "ce", "ceci", "cela", "celle", "celles",
    "celui", "ces", "cet", "cette", "ceux", "comme", "d", "dans", "de", "des", "donc", "dont", "du",
    "elle", "elles", "en", "entre", "es", "est", "et", "etaient", "etait", "ete", "etre", "eu", "eux",
    "il", "ils", "j", "je", "jusqu", "l", "la", "le", "les", "leur", "leurs", "lorsqu", "lui", "m",
    "ma", "mais", "me", "meme", "memes", "mes", "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous",
    "on", "ont", "or", "ou", "par", "pas", "pour", "puis", "puisqu", "qu", "que", "quel", "quelle",
    "quelles", "quels", "qui", "quoi", "s", "sa", "sans", "se", "ses", "si", "son", "sont", "sous",
    "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "uns", "unes", "vers", "vos",
    "votre", "vous", "y",
};

class Stopper : public Xapian::SimpleStopper {
public:
    Stopper() {
        for (const char* w : k_stopwords) add(w);
    }
};

}  // namespace

std::string fold_plural(std::string w) {
    // Snowball merges -es, -aux, -eaux; not a plural -s after another vowel.
    if (w.size() >= 4 && w.back() == 's') {
        char before = w[w.size() - 2];
        if (before == 'a' || before == 'i' || before == 'o' || before == 'u' || before == 'y') w.pop_back();
    }
    return w;
}

Xapian::Stem folded_french_stemmer() { return Xapian::Stem(new FoldedFrench); }

const Xapian::Stopper& french_stopper() {
    static const Stopper stopper;
    return stopper;
}

bool is_stopword(const std::string& w) { return french_stopper()(w); }

std::vector<std::string> tokenize(std::string_view text) {
    static thread_local Xapian::TermGenerator generator = [] {
        Xapian::TermGenerator g;
        g.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
        return g;
    }();
    Xapian::Document scratch;
    generator.set_document(scratch);
    generator.set_termpos(0);
    generator.index_text(std::string(text));
    std::map<Xapian::termpos, std::string> by_position;
    for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t)
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) by_position[*p] = *t;
    std::vector<std::string> out;
    out.reserve(by_position.size());
    for (auto& [pos, term] : by_position) out.push_back(term);
    return out;
}

}  // namespace ububiko::index
