#include "classify/neighbours_vote.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <xapian.h>

#include "core/fs.hpp"
#include "index/schema.hpp"

namespace ububiko::classify::detail {
namespace {

// The query: the document's most significant stems.
constexpr std::size_t k_query_terms = 40;
// Neighbours that vote.
constexpr Xapian::doccount k_neighbours = 20;
// A title word counts as this many words of the text (the index weighs it 4).
constexpr double k_title_tf = 2;
// A neighbour's vote: (its weight / the best one's) to this power, so that a near-copy
// outvotes a crowd of loosely related records.
constexpr double k_vote_power = 2;

class Hidden : public Xapian::MatchDecider {
public:
    explicit Hidden(const std::unordered_set<std::string>* ids) : m_ids(ids) {}
    bool operator()(const Xapian::Document& doc) const override {
        return m_ids->count(doc.get_value(index::SLOT_ID)) == 0;
    }

private:
    const std::unordered_set<std::string>* m_ids;
};

}  // namespace

struct NeighbourVoter::Impl {
    std::optional<Xapian::Database> db;
    const std::unordered_set<std::string>* hidden = nullptr;
};

NeighbourVoter::NeighbourVoter(const std::string& index_dir) : m_impl(std::make_unique<Impl>()) {
    try {
        if (exists(index_dir)) m_impl->db.emplace(index_dir);
    } catch (const Xapian::Error&) {
        m_impl->db.reset();
    }
}

NeighbourVoter::~NeighbourVoter() = default;

void NeighbourVoter::set_hidden(const std::unordered_set<std::string>* ids) {
    m_impl->hidden = ids;
}

std::size_t NeighbourVoter::filed_count() const {
    if (!m_impl->db) return 0;
    try {
        return m_impl->db->get_termfreq(std::string(index::P_STATUS) + "filed");
    } catch (const Xapian::Error&) {
        return 0;
    }
}

std::size_t NeighbourVoter::codes_in_use(const std::vector<std::string>& codes) const {
    if (!m_impl->db) return 0;
    try {
        std::size_t n = 0;
        for (const std::string& code : codes)
            n += m_impl->db->get_termfreq(std::string(index::P_CODE) + code) > 0;
        return n;
    } catch (const Xapian::Error&) {
        return 0;
    }
}

NeighbourResult NeighbourVoter::vote(const Analysis& a, const std::string& exclude_id,
                                     const std::unordered_set<std::string>& fileable) const {
    NeighbourResult out;
    if (!m_impl->db) return out;
    Xapian::Database& db = *m_impl->db;
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            // Term frequencies of the document.
            std::unordered_map<std::string, double> tf;
            auto count = [&](const Words& w, double each) {
                for (std::size_t i = 0; i < w.size(); ++i)
                    if (significant(w.keys[i], w.stop[i]) && w.keys[i].size() < 60)
                        tf[w.keys[i]] += each;
            };
            count(a.text, 1);
            count(a.title, k_title_tf);
            if (tf.empty()) return out;
            const double n = db.get_doccount();
            std::vector<std::pair<double, std::string>> ranked;
            ranked.reserve(tf.size());
            for (const auto& [stem, f] : tf) {
                std::string term = "Z" + stem;
                double df = db.get_termfreq(term);
                if (df <= 0) continue;
                double idf = std::log((n + 1) / df);
                if (idf <= 0) continue;
                ranked.emplace_back((1 + std::log(f)) * idf, std::move(term));
            }
            if (ranked.empty()) return out;
            std::size_t keep = std::min(ranked.size(), k_query_terms);
            std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(keep),
                              ranked.end(), [](const auto& x, const auto& y) {
                                  return x.first > y.first ||
                                         (x.first == y.first && x.second < y.second);
                              });
            std::vector<Xapian::Query> terms;
            for (std::size_t i = 0; i < keep; ++i) {
                auto wqf = static_cast<Xapian::termcount>(
                    std::clamp(tf[ranked[i].second.substr(1)], 1.0, 5.0));
                terms.emplace_back(ranked[i].second, wqf);
            }
            Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(std::string(index::P_STATUS) + "filed"));
            if (!exclude_id.empty())
                query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                                      Xapian::Query(std::string(index::P_ID) + exclude_id));
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            Hidden hidden(m_impl->hidden);
            Xapian::MSet mset =
                enquire.get_mset(0, k_neighbours, 0, nullptr, m_impl->hidden ? &hidden : nullptr);
            if (mset.empty()) return out;
            const double best = mset.begin().get_weight();
            if (best <= 0) return out;
            out.similarity = mset.get_max_possible() > 0 ? best / mset.get_max_possible() : 0;
            std::map<std::string, NeighbourVote> by_code;
            double total = 0;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Xapian::Document doc = it.get_document();
                std::string code = doc.get_value(index::SLOT_CODE);
                if (fileable.count(code) == 0) continue;
                double w = std::pow(it.get_weight() / best, k_vote_power);
                NeighbourVote& v = by_code[code];
                if (v.count == 0) {
                    v.code = code;
                    v.nearest = doc.get_value(index::SLOT_ID);
                }
                v.weight += w;
                v.count += 1;
                total += w;
                out.neighbours += 1;
            }
            for (auto& [code, v] : by_code) {
                v.weight /= total;
                out.votes.push_back(std::move(v));
            }
            std::stable_sort(
                out.votes.begin(), out.votes.end(),
                [](const NeighbourVote& x, const NeighbourVote& y) { return x.weight > y.weight; });
            return out;
        } catch (const Xapian::DatabaseModifiedError&) {
            out = {};
            db.reopen();
        } catch (const Xapian::Error&) {
            return {};  // an unreadable index: no neighbours, the other sources still answer
        }
    }
    return out;
}

}  // namespace ububiko::classify::detail
