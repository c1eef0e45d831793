// Facts about the running process and machine.
#pragma once

#include <sys/types.h>

#include <chrono>
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
