#include "support/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/fs.hpp"
#include "core/sha256.hpp"

extern char** environ;

namespace ububiko::test {
namespace {

RunResult spawn(const std::string& program, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env, const std::string& stdin_text, long kill_after_us,
                int kill_signal = SIGKILL) {
    int out_pipe[2], err_pipe[2], in_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) || pipe2(in_pipe, O_CLOEXEC))
        throw std::runtime_error("pipe failed");
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        std::string kv = *e;
        std::string key = kv.substr(0, kv.find('='));
        if (!env.count(key)) env_strings.push_back(kv);
    }
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        execve(program.c_str(), argv.data(), envp.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // A program that exits before reading its input (a refusal) closes the pipe: the write
    // then fails with EPIPE instead of killing the test with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    if (!stdin_text.empty()) (void)!write(in_pipe[1], stdin_text.data(), stdin_text.size());
    close(in_pipe[1]);

    RunResult r;
    auto start = std::chrono::steady_clock::now();
    bool killed = false;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_count = 2;
    while (open_count > 0) {
        int timeout = -1;
        if (kill_after_us >= 0 && !killed) {
            long elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
            long left = kill_after_us - elapsed;
            if (left <= 0) {
                kill(pid, kill_signal);
                killed = true;
            } else {
                timeout = static_cast<int>((left + 999) / 1000);
            }
        }
        int n = poll(fds, 2, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[8192];
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            } else {
                (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return r;
}

}  // namespace

RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, const std::string& stdin_text) {
    return spawn(program, args, env, stdin_text, -1);
}

static std::map<std::string, std::string> with_defaults(std::map<std::string, std::string> env) {
    env.emplace("UBUBIKO_LANG", "fr");
    env.emplace("NO_COLOR", "1");
    env.emplace("UBUBIKO_USER", "testeur");
    // The suggestion model retrained before file/intake return, not in the background:
    // tests see the same model every run (one test checks the background mode itself).
    env.emplace("UBUBIKO_TRAIN", "wait");
    return env;
}

RunResult run_ububiko(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                      const std::string& stdin_text) {
    return spawn(UBUBIKO_BIN, args, with_defaults(env), stdin_text, -1);
}

RunResult ububiko_killed_after(const std::vector<std::string>& args, long delay_us,
                               const std::map<std::string, std::string>& env, int signal) {
    return spawn(UBUBIKO_BIN, args, with_defaults(env), {}, delay_us, signal);
}

std::map<std::string, std::string> snapshot(const std::string& root) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        std::string rel = std::filesystem::relative(e.path(), root).string();
        if (e.is_directory()) {
            out[rel + "/"] = "dir";
        } else if (e.is_regular_file()) {
            if (rel == ".lock") continue;  // holder information, rewritten by every writer
            out[rel] = std::to_string(e.file_size()) + " " + sha256_file(e.path().string());
        }
    }
    return out;
}

}  // namespace ububiko::test
