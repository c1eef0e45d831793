#include "accounts/user_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "accounts/password.hpp"
#include "archive/writer.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ububiko::accounts {

using nlohmann::json;

namespace {

constexpr const char* k_schema = "ububiko/users/1";
constexpr std::size_t k_min_name = 2, k_max_name = 32;
constexpr std::size_t k_max_full_name_bytes = 200;

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// The users.json document; users sorted by name so that the file diffs well.
std::string to_file(std::vector<User> users) {
    std::sort(users.begin(), users.end(),
              [](const User& a, const User& b) { return a.name < b.name; });
    json list = json::array();
    for (const User& u : users)
        list.push_back({{"name", u.name},
                        {"full_name", u.full_name},
                        {"role", std::string(role_name(u.role))},
                        {"disabled", u.disabled},
                        {"password_hash", u.password_hash},
                        {"created", u.created},
                        {"updated", u.updated}});
    return json{{"schema", k_schema}, {"users", list}}.dump(2) + "\n";
}

[[noreturn]] void throw_corrupt(const std::string& path, const std::string& why) {
    throw Error(ErrorCode::corrupt,
                tr("fichier des utilisateurs illisible : ", "unreadable users file: ") + why,
                Place{path});
}

User user_from_json(const json& j, const std::string& path, std::size_t index) {
    const std::string where = tr("utilisateur n° ", "user #") + std::to_string(index + 1);
    if (!j.is_object())
        throw_corrupt(path, where + tr(" : objet attendu", ": an object is expected"));
    auto text = [&](const char* key, bool required) -> std::string {
        auto it = j.find(key);
        if (it == j.end()) {
            if (!required) return {};
            throw_corrupt(path, where + tr(" : champ « ", ": field '") + key +
                                    tr(" » manquant", "' missing"));
        }
        if (!it->is_string())
            throw_corrupt(path, where + tr(" : champ « ", ": field '") + key +
                                    tr(" » : texte attendu", "': text expected"));
        return it->get<std::string>();
    };
    User u;
    u.name = text("name", true);
    if (u.name.size() < k_min_name || u.name.size() > k_max_name ||
        !std::all_of(u.name.begin(), u.name.end(), is_name_char))
        throw_corrupt(
            path, where + tr(" : nom invalide « ", ": invalid name '") + u.name + tr(" »", "'"));
    u.full_name = text("full_name", false);
    const std::string role = text("role", true);
    std::optional<Role> r;
    for (Role candidate : k_roles)
        if (role_name(candidate) == role) r = candidate;
    if (!r)
        throw_corrupt(path,
                      u.name + tr(" : rôle inconnu « ", ": unknown role '") + role + tr(" »", "'"));
    u.role = *r;
    if (auto it = j.find("disabled"); it != j.end()) {
        if (!it->is_boolean())
            throw_corrupt(path, u.name + tr(" : « disabled » doit valoir true ou false",
                                            ": 'disabled' must be true or false"));
        u.disabled = it->get<bool>();
    }
    u.password_hash = text("password_hash", true);
    if (!looks_like_argon2id(u.password_hash))
        throw_corrupt(path, u.name + tr(" : le mot de passe n'est pas un hachage Argon2id",
                                        ": the password is not an Argon2id hash"));
    u.created = text("created", false);
    u.updated = text("updated", false);
    return u;
}

std::vector<User> parse_users(const std::string& bytes, const std::string& path) {
    json doc = json::parse(bytes, nullptr, false);
    if (doc.is_discarded()) throw_corrupt(path, tr("JSON invalide", "invalid JSON"));
    if (!doc.is_object() || doc.value("schema", "") != k_schema)
        throw_corrupt(path, tr("« schema » doit valoir ", "'schema' must be ") + k_schema);
    auto list = doc.find("users");
    if (list == doc.end() || !list->is_array())
        throw_corrupt(path, tr("la liste « users » manque", "the 'users' list is missing"));
    std::vector<User> users;
    for (std::size_t i = 0; i < list->size(); ++i) {
        User u = user_from_json((*list)[i], path, i);
        for (const User& other : users)
            if (other.name == u.name)
                throw_corrupt(path, tr("utilisateur en double : ", "duplicate user: ") + u.name);
        users.push_back(std::move(u));
    }
    return users;
}

// An exclusive flock on users.lock, held while a change reads, writes and journals.
class UsersLock {
public:
    explicit UsersLock(const std::string& path)
        : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
        if (!m_fd) throw_io(tr("ouvrir", "open"), path, errno);
        while (::flock(m_fd.get(), LOCK_EX) != 0)
            if (errno != EINTR) throw_io("flock", path, errno);
    }
    // Closing the descriptor releases the lock.

private:
    UniqueFd m_fd;
};

User* find_in(std::vector<User>& users, const std::string& name) {
    for (User& u : users)
        if (u.name == name) return &u;
    return nullptr;
}

Error unknown_user(const std::string& name) {
    return Error(ErrorCode::not_found, tr("utilisateur inconnu : ", "unknown user: ") + name,
                 Place{"", 0, 0, "name"});
}

// Whether `name` is the only enabled administrator.
bool last_active_admin(const std::vector<User>& users, const std::string& name) {
    bool is_one = false;
    int count = 0;
    for (const User& u : users) {
        if (u.role != Role::admin || u.disabled) continue;
        ++count;
        is_one = is_one || u.name == name;
    }
    return is_one && count == 1;
}

}  // namespace

std::string normalize_user_name(std::string_view name) {
    std::string out(trim(name));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (out.size() < k_min_name || out.size() > k_max_name ||
        !std::all_of(out.begin(), out.end(), is_name_char))
        throw Error(ErrorCode::invalid_input,
                    tr("nom d'utilisateur invalide « ", "invalid user name '") + out +
                        tr(" » : de 2 à 32 caractères parmi a-z, 0-9, point, tiret et soulignement",
                           "': 2 to 32 characters among a-z, 0-9, dot, hyphen and underscore"),
                    Place{"", 0, 0, "name"});
    return out;
}

std::string normalize_full_name(std::string_view full_name) {
    std::string out(trim(full_name));
    const Place field{"", 0, 0, "full_name"};
    if (!is_valid_utf8(out))
        throw Error(
            ErrorCode::invalid_input,
            tr("le nom complet n'est pas du texte UTF-8", "the full name is not UTF-8 text"),
            field);
    if (out.size() > k_max_full_name_bytes)
        throw Error(ErrorCode::invalid_input,
                    tr("nom complet trop long (200 octets au plus)",
                       "full name too long (200 bytes at most)"),
                    field);
    for (unsigned char c : out)
        if (c < 0x20 || c == 0x7f)
            throw Error(ErrorCode::invalid_input,
                        tr("le nom complet contient un caractère de contrôle",
                           "the full name holds a control character"),
                        field);
    return out;
}

UserStore::UserStore(const archive::Archive& archive)
    : m_archive(archive),
      m_path(archive.root() + "/users.json"),
      m_lock_path(archive.root() + "/users.lock") {
    Loaded l = load_file();
    m_users = std::move(l.users);
    m_stamp = l.stamp;
}

UserStore::Stamp UserStore::stamp_now() const {
    struct stat st {};
    if (::stat(m_path.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        throw_io(tr("examiner", "stat"), m_path, errno);
    }
    return {true, static_cast<unsigned long long>(st.st_ino),
            static_cast<unsigned long long>(st.st_size),
            static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

UserStore::Loaded UserStore::load_file() const {
    Loaded out;
    UniqueFd fd(::open(m_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) return out;
        throw_io(tr("ouvrir", "open"), m_path, errno);
    }
    // The stamp of the very file read (it is replaced by rename, never rewritten in place).
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw_io(tr("examiner", "stat"), m_path, errno);
    out.stamp = {true, static_cast<unsigned long long>(st.st_ino),
                 static_cast<unsigned long long>(st.st_size),
                 static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec};
    char buffer[1 << 14];
    while (std::size_t n = read_some(fd, m_path, buffer, sizeof buffer))
        out.bytes.append(buffer, n);
    out.users = parse_users(out.bytes, m_path);
    return out;
}

std::vector<User> UserStore::list() const {
    std::lock_guard guard(m_mutex);
    std::vector<User> out = m_users;
    std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.name < b.name; });
    return out;
}

std::optional<User> UserStore::find(std::string_view name) const {
    std::string key;
    try {
        key = normalize_user_name(name);
    } catch (const Error&) {
        return std::nullopt;
    }
    std::lock_guard guard(m_mutex);
    for (const User& u : m_users)
        if (u.name == key) return u;
    return std::nullopt;
}

void UserStore::change(const std::function<json(std::vector<User>&)>& apply,
                       const std::string& actor) {
    // Lock order: users.lock, then the archive's writer lock (never the other way round).
    UsersLock users_lock(m_lock_path);
    archive::Writer writer(m_archive);
    Loaded current = load_file();
    std::vector<User> users = current.users;
    json entry = apply(users);
    if (entry.is_null()) {
        std::lock_guard guard(m_mutex);
        m_users = std::move(current.users);
        m_stamp = current.stamp;
        return;
    }
    replace_file_atomically(m_path, to_file(users), FileMode::owner_only);
    json line = {{"time", now_utc_iso()}, {"user", actor}};
    line.update(entry);
    try {
        writer.append_journal({line});
    } catch (...) {
        // An unjournaled change must not stay: the previous file goes back.
        try {
            if (current.stamp.exists)
                replace_file_atomically(m_path, current.bytes, FileMode::owner_only);
            else
                ::unlink(m_path.c_str());
        } catch (const Error&) {
        }
        throw;
    }
    Stamp stamp = stamp_now();
    std::lock_guard guard(m_mutex);
    m_users = std::move(users);
    m_stamp = stamp;
}

User UserStore::add(std::string_view name, std::string_view full_name, Role role,
                    std::string_view password, const std::string& actor) {
    User u;
    u.name = normalize_user_name(name);
    u.full_name = normalize_full_name(full_name);
    u.role = role;
    check_password(password);
    u.password_hash = hash_password(password);  // before the locks: it takes a while
    change(
        [&](std::vector<User>& users) -> json {
            if (find_in(users, u.name))
                throw Error(
                    ErrorCode::conflict,
                    tr("l'utilisateur existe déjà : ", "the user already exists: ") + u.name,
                    Place{"", 0, 0, "name"});
            u.created = u.updated = now_utc_iso();
            users.push_back(u);
            json e = {{"action", "user-add"},
                      {"account", u.name},
                      {"role", std::string(role_name(role))}};
            if (!u.full_name.empty()) e["full_name"] = u.full_name;
            return e;
        },
        actor);
    return u;
}

void UserStore::set_password(std::string_view name, std::string_view password,
                             const std::string& actor) {
    const std::string key = normalize_user_name(name);
    check_password(password);
    // An unknown name is reported before the hash is computed, when it is already known.
    if (!find(key) && !changed_since_load()) throw unknown_user(key);
    const std::string hash = hash_password(password);
    change(
        [&](std::vector<User>& users) -> json {
            User* u = find_in(users, key);
            if (!u) throw unknown_user(key);
            u->password_hash = hash;
            u->updated = now_utc_iso();
            return {{"action", "user-passwd"}, {"account", key}};
        },
        actor);
}

bool UserStore::set_disabled(std::string_view name, bool disabled, const std::string& actor) {
    const std::string key = normalize_user_name(name);
    bool changed = false;
    change(
        [&](std::vector<User>& users) -> json {
            User* u = find_in(users, key);
            if (!u) throw unknown_user(key);
            if (u->disabled == disabled) return nullptr;
            if (disabled && last_active_admin(users, key))
                throw Error(ErrorCode::conflict,
                            key + tr(" est le dernier administrateur actif : nommez-en un autre "
                                     "avant de le désactiver",
                                     " is the last active administrator: appoint another before "
                                     "disabling this one"));
            u->disabled = disabled;
            u->updated = now_utc_iso();
            changed = true;
            return {{"action", disabled ? "user-disable" : "user-enable"}, {"account", key}};
        },
        actor);
    return changed;
}

bool UserStore::set_role(std::string_view name, Role role, const std::string& actor) {
    const std::string key = normalize_user_name(name);
    bool changed = false;
    change(
        [&](std::vector<User>& users) -> json {
            User* u = find_in(users, key);
            if (!u) throw unknown_user(key);
            if (u->role == role) return nullptr;
            if (role != Role::admin && last_active_admin(users, key))
                throw Error(ErrorCode::conflict,
                            key + tr(" est le dernier administrateur actif : nommez-en un autre "
                                     "avant de changer son rôle",
                                     " is the last active administrator: appoint another before "
                                     "changing this one's role"));
            json e = {{"action", "user-role"},
                      {"account", key},
                      {"role", std::string(role_name(role))},
                      {"from_role", std::string(role_name(u->role))}};
            u->role = role;
            u->updated = now_utc_iso();
            changed = true;
            return e;
        },
        actor);
    return changed;
}

std::optional<User> UserStore::authenticate(std::string_view name,
                                            std::string_view password) const {
    std::optional<User> user = find(name);
    if (!user) {
        waste_one_verification(password);
        return std::nullopt;
    }
    // A disabled user's password is still verified: the refusal takes the same time.
    const bool match = verify_password(user->password_hash, password);
    if (!match || user->disabled) return std::nullopt;
    return user;
}

bool UserStore::changed_since_load() const {
    Stamp now = stamp_now();
    std::lock_guard guard(m_mutex);
    return !(now == m_stamp);
}

void UserStore::reload() {
    Loaded l = load_file();
    std::lock_guard guard(m_mutex);
    m_users = std::move(l.users);
    m_stamp = l.stamp;
}

}  // namespace ububiko::accounts
