// Who is signed in: sessions held in memory (a restart signs everyone out), each with a
// random token (the HttpOnly cookie) and its own CSRF token for the forms.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ububiko::web {

// 32 random bytes as 64 hex digits, from getrandom(2).
std::string random_token();

struct Session {
    std::string token;  // the cookie's value
    std::string csrf;   // sent back in every form and in the X-CSRF-Token header of the API
    std::string user;   // "" before logging in (the login form's CSRF token lives here)
};

class SessionStore {
public:
    // Sessions end after `idle` without a request.
    explicit SessionStore(std::chrono::minutes idle = std::chrono::hours(8));

    Session create(const std::string& user);
    // The session of a token, seen now; nothing for an unknown or expired one.
    std::optional<Session> find(const std::string& token);
    void remove(const std::string& token);
    // Ends every session of a user (disabled, password changed).
    void remove_user(const std::string& user);
    std::size_t size();

private:
    struct Entry {
        Session session;
        std::chrono::steady_clock::time_point seen;
    };
    void expire_locked(std::chrono::steady_clock::time_point now);
    std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;
    std::chrono::minutes m_idle;
};

}  // namespace ububiko::web
