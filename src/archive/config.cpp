#include "archive/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::archive {

bool is_archive_code(const std::string& code) {
    if (code.size() < 2 || code.size() > 10) return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

namespace {

// archive.yaml as ububiko writes it: "key: plain value" lines and one flow list. Read
// without a YAML parser (a search starts faster); anything else (quotes, nesting, a
// person's edits) goes to yaml-cpp.
std::optional<Config> read_simple(const std::string& text) {
    Config c;
    std::set<std::string> seen;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        std::string_view t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        if (line[0] == ' ' || line[0] == '\t') return std::nullopt;
        auto colon = t.find(": ");
        if (colon == std::string_view::npos) return std::nullopt;
        std::string key(t.substr(0, colon));
        std::string_view value = trim(t.substr(colon + 2));
        // A plain scalar: no YAML indicator first (a flow list is handled below), no comment
        // or mapping inside. "commune-burundi@1" is plain: '@' is reserved only first.
        if (value.empty() || std::string_view("\"'&*!|>%@`#{}-?:,").find(value.front()) != std::string_view::npos ||
            value.find(" #") != std::string_view::npos || value.find(": ") != std::string_view::npos)
            return std::nullopt;
        if (!seen.insert(key).second) return std::nullopt;
        if (key == "ocr_languages") {
            if (value.front() != '[' || value.back() != ']') return std::nullopt;
            c.ocr_languages.clear();
            std::string_view inner = value.substr(1, value.size() - 2);
            std::size_t start = 0;
            while (start <= inner.size()) {
                std::size_t comma = inner.find(',', start);
                std::string_view item = trim(inner.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
                if (!item.empty()) c.ocr_languages.emplace_back(item);
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
            continue;
        }
        if (value.find_first_of("[]") != std::string_view::npos) return std::nullopt;
        std::string v(value);
        if (key == "ububiko_archive") {
            if (v != "1") return std::nullopt;
        } else if (key == "name") c.name = v;
        else if (key == "code") c.code = v;
        else if (key == "commune") c.commune = v;
        else if (key == "province") c.province = v;
        else if (key == "created") c.created = v;
        else if (key == "plan") c.plan = v;
        else if (key == "suggestion_threshold") {
            // from_chars, not strtod: the process's locale (French: a decimal comma) must not
            // change how the file reads.
            auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), c.suggestion_threshold);
            if (error != std::errc() || end != v.data() + v.size() || c.suggestion_threshold < 0 ||
                c.suggestion_threshold > 1)
                return std::nullopt;
        } else return std::nullopt;
    }
    if (!seen.count("ububiko_archive") || c.name.empty() || c.code.empty() || c.plan.empty()) return std::nullopt;
    return c;
}

}  // namespace

std::optional<Config> read_config_quickly(const std::string& text) { return read_simple(text); }

Config read_config(const std::string& path) {
    std::string text = read_file(path);
    if (std::optional<Config> simple = read_simple(text)) return *simple;
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Error(ErrorCode::corrupt, tr("YAML illisible : ", "unreadable YAML: ") + e.msg,
                    Place{path, e.mark.line + 1, e.mark.column + 1, ""});
    }
    Config c;
    auto get = [&](const char* key, bool required) -> std::string {
        YAML::Node n = root[key];
        if (!n || n.IsNull()) {
            if (required)
                throw Error(ErrorCode::corrupt, tr("champ obligatoire absent", "required field missing"),
                            Place{path, 0, 0, key});
            return {};
        }
        if (!n.IsScalar())
            throw Error(ErrorCode::corrupt, tr("valeur simple attendue", "plain value expected"),
                        Place{path, n.Mark().line + 1, n.Mark().column + 1, key});
        return n.Scalar();
    };
    if (!root.IsMap()) throw Error(ErrorCode::corrupt, tr("archive.yaml doit être une table", "archive.yaml must be a mapping"), Place{path});
    std::string format = get("ububiko_archive", true);
    if (format != "1")
        throw Error(ErrorCode::unsupported,
                    tr("format d'archive ", "archive format ") + format +
                        tr(" inconnu de cette version d'ububiko", " unknown to this version of ububiko"),
                    Place{path, 0, 0, "ububiko_archive"});
    c.name = get("name", true);
    c.code = get("code", true);
    c.commune = get("commune", false);
    c.province = get("province", false);
    c.created = get("created", false);
    c.plan = get("plan", true);
    if (YAML::Node t = root["suggestion_threshold"]; t && t.IsScalar()) {
        try {
            c.suggestion_threshold = t.as<double>();
        } catch (const YAML::Exception&) {
            c.suggestion_threshold = -1;
        }
        if (c.suggestion_threshold < 0 || c.suggestion_threshold > 1)
            throw Error(ErrorCode::corrupt, tr("seuil de suggestion invalide (un nombre de 0 à 1)", "invalid suggestion threshold (a number from 0 to 1)"),
                        Place{path, t.Mark().line + 1, t.Mark().column + 1, "suggestion_threshold"});
    }
    if (YAML::Node langs = root["ocr_languages"]; langs && langs.IsSequence()) {
        c.ocr_languages.clear();
        for (const auto& l : langs) c.ocr_languages.push_back(l.as<std::string>());
    }
    return c;
}

std::string config_to_yaml(const Config& c) {
    YAML::Emitter out;
    out << YAML::Comment("ububiko archive: identity and plan in force (docs/archive-format.md)");
    out << YAML::BeginMap;
    out << YAML::Key << "ububiko_archive" << YAML::Value << c.format;
    out << YAML::Key << "name" << YAML::Value << c.name;
    out << YAML::Key << "code" << YAML::Value << c.code;
    if (!c.commune.empty()) out << YAML::Key << "commune" << YAML::Value << c.commune;
    if (!c.province.empty()) out << YAML::Key << "province" << YAML::Value << c.province;
    out << YAML::Key << "created" << YAML::Value << c.created;
    out << YAML::Key << "plan" << YAML::Value << c.plan;
    out << YAML::Key << "ocr_languages" << YAML::Value << YAML::Flow << c.ocr_languages;
    // Written as people would ("0.8", not yaml-cpp's round-trip "0.80000000000000004").
    char threshold[32];
    std::snprintf(threshold, sizeof threshold, "%.6g", c.suggestion_threshold);
    out << YAML::Key << "suggestion_threshold" << YAML::Value << threshold;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace ububiko::archive
