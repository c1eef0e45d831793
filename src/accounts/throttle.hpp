// Slowing down password guessing at the web application's sign-in: after a few failures for
// one name or from one address, each further attempt must wait, longer and longer.
// In memory only (a restart forgets), shared by the server's threads.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ububiko::accounts {

class LoginThrottle {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    // Failures counted: those of the last 15 minutes. Free: the first 4. Then the 5th
    // failure asks 30 s before the next attempt, each further one twice as long, at most
    // 15 minutes.
    static constexpr int k_free_failures = 4;
    static constexpr std::chrono::minutes k_window{15};
    static constexpr std::chrono::seconds k_first_delay{30};
    static constexpr std::chrono::seconds k_max_delay{15 * 60};

    // `clock` gives the time (tests pass one they move by hand).
    explicit LoginThrottle(Clock clock = [] { return std::chrono::steady_clock::now(); });

    // How long an attempt to sign in as `name` from `client_ip` must still wait (0: it may
    // go ahead): the longer of what the name's failures and the address's failures ask,
    // counted from the last of them. Names are compared without case.
    std::chrono::seconds delay_for(std::string_view name, std::string_view client_ip) const;
    // A wrong password (or an unknown or disabled name) for name from client_ip.
    void record_failure(std::string_view name, std::string_view client_ip);
    // A successful sign-in: the name's failures are forgotten (not the address's, which may
    // be guessing other names).
    void record_success(std::string_view name, std::string_view client_ip);

private:
    using Time = std::chrono::steady_clock::time_point;
    using Failures = std::map<std::string, std::deque<Time>, std::less<>>;

    std::chrono::seconds delay_of(const Failures& failures, const std::string& key, Time now) const;
    void add(Failures& failures, const std::string& key, Time now);
    void forget_old(Time now);

    Clock m_clock;
    mutable std::mutex m_mutex;
    Failures m_by_name;
    Failures m_by_ip;
    Time m_last_sweep{};
};

}  // namespace ububiko::accounts
