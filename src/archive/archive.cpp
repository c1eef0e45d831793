#include "archive/archive.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "plan/plan_yaml.hpp"

namespace ububiko::archive {

namespace fs = std::filesystem;

Archive::Archive(std::string root, Config config, std::optional<plan::Plan> plan)
    : m_root(std::move(root)), m_config(std::move(config)), m_plan(std::move(plan)) {}

const plan::Plan& Archive::plan() const {
    std::call_once(*m_plan_once, [this] {
        if (!m_plan) m_plan = plan::load_trusted_plan_file(m_root + "/plan/" + m_config.plan + ".yaml");
    });
    return *m_plan;
}

Archive Archive::create(const std::string& dir, const std::string& plan_path, const InitOptions& o) {
    if (!is_archive_code(o.code))
        throw Error(ErrorCode::invalid_input,
                    tr("code d'archive invalide « ", "invalid archive code '") + o.code +
                        tr(" » : 2 à 10 lettres majuscules ou chiffres, par exemple BRR",
                           "': 2 to 10 capital letters or digits, for example BRR"),
                    Place{"", 0, 0, "--code"});
    if (trim(o.name).empty())
        throw Error(ErrorCode::invalid_input, tr("le nom de l'archive est vide", "the archive name is empty"),
                    Place{"", 0, 0, "--name"});
    std::string plan_text = read_file(plan_path);
    plan::Plan plan = plan::load_plan_text(plan_text, plan_path);

    if (exists(dir + "/archive.yaml"))
        throw Error(ErrorCode::conflict, tr("« ", "'") + dir + tr(" » contient déjà une archive", "' already holds an archive"));
    if (exists(dir)) {
        if (!is_directory(dir))
            throw Error(ErrorCode::conflict, tr("« ", "'") + dir + tr(" » existe et n'est pas un dossier", "' exists and is not a folder"));
        if (!fs::is_empty(dir))
            throw Error(ErrorCode::conflict, tr("le dossier « ", "folder '") + dir +
                                                 tr(" » n'est pas vide ; choisissez un dossier nouveau ou vide",
                                                    "' is not empty; choose a new or empty folder"));
    }
    std::string root = fs::absolute(dir).lexically_normal().string();
    if (root.size() > 1 && root.back() == '/') root.pop_back();
    for (const char* sub : {"plan", "records", "inbox", "tmp"}) make_dirs(root + "/" + sub);

    Config c;
    c.name = std::string(trim(o.name));
    c.code = o.code;
    c.commune = o.commune;
    c.province = o.province;
    c.created = now_utc_iso();
    c.plan = plan.ref();
    write_file(root + "/plan/" + c.plan + ".yaml", plan_text, Durability::fsync);

    JournalTail tail;
    std::string line = chain_lines({nlohmann::json{{"time", c.created},
                                                   {"action", "init"},
                                                   {"user", current_user()},
                                                   {"archive", c.code},
                                                   {"name", c.name},
                                                   {"plan", c.plan}}},
                                   tail);
    write_file(root + "/journal.jsonl", line, Durability::fsync);
    // archive.yaml last: its presence marks a complete archive.
    replace_file_atomically(root + "/archive.yaml", config_to_yaml(c));
    fsync_path(root);
    return Archive(root, c, std::move(plan));
}

Archive Archive::open(const std::string& dir) {
    std::string root = fs::absolute(dir).lexically_normal().string();
    if (root.size() > 1 && root.back() == '/') root.pop_back();
    if (!exists(root + "/archive.yaml"))
        throw Error(ErrorCode::not_found, tr("aucune archive ububiko dans « ", "no ububiko archive in '") + root +
                                              tr(" » (archive.yaml absent)", "' (no archive.yaml)"));
    Config c = read_config(root + "/archive.yaml");
    if (!exists(root + "/plan/" + c.plan + ".yaml"))
        throw Error(ErrorCode::corrupt, tr("plan en vigueur introuvable : plan/", "plan in force missing: plan/") + c.plan + ".yaml",
                    Place{root + "/archive.yaml", 0, 0, "plan"});
    return Archive(root, std::move(c), std::nullopt);
}

std::string Archive::locate(const std::string& explicit_dir) {
    if (!explicit_dir.empty()) return explicit_dir;
    if (const char* env = std::getenv("UBUBIKO_ARCHIVE"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    fs::path p = fs::current_path(ec);
    for (; !ec && !p.empty(); p = p.parent_path()) {
        if (exists((p / "archive.yaml").string())) return p.string();
        if (p == p.root_path()) break;
    }
    throw Error(ErrorCode::not_found,
                tr("aucune archive trouvée : indiquez-la avec --archive DOSSIER, avec la variable "
                   "UBUBIKO_ARCHIVE, ou placez-vous dans son dossier (créez-en une avec « ububiko init »)",
                   "no archive found: name it with --archive DIR, with the UBUBIKO_ARCHIVE variable, "
                   "or run from inside its folder (create one with 'ububiko init')"));
}

std::string Archive::relative_record_dir(const std::string& code, const std::string& id) {
    std::string codes = code.empty() ? std::string("_a-classer") : plan::code_path(code);
    return "records/" + codes + "/" + id.substr(0, 4) + "/" + id;
}

std::optional<std::string> Archive::find_record_dir(const std::string& id, const std::string& hint_code) const {
    if (!is_record_id(id)) return std::nullopt;
    if (!hint_code.empty()) {
        std::string dir = record_dir(hint_code, id);
        if (exists(dir + "/record.json")) return dir;
    }
    std::optional<std::string> found;
    for_each_record_dir([&](const std::string& dir) {
        if (!found && fs::path(dir).filename() == id) found = dir;
    });
    return found;
}

Record Archive::load_record(const std::string& dir) const {
    std::string path = dir + "/record.json";
    nlohmann::json j = nlohmann::json::parse(read_file(path), nullptr, false);
    if (j.is_discarded())
        throw Error(ErrorCode::corrupt, tr("record.json illisible (JSON invalide)", "unreadable record.json (invalid JSON)"),
                    Place{path});
    return record_from_json(j, path);
}

namespace {

bool is_year_name(const char* name) {
    for (int i = 0; i < 4; ++i)
        if (name[i] < '0' || name[i] > '9') return false;
    return name[4] == '\0';
}

// Depth-first walk: a folder named YYYY holds record folders named YYYY-NNNNNN.
void walk(const std::string& dir, const std::function<void(const std::string&)>& visit) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return;
    std::vector<std::string> subdirs;
    while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;
        if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
        subdirs.emplace_back(e->d_name);
    }
    ::closedir(d);
    std::string base = fs::path(dir).filename().string();
    bool year_dir = is_year_name(base.c_str());
    for (const std::string& name : subdirs) {
        std::string child = dir + "/" + name;
        if (year_dir && is_record_id(name) && name.compare(0, 4, base) == 0) {
            visit(child);
        } else if (!is_record_id(name)) {
            walk(child, visit);
        }
    }
}

}  // namespace

void Archive::for_each_record_dir(const std::function<void(const std::string&)>& visit) const {
    walk(records_root(), visit);
}

}  // namespace ububiko::archive
