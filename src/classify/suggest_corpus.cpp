#include "classify/suggest_corpus.hpp"

#include <algorithm>
#include <mutex>
#include <optional>

#include "classify/suggest_analysis.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "core/system.hpp"

namespace ububiko::classify::detail {

unsigned work_threads() {
    return std::clamp(processor_count(), 1u, 4u);
}

Document document_of(const CorpusRecord& r) {
    Document d;
    d.title = r.title;
    d.correspondent = r.correspondent;
    d.type = r.type;
    d.direction = r.direction;
    d.exclude_id = r.id;
    try {
        std::string path = r.dir + "/" + r.text_file;
        if (!r.text_file.empty() && exists(path)) d.text = read_file_prefix(path, k_max_text_bytes);
    } catch (const Error&) {
        // No text: the title and the other fields still say something.
    }
    return d;
}

Corpus load_corpus(const archive::Archive& archive, unsigned threads) {
    const plan::Plan& plan = archive.plan();
    std::vector<std::string> dirs;
    archive.for_each_record_dir([&](const std::string& dir) { dirs.push_back(dir); });

    Corpus corpus;
    // In slices, so that the feature names of only one slice are held as strings at a time.
    constexpr std::size_t k_slice = 1024;
    std::vector<std::pair<CorpusRecord, SparseCounts>> kept;
    const Language lang = language();
    for (std::size_t begin = 0; begin < dirs.size(); begin += k_slice) {
        const std::size_t end = std::min(dirs.size(), begin + k_slice);
        std::vector<std::optional<CorpusRecord>> records(end - begin);
        std::vector<std::vector<std::pair<std::string, double>>> features(end - begin);
        parallel_for(end - begin, threads, [&](std::size_t i) {
            set_language(lang);
            try {
                archive::Record r = archive.load_record(dirs[begin + i]);
                if (r.status != "filed") return;
                const plan::Node* node = plan.find(r.code);
                if (node == nullptr || !plan.is_leaf(r.code) || node->obsolete) return;
                CorpusRecord c{r.id,    r.code,          dirs[begin + i], r.extraction.text_file,
                               r.title, r.correspondent, r.type,          r.direction};
                Document d = document_of(c);
                features[i] = model_features(analyse(d, plan));
                records[i] = std::move(c);
            } catch (const Error&) {
                // A damaged record.json: `check` reports it; it teaches nothing here.
            }
        });
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (!records[i]) continue;
            SparseCounts counts;
            counts.reserve(features[i].size());
            for (const auto& [name, c] : features[i])
                counts.emplace_back(corpus.table.intern(name), static_cast<float>(c));
            std::sort(counts.begin(), counts.end());
            kept.emplace_back(std::move(*records[i]), std::move(counts));
        }
    }
    std::sort(kept.begin(), kept.end(),
              [](const auto& a, const auto& b) { return a.first.id < b.first.id; });
    for (auto& [r, c] : kept) {
        corpus.records.push_back(std::move(r));
        corpus.counts.push_back(std::move(c));
    }
    return corpus;
}

}  // namespace ububiko::classify::detail
