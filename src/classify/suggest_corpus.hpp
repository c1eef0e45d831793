// The filed records an archive can learn from, read once with their features: what train()
// and evaluate() share. Internal to the classify module.
#pragma once

#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "classify/model_linear.hpp"
#include "classify/suggest.hpp"

namespace ububiko::classify::detail {

struct CorpusRecord {
    std::string id, code, dir, text_file;
    std::string title, correspondent, type, direction;
};

struct Corpus {
    std::vector<CorpusRecord> records;  // by id
    FeatureTable table;
    std::vector<SparseCounts> counts;  // one per record
};

// Every record with status "filed" whose code is a fileable leaf of the plan in force,
// with its model features, read on `threads` threads. Unreadable records are skipped
// (check reports them).
Corpus load_corpus(const archive::Archive& archive, unsigned threads);

// The record as a document to classify (its text read from its folder), left out of its
// own neighbours.
Document document_of(const CorpusRecord& record);

// Threads worth using on this machine for training and evaluation.
unsigned work_threads();

}  // namespace ububiko::classify::detail
