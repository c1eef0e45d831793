#include "plan/plan.hpp"

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::plan {

const char* to_string(Disposition d) {
    switch (d) {
        case Disposition::keep: return "keep";
        case Disposition::destroy: return "destroy";
        case Disposition::sample: return "sample";
    }
    return "keep";
}

const char* to_string(Access a) {
    switch (a) {
        case Access::public_: return "public";
        case Access::internal: return "internal";
        case Access::confidential: return "confidential";
    }
    return "internal";
}

const char* to_string(RetentionFrom f) {
    switch (f) {
        case RetentionFrom::document_date: return "document_date";
        case RetentionFrom::year_end: return "year_end";
        case RetentionFrom::file_closing: return "file_closing";
    }
    return "document_date";
}

std::optional<Disposition> parse_disposition(std::string_view s) {
    if (s == "keep") return Disposition::keep;
    if (s == "destroy") return Disposition::destroy;
    if (s == "sample") return Disposition::sample;
    return std::nullopt;
}

std::optional<Access> parse_access(std::string_view s) {
    if (s == "public") return Access::public_;
    if (s == "internal") return Access::internal;
    if (s == "confidential") return Access::confidential;
    return std::nullopt;
}

std::optional<RetentionFrom> parse_retention_from(std::string_view s) {
    if (s == "document_date") return RetentionFrom::document_date;
    if (s == "year_end") return RetentionFrom::year_end;
    if (s == "file_closing") return RetentionFrom::file_closing;
    return std::nullopt;
}

bool Plan::add(Node node) {
    if (m_nodes.count(node.code) != 0) return false;
    if (node.parent.empty()) {
        roots.push_back(node.code);
    } else {
        auto parent = m_nodes.find(node.parent);
        if (parent == m_nodes.end()) return false;
        parent->second.children.push_back(node.code);
    }
    std::string code = node.code;
    m_nodes.emplace(std::move(code), std::move(node));
    return true;
}

const Node* Plan::find(std::string_view code) const {
    auto it = m_nodes.find(code);
    return it == m_nodes.end() ? nullptr : &it->second;
}

const Node& Plan::at(std::string_view code) const {
    const Node* node = find(code);
    if (node == nullptr)
        throw Error(ErrorCode::not_found, tr("code inconnu dans le plan ", "unknown code in plan ") +
                                              ref() + " : " + std::string(code));
    return *node;
}

bool Plan::is_leaf(std::string_view code) const {
    const Node* node = find(code);
    return node != nullptr && node->children.empty();
}

std::size_t Plan::leaf_count() const {
    return static_cast<std::size_t>(std::count_if(
        m_nodes.begin(), m_nodes.end(), [](const auto& kv) { return kv.second.children.empty(); }));
}

std::vector<std::string> Plan::codes() const {
    std::vector<std::string> out;
    out.reserve(m_nodes.size());
    std::vector<std::string> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
        std::string code = std::move(stack.back());
        stack.pop_back();
        const Node& node = m_nodes.find(code)->second;
        for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) stack.push_back(*it);
        out.push_back(std::move(code));
    }
    return out;
}

std::vector<std::string> Plan::lineage(std::string_view code) const {
    std::vector<std::string> out;
    const Node* node = find(code);
    while (node != nullptr) {
        out.push_back(node->code);
        node = node->parent.empty() ? nullptr : find(node->parent);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Effective Plan::effective(std::string_view code) const {
    Effective e;
    e.required = header.required;
    for (const std::string& c : lineage(code)) {
        const Node& node = m_nodes.find(c)->second;
        if (node.retention) e.retention = node.retention;
        if (node.disposition) e.disposition = node.disposition;
        if (node.access) e.access = node.access;
        if (node.required) e.required = *node.required;
    }
    return e;
}

void Plan::require_fileable(std::string_view code) const {
    const Node* node = find(code);
    if (node == nullptr)
        throw Error(ErrorCode::not_found,
                    tr("le code « ", "code '") + std::string(code) +
                        tr(" » n'existe pas dans le plan ", "' does not exist in plan ") + ref());
    if (header.file_at_leaves_only && !node->children.empty()) {
        std::string examples;
        for (std::size_t i = 0; i < node->children.size() && i < 4; ++i)
            examples += (i ? ", " : "") + node->children[i];
        throw Error(ErrorCode::invalid_input,
                    tr("le code « ", "code '") + node->code + tr(" » (", "' (") + node->title +
                        tr(") n'est pas une feuille du plan : classez sous un code plus précis (",
                           ") is not a leaf of the plan: file under a more precise code (") +
                        examples + (node->children.size() > 4 ? ", …)" : ")"));
    }
    if (node->obsolete)
        throw Error(ErrorCode::invalid_input,
                    tr("le code « ", "code '") + node->code +
                        tr(" » est obsolète : plus aucun document n'y est classé",
                           "' is obsolete: nothing new may be filed under it"));
}

const DocumentType* Plan::resolve_type(std::string_view text) const {
    std::string wanted = slugify(text);
    if (wanted.empty()) return nullptr;
    for (const DocumentType& t : types) {
        if (t.id == wanted || slugify(t.label) == wanted || slugify(t.label_en) == wanted)
            return &t;
        for (const std::string& alias : t.aliases)
            if (slugify(alias) == wanted) return &t;
    }
    return nullptr;
}

std::vector<int> code_components(std::string_view code) {
    std::vector<int> out;
    if (code.empty()) return {};
    std::size_t start = 0;
    while (start <= code.size()) {
        std::size_t dot = code.find('.', start);
        std::string_view part = code.substr(start, dot == std::string_view::npos ? code.npos : dot - start);
        if (part.empty() || part.size() > 6 || part[0] == '0') return {};
        int v = 0;
        for (char c : part) {
            if (c < '0' || c > '9') return {};
            v = v * 10 + (c - '0');
        }
        out.push_back(v);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return out;
}

bool extends_by_one(std::string_view parent, std::string_view child) {
    auto p = code_components(parent);
    auto c = code_components(child);
    return !p.empty() && c.size() == p.size() + 1 && std::equal(p.begin(), p.end(), c.begin());
}

bool code_less(std::string_view a, std::string_view b) {
    auto ca = code_components(a);
    auto cb = code_components(b);
    if (ca.empty() || cb.empty()) return a < b;
    return ca < cb;
}

std::string code_path(std::string_view code) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t dot = code.find('.', pos);
        if (!out.empty()) out += '/';
        if (dot == std::string_view::npos) {
            out.append(code);
            break;
        }
        out.append(code.substr(0, dot));
        pos = dot + 1;
    }
    return out;
}

}  // namespace ububiko::plan
