// render(): runs ububiko-pdf from the ububiko program. This side links no PDF library:
// the spec is checked here (so a bad one is refused with the field's place before any
// process starts), sent as JSON on the child's standard input, and whatever the child
// prints (standard output and error together) becomes the message of the Error when it
// fails. The input goes through a socket rather than a pipe so that a child that dies
// early gives EPIPE to send(MSG_NOSIGNAL), never a SIGPIPE to this process.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "pdfwrite/client_internal.hpp"
#include "pdfwrite/pdfwrite.hpp"

extern char** environ;

namespace ububiko::pdfwrite {

namespace detail {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_max_message_bytes = 8 * 1024;

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (std::string& s : strings) out.push_back(s.data());
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

// This process's environment with UBUBIKO_LANG naming the language of this thread, which
// the web server sets per request and which the child cannot otherwise know.
std::vector<std::string> child_environment() {
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e)
        if (std::strncmp(*e, "UBUBIKO_LANG=", 13) != 0) env.emplace_back(*e);
    env.push_back(std::string("UBUBIKO_LANG=") + (language() == Language::en ? "en" : "fr"));
    return env;
}


// A started child; killed and reaped on the way out unless reaped already.
class Child {
public:
    Child(std::vector<std::string> args, std::size_t memory_bytes) {
        int sockets[2], output[2], errors[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
            throw_io(tr("créer un canal pour", "create a channel for"), args[0], errno);
        UniqueFd input_parent(sockets[0]), input_child(sockets[1]);
        if (::pipe2(output, O_CLOEXEC) != 0)
            throw_io(tr("créer un tube pour", "create a pipe for"), args[0], errno);
        UniqueFd output_read(output[0]), output_write(output[1]);
        if (::pipe2(errors, O_CLOEXEC) != 0)
            throw_io(tr("créer un tube pour", "create a pipe for"), args[0], errno);
        UniqueFd errors_read(errors[0]), errors_write(errors[1]);
        // Above 2, so that the child's dup2 calls cannot clobber one another.
        for (UniqueFd* fd : {&input_child, &output_write, &errors_write})
            if (fd->get() <= 2) *fd = UniqueFd(::fcntl(fd->get(), F_DUPFD_CLOEXEC, 3));
        // Prepared before fork: the child may not allocate.
        std::vector<char*> argv = c_strings(args);
        std::vector<std::string> environment = child_environment();
        std::vector<char*> envp = c_strings(environment);
        const pid_t parent = ::getpid();
        const int max_fd = max_open_descriptor();

        const pid_t pid = ::fork();
        if (pid < 0) throw_io(tr("lancer", "start"), args[0], errno);
        if (pid == 0)
            exec_child({.stdin_fd = input_child.get(), .stdout_fd = output_write.get(), .error_fd = errors_write.get(),
                        .stderr_to_stdout = true, .memory_bytes = memory_bytes, .parent = parent, .max_fd = max_fd,
                        .argv = argv.data(), .envp = envp.data()});
        m_process.adopt(pid);
        input_child.reset();
        output_write.reset();
        errors_write.reset();
        int child_errno = 0;
        ssize_t n;
        do {
            n = ::read(errors_read.get(), &child_errno, sizeof child_errno);
        } while (n < 0 && errno == EINTR);
        if (n == sizeof child_errno) {
            m_process.wait();
            throw_io(tr("lancer le programme", "start the program"), args[0], child_errno);
        }
        ::fcntl(input_parent.get(), F_SETFL, O_NONBLOCK);
        ::fcntl(output_read.get(), F_SETFL, O_NONBLOCK);
        m_input = std::move(input_parent);
        m_output = std::move(output_read);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    UniqueFd& input() { return m_input; }
    UniqueFd& output() { return m_output; }

    void kill() { m_process.kill(); }
    // Its wait status once it has exited before the deadline.
    std::optional<int> wait_until(Clock::time_point deadline) { return m_process.wait_until(deadline); }

private:
    UniqueFd m_input, m_output;
    ChildProcess m_process;  // last: killed and reaped before its pipes close
};

// What the child printed, as one message: trimmed, at most a few KiB, valid UTF-8.
std::string message_of(const std::string& printed) {
    std::string text(trim(utf8_prefix(printed, k_max_message_bytes)));
    return is_valid_utf8(text) ? text : cp1252_to_utf8(text);
}

}  // namespace

std::string pdf_program() {
    if (const char* p = std::getenv("UBUBIKO_PDF_PROGRAM"); p != nullptr && *p != '\0') return p;
    const std::string self = self_executable();
    const auto slash = self.rfind('/');
    return (slash == std::string::npos ? std::string() : self.substr(0, slash + 1)) + "ububiko-pdf";
}

void run_pdf_program(const std::string& program, const std::string& kind, const std::string& input,
                     const std::string& out_path, std::chrono::milliseconds limit, std::size_t memory_bytes) {
    const auto deadline = Clock::now() + limit;
    Child child({program, kind, out_path}, memory_bytes);
    std::size_t sent = 0;
    std::string printed;
    bool timed_out = false;
    char buffer[16 * 1024];
    if (input.empty()) child.input().reset();
    while (child.output()) {
        pollfd fds[2] = {{child.output().get(), POLLIN, 0}, {-1, POLLOUT, 0}};
        if (child.input()) fds[1].fd = child.input().get();
        const int ready = ::poll(fds, 2, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            timed_out = true;
            break;
        }
        if (fds[1].revents != 0) {
            const ssize_t n = ::send(child.input().get(), input.data() + sent, input.size() - sent,
                                     MSG_NOSIGNAL);
            if (n > 0) sent += static_cast<std::size_t>(n);
            // Done, or the child stopped reading: its status and words will say why.
            if (sent == input.size() || (n < 0 && errno != EINTR && errno != EAGAIN))
                child.input().reset();
        }
        if (fds[0].revents != 0) {
            const ssize_t n = ::read(child.output().get(), buffer, sizeof buffer);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (n <= 0) {
                child.output().reset();
            } else if (printed.size() < 4 * k_max_message_bytes) {
                printed.append(buffer, static_cast<std::size_t>(n));
            }
        }
    }
    child.input().reset();

    std::optional<int> status;
    if (!timed_out) status = child.wait_until(deadline);
    if (!status) {
        child.kill();
        throw Error(ErrorCode::io, program + tr(" n'a pas fini à temps : arrêté après ",
                                                 " did not finish in time: stopped after ") +
                                       duration_text(limit));
    }
    if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return;
    std::string message = message_of(printed);
    if (WIFSIGNALED(*status)) {
        const int sig = WTERMSIG(*status);
        const char* name = ::strsignal(sig);
        std::string what = program + tr(" s'est arrêté brutalement (signal ", " stopped abruptly (signal ") +
                           std::to_string(sig) + (name != nullptr ? std::string(", ") + name : "") + ")";
        throw Error(ErrorCode::io, message.empty() ? what : what + " : " + message);
    }
    const int code = WEXITSTATUS(*status);
    if (message.empty())
        message = program + tr(" a échoué (code de sortie ", " failed (exit status ") +
                  std::to_string(code) + ")";
    // The program exits with the status of its error's category (pdf_main.cpp).
    ErrorCode category = ErrorCode::io;
    for (ErrorCode c : {ErrorCode::invalid_input, ErrorCode::corrupt, ErrorCode::unsupported})
        if (code == exit_status(c)) category = c;
    throw Error(category, message);
}

}  // namespace detail

void render(const std::string& kind, const nlohmann::json& spec, const std::string& out_path) {
    if (kind == "register") {
        (void)register_from_json(spec);
    } else if (kind == "slip") {
        (void)slip_from_json(spec);
    } else if (kind == "stamp") {
        (void)stamp_from_json(spec);
    } else {
        throw Error(ErrorCode::invalid_input,
                    tr("document inconnu « ", "unknown document '") + kind +
                        tr(" » (attendu : register, slip ou stamp)", "' (expected: register, slip or stamp)"));
    }
    if (out_path.empty())
        throw Error(ErrorCode::invalid_input, tr("fichier PDF à écrire non précisé", "no PDF file to write"));
    detail::run_pdf_program(detail::pdf_program(), kind,
                            spec.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out_path,
                            detail::k_render_time_limit, detail::k_render_memory_bytes);
}

void stamp(const StampSpec& spec) {
    if (spec.output_pdf.empty())
        throw Error(ErrorCode::invalid_input, tr("fichier PDF à écrire non précisé", "no PDF file to write"));
    render("stamp", to_json(spec), spec.output_pdf);
}

}  // namespace ububiko::pdfwrite
