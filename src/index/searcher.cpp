#include "index/searcher.hpp"

#include <xapian.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "index/analysis.hpp"
#include "index/indexer.hpp"
#include "index/query.hpp"
#include "index/schema.hpp"
#include "index/snippet.hpp"

namespace ububiko::index {

using Q = Xapian::Query;

struct Searcher::Impl {
    std::string root;
    bool present = false;
    Xapian::Database db;
};

namespace {

// Opens the index at dir when there is one; false when there is none (yet).
bool open_index(const std::string& dir, Xapian::Database& db) {
    if (!exists(dir + "/XAPIANDB") && !exists(dir + "/iamglass")) return false;
    try {
        db = Xapian::Database(dir);
        std::string schema = db.get_metadata(M_SCHEMA);
        if (schema.empty() && db.get_doccount() == 0) return true;  // being created
        if (schema != std::to_string(k_index_schema) || db.get_metadata(M_STEMMER) != k_stemmer_name)
            throw Error(ErrorCode::corrupt,
                        tr("l'index a été construit par une autre version d'ububiko ; lancez « ububiko reindex »",
                           "the index was built by another version of ububiko; run 'ububiko reindex'"));
    } catch (...) {
        rethrow_xapian(tr("ouverture de l'index", "opening the index"));
    }
    return true;
}

}  // namespace

Searcher::Searcher(const std::string& archive_root) : m_impl(std::make_unique<Impl>()) {
    m_impl->root = archive_root;
    m_impl->present = open_index(archive_root + "/index", m_impl->db);
}

Searcher::~Searcher() = default;

bool Searcher::present() const { return m_impl->present; }
Searcher::Searcher(Searcher&&) noexcept = default;

namespace {

Q join_and(const std::vector<Q>& qs) { return qs.size() == 1 ? qs[0] : Q(Q::OP_AND, qs.begin(), qs.end()); }

}  // namespace

namespace {

// Runs a read; when a writer has moved the database on meanwhile (Xapian keeps only the
// previous revision), reopens it and runs the read again from the start.
template <typename F>
auto with_reopen(Xapian::Database& db, F&& read) {
    for (int attempt = 0;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) throw;
            db.reopen();
        }
    }
}

}  // namespace

namespace {

// The snippet of one hit: the text's first pages, then the rest (up to 128 KB) only if
// they hold no query word.
void cut_snippet(const std::string& root, const SnippetTerms& terms, Hit& hit) {
    std::string body;
    std::optional<Snippet> found;
    if (!hit.summary.path.empty() && hit.summary.text_file.find('/') == std::string::npos) {
        std::string path = root + "/" + hit.summary.path + "/" + hit.summary.text_file;
        try {
            UniqueFd fd = open_for_reading(path);
            read_more(fd, path, body, k_snippet_first_part);
            if (body.size() == k_snippet_first_part) {
                const std::size_t searched = utf8_prefix(body, body.size() - 1).size();
                found = make_snippet_if_matched(std::string_view(body).substr(0, searched), terms);
                // No query word in the first pages: the rest is read, and only the rest scanned.
                if (!found) {
                    read_more(fd, path, body, 128 * 1024);
                    found = make_snippet_after(body, searched, terms);
                }
            }
        } catch (const Error&) {
        }
    }
    Snippet snippet = found ? std::move(*found) : make_snippet(body.empty() ? std::string_view(hit.summary.title) : std::string_view(body), terms);
    hit.snippet = std::move(snippet.text);
    hit.snippet_html = std::move(snippet.html);
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& req) {
    if (!m_impl->present) {
        compile_query(req.query, req.plan);  // still report a malformed query
        return SearchResult{};
    }
    try {
        return with_reopen(m_impl->db, [&] { return search_once(req); });
    } catch (...) {
        rethrow_xapian(tr("recherche", "search"));
    }
}

SearchResult Searcher::search_once(const SearchRequest& req) {
    SearchResult result;
    if (!m_impl->present) {
        compile_query(req.query, req.plan);  // still report a malformed query
        return result;
    }
    CompiledQuery cq = compile_query(req.query, req.plan);
    try {
        Xapian::Database& db = m_impl->db;
        Q access;
        if (req.max_access != plan::Access::confidential) {
            std::vector<Q> allowed;
            for (plan::Access a : {plan::Access::public_, plan::Access::internal, plan::Access::confidential})
                if (plan::rank(a) <= plan::rank(req.max_access)) allowed.push_back(Q(std::string(P_ACCESS) + plan::to_string(a)));
            access = Q(Q::OP_OR, allowed.begin(), allowed.end());
        }
        auto assemble = [&](const Q& text) {
            Q q = text;
            if (!q.empty() && !cq.boost.empty()) q = Q(Q::OP_AND_MAYBE, q, cq.boost);
            if (q.empty()) q = cq.filter.empty() ? Q::MatchAll : Q(Q::OP_SCALE_WEIGHT, cq.filter, 0);
            else if (!cq.filter.empty()) q = Q(Q::OP_FILTER, q, cq.filter);
            if (!access.empty()) q = Q(Q::OP_FILTER, q, access);
            if (!cq.exclude.empty()) q = Q(Q::OP_AND_NOT, q, cq.exclude);
            return q;
        };

        Xapian::Enquire enquire(db);
        if (req.sort == Sort::date || cq.required.empty())
            enquire.set_sort_by_value_then_relevance(SLOT_DATE, true);
        enquire.set_docid_order(Xapian::Enquire::DESCENDING);
        // Counting every match exactly means scoring every one: exact up to a few hundred,
        // estimated beyond (the result says which).
        Xapian::doccount check = static_cast<Xapian::doccount>(std::max<std::size_t>(req.offset + req.limit, 200));

        std::unique_ptr<Xapian::ValueCountMatchSpy> spy_code, spy_year, spy_type, spy_corr;
        // Exact counts for the query as typed; estimates for the relaxed fallbacks (an OR
        // over common words would otherwise walk every posting).
        auto run = [&](const Q& text, bool exact) {
            enquire.set_query(assemble(text));
            enquire.clear_matchspies();
            if (req.facets) {
                spy_code = std::make_unique<Xapian::ValueCountMatchSpy>(SLOT_CODE);
                spy_year = std::make_unique<Xapian::ValueCountMatchSpy>(SLOT_YEAR);
                spy_type = std::make_unique<Xapian::ValueCountMatchSpy>(SLOT_TYPE);
                spy_corr = std::make_unique<Xapian::ValueCountMatchSpy>(SLOT_CORRESPONDENT);
                for (auto* spy : {spy_code.get(), spy_year.get(), spy_type.get(), spy_corr.get()}) enquire.add_matchspy(spy);
            }
            return enquire.get_mset(static_cast<Xapian::doccount>(req.offset), static_cast<Xapian::doccount>(req.limit),
                                    req.facets ? db.get_doccount() : exact ? check : 0);
        };

        Q text = cq.required.empty() ? Q() : join_and(cq.required);
        Xapian::MSet mset = run(text, true);
        const std::size_t exact_hits = mset.get_matches_estimated();
        if (mset.empty() && req.offset == 0 && cq.required.size() >= 2) {
            // Nobody has every word: those missing only one, then any of them.
            std::vector<Q> leave_one_out;
            for (std::size_t skip = 0; skip < cq.required.size(); ++skip) {
                std::vector<Q> rest;
                for (std::size_t i = 0; i < cq.required.size(); ++i)
                    if (i != skip) rest.push_back(cq.required[i]);
                leave_one_out.push_back(join_and(rest));
            }
            Q relaxed(Q::OP_OR, leave_one_out.begin(), leave_one_out.end());
            mset = run(relaxed, false);
            if (mset.empty()) mset = run(Q(Q::OP_OR, cq.required.begin(), cq.required.end()), false);
            result.relaxed = !mset.empty();
        }
        result.total = mset.get_matches_estimated();
        result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

        // "Did you mean": for words the index has never seen.
        if (exact_hits < 3 && !cq.words.empty()) {
            std::string corrected = req.query;
            bool changed = false;
            Xapian::Stem stemmer = folded_french_stemmer();
            for (const auto& w : cq.words) {
                if (w.folded.size() < 3 || db.get_termfreq(w.folded) > 0 || db.get_termfreq("Z" + stemmer(w.folded)) > 0) continue;
                std::string s = db.get_spelling_suggestion(w.folded, 2);
                if (s.empty()) continue;
                if (auto p = corrected.find(w.typed); p != std::string::npos) {
                    corrected.replace(p, w.typed.size(), s);
                    changed = true;
                }
            }
            if (changed) result.suggestion = corrected;
        }

        // The body words of the query (unprefixed, or Z + stem), for the snippets.
        SnippetTerms terms;
        Q final_query = enquire.get_query();
        for (auto t = final_query.get_terms_begin(); t != final_query.get_terms_end(); ++t) {
            const std::string& term = *t;
            if (term.empty()) continue;
            if (term[0] == 'Z' && term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z')) terms.stems.insert(term.substr(1));
            else if (!(term[0] >= 'A' && term[0] <= 'Z')) terms.words.insert(term);
        }
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            if (auto summary = summary_from_data(it.get_document().get_data())) hit.summary = std::move(*summary);
            hit.percent = it.get_percent();
            result.hits.push_back(std::move(hit));
        }
        if (req.snippets)
            for (Hit& h : result.hits) cut_snippet(m_impl->root, terms, h);
        if (req.facets) {
            auto collect = [&](Xapian::ValueCountMatchSpy& spy) {
                std::vector<FacetValue> out;
                for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
                    if (!(*v).empty()) out.push_back({*v, "", v.get_termfreq()});
                return out;
            };
            // Codes: each leaf's count added to all its ancestors.
            std::map<std::string, std::size_t> codes;
            for (const FacetValue& leaf : collect(*spy_code)) {
                std::string c = leaf.value;
                for (;;) {
                    codes[c] += leaf.count;
                    auto dot = c.rfind('.');
                    if (dot == std::string::npos) break;
                    c = c.substr(0, dot);
                }
            }
            std::vector<FacetValue> code_facet;
            for (auto& [c, n] : codes) {
                std::string label;
                if (req.plan != nullptr)
                    if (const plan::Node* node = req.plan->find(c)) label = node->title;
                code_facet.push_back({c, label, n});
            }
            std::sort(code_facet.begin(), code_facet.end(),
                      [](const FacetValue& a, const FacetValue& b) { return plan::code_less(a.value, b.value); });
            result.facets["code"] = std::move(code_facet);
            auto by_count = [](std::vector<FacetValue> v) {
                std::sort(v.begin(), v.end(), [](const FacetValue& a, const FacetValue& b) {
                    return a.count != b.count ? a.count > b.count : a.value < b.value;
                });
                return v;
            };
            auto years = collect(*spy_year);
            std::sort(years.begin(), years.end(), [](const FacetValue& a, const FacetValue& b) { return a.value > b.value; });
            result.facets["year"] = years;
            auto types = by_count(collect(*spy_type));
            if (req.plan != nullptr)
                for (auto& t : types)
                    if (const plan::DocumentType* dt = req.plan->resolve_type(t.value)) t.label = dt->label;
            result.facets["type"] = types;
            auto corr = by_count(collect(*spy_corr));
            if (corr.size() > 20) corr.resize(20);
            result.facets["correspondent"] = corr;
        }
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // with_reopen() retries
    } catch (...) {
        rethrow_xapian(tr("recherche", "search"));
    }
    return result;
}

namespace {

// The summary of the first document indexed with a unique term, if any.
std::optional<Summary> summary_by_term(Xapian::Database& db, const std::string& term) {
    try {
        return with_reopen(db, [&]() -> std::optional<Summary> {
            auto p = db.postlist_begin(term);
            if (p == db.postlist_end(term)) return std::nullopt;
            return summary_from_data(db.get_document(*p).get_data());
        });
    } catch (...) {
        rethrow_xapian(tr("lecture de l'index", "reading the index"));
    }
}

}  // namespace

nlohmann::json to_json(const SearchRequest& req, const SearchResult& r, const std::string& archive_code) {
    auto plain = [](const std::string& snippet) {
        std::string out;
        for (char c : snippet)
            if (c != '\x01' && c != '\x02') out += c;
        return out;
    };
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : r.hits) {
        nlohmann::json j = to_json(h.summary);
        j["qualified_id"] = archive_code + "/" + h.summary.id;
        j["relevance"] = h.percent;
        j["snippet"] = plain(h.snippet);
        j["snippet_html"] = h.snippet_html;
        hits.push_back(j);
    }
    nlohmann::json j = {{"query", req.query}, {"total", r.total}, {"total_exact", r.total_exact}, {"offset", req.offset},
                        {"relaxed", r.relaxed}, {"hits", hits}};
    if (!r.suggestion.empty()) j["suggestion"] = r.suggestion;
    if (req.facets) {
        nlohmann::json f = nlohmann::json::object();
        for (const auto& [name, values] : r.facets) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& v : values) {
                nlohmann::json item = {{"value", v.value}, {"count", v.count}};
                if (!v.label.empty()) item["label"] = v.label;
                list.push_back(item);
            }
            f[name] = list;
        }
        j["facets"] = f;
    }
    return j;
}

void Searcher::refresh() {
    // An archive searched before its first record was filed has had no index until now.
    if (!m_impl->present) {
        m_impl->present = open_index(m_impl->root + "/index", m_impl->db);
        return;
    }
    try {
        m_impl->db.reopen();
    } catch (...) {
        rethrow_xapian(tr("réouverture de l'index", "reopening the index"));
    }
}

std::optional<Summary> Searcher::find(const std::string& id) {
    if (!m_impl->present) return std::nullopt;
    return summary_by_term(m_impl->db, std::string(P_ID) + id);
}

std::optional<Summary> Searcher::find_by_sha256(const std::string& sha256) {
    if (!m_impl->present) return std::nullopt;
    return summary_by_term(m_impl->db, std::string(P_SHA256) + sha256);
}

std::map<std::string, std::string> Searcher::all_paths() {
    std::map<std::string, std::string> out;
    if (!m_impl->present) return out;
    try {
        with_reopen(m_impl->db, [&] {
            out.clear();
            for (auto t = m_impl->db.allterms_begin(P_ID); t != m_impl->db.allterms_end(P_ID); ++t) {
                std::string id = (*t).substr(1);
                auto p = m_impl->db.postlist_begin(*t);
                auto summary = summary_from_data(m_impl->db.get_document(*p).get_data());
                out[id] = summary ? summary->path : std::string();
            }
            return 0;
        });
    } catch (...) {
        rethrow_xapian(tr("lecture de l'index", "reading the index"));
    }
    return out;
}

std::size_t Searcher::document_count() { return m_impl->present ? m_impl->db.get_doccount() : 0; }

}  // namespace ububiko::index
