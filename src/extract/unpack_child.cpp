// unpack(): the parent side of unpacking in a child process. The child is
// `worker_program --unpack ARCHIVE DEST [limits]` (unpack_main, in unpack.cpp), started
// with fork and execve under an address-space limit; its report comes back on its stdout,
// one JSON object a line (the format is described above unpack_main). This side links no
// parser: whatever the child does, it can only crash, hang or talk nonsense, and each of
// those becomes an Error naming the archive.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "core/system.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "extract/messages.hpp"
#include "extract/unpack.hpp"
#include "extract/worker_process.hpp"

namespace ububiko::extract {

namespace {

using Clock = std::chrono::steady_clock;
using detail::file_error;

// A report line longer than this is nonsense (names are capped at 4 KiB by the child).
constexpr std::size_t k_max_line_bytes = 64 * 1024;

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

int remaining_ms(Clock::time_point deadline) {
    const auto left = deadline - Clock::now();
    if (left <= Clock::duration::zero()) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return ms > 1'000'000 ? 1'000'000 : static_cast<int>(ms);
}

std::string duration_text(std::chrono::milliseconds time) {
    if (time < std::chrono::seconds(1)) return std::to_string(time.count()) + " ms";
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(time).count()) + " s";
}


// A started child: its pid and the read end of its stdout. Killed and reaped on the way
// out unless reaped already.
class Child {
public:
    Child(const std::vector<std::string>& args, std::size_t memory_bytes) {
        int out[2], errors[2];
        if (::pipe2(out, O_CLOEXEC) != 0)
            throw_io(tr("créer un tube pour", "create a pipe for"), args[0], errno);
        UniqueFd out_read(out[0]), out_write(out[1]);
        if (::pipe2(errors, O_CLOEXEC) != 0)
            throw_io(tr("créer un tube pour", "create a pipe for"), args[0], errno);
        UniqueFd errors_read(errors[0]), errors_write(errors[1]);
        UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        if (!null_in) throw_io(tr("ouvrir", "open"), "/dev/null", errno);
        // Above 2, so that the child's dup2 calls cannot clobber one another.
        for (UniqueFd* fd : {&out_write, &null_in, &errors_write})
            if (fd->get() <= 2) *fd = UniqueFd(::fcntl(fd->get(), F_DUPFD_CLOEXEC, 3));
        // Prepared before fork: the child may not allocate.
        std::vector<char*> argv = c_strings(args);
        const std::vector<std::string> environment = detail::worker_environment();
        std::vector<char*> envp = c_strings(environment);
        const pid_t parent = ::getpid();
        const int max_fd = max_open_descriptor();

        const pid_t pid = ::fork();
        if (pid < 0) throw_io(tr("lancer", "start"), args[0], errno);
        if (pid == 0)
            exec_child({.stdin_fd = null_in.get(), .stdout_fd = out_write.get(), .error_fd = errors_write.get(),
                        .memory_bytes = memory_bytes, .parent = parent, .max_fd = max_fd, .argv = argv.data(), .envp = envp.data()});
        m_process.adopt(pid);
        out_write.reset();
        errors_write.reset();
        m_out = std::move(out_read);
        int child_errno = 0;
        ssize_t n;
        do {
            n = ::read(errors_read.get(), &child_errno, sizeof child_errno);
        } while (n < 0 && errno == EINTR);
        if (n == sizeof child_errno) {
            m_process.wait();
            throw_io(tr("lancer le processus de décompactage", "start the unpacking process"),
                     args[0], child_errno);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    int out() const { return m_out.get(); }

    int kill() { return m_process.kill(); }
    // Its wait status once it has exited before the deadline.
    std::optional<int> wait_until(Clock::time_point deadline) { return m_process.wait_until(deadline); }

private:
    UniqueFd m_out;
    ChildProcess m_process;  // last: killed and reaped before its pipe closes
};

std::optional<ErrorCode> code_from_name(const std::string& name) {
    for (ErrorCode code :
         {ErrorCode::invalid_input, ErrorCode::not_found, ErrorCode::conflict, ErrorCode::busy,
          ErrorCode::corrupt, ErrorCode::io, ErrorCode::unsupported, ErrorCode::internal})
        if (name == code_name(code)) return code;
    return std::nullopt;
}

// What the child's report said so far.
struct Reading {
    UnpackReport report;
    bool ended = false;
    std::optional<Error> error;
    bool garbage = false;
};

std::string absolute_folder(const std::string& path) {
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) != nullptr ? std::string(resolved) : path;
}

// One line of the report; false when it is not what unpack_main writes.
bool take_line(const std::string& line, const std::string& dest_root, Reading& reading) {
    using nlohmann::json;
    if (reading.ended || reading.error) return false;  // nothing may follow the last line
    const json value = json::parse(line, nullptr, false);
    if (!value.is_object()) return false;
    if (value.contains("end")) {
        const auto count = value.find("entries");
        reading.ended = count != value.end() && count->is_number_unsigned() &&
                        count->get<std::uint64_t>() == reading.report.entries.size();
        return reading.ended;
    }
    if (const auto error = value.find("error"); error != value.end()) {
        if (!error->is_object() || !error->contains("code") || !error->contains("message") ||
            !(*error)["code"].is_string() || !(*error)["message"].is_string())
            return false;
        const auto code = code_from_name((*error)["code"].get<std::string>());
        if (!code) return false;
        reading.error = Error(*code, (*error)["message"].get<std::string>());
        return true;
    }
    const auto name = value.find("name"), path = value.find("path"), size = value.find("size"),
               refused = value.find("refused");
    if (name == value.end() || path == value.end() || size == value.end() ||
        refused == value.end() || !name->is_string() || !path->is_string() ||
        !size->is_number_unsigned() || !refused->is_string())
        return false;
    UnpackedEntry entry{name->get<std::string>(), path->get<std::string>(),
                        size->get<std::uint64_t>(), refused->get<std::string>()};
    // Exactly one of path and refused; a path under the destination and nowhere else.
    if (entry.path.empty() == entry.refused.empty()) return false;
    if (!entry.path.empty() &&
        (!entry.path.starts_with(dest_root + "/") || entry.path.find("/../") != std::string::npos))
        return false;
    reading.report.entries.push_back(std::move(entry));
    return true;
}

std::string signal_text(int status) {
    const int sig = WTERMSIG(status);
    const char* name = ::strsignal(sig);
    return tr("signal ", "signal ") + std::to_string(sig) +
           (name != nullptr ? std::string(", ") + name : std::string());
}

}  // namespace

UnpackReport unpack(const std::string& worker_program, const std::string& archive_path,
                    const std::string& dest_dir, const UnpackLimits& limits,
                    const Limits& process_limits) {
    char ratio[64];
    std::snprintf(ratio, sizeof ratio, "%.17g", limits.max_ratio);
    const std::vector<std::string> args = {worker_program,
                                           "--unpack",
                                           archive_path,
                                           dest_dir,
                                           "--max-entry-bytes",
                                           std::to_string(limits.max_entry_bytes),
                                           "--max-total-bytes",
                                           std::to_string(limits.max_total_bytes),
                                           "--max-entries",
                                           std::to_string(limits.max_entries),
                                           "--max-ratio",
                                           ratio,
                                           "--lang",
                                           language() == Language::en ? "en" : "fr"};
    const std::string dest_root = absolute_folder(dest_dir);
    const auto deadline = Clock::now() + process_limits.time;
    // Entries, then "end": anything longer is not a report.
    const std::uint64_t max_lines =
        limits.max_entries > UINT64_MAX - 2 ? UINT64_MAX : limits.max_entries + 2;

    Child child(args, process_limits.memory_bytes);
    Reading reading;
    std::string pending;
    std::uint64_t lines = 0;
    bool timed_out = false;
    char buffer[64 * 1024];
    for (;;) {
        pollfd fd{child.out(), POLLIN, 0};
        const int ready = ::poll(&fd, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            timed_out = true;
            break;
        }
        const ssize_t n = ::read(child.out(), buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) break;  // end of the report
        pending.append(buffer, static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos;
             start = end + 1) {
            if (++lines > max_lines ||
                !take_line(pending.substr(start, end - start), dest_root, reading))
                reading.garbage = true;
        }
        pending.erase(0, start);
        if (pending.size() > k_max_line_bytes) reading.garbage = true;
        if (reading.garbage) break;
    }

    int status = 0;
    if (timed_out) {
        child.kill();
    } else if (reading.garbage) {
        status = child.kill();
    } else if (auto exited = child.wait_until(deadline)) {
        status = *exited;
    } else {
        timed_out = true;  // it closed its output but did not end
        child.kill();
    }

    if (timed_out)
        throw file_error(
            ErrorCode::invalid_input, archive_path,
            tr("décompactage trop long, arrêté après ", "unpacking took too long, stopped after ") +
                duration_text(process_limits.time));
    if (!reading.garbage && !pending.empty()) reading.garbage = true;  // a cut last line
    if (!reading.garbage && reading.error && WIFEXITED(status)) throw *reading.error;
    if (!reading.garbage && reading.ended && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return std::move(reading.report);
    if (WIFSIGNALED(status) && !reading.garbage)
        throw file_error(ErrorCode::invalid_input, archive_path,
                         tr("le processus de décompactage s'est arrêté brutalement (",
                            "the unpacking process stopped abruptly (") +
                             signal_text(status) + ")");
    throw file_error(ErrorCode::invalid_input, archive_path,
                     tr("compte rendu du décompactage illisible (code de sortie ",
                        "unreadable unpacking report (exit status ") +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

}  // namespace ububiko::extract
