// One worker child process, seen from the pool: started with fork and execve, spoken to
// through pipes on its stdin and stdout, killed and reaped when it misbehaves. Every call
// is made from the pool thread that owns the worker; that thread blocks SIGPIPE, so a
// write to a dead worker fails with EPIPE instead of killing the program.
// Internal to the extract module.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fs.hpp"

namespace ububiko::extract::detail {

// How to start a worker: program and arguments, the whole environment ("NAME=value"),
// and the address-space limit set in the child before exec (0: none; ignored in builds
// with AddressSanitizer, which cannot run under one).
struct SpawnSpec {
    std::vector<std::string> argv;
    std::vector<std::string> environment;
    std::size_t memory_bytes = 0;
};

// The environment of this process with OMP_THREAD_LIMIT=1 in place of any previous value:
// Tesseract's OpenMP reads it once, when the worker loads it (see OCR-NOTES.md).
std::vector<std::string> worker_environment();

class WorkerProcess {
public:
    using Clock = std::chrono::steady_clock;
    // How a transfer to or from the worker ended. closed: the worker is gone (its end of the
    // pipe is closed). cancelled: cancel_fd became readable.
    enum class IoStatus { ok, timeout, closed, cancelled };

    // Forks and execs the worker. Throws Error(io) when the pipes cannot be made, fork
    // fails, or the program cannot be executed (the child reports exec's errno).
    explicit WorkerProcess(const SpawnSpec& spec);
    // Stops the worker as stop() does.
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    pid_t pid() const { return m_pid; }

    // Writes a whole frame before the deadline.
    IoStatus send(std::string_view frame, Clock::time_point deadline, int cancel_fd);

    // Reads one frame's payload before the deadline. Throws ProtocolError when the frame
    // header is impossible.
    IoStatus receive(std::string& payload, Clock::time_point deadline, int cancel_fd);

    // True when the worker has written something (or closed its output) while no request
    // was pending: it cannot be trusted with the next one.
    bool has_unexpected_output() const;

    // The worker's wait status if it has exited (it is then reaped), without waiting.
    std::optional<int> poll_exit();

    // Kills the worker with SIGKILL and reaps it; returns its wait status (which says how
    // it died if it had died already).
    int kill();

    // Closes its stdin (a worker exits on end of input), waits up to grace for it to
    // exit, kills it if it has not; returns its wait status. Idempotent.
    int stop(std::chrono::milliseconds grace);

private:
    // Waits up to grace for the worker to exit; its status if it did.
    std::optional<int> wait_for_exit(std::chrono::milliseconds grace);

    pid_t m_pid = -1;
    int m_status = 0;  // wait status once reaped
    UniqueFd m_to_worker;
    UniqueFd m_from_worker;
};

}  // namespace ububiko::extract::detail
