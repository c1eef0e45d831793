#include "core/system.hpp"

#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sched.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "core/fs.hpp"
#include "core/i18n.hpp"

namespace ububiko {

void random_bytes(void* out, std::size_t size) {
    auto* bytes = static_cast<unsigned char*>(out);
    std::size_t got = 0;
    while (got < size) {
        ssize_t n = ::getrandom(bytes + got, size - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io(tr("obtenir des octets aléatoires", "get random bytes"), "getrandom", errno);
        }
        got += static_cast<std::size_t>(n);
    }
}

int max_open_descriptor() {
    rlimit files{};
    return ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536 ? static_cast<int>(files.rlim_cur) : 65536;
}

void exec_child(const ChildExec& c) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the caller
    if (::getppid() != c.parent) ::_exit(127);
    int err = 0;
    if (::dup2(c.stdin_fd, 0) < 0 || ::dup2(c.stdout_fd, 1) < 0 || (c.stderr_to_stdout && ::dup2(c.stdout_fd, 2) < 0))
        err = errno;
    if (err == 0) {
        // Descriptors the rest of the program opened without O_CLOEXEC stay out of the child.
        if (c.error_fd > 3 && ::close_range(3, static_cast<unsigned>(c.error_fd - 1), 0) != 0)
            for (int fd = 3; fd < c.error_fd; ++fd) ::close(fd);
        if (::close_range(static_cast<unsigned>(c.error_fd + 1), ~0U, 0) != 0)
            for (int fd = c.error_fd + 1; fd <= c.max_fd; ++fd) ::close(fd);
        if (c.memory_bytes > 0 && k_can_limit_address_space) {
            const rlimit limit{c.memory_bytes, c.memory_bytes};
            if (::setrlimit(RLIMIT_AS, &limit) != 0) err = errno;
        }
    }
    if (err == 0) {
        ::execve(c.argv[0], c.argv, c.envp);
        err = errno;
    }
    ssize_t ignored = ::write(c.error_fd, &err, sizeof err);
    (void)ignored;
    ::_exit(127);
}

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
