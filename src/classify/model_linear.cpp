#include "classify/model_linear.hpp"

#include <linear.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/time.hpp"
#include "plan/plan.hpp"

namespace ububiko::classify::detail {

using nlohmann::json;

namespace {

const char k_magic[8] = {'U', 'B', 'K', 'W', 'L', 'I', 'N', '1'};
constexpr std::size_t k_generation_bytes = 16;

void quiet(const char*) {}

std::string new_generation() {
    std::random_device rd;
    std::uint64_t v =
        (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    static const char* hex = "0123456789abcdef";
    std::string out(k_generation_bytes, '0');
    for (std::size_t i = 0; i < k_generation_bytes; ++i) out[i] = hex[(v >> (4 * i)) & 15];
    return out;
}

json info_to_json(const ModelInfo& i) {
    return {{"format", i.format},
            {"generation", i.generation},
            {"records", i.records},
            {"classes", i.classes},
            {"features", i.features},
            {"plan", i.plan},
            {"trained", i.trained},
            {"seconds", i.seconds},
            {"C", i.C},
            {"solver", "L2R_LR"},
            {"codes", i.codes}};
}

std::optional<ModelInfo> info_from_json(const json& j) {
    if (!j.is_object() || j.value("format", 0) != k_model_format) return std::nullopt;
    ModelInfo i;
    i.generation = j.value("generation", std::string());
    i.records = j.value("records", std::size_t{0});
    i.classes = j.value("classes", std::size_t{0});
    i.features = j.value("features", std::size_t{0});
    i.plan = j.value("plan", std::string());
    i.trained = j.value("trained", std::string());
    i.seconds = j.value("seconds", 0.0);
    i.C = j.value("C", 0.0);
    if (j.contains("codes") && j["codes"].is_array())
        i.codes = j["codes"].get<std::vector<std::string>>();
    return i;
}

}  // namespace

std::uint32_t FeatureTable::intern(const std::string& name) {
    auto [it, fresh] = m_ids.try_emplace(name, static_cast<std::uint32_t>(m_names.size()));
    if (fresh) m_names.push_back(name);
    return it->second;
}

LinearModel LinearModel::train(const TrainingSet& set, const TrainOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    LinearModel m;
    m.m_info.generation = new_generation();
    m.m_info.records = set.rows.size();
    m.m_info.C = options.C;
    m.m_info.trained = now_utc_iso();

    // Classes, in plan order.
    std::vector<std::string> codes = set.codes;
    std::sort(codes.begin(), codes.end(),
              [](const std::string& a, const std::string& b) { return plan::code_less(a, b); });
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    m.m_info.codes = codes;
    m.m_info.classes = codes.size();
    if (codes.size() < 2) return m;
    std::map<std::string, int> class_of;
    for (std::size_t k = 0; k < codes.size(); ++k) class_of[codes[k]] = static_cast<int>(k);

    // Vocabulary: features of at least two training records (one for a very small archive,
    // where a word shared by the document and a single record is still worth something).
    const std::vector<SparseCounts>& counts = *set.counts;
    std::vector<std::uint32_t> df(set.table->size(), 0);
    for (std::size_t row : set.rows)
        for (const auto& [id, c] : counts[row]) ++df[id];
    const std::uint32_t min_df = set.rows.size() >= 200 ? 2 : 1;
    std::vector<std::int32_t> index_of(df.size(), -1);
    const double n = static_cast<double>(set.rows.size());
    for (std::uint32_t id = 0; id < df.size(); ++id) {
        if (df[id] < min_df) continue;
        index_of[id] = static_cast<std::int32_t>(m.m_names.size());
        m.m_names.push_back(set.table->name(id));
        m.m_idf.push_back(static_cast<float>(std::log((1 + n) / (1 + df[id])) + 1));
    }
    const std::size_t features = m.m_names.size();
    m.m_info.features = features;
    for (std::size_t j = 0; j < features; ++j)
        m.m_vocabulary.emplace(m.m_names[j], static_cast<std::uint32_t>(j));

    // The liblinear problem: tf-idf rows with a bias feature.
    std::vector<std::vector<feature_node>> rows(set.rows.size());
    std::vector<feature_node*> x(set.rows.size());
    std::vector<double> labels(set.rows.size());
    for (std::size_t r = 0; r < set.rows.size(); ++r) {
        auto& nodes = rows[r];
        double norm = 0;
        for (const auto& [id, c] : counts[set.rows[r]]) {
            if (index_of[id] < 0) continue;
            double v = (1 + std::log(c)) * m.m_idf[static_cast<std::size_t>(index_of[id])];
            nodes.push_back({index_of[id] + 1, v});
            norm += v * v;
        }
        norm = std::sqrt(norm);
        if (norm > 0)
            for (feature_node& f : nodes) f.value /= norm;
        nodes.push_back({static_cast<int>(features) + 1, 1.0});
        nodes.push_back({-1, 0});
        x[r] = nodes.data();
        labels[r] = class_of[set.codes[r]];
    }

    // One binary problem per class, on a few threads (liblinear itself is sequential).
    static std::once_flag silence;
    std::call_once(silence, [] { set_print_string_function(quiet); });
    const std::size_t k_classes = codes.size();
    m.m_weights.assign((features + 1) * k_classes, 0.0f);
    parallel_for(k_classes, std::max(1u, options.threads), [&](std::size_t k) {
        std::vector<double> y(labels.size());
        for (std::size_t r = 0; r < labels.size(); ++r)
            y[r] = labels[r] == static_cast<double>(k) ? 1 : -1;
        problem prob{};
        prob.l = static_cast<int>(labels.size());
        prob.n = static_cast<int>(features) + 1;
        prob.y = y.data();
        prob.x = x.data();
        prob.bias = -1;  // the bias is the last feature of every row already
        parameter param{};
        param.solver_type = L2R_LR;
        param.C = options.C;
        param.eps = 0.01;
        param.p = 0.1;
        if (const char* bad = check_parameter(&prob, &param))
            throw Error(ErrorCode::internal, std::string("liblinear: ") + bad);
        model* trained = ::train(&prob, &param);
        // A binary model keeps one weight vector, for its first label.
        const double sign = trained->label[0] == 1 ? 1.0 : -1.0;
        for (std::size_t j = 0; j <= features; ++j)
            m.m_weights[j * k_classes + k] = static_cast<float>(sign * trained->w[j]);
        free_and_destroy_model(&trained);
    });
    m.m_info.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return m;
}

std::vector<std::pair<std::uint32_t, float>> LinearModel::vectorise(
    const std::vector<std::pair<std::string, double>>& features) const {
    std::vector<std::pair<std::uint32_t, float>> out;
    double norm = 0;
    for (const auto& [name, c] : features) {
        auto it = m_vocabulary.find(name);
        if (it == m_vocabulary.end() || c <= 0) continue;
        double v = (1 + std::log(c)) * m_idf[it->second];
        out.emplace_back(it->second, static_cast<float>(v));
        norm += v * v;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
        for (auto& f : out) f.second = static_cast<float>(f.second / norm);
    return out;
}

std::vector<LinearModel::Prediction> LinearModel::predict(
    const std::vector<std::pair<std::string, double>>& features) const {
    std::vector<Prediction> out;
    if (!has_weights()) return out;
    const std::size_t k_classes = m_info.classes, f = m_info.features;
    std::vector<double> dec(k_classes);
    for (std::size_t k = 0; k < k_classes; ++k) dec[k] = m_weights[f * k_classes + k];
    for (const auto& [j, v] : vectorise(features)) {
        const float* row = &m_weights[static_cast<std::size_t>(j) * k_classes];
        for (std::size_t k = 0; k < k_classes; ++k) dec[k] += v * row[k];
    }
    double sum = 0;
    out.resize(k_classes);
    for (std::size_t k = 0; k < k_classes; ++k) {
        out[k].code = m_info.codes[k];
        out[k].probability = 1 / (1 + std::exp(-dec[k]));
        sum += out[k].probability;
    }
    for (Prediction& p : out) p.probability /= sum;
    std::stable_sort(out.begin(), out.end(), [](const Prediction& a, const Prediction& b) {
        return a.probability > b.probability;
    });
    return out;
}

std::vector<std::string> LinearModel::evidence(
    const std::vector<std::pair<std::string, double>>& features, const std::string& code,
    std::size_t n) const {
    std::vector<std::string> out;
    if (!has_weights()) return out;
    auto it = std::find(m_info.codes.begin(), m_info.codes.end(), code);
    if (it == m_info.codes.end()) return out;
    const std::size_t k = static_cast<std::size_t>(it - m_info.codes.begin());
    std::vector<std::pair<double, std::uint32_t>> weighed;
    for (const auto& [j, v] : vectorise(features)) {
        double c = v * m_weights[static_cast<std::size_t>(j) * m_info.classes + k];
        if (c > 0) weighed.emplace_back(c, j);
    }
    std::sort(weighed.begin(), weighed.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < weighed.size() && out.size() < n; ++i)
        out.push_back(m_names[weighed[i].second]);
    return out;
}

void LinearModel::save(const std::string& dir) const {
    make_dirs(dir);
    if (has_weights()) {
        std::string bin(k_magic, sizeof k_magic);
        bin += m_info.generation;
        std::uint32_t dims[2] = {static_cast<std::uint32_t>(m_info.features),
                                 static_cast<std::uint32_t>(m_info.classes)};
        bin.append(reinterpret_cast<const char*>(dims), sizeof dims);
        bin.append(reinterpret_cast<const char*>(m_weights.data()),
                   m_weights.size() * sizeof(float));
        replace_file_atomically(dir + "/weights.bin", bin);
        std::string vocabulary = "#ububiko-vocabulary\t" + m_info.generation + "\n";
        vocabulary.reserve(m_names.size() * 16);
        char idf[32];
        for (std::size_t j = 0; j < m_names.size(); ++j) {
            std::snprintf(idf, sizeof idf, "%.6g", static_cast<double>(m_idf[j]));
            vocabulary += m_names[j] + "\t" + idf + "\n";
        }
        replace_file_atomically(dir + "/vocabulary.tsv", vocabulary);
    }
    replace_file_atomically(dir + "/model.json", info_to_json(m_info).dump(1) + "\n");
}

std::optional<ModelInfo> LinearModel::read_info(const std::string& dir) {
    try {
        if (!exists(dir + "/model.json")) return std::nullopt;
        return info_from_json(json::parse(read_file(dir + "/model.json")));
    } catch (const std::exception&) {
        return std::nullopt;  // damaged: as if there were none (train() rewrites it)
    }
}

bool LinearModel::complete(const std::string& dir, const ModelInfo& info) {
    if (info.classes < 2) return true;  // no weights to have
    try {
        const std::size_t header = sizeof k_magic + k_generation_bytes + 2 * sizeof(std::uint32_t);
        std::string head = read_file_prefix(dir + "/weights.bin", header);
        std::string vocabulary = read_file_prefix(dir + "/vocabulary.tsv", 64);
        return head.size() == header &&
               head.compare(sizeof k_magic, k_generation_bytes, info.generation) == 0 &&
               vocabulary.starts_with("#ububiko-vocabulary\t" + info.generation + "\n") &&
               std::filesystem::file_size(dir + "/weights.bin") ==
                   header + (info.features + 1) * info.classes * sizeof(float);
    } catch (const std::exception&) {
        return false;
    }
}

std::optional<LinearModel> LinearModel::load(const std::string& dir) {
    std::optional<ModelInfo> info = read_info(dir);
    if (!info || info->classes < 2 || info->codes.size() != info->classes) return std::nullopt;
    try {
        LinearModel m;
        m.m_info = *info;
        const std::size_t f = info->features, k = info->classes;
        std::string bin = read_file(dir + "/weights.bin");
        const std::size_t header = sizeof k_magic + k_generation_bytes + 2 * sizeof(std::uint32_t);
        if (bin.size() != header + (f + 1) * k * sizeof(float) ||
            std::memcmp(bin.data(), k_magic, sizeof k_magic) != 0 ||
            bin.compare(sizeof k_magic, k_generation_bytes, info->generation) != 0)
            return std::nullopt;
        std::uint32_t dims[2];
        std::memcpy(dims, bin.data() + sizeof k_magic + k_generation_bytes, sizeof dims);
        if (dims[0] != f || dims[1] != k) return std::nullopt;
        m.m_weights.resize((f + 1) * k);
        std::memcpy(m.m_weights.data(), bin.data() + header, m.m_weights.size() * sizeof(float));

        std::string vocabulary = read_file(dir + "/vocabulary.tsv");
        std::size_t pos = vocabulary.find('\n');
        if (pos == std::string::npos ||
            vocabulary.compare(0, pos, "#ububiko-vocabulary\t" + info->generation) != 0)
            return std::nullopt;
        ++pos;
        m.m_names.reserve(f);
        m.m_idf.reserve(f);
        m.m_vocabulary.reserve(f);
        while (pos < vocabulary.size()) {
            std::size_t nl = vocabulary.find('\n', pos);
            if (nl == std::string::npos) nl = vocabulary.size();
            std::size_t tab = vocabulary.find('\t', pos);
            if (tab == std::string::npos || tab > nl) return std::nullopt;
            std::string name = vocabulary.substr(pos, tab - pos);
            m.m_vocabulary.emplace(name, static_cast<std::uint32_t>(m.m_names.size()));
            m.m_names.push_back(std::move(name));
            m.m_idf.push_back(std::strtof(vocabulary.c_str() + tab + 1, nullptr));
            pos = nl + 1;
        }
        if (m.m_names.size() != f) return std::nullopt;
        return m;
    } catch (const Error&) {
        return std::nullopt;  // a file gone or unreadable: no model, suggestions go on without it
    }
}

}  // namespace ububiko::classify::detail
