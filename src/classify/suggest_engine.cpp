#include "classify/suggest_engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::classify::detail {
namespace {

// Reasons given for one suggestion, at most.
constexpr std::size_t k_max_reasons = 5;
// Hint reasons, at most.
constexpr std::size_t k_max_hint_reasons = 3;
// The model is cited when it gives the code at least this.
constexpr double k_model_cited = 0.05;
// Model candidates beyond the hints and the neighbours.
constexpr std::size_t k_model_candidates = 10;

std::string code_title(const plan::Plan& plan, const std::string& code) {
    const plan::Node* node = plan.find(code);
    if (node == nullptr) return code;
    std::string title =
        language() == Language::en && !node->title_en.empty() ? node->title_en : node->title;
    if (title.size() > 60) title = std::string(utf8_prefix(title, 57)) + "…";
    return code + " (" + title + ")";
}

std::string percent(double p) {
    return std::to_string(static_cast<int>(std::lround(p * 100))) + " %";
}

// A model feature as the word the document wrote ("Tseanc" → "séance" when it is there).
std::string readable(const std::string& feature, const Analysis& a) {
    if (feature.empty() || feature[0] == 'Y') return {};
    if (feature[0] == 'P') return feature.substr(1) + "…";  // the start of an identifier
    std::string stem = feature[0] == 'T' || feature[0] == 'C' ? feature.substr(1) : feature;
    for (const Words* w : {&a.title, &a.text, &a.correspondent})
        for (std::size_t i = 0; i < w->size(); ++i)
            if (w->keys[i] == stem) return w->words[i];
    return stem;
}

// Records per code: how far a source that learns from them can be trusted.
double density(std::size_t records, std::size_t codes) {
    return codes == 0 ? 0.0 : static_cast<double>(records) / static_cast<double>(codes);
}

double neighbour_trust(const Sources& s, const Params& p) {
    const double d = density(s.filed, std::max<std::size_t>(s.codes_in_use, 1));
    return p.neighbour_weight * d / (d + p.neighbour_half);
}

double model_trust(const Sources& s, const Params& p) {
    const double d = density(s.model_records, s.model_classes);
    return p.model_weight * d / (d + p.model_half);
}

}  // namespace

Params& params() {
    static Params p;
    return p;
}

Engine::Engine(const plan::Plan& plan, const std::string& index_dir,
               std::shared_ptr<const LinearModel> model)
    : m_plan(plan), m_hints(plan), m_neighbours(index_dir), m_model(std::move(model)) {
    for (const std::string& code : plan.codes()) {
        const plan::Node& node = plan.at(code);
        if (plan.is_leaf(code) && !node.obsolete) m_leaves.push_back(code);
    }
    m_fileable.insert(m_leaves.begin(), m_leaves.end());
    m_filed = m_neighbours.filed_count();
    m_codes_in_use = m_neighbours.codes_in_use(m_leaves);
    if (m_model && !m_model->has_weights()) m_model.reset();
}

Engine::~Engine() = default;

Sources Engine::gather(const Analysis& a, const std::string& exclude_id) const {
    Sources s;
    bool words = false;
    for (const Words* w : {&a.title, &a.text})
        for (std::size_t i = 0; i < w->size() && !words; ++i)
            words = significant(w->keys[i], w->stop[i]);
    s.empty = !words && a.type.empty() && a.correspondent.size() == 0;
    if (s.empty) return s;
    s.hints = m_hints.match(a);
    s.hints_in_plan = !m_hints.empty();
    s.filed = m_filed_override ? m_filed_override : m_filed;
    s.codes_in_use = m_codes_in_use;
    if (words) s.neighbours = m_neighbours.vote(a, exclude_id, m_fileable);
    if (m_model) {
        s.model = m_model->predict(model_features(a));
        s.model.erase(std::remove_if(s.model.begin(), s.model.end(),
                                     [&](const LinearModel::Prediction& p) {
                                         return m_fileable.count(p.code) == 0;
                                     }),
                      s.model.end());
        s.model_records = m_model->info().records;
        s.model_classes = m_model->info().classes;
    }
    return s;
}

void Engine::set_model(std::shared_ptr<const LinearModel> model) {
    m_model = model && model->has_weights() ? std::move(model) : nullptr;
}

std::vector<Ranked> Engine::rank(const Sources& s, const Params& p) const {
    return detail::rank(s, p, m_leaves);
}

std::vector<Ranked> rank(const Sources& s, const Params& p,
                         const std::vector<std::string>& m_leaves) {
    std::vector<Ranked> out;
    if (s.empty || m_leaves.empty()) return out;
    const double uniform = 1.0 / static_cast<double>(m_leaves.size());
    // Each source: (weight, evidence by code, share left uniform).
    std::map<std::string, double> score;
    double total_weight = 0, uniform_mass = 0;
    auto add = [&](double weight, const std::map<std::string, double>& evidence,
                   double left_uniform) {
        if (weight <= 0) return;
        total_weight += weight;
        uniform_mass += weight * left_uniform;
        for (const auto& [code, v] : evidence) score[code] += weight * (1 - left_uniform) * v;
    };

    if (p.hint_weight > 0 && s.hints_in_plan) {
        double sum = 0, powered = 0;
        std::map<std::string, double> ev;
        for (const HintScore& h : s.hints) {
            sum += h.score;
            powered += std::pow(h.score, p.hint_power);
        }
        for (const HintScore& h : s.hints) ev[h.code] = std::pow(h.score, p.hint_power) / powered;
        add(p.hint_weight, ev, sum > 0 ? p.hint_prior / (sum + p.hint_prior) : 1.0);
    }
    if (!s.neighbours.votes.empty()) {
        std::map<std::string, double> ev;
        for (const NeighbourVote& v : s.neighbours.votes) ev[v.code] = v.weight;
        add(neighbour_trust(s, p), ev, p.neighbour_smoothing);
    }
    if (!s.model.empty()) {
        std::map<std::string, double> ev;
        double sum = 0;
        for (const LinearModel::Prediction& m : s.model) sum += m.probability;
        for (const LinearModel::Prediction& m : s.model) ev[m.code] = m.probability / sum;
        add(model_trust(s, p), ev, p.model_smoothing);
    }
    if (total_weight <= 0) return out;

    // Mean of the sources, sharpened, normalised over every fileable leaf.
    const double base = uniform_mass / total_weight * uniform;
    double norm = 0;
    for (const std::string& leaf : m_leaves) {
        auto it = score.find(leaf);
        double v = base + (it == score.end() ? 0 : it->second / total_weight);
        norm += std::pow(v, p.sharpen);
    }
    std::map<std::string, bool> candidate;
    for (const HintScore& h : s.hints) candidate[h.code] = true;
    for (const NeighbourVote& v : s.neighbours.votes) candidate[v.code] = true;
    for (std::size_t i = 0; i < s.model.size() && i < k_model_candidates; ++i)
        candidate[s.model[i].code] = true;
    for (const auto& [code, yes] : candidate) {
        double v = base + score[code] / total_weight;
        out.push_back({code, std::pow(v, p.sharpen) / norm});
    }
    std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
        return a.confidence > b.confidence ||
               (a.confidence == b.confidence && plan::code_less(a.code, b.code));
    });
    return out;
}

std::vector<Suggestion> Engine::suggest(const Analysis& a, const Sources& s, const Params& p,
                                        std::size_t max) const {
    std::vector<Suggestion> out;
    std::vector<Ranked> ranked = rank(s, p);
    if (ranked.size() > max) ranked.resize(max);
    const auto features =
        m_model ? model_features(a) : std::vector<std::pair<std::string, double>>{};
    for (const Ranked& r : ranked) {
        Suggestion sug;
        sug.code = r.code;
        sug.confidence = r.confidence;
        std::vector<std::pair<double, std::string>> reasons;  // (weight, text)

        // Hints: their own reasons, strongest first.
        for (const HintScore& h : s.hints) {
            if (h.code != r.code) continue;
            for (std::size_t i = 0; i < h.reasons.size() && i < k_max_hint_reasons; ++i)
                reasons.emplace_back(
                    p.hint_weight * h.reasons[i].weight / (h.score + p.hint_prior) * 0.999,
                    h.reasons[i].text);
        }
        // Neighbours.
        for (const NeighbourVote& v : s.neighbours.votes) {
            if (v.code != r.code) continue;
            std::string text;
            if (v.count == 1)
                text = tr("1 document semblable (", "1 similar record (") + v.nearest +
                       tr(") est classé sous ", ") is filed under ");
            else
                text = std::to_string(v.count) + tr(" documents semblables sont classés sous ",
                                                    " similar records are filed under ");
            text += code_title(m_plan, r.code);
            if (v.count > 1) text += tr(" ; le plus proche : ", "; the closest: ") + v.nearest;
            reasons.emplace_back(neighbour_trust(s, p) * v.weight, text);
        }
        // The model.
        for (const LinearModel::Prediction& m : s.model) {
            if (m.code != r.code || m.probability < k_model_cited) continue;
            std::string text = tr("le modèle appris sur ", "the model learnt from ") +
                               std::to_string(s.model_records) +
                               tr(" documents classés lui donne ", " filed records gives it ") +
                               percent(m.probability);
            std::vector<std::string> words;
            for (const std::string& f : m_model->evidence(features, r.code, 6)) {
                std::string w = readable(f, a);
                if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end())
                    words.push_back(w);
                if (words.size() == 3) break;
            }
            if (!words.empty()) {
                text += tr(" (mots : ", " (words: ");
                for (std::size_t i = 0; i < words.size(); ++i) text += (i ? ", " : "") + words[i];
                text += ")";
            }
            reasons.emplace_back(model_trust(s, p) * m.probability, text);
        }
        std::stable_sort(reasons.begin(), reasons.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        for (std::size_t i = 0; i < reasons.size() && i < k_max_reasons; ++i)
            sug.reasons.push_back(reasons[i].second);
        out.push_back(std::move(sug));
    }
    return out;
}

}  // namespace ububiko::classify::detail
