// Facts about the running process and machine.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace ububiko {

// Login name of the user running the program ($USER, else the password database).
std::string current_user();
// Absolute path of the running executable (/proc/self/exe).
std::string self_executable();
// The extraction worker program: $UBUBIKO_EXTRACT_WORKER, else ububiko-extract beside
// the running executable.
std::string extract_worker_program();
// Number of processors available to this process (at least 1).
unsigned processor_count();

}  // namespace ububiko

namespace ububiko {

// Fault injection for the crash tests: when the environment variable
// UBUBIKO_CRASH_AT equals `name` (optionally "name:N" for its N-th passage), the process
// kills itself with SIGKILL right there, as a power cut or an OOM kill would.
void crash_point(const char* name);

}  // namespace ububiko


namespace ububiko {

// A started child process, by pid: killed (SIGKILL) and reaped when it goes out of scope
// unless reaped already. How it was started (pipes, limits) is the owner's business.
// Fills `size` bytes at `out` from the kernel's random source (getrandom(2)): password
// salts, session tokens. Throws Error(io) if the system gives none.
void random_bytes(void* out, std::size_t size);

// Whether a child's address space can be limited: not under AddressSanitizer, which
// reserves terabytes of it.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool k_can_limit_address_space = false;
#else
inline constexpr bool k_can_limit_address_space = true;
#endif

// What a child process does between fork() and exec(), with async-signal-safe calls only:
// unblocks signals and restores SIGPIPE, dies with its parent (PR_SET_PDEATHSIG), takes
// stdin_fd and stdout_fd as 0 and 1 (and stdout_fd as 2 too with stderr_to_stdout), closes
// every other descriptor but error_fd, limits its address space to memory_bytes (0: no
// limit; never under AddressSanitizer, which cannot run so), and execs argv with envp. If
// any step fails it writes its errno to error_fd (a close-on-exec pipe: the parent reads
// nothing when exec worked) and exits with 127.
struct ChildExec {
    int stdin_fd = -1, stdout_fd = -1, error_fd = -1;
    bool stderr_to_stdout = false;
    std::size_t memory_bytes = 0;
    pid_t parent = -1;  // getpid() before fork(): a child whose parent already died stops
    int max_fd = 0;     // highest descriptor to close when close_range is missing (max_open_descriptor())
    char* const* argv = nullptr;
    char* const* envp = nullptr;
};
[[noreturn]] void exec_child(const ChildExec& spec);
// The descriptor limit, for ChildExec::max_fd (read before fork: sysconf is not
// async-signal-safe).
int max_open_descriptor();

class ChildProcess {
public:
    ChildProcess() = default;
    explicit ChildProcess(pid_t pid) : m_pid(pid) {}
    // Takes charge of a child just forked (none held before).
    void adopt(pid_t pid) { m_pid = pid; }
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Kills it and returns its wait status.
    int kill();
    // Waits for it; returns its wait status (0 if it could not be had).
    int wait();
    // Its wait status once it has exited, or nullopt at the deadline (still running).
    std::optional<int> wait_until(std::chrono::steady_clock::time_point deadline);

private:
    pid_t m_pid = -1;
};

}  // namespace ububiko
