// Suggesting where a document belongs in the plan, with a confidence and reasons people
// can check ("le titre contient « procès-verbal »", "7 documents semblables sont classés
// sous 1.1.2"). Three sources, combined: the plan's matching hints, the archive's own
// history (the most similar filed records vote for their codes), and a linear model
// (liblinear, logistic regression) trained on the filed records and kept beside the index.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.hpp"

namespace ububiko::classify {

// What is known of a document to classify.
struct Document {
    std::string title;
    std::string text;           // extracted text (pages separated by form feeds)
    std::string correspondent;  // when known
    std::string type;           // type id of the plan's vocabulary, when known
    std::string direction;      // in / out / internal, when known
    // A record being re-examined (audit, eval): left out of its own neighbours.
    std::string exclude_id;
};

struct Suggestion {
    std::string code;                  // a leaf of the plan in force
    double confidence = 0;             // 0–1
    std::vector<std::string> reasons;  // for people, in the user's language, best first
};

// A filed or queued record as a document to classify: its fields, the start of its text
// (read from its folder `dir`), and its id, so that it is not its own neighbour.
Document record_document(const archive::Record& record, const std::string& dir);

// Where the trained model lives: ARCHIVE/classifier/ (derived data, rebuilt by train()).
std::string model_dir(const archive::Archive& archive);

class Suggester {
public:
    // Reads the plan's hints, opens the index and loads the model if one was trained.
    explicit Suggester(const archive::Archive& archive);
    ~Suggester();
    Suggester(const Suggester&) = delete;
    Suggester& operator=(const Suggester&) = delete;

    // Up to `max` codes, best first, confidences summing to at most 1. Never throws for an
    // empty or odd document (it just suggests less).
    std::vector<Suggestion> suggest(const Document& document, std::size_t max = 5);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// What the model in model_dir() knows, when there is a usable one.
struct ModelStatus {
    std::size_t records = 0, classes = 0, features = 0;
    std::string trained;  // UTC instant
};
std::optional<ModelStatus> model_status(const archive::Archive& archive);

struct TrainReport {
    std::size_t records = 0;   // filed records learnt from
    std::size_t classes = 0;   // codes seen
    std::size_t features = 0;  // vocabulary size
    double seconds = 0;
};

// Trains the model on every filed record (text, title, correspondent, type) and writes it
// to model_dir() atomically. With fewer than two codes in use, writes no model.
TrainReport train(const archive::Archive& archive);

// Whether enough has been filed since the last training for a new one to be worth it
// (no model yet and at least 20 records, or 10 % more records than the model knew).
bool model_stale(const archive::Archive& archive);

struct EvalOptions {
    bool leave_one_out = false;  // else a deterministic 80/20 split (by record id)
};

struct Confusion {
    std::string actual, predicted;
    std::size_t count = 0;
};

struct EvalReport {
    std::string method;  // "80/20" or "leave-one-out"
    std::size_t train = 0, test = 0;
    double top1 = 0, top3 = 0;  // shares of test records
    struct PerCode {
        std::string code;  // a top-level code
        std::size_t test = 0;
        double top1 = 0, top3 = 0;
    };
    std::vector<PerCode> per_top_level;
    std::vector<Confusion> confusion;  // actual ≠ predicted, most frequent first
    // Each source alone ("hints", "neighbours", "model"), to see which one helps.
    struct SourceScore {
        std::string source;
        double top1 = 0, top3 = 0;
    };
    std::vector<SourceScore> sources;
};

// Held-out accuracy of the suggestions on the archive's filed records: trains on the
// training part only (model and neighbours), suggests for the others.
EvalReport evaluate(const archive::Archive& archive, const EvalOptions& options = {});

}  // namespace ububiko::classify
