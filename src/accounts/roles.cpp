#include "accounts/roles.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::accounts {
namespace {

// Columns: admin, archivist, secretary, auditor. Auditors check the archive's keeping; they
// do not read confidential records (civil status, personnel files).
constexpr bool Y = true, N = false;
// clang-format off
constexpr PermissionRow k_table[] = {
    {Permission::search, "search", "rechercher et consulter", "search and read", {Y, Y, Y, Y}},
    {Permission::view_confidential, "view_confidential", "voir les documents confidentiels",
     "see confidential records", {Y, Y, N, N}},
    {Permission::file, "file", "classer et enregistrer des documents", "file documents", {Y, Y, Y, N}},
    {Permission::classify, "classify", "classer la file d'attente", "classify the queue",
     {Y, Y, N, N}},
    {Permission::reclassify, "reclassify", "reclasser", "reclassify", {Y, Y, N, N}},
    {Permission::edit_metadata, "edit_metadata", "corriger les métadonnées", "edit metadata",
     {Y, Y, N, N}},
    {Permission::dispose, "dispose", "éliminer (bordereaux, destruction)",
     "dispose (slips, destruction)", {Y, Y, N, N}},
    {Permission::manage_users, "manage_users", "gérer les utilisateurs", "manage users",
     {Y, N, N, N}},
    {Permission::audit, "audit", "voir l'audit et le journal", "see the audit and the journal",
     {Y, Y, N, Y}},
};
// clang-format on

const PermissionRow& row(Permission p) {
    // The rows follow the enum, which a test checks.
    return k_table[static_cast<std::size_t>(p)];
}

}  // namespace

std::string_view role_name(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::archivist:
            return "archivist";
        case Role::secretary:
            return "secretary";
        case Role::auditor:
            return "auditor";
    }
    return "";
}

std::optional<Role> parse_role(std::string_view text) {
    const std::string folded = fold(trim(text));
    struct Name {
        const char* folded;
        Role role;
    };
    static const Name k_names[] = {
        {"admin", Role::admin},          {"administrator", Role::admin},
        {"administrateur", Role::admin}, {"archivist", Role::archivist},
        {"archiviste", Role::archivist}, {"secretary", Role::secretary},
        {"secretaire", Role::secretary}, {"auditor", Role::auditor},
        {"auditeur", Role::auditor},
    };
    for (const auto& n : k_names)
        if (folded == n.folded) return n.role;
    return std::nullopt;
}

std::string role_label(Role role) {
    switch (role) {
        case Role::admin:
            return tr("administrateur", "administrator");
        case Role::archivist:
            return tr("archiviste", "archivist");
        case Role::secretary:
            return tr("secrétaire", "secretary");
        case Role::auditor:
            return tr("auditeur", "auditor");
    }
    return "";
}

std::span<const PermissionRow> permission_table() {
    return k_table;
}

bool allows(Role role, Permission permission) {
    return row(permission).allowed[static_cast<std::size_t>(role)];
}

plan::Access max_access(Role role) {
    return allows(role, Permission::view_confidential) ? plan::Access::confidential
                                                       : plan::Access::internal;
}

std::string_view permission_name(Permission permission) {
    return row(permission).name;
}

std::string permission_label(Permission permission) {
    return tr(row(permission).label_fr, row(permission).label_en);
}

}  // namespace ububiko::accounts
