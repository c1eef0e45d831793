// The people who may sign in to an archive's web application: ARCHIVE/users.json
// (docs/archive-format.md), readable by its owner only. The command line (`ububiko user`)
// and a running server change it concurrently: every change is made under an exclusive
// flock on ARCHIVE/users.lock, re-reads the file, replaces it atomically and is journaled.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "archive/archive.hpp"

namespace ububiko::accounts {

struct User {
    std::string name;       // the login: 2–32 characters of [a-z0-9._-]
    std::string full_name;  // for people, may be empty
    Role role = Role::secretary;
    bool disabled = false;
    std::string password_hash;     // Argon2id, encoded (accounts/password.hpp)
    std::string created, updated;  // ISO 8601 UTC
};

// The login as stored: ASCII letters lower-cased. Throws Error(invalid_input), field "name",
// unless the result is 2–32 characters of [a-z0-9._-].
std::string normalize_user_name(std::string_view name);

// A full name as stored: trimmed, UTF-8, at most 200 bytes, no control characters; throws
// Error(invalid_input), field "full_name", otherwise.
std::string normalize_full_name(std::string_view full_name);

class UserStore {
public:
    // Reads the archive's users.json (no file yet: no users). Throws Error(corrupt) naming
    // the file when it cannot be understood. The store keeps a reference to the archive,
    // which must outlive it. All methods may be called from several threads.
    explicit UserStore(const archive::Archive& archive);
    UserStore(const UserStore&) = delete;
    UserStore& operator=(const UserStore&) = delete;

    // ARCHIVE/users.json.
    const std::string& path() const { return m_path; }

    // The users as last loaded, by name.
    std::vector<User> list() const;
    // One user by login (normalised first); nullopt when there is none or the name is not
    // a valid login.
    std::optional<User> find(std::string_view name) const;

    // The changes below validate their arguments first (Error(invalid_input) naming the
    // field: "name", "full_name", "password"), then take users.lock and the archive's writer
    // lock (Error(busy) if another writer keeps it), work on the file as it is on disk now,
    // write it and append one journal entry whose "user" is `actor`. The journal never sees
    // a password or a hash. If the journal cannot be written the file is put back.

    // Adds a user. Error(conflict) if the name exists (disabled or not).
    User add(std::string_view name, std::string_view full_name, Role role,
             std::string_view password, const std::string& actor);
    // Sets a new password. Error(not_found) for an unknown user.
    void set_password(std::string_view name, std::string_view password, const std::string& actor);
    // Disables or re-enables a user; false (and nothing journaled) when it already was so.
    // Error(not_found) for an unknown user; Error(conflict) for disabling the last active
    // administrator (nobody could then manage users from the web application).
    bool set_disabled(std::string_view name, bool disabled, const std::string& actor);
    // Changes a user's role; false when it already had it. Error(not_found), or
    // Error(conflict) for taking the role of the last active administrator.
    bool set_role(std::string_view name, Role role, const std::string& actor);

    // The user whose password this is, if enabled; nullopt for an unknown name, a wrong
    // password or a disabled user. Takes the time of one Argon2id verification in every
    // case, so that the time of a refusal does not say which names exist.
    std::optional<User> authenticate(std::string_view name, std::string_view password) const;

    // Whether users.json changed on disk (another process) since it was last loaded,
    // judged by its inode, size and modification time.
    bool changed_since_load() const;
    // Reads users.json again. Throws Error(corrupt) as the constructor does (the users in
    // memory are then kept).
    void reload();

private:
    struct Stamp {
        bool exists = false;
        unsigned long long inode = 0, size = 0;
        long long mtime_ns = 0;
        bool operator==(const Stamp&) const = default;
    };
    struct Loaded {
        std::vector<User> users;
        Stamp stamp;
        std::string bytes;  // the file as read, to put back if journaling fails
    };
    Loaded load_file() const;
    Stamp stamp_now() const;

    // Applies a change to the users as on disk, under both locks; `apply` returns the journal
    // entry's own fields, or null when there is nothing to change.
    void change(const std::function<nlohmann::json(std::vector<User>&)>& apply,
                const std::string& actor);

    const archive::Archive& m_archive;
    std::string m_path;
    std::string m_lock_path;
    mutable std::mutex m_mutex;  // guards m_users and m_stamp
    std::vector<User> m_users;
    Stamp m_stamp;
};

}  // namespace ububiko::accounts
