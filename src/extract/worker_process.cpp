#include "extract/worker_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/error.hpp"
#include "core/system.hpp"
#include "core/i18n.hpp"
#include "extract/protocol.hpp"

extern char** environ;

namespace ububiko::extract::detail {

namespace {

// A pipe end that does not land on 0, 1 or 2 (possible when this process runs with a
// standard stream closed), so that the child's dup2 calls cannot clobber each other.
UniqueFd above_stdio(int fd) {
    UniqueFd owned(fd);
    if (fd > 2) return owned;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (moved < 0) throw_io(tr("préparer un tube pour", "set up a pipe for"), "worker", errno);
    return UniqueFd(moved);
}

struct Pipe {
    UniqueFd read;
    UniqueFd write;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw_io(tr("créer un tube pour", "create a pipe for"), "worker", errno);
    Pipe p{above_stdio(fds[0]), above_stdio(fds[1])};
    return p;
}

// Milliseconds left before the deadline, rounded up so that poll does not spin.
int remaining_ms(WorkerProcess::Clock::time_point deadline) {
    const auto left = deadline - WorkerProcess::Clock::now();
    if (left <= std::chrono::nanoseconds::zero()) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return ms > 1'000'000 ? 1'000'000 : static_cast<int>(ms);
}

// The SIGPIPE that a failed write raised is pending on this thread (where it is blocked):
// take it so that it cannot be delivered later.
void discard_pending_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    const timespec zero{0, 0};
    while (::sigtimedwait(&set, nullptr, &zero) == SIGPIPE) {
    }
}


std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

}  // namespace

std::vector<std::string> worker_environment() {
    std::vector<std::string> env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, "OMP_THREAD_LIMIT=", 17) != 0) env.emplace_back(*entry);
    }
    env.emplace_back("OMP_THREAD_LIMIT=1");
    return env;
}

WorkerProcess::WorkerProcess(const SpawnSpec& spec) {
    if (spec.argv.empty()) throw Error(ErrorCode::internal, "WorkerProcess: empty argv");
    Pipe to_child = make_pipe();
    Pipe from_child = make_pipe();
    Pipe exec_error = make_pipe();
    // Prepared before fork: the child may not allocate.
    std::vector<char*> argv = c_strings(spec.argv);
    std::vector<char*> envp = c_strings(spec.environment);
    const int max_fd = max_open_descriptor();
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid < 0) throw_io(tr("lancer", "start"), spec.argv[0], errno);
    if (pid == 0)
        exec_child({.stdin_fd = to_child.read.get(), .stdout_fd = from_child.write.get(), .error_fd = exec_error.write.get(),
                    .memory_bytes = spec.memory_bytes, .parent = parent, .max_fd = max_fd, .argv = argv.data(), .envp = envp.data()});

    m_pid = pid;
    to_child.read.reset();
    from_child.write.reset();
    exec_error.write.reset();
    m_to_worker = std::move(to_child.write);
    m_from_worker = std::move(from_child.read);
    // The write end never blocks the pool thread: a stuck worker is caught by the deadline.
    ::fcntl(m_to_worker.get(), F_SETFL, ::fcntl(m_to_worker.get(), F_GETFL) | O_NONBLOCK);

    // exec closes the error pipe (end of file); a failed exec sends its errno first.
    int child_errno = 0;
    ssize_t n;
    do {
        n = ::read(exec_error.read.get(), &child_errno, sizeof child_errno);
    } while (n < 0 && errno == EINTR);
    if (n == sizeof child_errno) {
        ::waitpid(m_pid, &m_status, 0);
        m_pid = -1;
        throw_io(tr("lancer le processus d'extraction", "start the extraction process"),
                 spec.argv[0], child_errno);
    }
}

WorkerProcess::~WorkerProcess() {
    stop(std::chrono::seconds(1));
}

WorkerProcess::IoStatus WorkerProcess::send(std::string_view frame, Clock::time_point deadline,
                                            int cancel_fd) {
    while (!frame.empty()) {
        const ssize_t n = ::write(m_to_worker.get(), frame.data(), frame.size());
        if (n > 0) {
            frame.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EPIPE) {
            discard_pending_sigpipe();
            return IoStatus::closed;
        }
        if (n < 0 && errno != EAGAIN) return IoStatus::closed;
        pollfd fds[2] = {{m_to_worker.get(), POLLOUT, 0}, {cancel_fd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (fds[1].revents != 0) return IoStatus::cancelled;
        if (ready <= 0) return IoStatus::timeout;
    }
    return IoStatus::ok;
}

WorkerProcess::IoStatus WorkerProcess::receive(std::string& payload, Clock::time_point deadline,
                                               int cancel_fd) {
    unsigned char header[k_frame_header_bytes];
    std::size_t have_header = 0;
    std::size_t length = 0;
    bool in_payload = false;
    payload.clear();
    char buffer[64 * 1024];
    for (;;) {
        pollfd fds[2] = {{m_from_worker.get(), POLLIN, 0}, {cancel_fd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (fds[1].revents != 0) return IoStatus::cancelled;
        if (ready <= 0) return IoStatus::timeout;
        // Read no further than this frame, so nothing of a later one is lost.
        const std::size_t want = in_payload ? std::min(sizeof buffer, length - payload.size())
                                            : k_frame_header_bytes - have_header;
        const ssize_t n = ::read(m_from_worker.get(), buffer, want);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return IoStatus::closed;
        if (!in_payload) {
            std::memcpy(header + have_header, buffer, static_cast<std::size_t>(n));
            have_header += static_cast<std::size_t>(n);
            if (have_header < k_frame_header_bytes) continue;
            length = decode_frame_length(header);
            // Grow as data comes: a garbage length must not reserve memory by itself.
            payload.reserve(std::min<std::size_t>(length, std::size_t{1} << 20));
            in_payload = true;
            continue;
        }
        payload.append(buffer, static_cast<std::size_t>(n));
        if (payload.size() == length) return IoStatus::ok;
    }
}

bool WorkerProcess::has_unexpected_output() const {
    pollfd fd{m_from_worker.get(), POLLIN, 0};
    return ::poll(&fd, 1, 0) != 0;
}

std::optional<int> WorkerProcess::poll_exit() {
    if (m_pid < 0) return m_status;
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid || (r < 0 && errno == ECHILD)) {
        m_status = r == m_pid ? status : 0;
        m_pid = -1;
        return m_status;
    }
    return std::nullopt;
}

int WorkerProcess::kill() {
    if (m_pid < 0) return m_status;
    // On a worker that died already this is harmless, and waitpid reports how it died.
    ::kill(m_pid, SIGKILL);
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    m_status = r == m_pid ? status : 0;
    m_pid = -1;
    m_to_worker.reset();
    m_from_worker.reset();
    return m_status;
}

std::optional<int> WorkerProcess::wait_for_exit(std::chrono::milliseconds grace) {
    const auto deadline = Clock::now() + grace;
    auto nap = std::chrono::microseconds(200);
    for (;;) {
        if (auto status = poll_exit()) return status;
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(nap);
        nap = std::min(nap * 2, std::chrono::microseconds(20'000));
    }
}

int WorkerProcess::stop(std::chrono::milliseconds grace) {
    m_to_worker.reset();  // end of input: a healthy worker exits at once
    if (m_pid >= 0 && !wait_for_exit(grace)) kill();
    m_from_worker.reset();
    return m_status;
}

}  // namespace ububiko::extract::detail
