#include "accounts/throttle.hpp"

#include <algorithm>

namespace ububiko::accounts {
namespace {

// More failures than this add nothing (the delay is at its cap well before): a key's list
// stays short whatever an attacker sends.
constexpr std::size_t k_kept_failures = 16;

std::string name_key(std::string_view name) {
    std::string key(name);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

}  // namespace

LoginThrottle::LoginThrottle(Clock clock) : m_clock(std::move(clock)) {}

std::chrono::seconds LoginThrottle::delay_of(const Failures& failures, const std::string& key,
                                             Time now) const {
    auto it = failures.find(key);
    if (it == failures.end()) return std::chrono::seconds(0);
    const auto recent = std::count_if(it->second.begin(), it->second.end(),
                                      [&](Time t) { return now - t < k_window; });
    if (recent <= k_free_failures) return std::chrono::seconds(0);
    std::chrono::seconds delay = k_first_delay;
    for (auto n = recent - k_free_failures - 1; n > 0 && delay < k_max_delay; --n) delay *= 2;
    delay = std::min(delay, k_max_delay);
    const auto left = it->second.back() + delay - now;
    if (left <= Time::duration::zero()) return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(left);
}

std::chrono::seconds LoginThrottle::delay_for(std::string_view name,
                                              std::string_view client_ip) const {
    const Time now = m_clock();
    std::lock_guard guard(m_mutex);
    return std::max(delay_of(m_by_name, name_key(name), now),
                    delay_of(m_by_ip, std::string(client_ip), now));
}

void LoginThrottle::add(Failures& failures, const std::string& key, Time now) {
    auto& list = failures[key];
    while (!list.empty() && now - list.front() >= k_window) list.pop_front();
    list.push_back(now);
    if (list.size() > k_kept_failures) list.pop_front();
}

void LoginThrottle::forget_old(Time now) {
    // At most once a minute: every key whose failures have all left the window goes.
    if (now - m_last_sweep < std::chrono::minutes(1)) return;
    m_last_sweep = now;
    for (Failures* failures : {&m_by_name, &m_by_ip})
        std::erase_if(*failures, [&](const auto& entry) {
            return entry.second.empty() || now - entry.second.back() >= k_window;
        });
}

void LoginThrottle::record_failure(std::string_view name, std::string_view client_ip) {
    const Time now = m_clock();
    std::lock_guard guard(m_mutex);
    forget_old(now);
    add(m_by_name, name_key(name), now);
    add(m_by_ip, std::string(client_ip), now);
}

void LoginThrottle::record_success(std::string_view name, std::string_view /*client_ip*/) {
    std::lock_guard guard(m_mutex);
    m_by_name.erase(name_key(name));
}

}  // namespace ububiko::accounts
