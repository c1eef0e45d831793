// The classification plan (plan de classement): a tree of codes with retention rules,
// access levels, required metadata and matching hints, plus the vocabulary of document
// types. Loaded from YAML (plan_yaml.hpp) or CSV (plan_csv.hpp); format in
// docs/plan-format.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ububiko::plan {

enum class Disposition { keep, destroy, sample };
enum class Access { public_, internal, confidential };
enum class RetentionFrom { document_date, year_end, file_closing };

const char* to_string(Disposition d);
const char* to_string(Access a);
const char* to_string(RetentionFrom f);
std::optional<Disposition> parse_disposition(std::string_view s);
std::optional<Access> parse_access(std::string_view s);
std::optional<RetentionFrom> parse_retention_from(std::string_view s);
// Access levels are ordered: public < internal < confidential.
inline int rank(Access a) { return static_cast<int>(a); }

// Metadata names a plan may require of records.
inline const std::vector<std::string> k_metadata_names = {"title", "date", "type", "direction",
                                                          "correspondent", "reference"};

struct Retention {
    int years = 0;
    RetentionFrom from = RetentionFrom::document_date;
    std::string note;
    bool operator==(const Retention&) const = default;
};

struct Hints {
    std::vector<std::string> keywords, phrases, regexes, correspondents, types;
    bool empty() const {
        return keywords.empty() && phrases.empty() && regexes.empty() && correspondents.empty() &&
               types.empty();
    }
    bool operator==(const Hints&) const = default;
};

struct Node {
    std::string code;
    std::string parent;  // empty for a top-level code
    std::string title, title_en, description;
    std::optional<Retention> retention;
    std::optional<Disposition> disposition;
    std::optional<Access> access;
    std::optional<std::vector<std::string>> required;
    bool obsolete = false;
    Hints hints;
    std::vector<std::string> children;  // codes, in plan order
    int line = 0;                       // where it was defined (1-based), 0 if unknown
};

// What applies to a code once inheritance from its ancestors is resolved.
struct Effective {
    std::optional<Retention> retention;
    std::optional<Disposition> disposition;
    std::optional<Access> access;
    std::vector<std::string> required;
};

struct DocumentType {
    std::string id, label, label_en;
    std::vector<std::string> aliases;
    bool operator==(const DocumentType&) const = default;
};

struct Header {
    std::string id;
    int version = 1;
    std::string title, language = "fr", published, description;
    bool file_at_leaves_only = true;
    std::vector<std::string> required;
};

class Plan {
public:
    Header header;
    std::vector<DocumentType> types;
    std::vector<std::string> roots;  // top-level codes in order

    // "commune-burundi@1": how records and the archive name the plan.
    std::string ref() const { return header.id + "@" + std::to_string(header.version); }

    // Adds a node; its parent (if any) must already be there. Returns false on a duplicate.
    bool add(Node node);
    const Node* find(std::string_view code) const;
    const Node& at(std::string_view code) const;  // throws Error(not_found)
    bool is_leaf(std::string_view code) const;
    std::size_t size() const { return m_nodes.size(); }
    std::size_t leaf_count() const;
    // Every code, depth first in plan order.
    std::vector<std::string> codes() const;
    // The code and its ancestors, from the top level down: "1.2.3" → {"1", "1.2", "1.2.3"}.
    std::vector<std::string> lineage(std::string_view code) const;
    Effective effective(std::string_view code) const;
    // Checks a code is fit for filing: exists, is a leaf when the plan requires it, not
    // obsolete. Throws Error(not_found / invalid_input) in the user's language.
    void require_fileable(std::string_view code) const;

    // Finds a document type by id, label or alias, ignoring accents and case.
    const DocumentType* resolve_type(std::string_view text) const;

private:
    std::map<std::string, Node, std::less<>> m_nodes;
};

// Folder path of a code: "1.2.3" → "1/1.2/1.2.3".
std::string code_path(std::string_view code);
// Splits "1.2.3" into {1, 2, 3}; empty when the code is malformed.
std::vector<int> code_components(std::string_view code);
// Whether child is parent plus one more component.
bool extends_by_one(std::string_view parent, std::string_view child);
// Natural order of codes: 1.2 < 1.10 < 2.
bool code_less(std::string_view a, std::string_view b);

}  // namespace ububiko::plan
