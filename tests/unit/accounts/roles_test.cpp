#include <catch2/catch.hpp>

#include "accounts/roles.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::accounts;

TEST_CASE("roles by their English and French names") {
    for (Role r : k_roles) CHECK(parse_role(role_name(r)) == r);
    CHECK(role_name(Role::secretary) == "secretary");
    CHECK(parse_role("administrateur") == Role::admin);
    CHECK(parse_role("Administrator") == Role::admin);
    CHECK(parse_role("ARCHIVISTE") == Role::archivist);
    CHECK(parse_role("secrétaire") == Role::secretary);
    CHECK(parse_role("Secretaire") == Role::secretary);
    CHECK(parse_role(" auditeur ") == Role::auditor);
    CHECK_FALSE(parse_role("chef"));
    CHECK_FALSE(parse_role(""));
    CHECK_FALSE(parse_role("admins"));
}

TEST_CASE("role and permission labels follow the language") {
    set_language(Language::en);
    CHECK(role_label(Role::secretary) == "secretary");
    CHECK(permission_label(Permission::view_confidential) == "see confidential records");
    set_language(Language::fr);
    CHECK(role_label(Role::secretary) == "secrétaire");
    CHECK(role_label(Role::admin) == "administrateur");
    CHECK(permission_label(Permission::classify) == "classer la file d'attente");
}

TEST_CASE("the permission table: spot checks") {
    auto table = permission_table();
    REQUIRE(table.size() == 9);
    for (std::size_t i = 0; i < table.size(); ++i)
        CHECK(static_cast<std::size_t>(table[i].permission) == i);
    CHECK(permission_name(Permission::manage_users) == "manage_users");

    for (const auto& row : table) {
        INFO(row.name);
        CHECK(allows(Role::admin, row.permission));
        CHECK(allows(Role::archivist, row.permission) ==
              (row.permission != Permission::manage_users));
    }
    CHECK(allows(Role::secretary, Permission::search));
    CHECK(allows(Role::secretary, Permission::file));
    CHECK_FALSE(allows(Role::secretary, Permission::classify));
    CHECK_FALSE(allows(Role::secretary, Permission::view_confidential));
    CHECK_FALSE(allows(Role::secretary, Permission::audit));
    CHECK(allows(Role::auditor, Permission::search));
    CHECK(allows(Role::auditor, Permission::audit));
    CHECK_FALSE(allows(Role::auditor, Permission::view_confidential));
    CHECK_FALSE(allows(Role::auditor, Permission::file));
    CHECK_FALSE(allows(Role::auditor, Permission::dispose));
    int secretary = 0, auditor = 0;
    for (const auto& row : table) {
        secretary += allows(Role::secretary, row.permission);
        auditor += allows(Role::auditor, row.permission);
    }
    CHECK(secretary == 2);
    CHECK(auditor == 2);

    CHECK(max_access(Role::admin) == plan::Access::confidential);
    CHECK(max_access(Role::archivist) == plan::Access::confidential);
    CHECK(max_access(Role::secretary) == plan::Access::internal);
    CHECK(max_access(Role::auditor) == plan::Access::internal);
}

TEST_CASE("the README's table of roles is the permission table") {
    // README.md shows the table as Markdown rows; this keeps it in step with the code.
    const std::string readme = read_file(test::source("README.md"));
    auto both = [](const char* fr, const char* en) { return std::string(fr) + " / " + en; };
    std::string header = "| |";
    for (Role r : k_roles) {
        set_language(Language::fr);
        std::string fr = role_label(r);
        set_language(Language::en);
        std::string en = role_label(r);
        header += " " + (fr == en ? fr : fr + " / " + en) + " |";
    }
    set_language(Language::fr);
    CHECK_THAT(readme, Catch::Contains(header));
    for (const auto& row : permission_table()) {
        std::string line = "| " + both(row.label_fr, row.label_en) + " |";
        for (bool allowed : row.allowed) line += allowed ? " ✔ |" : " – |";
        INFO(line);
        CHECK_THAT(readme, Catch::Contains(line + "\n"));
    }
}
