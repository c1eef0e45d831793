// The learned source of suggestions: one-vs-rest logistic regression (liblinear, L2R_LR)
// over tf-idf features (sublinear tf, L2-normalised; vocabulary of the features found in at
// least two training records), stored in ARCHIVE/classifier/:
//   model.json      format, generation, records, codes, features, plan, when, C, solver
//   vocabulary.tsv  one feature a line ("<name>\t<idf>"), its line number is its index
//   weights.bin     "UBKWLIN1", the generation (16 bytes), features F and classes K
//                   (uint32 each), then (F + 1) × K float32 weights, row by feature, the
//                   bias last (host byte order: derived data, rebuilt by train()).
// Each file is replaced atomically and model.json last; a reader that finds files of two
// generations (a training under way, a crash) ignores the model. Internal to classify.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ububiko::classify::detail {

inline constexpr int k_model_format = 1;

// Feature names interned once for a whole corpus.
class FeatureTable {
public:
    std::uint32_t intern(const std::string& name);
    const std::string& name(std::uint32_t id) const { return m_names[id]; }
    std::size_t size() const { return m_names.size(); }

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string, std::uint32_t> m_ids;
};

// A document's features: (feature id, count), sorted by id.
using SparseCounts = std::vector<std::pair<std::uint32_t, float>>;

struct TrainingSet {
    const FeatureTable* table = nullptr;
    const std::vector<SparseCounts>* counts = nullptr;  // every record of the corpus
    std::vector<std::size_t> rows;                      // those to learn from
    std::vector<std::string> codes;                     // the code of each row
};

struct TrainOptions {
    // Little regularisation: the features are many and sparse (chosen on the benchmark).
    double C = 100;
    unsigned threads = 2;
};

struct ModelInfo {
    int format = k_model_format;
    std::string generation;
    std::size_t records = 0, classes = 0, features = 0;
    std::string plan;     // plan ref the codes belong to
    std::string trained;  // UTC instant
    double seconds = 0, C = 0;
    std::vector<std::string> codes;
};

class LinearModel {
public:
    // Learns from the rows. With fewer than two codes the model has no weights
    // (has_weights() false) but its info still says how many records were seen.
    static LinearModel train(const TrainingSet& set, const TrainOptions& options);
    // The model in dir, if a complete one of a single generation is there.
    static std::optional<LinearModel> load(const std::string& dir);
    // model.json alone (what model_stale needs), if readable.
    static std::optional<ModelInfo> read_info(const std::string& dir);
    // Whether the other files are there and of info's generation (without reading them all).
    static bool complete(const std::string& dir, const ModelInfo& info);
    // Writes the model into dir (created if needed), each file atomically, model.json last.
    void save(const std::string& dir) const;

    bool has_weights() const { return m_info.classes >= 2 && !m_weights.empty(); }
    ModelInfo& info() { return m_info; }
    const ModelInfo& info() const { return m_info; }

    struct Prediction {
        std::string code;
        double probability = 0;
    };
    // Probabilities of every code (one-vs-rest sigmoids, normalised), best first.
    std::vector<Prediction> predict(
        const std::vector<std::pair<std::string, double>>& features) const;
    // The features that weigh most for `code` in this document (names), at most n.
    std::vector<std::string> evidence(const std::vector<std::pair<std::string, double>>& features,
                                      const std::string& code, std::size_t n) const;

private:
    // The tf-idf vector of a document: (index, value), L2-normalised.
    std::vector<std::pair<std::uint32_t, float>> vectorise(
        const std::vector<std::pair<std::string, double>>& features) const;

    ModelInfo m_info;
    std::unordered_map<std::string, std::uint32_t> m_vocabulary;
    std::vector<std::string> m_names;  // by index
    std::vector<float> m_idf;          // by index
    std::vector<float> m_weights;      // (features + 1) × classes
};

}  // namespace ububiko::classify::detail
