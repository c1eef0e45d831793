// What every subcommand shares: global options, the archive (found on demand), and the
// output layer (text for people, JSON for scripts).
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "archive/archive.hpp"
#include "core/time.hpp"

namespace ububiko::cli {

struct Context {
    std::string archive_dir;  // --archive
    bool json = false;        // --json (per subcommand)
    int exit_code = 0;        // set by a command that wants a non-zero status without an error

    // The archive named by --archive, $UBUBIKO_ARCHIVE or the current folder.
    const archive::Archive& archive();

private:
    std::optional<archive::Archive> m_archive;
};

// Prints JSON (pretty) on stdout.
void print_json(const nlohmann::json& j);
// Whether stdout / stderr is a terminal (for colours and progress).
bool stdout_is_terminal();
bool stderr_is_terminal();
// Emphasis for terminals: bold when stdout is a terminal and NO_COLOR is unset.
std::string bold(const std::string& s);
// "1 234 567" (French) or "1,234,567" (English).
std::string group_digits(std::uint64_t n);
// "3,4 Mo" / "3.4 MB".
std::string human_size(std::uint64_t bytes);
// The user recorded in the journal: $UBUBIKO_USER, else the login name.
std::string acting_user();
// The date given to --as-of (YYYY-MM-DD), today when empty; a clear refusal otherwise.
Date parse_as_of(const std::string& text);
// For options that count (--limit, --offset, --max …): digits only. CLI11 would read "-3"
// into an unsigned count as a huge number.
CLI::Validator whole_number();

// Subcommand registration, one per source file.
void register_init(CLI::App& app, Context& ctx);
void register_plan(CLI::App& app, Context& ctx);
void register_file(CLI::App& app, Context& ctx);
void register_intake(CLI::App& app, Context& ctx);
void register_retention(CLI::App& app, Context& ctx);  // register, disposition, dispose
void register_records(CLI::App& app, Context& ctx);   // show, list, queue, classify, reclassify, edit
void register_stamp(CLI::App& app, Context& ctx);
void register_suggest(CLI::App& app, Context& ctx);   // suggest, train, eval
void register_audit(CLI::App& app, Context& ctx);
void register_search(CLI::App& app, Context& ctx);
void register_maintenance(CLI::App& app, Context& ctx);  // check, reindex
void register_user(CLI::App& app, Context& ctx);         // user add, passwd, disable, enable, role, list, roles
void register_serve(CLI::App& app, Context& ctx);

}  // namespace ububiko::cli
