// archive.yaml: the identity of an archive (commune, code) and the plan in force.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ububiko::archive {

struct Config {
    int format = 1;             // version of the on-disk layout
    std::string name;           // "Commune de Bururi"
    std::string code;           // "BRR": prefix of ids where archives are combined
    std::string commune, province;
    std::string created;        // UTC ISO 8601
    std::string plan;           // "commune-burundi@1": file plan/<plan>.yaml
    std::vector<std::string> ocr_languages = {"fra", "eng"};
    // A document filed without a code takes the top suggestion when its confidence is at
    // least this (0–1); otherwise it waits in the queue.
    double suggestion_threshold = 0.8;
};

// Reads archive.yaml; throws Error(corrupt) with the place when a field is wrong.
Config read_config(const std::string& path);
// The quick reader alone, without yaml-cpp (what a search uses to start fast): the file as
// ububiko writes it; nullopt for anything else (quotes, comments after values, nesting),
// which read_config then gives to yaml-cpp.
std::optional<Config> read_config_quickly(const std::string& text);
std::string config_to_yaml(const Config& config);

// An archive code: 2 to 10 capital letters or digits.
bool is_archive_code(const std::string& code);

}  // namespace ububiko::archive
