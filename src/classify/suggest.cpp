#include "classify/suggest.hpp"

#include <chrono>
#include <exception>

#include <xapian.h>

#include "classify/model_linear.hpp"
#include "classify/suggest_analysis.hpp"
#include "classify/suggest_corpus.hpp"
#include "classify/suggest_engine.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "index/schema.hpp"

namespace ububiko::classify {

using namespace detail;

namespace {

// A model is first trained once this many records are filed, and again once there are
// this share more than it knew.
constexpr std::size_t k_first_training = 20;
constexpr double k_retrain_growth = 1.10;

// The filed records in the index (0 when there is no readable index).
std::size_t filed_in_index(const archive::Archive& archive) {
    try {
        if (!exists(archive.index_dir())) return 0;
        Xapian::Database db(archive.index_dir());
        return db.get_termfreq(std::string(index::P_STATUS) + "filed");
    } catch (const Xapian::Error&) {
        return 0;
    }
}

}  // namespace

std::string model_dir(const archive::Archive& archive) {
    return archive.root() + "/classifier";
}

Document record_document(const archive::Record& record, const std::string& dir) {
    CorpusRecord c{record.id,    record.code,          dir,         record.extraction.text_file,
                   record.title, record.correspondent, record.type, record.direction};
    return document_of(c);
}

std::optional<ModelStatus> model_status(const archive::Archive& archive) {
    std::optional<ModelInfo> info = LinearModel::read_info(model_dir(archive));
    if (!info || info->classes < 2 || !LinearModel::complete(model_dir(archive), *info))
        return std::nullopt;
    return ModelStatus{info->records, info->classes, info->features, info->trained};
}

struct Suggester::Impl {
    const archive::Archive* archive = nullptr;
    std::unique_ptr<Engine> engine;
};

Suggester::Suggester(const archive::Archive& archive) : m_impl(std::make_unique<Impl>()) {
    m_impl->archive = &archive;
    std::shared_ptr<const LinearModel> model;
    if (auto loaded = LinearModel::load(model_dir(archive)))
        model = std::make_shared<const LinearModel>(std::move(*loaded));
    m_impl->engine =
        std::make_unique<Engine>(archive.plan(), archive.index_dir(), std::move(model));
}

Suggester::~Suggester() = default;

std::vector<Suggestion> Suggester::suggest(const Document& document, std::size_t max) {
    if (max == 0) return {};
    try {
        Engine& engine = *m_impl->engine;
        Analysis a = analyse(document, engine.plan());
        Sources s = engine.gather(a, document.exclude_id);
        return engine.suggest(a, s, params(), max);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        // An odd document (a regex too deep for std::regex, a damaged index read): fewer
        // suggestions rather than an error, as promised.
        return {};
    }
}

TrainReport train(const archive::Archive& archive) {
    const auto start = std::chrono::steady_clock::now();
    Corpus corpus = load_corpus(archive, work_threads());
    TrainingSet set;
    set.table = &corpus.table;
    set.counts = &corpus.counts;
    for (std::size_t i = 0; i < corpus.records.size(); ++i) {
        set.rows.push_back(i);
        set.codes.push_back(corpus.records[i].code);
    }
    TrainOptions options;
    options.threads = work_threads();
    LinearModel model = LinearModel::train(set, options);
    model.info().plan = archive.plan().ref();
    model.info().seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    model.save(model_dir(archive));

    TrainReport report;
    report.records = model.info().records;
    report.classes = model.info().classes;
    report.features = model.info().features;
    report.seconds = model.info().seconds;
    return report;
}

bool model_stale(const archive::Archive& archive) {
    const std::size_t filed = filed_in_index(archive);
    std::optional<ModelInfo> info = LinearModel::read_info(model_dir(archive));
    if (!info) return filed >= k_first_training;
    // A model of another plan knows codes that may no longer exist.
    if (info->plan != archive.plan().ref()) return filed > 0;
    // A damaged or half-written model (model.json is written last, the others may not match).
    if (!LinearModel::complete(model_dir(archive), *info)) return true;
    if (info->records < k_first_training) return filed >= k_first_training;
    return static_cast<double>(filed) >= static_cast<double>(info->records) * k_retrain_growth;
}

}  // namespace ububiko::classify
