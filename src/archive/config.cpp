#include "archive/config.hpp"

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"

namespace ububiko::archive {

bool is_archive_code(const std::string& code) {
    if (code.size() < 2 || code.size() > 10) return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

Config read_config(const std::string& path) {
    std::string text = read_file(path);
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
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace ububiko::archive
