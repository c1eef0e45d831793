#include "web/sessions.hpp"

#include "core/system.hpp"
#include "core/text.hpp"

namespace ububiko::web {

std::string random_token() {
    unsigned char bytes[32];
    random_bytes(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

SessionStore::SessionStore(std::chrono::minutes idle) : m_idle(idle) {}

// Anonymous sessions (a login form shown) are cheap to make: their number is bounded so
// that nobody can fill the memory by asking for the login page.
namespace {
constexpr std::size_t k_max_sessions = 20000;
}

Session SessionStore::create(const std::string& user) {
    Session s{random_token(), random_token(), user};
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    expire_locked(now);
    if (m_entries.size() >= k_max_sessions) {
        // Drop the anonymous session seen longest ago, else the oldest of all.
        auto victim = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            bool anonymous = it->second.session.user.empty();
            bool victim_anonymous = victim != m_entries.end() && victim->second.session.user.empty();
            if (victim == m_entries.end() || (anonymous && !victim_anonymous) ||
                (anonymous == victim_anonymous && it->second.seen < victim->second.seen))
                victim = it;
        }
        if (victim != m_entries.end()) m_entries.erase(victim);
    }
    m_entries[s.token] = {s, now};
    return s;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    if (token.size() != 64) return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(token);
    if (it == m_entries.end()) return std::nullopt;
    if (now - it->second.seen > m_idle) {
        m_entries.erase(it);
        return std::nullopt;
    }
    it->second.seen = now;
    return it->second.session;
}

void SessionStore::remove(const std::string& token) {
    std::lock_guard lock(m_mutex);
    m_entries.erase(token);
}

void SessionStore::remove_user(const std::string& user) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = it->second.session.user == user ? m_entries.erase(it) : std::next(it);
}

std::size_t SessionStore::size() {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

void SessionStore::expire_locked(std::chrono::steady_clock::time_point now) {
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = now - it->second.seen > m_idle ? m_entries.erase(it) : std::next(it);
}

}  // namespace ububiko::web
