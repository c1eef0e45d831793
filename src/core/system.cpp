#include "core/system.hpp"

#include <pwd.h>
#include <sched.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

namespace ububiko {

std::string current_user() {
    if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0') return u;
    if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr) return pw->pw_name;
    return "uid " + std::to_string(::getuid());
}

std::string self_executable() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "ububiko";
    return std::string(buf, static_cast<std::size_t>(n));
}

std::string extract_worker_program() {
    if (const char* w = std::getenv("UBUBIKO_EXTRACT_WORKER"); w != nullptr && *w != '\0') return w;
    std::string self = self_executable();
    auto slash = self.rfind('/');
    return (slash == std::string::npos ? std::string() : self.substr(0, slash + 1)) + "ububiko-extract";
}

unsigned processor_count() {
    cpu_set_t set;
    if (::sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0) return static_cast<unsigned>(n);
    }
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<unsigned>(n) : 1;
}

}  // namespace ububiko

#include <csignal>
#include <cstring>
#include <string>

namespace ububiko {

void crash_point(const char* name) {
    static const char* const target = std::getenv("UBUBIKO_CRASH_AT");
    if (target == nullptr) return;
    static int passages = 0;
    std::string t = target;
    int wanted = 1;
    // "name:N": the N-th passage; the name itself may contain ':'.
    if (auto colon = t.rfind(':'); colon != std::string::npos && colon + 1 < t.size() &&
                                   t.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        wanted = std::atoi(t.c_str() + colon + 1);
        t = t.substr(0, colon);
    }
    if (t != name) return;
    if (++passages == wanted) ::raise(SIGKILL);
}

}  // namespace ububiko

#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace ububiko {

ChildProcess::~ChildProcess() {
    if (m_pid > 0) kill();
}

int ChildProcess::kill() {
    if (m_pid > 0) ::kill(m_pid, SIGKILL);
    return wait();
}

int ChildProcess::wait() {
    if (m_pid <= 0) return 0;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    m_pid = -1;
    return r < 0 ? 0 : status;
}

std::optional<int> ChildProcess::wait_until(std::chrono::steady_clock::time_point deadline) {
    if (m_pid <= 0) return 0;
    auto nap = std::chrono::microseconds(200);
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_pid = -1;
            return status;
        }
        if (r < 0 && errno != EINTR) {
            m_pid = -1;
            return 0;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(nap);
        nap = std::min(nap * 2, std::chrono::microseconds(20'000));
    }
}

}  // namespace ububiko
