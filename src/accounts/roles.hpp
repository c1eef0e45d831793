// Who may do what: the four roles of the people who use an archive through the web
// application, and the one permission table that the server, the README and the web UI
// all read (nothing else decides what a role allows).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "plan/plan.hpp"

namespace ububiko::accounts {

enum class Role { admin, archivist, secretary, auditor };

// Every role, in the order of the table's columns.
inline constexpr std::array<Role, 4> k_roles = {Role::admin, Role::archivist, Role::secretary,
                                                Role::auditor};

// The stable name stored in users.json and the journal: "admin", "archivist", "secretary",
// "auditor".
std::string_view role_name(Role role);
// A role from its English or French name, in any case, with or without accents
// ("Administrateur", "archiviste", "secrétaire", "secretaire", "auditeur"); nullopt otherwise.
std::optional<Role> parse_role(std::string_view text);
// The role's name for people, in the user's language ("secrétaire" / "secretary").
std::string role_label(Role role);

enum class Permission {
    search,             // search and read records up to the role's access level
    view_confidential,  // see records whose access is confidential
    file,               // file documents, or put them in the queue
    classify,           // file documents of the queue under a code
    reclassify,         // move a filed record under another code
    edit_metadata,      // correct a record's metadata
    dispose,            // print disposition slips and destroy records
    manage_users,       // add, disable, re-enable users, change roles and passwords
    audit,              // see the audit and the journal
};

// One row of the table: a permission and, for each role of k_roles, whether it has it.
struct PermissionRow {
    Permission permission;
    std::string_view name;  // "view_confidential"
    const char* label_fr;   // for people
    const char* label_en;
    std::array<bool, k_roles.size()> allowed;  // indexed like k_roles
};

// The whole table, one row per permission in the order of the enum.
std::span<const PermissionRow> permission_table();

// Whether a role has a permission (read from permission_table()).
bool allows(Role role, Permission permission);
// The highest access level of the records a role may see: confidential for admin and
// archivist, internal for the others (consistent with Permission::view_confidential).
plan::Access max_access(Role role);

std::string_view permission_name(Permission permission);
// The permission's description for people, in the user's language.
std::string permission_label(Permission permission);

}  // namespace ububiko::accounts
