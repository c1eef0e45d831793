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
