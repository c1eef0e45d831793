// An archive on disk (docs/archive-format.md): its identity, its plan, and where its records
// are. Reading only; changes go through archive::Writer, which holds the writer lock.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "archive/config.hpp"
#include "archive/record.hpp"
#include "plan/plan.hpp"

namespace ububiko::archive {

struct InitOptions {
    std::string name;      // "Commune de Bururi"
    std::string code;      // "BRR"
    std::string commune;   // optional
    std::string province;  // optional
};

class Archive {
public:
    // Creates an archive in dir (which must not exist, or be empty) with the plan at
    // plan_path, validated first. Throws PlanError for a bad plan, Error(conflict) when dir
    // is already an archive or not empty, Error(invalid_input) for a bad code or name.
    static Archive create(const std::string& dir, const std::string& plan_path, const InitOptions& options);
    // Opens an existing archive; throws Error(not_found) when dir holds none.
    static Archive open(const std::string& dir);
    // The archive to use: explicit (from --archive) if given, else $UBUBIKO_ARCHIVE, else
    // the current folder or its nearest parent holding archive.yaml. Throws Error(not_found)
    // explaining the three ways when there is none.
    static std::string locate(const std::string& explicit_dir);

    const std::string& root() const { return m_root; }
    const Config& config() const { return m_config; }
    // The plan in force, read on first use (a search that does not need it stays quick).
    const plan::Plan& plan() const;

    std::string journal_path() const { return m_root + "/journal.jsonl"; }
    std::string records_root() const { return m_root + "/records"; }
    std::string tmp_dir() const { return m_root + "/tmp"; }
    std::string index_dir() const { return m_root + "/index"; }
    std::string inbox_dir() const { return m_root + "/inbox"; }

    // records/<code path>/<year>/<id>, relative to the archive root.
    static std::string relative_record_dir(const std::string& code, const std::string& id);
    std::string record_dir(const std::string& code, const std::string& id) const {
        return m_root + "/" + relative_record_dir(code, id);
    }
    // "BRR/2026-000042".
    std::string qualified_id(const std::string& id) const { return m_config.code + "/" + id; }

    // Finds the folder of a record: first where hint_code says, then by walking records/.
    std::optional<std::string> find_record_dir(const std::string& id, const std::string& hint_code = {}) const;
    // Reads a record folder's record.json; throws Error(corrupt / not_found).
    Record load_record(const std::string& dir) const;
    // Calls visit(folder) for every record folder under records/, in no particular order.
    void for_each_record_dir(const std::function<void(const std::string&)>& visit) const;

private:
    Archive(std::string root, Config config, std::optional<plan::Plan> plan);
    std::string m_root;
    Config m_config;
    mutable std::shared_ptr<std::once_flag> m_plan_once = std::make_shared<std::once_flag>();
    mutable std::optional<plan::Plan> m_plan;
};

}  // namespace ububiko::archive
