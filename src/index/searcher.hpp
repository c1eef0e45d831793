// Searching an archive's index: query language (query.hpp), relevance or date order,
// snippets highlighted in the original text, facet counts, "did you mean", access levels.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/document.hpp"
#include "plan/plan.hpp"

namespace ububiko::index {

enum class Sort { relevance, date };

struct SearchRequest {
    std::string query;  // empty: every record, newest first
    std::size_t offset = 0;
    std::size_t limit = 10;
    Sort sort = Sort::relevance;
    bool facets = false;
    bool snippets = true;  // off for listings: no text is read
    // Records above this level do not exist for the searcher (not in hits, not in counts).
    plan::Access max_access = plan::Access::confidential;
    const plan::Plan* plan = nullptr;  // optional: checks code:/type:, labels facets
};

struct Hit {
    Summary summary;
    int percent = 0;           // relevance, 0–100
    std::string snippet;       // plain text; matches between \x01 and \x02
    std::string snippet_html;  // escaped HTML; matches in <mark>…</mark>
};

struct FacetValue {
    std::string value;  // "1.2", "2024", "proces-verbal"
    std::string label;  // "Conseil communal", "Procès-verbal" (when known)
    std::size_t count = 0;
};

struct SearchResult {
    std::size_t total = 0;     // matching records
    bool total_exact = true;   // false when total is an estimate (beyond a few hundred)
    std::vector<Hit> hits;
    // "code" (every level, rolled up), "year", "type", "correspondent"; by count, then value.
    std::map<std::string, std::vector<FacetValue>> facets;
    std::string suggestion;  // corrected query when some word is unknown, else empty
    bool relaxed = false;    // no record had every word: these have most of them
};

// A search result as the command line's --json and the web API give it: query, total,
// hits (each record's summary, "qualified_id" as archive_code/id, relevance, snippet in
// plain text and in HTML), suggestion, and facets when asked for.
nlohmann::json to_json(const SearchRequest& request, const SearchResult& result, const std::string& archive_code);

class Searcher {
public:
    // Opens the index of the archive at archive_root (read-only; never blocks a writer). A
    // missing index searches as empty.
    explicit Searcher(const std::string& archive_root);
    ~Searcher();
    // Whether the archive has an index at all (false: everything searches as empty).
    bool present() const;
    Searcher(Searcher&&) noexcept;

    SearchResult search(const SearchRequest& request);
    // Sees the index as last committed (a long-lived searcher, as the web server keeps one
    // per thread, otherwise goes on reading the revision it opened).
    void refresh();
    std::optional<Summary> find(const std::string& id);
    std::optional<Summary> find_by_sha256(const std::string& sha256);
    // Every record id in the index with its indexed folder path.
    std::map<std::string, std::string> all_paths();
    std::size_t document_count();

private:
    SearchResult search_once(const SearchRequest& request);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ububiko::index
