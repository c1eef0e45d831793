// The archive's own history as a source of suggestions: the document's most significant
// stems (tf·idf over the index) make an OR query; the most similar filed records vote for
// their codes, weighted by rank and similarity. Internal to the classify module.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "classify/suggest_analysis.hpp"

namespace ububiko::classify::detail {

struct NeighbourVote {
    std::string code;
    double weight = 0;      // share of the votes, 0–1
    std::size_t count = 0;  // neighbours filed under the code
    std::string nearest;    // id of the most similar of them
};

struct NeighbourResult {
    std::vector<NeighbourVote> votes;  // best first
    std::size_t neighbours = 0;        // how many similar records voted
    double similarity = 0;             // how alike the best one is (0–1, see .cpp)
};

class NeighbourVoter {
public:
    // Opens the archive's index read-only. A missing or unreadable index gives a voter
    // that finds nothing (a suggestion never fails for it).
    explicit NeighbourVoter(const std::string& index_dir);
    ~NeighbourVoter();
    NeighbourVoter(const NeighbourVoter&) = delete;
    NeighbourVoter& operator=(const NeighbourVoter&) = delete;

    // Records never seen as neighbours (evaluation: the test records).
    void set_hidden(const std::unordered_set<std::string>* ids);
    // Votes of the most similar filed records, other than exclude_id; `fileable` says which
    // codes may be suggested.
    NeighbourResult vote(const Analysis& analysis, const std::string& exclude_id,
                         const std::unordered_set<std::string>& fileable) const;
    // Filed records in the index.
    std::size_t filed_count() const;
    // How many of these codes have records in the index.
    std::size_t codes_in_use(const std::vector<std::string>& codes) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ububiko::classify::detail
