// ocr_pool: runs a command on every line of a list, N at a time, as `xargs -P N` would, and
// says how each run went. tools/bench/ocr runs the tesseract command line with it, one page
// image per run, so that the whole batch is one process tree to measure (wall, CPU with
// every child waited for, memory sampled from /proc) and each page's time is known.
//
//   ocr_pool JOBS LIST PROGRAM ARG...
//
// LIST has one job per line, "IN<tab>OUT"; in the arguments, {in} and {out} are replaced by
// them. Children inherit the environment (OMP_THREAD_LIMIT=1 is the caller's business) and
// write their output to /dev/null. One line per finished job on stdout, flushed:
//
//   exit_status wall_s cpu_s maxrss_kb IN
//
// Exits 0 when every job did, 1 otherwise. A few hundred kilobytes itself: it adds nothing
// to what is measured but the runs it starts.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Job {
    std::string in, out;
};

std::string substituted(std::string arg, const Job& job) {
    for (const auto& [key, value] : {std::pair<std::string, const std::string&>{"{in}", job.in}, {"{out}", job.out}}) {
        for (std::size_t at = arg.find(key); at != std::string::npos; at = arg.find(key, at + value.size()))
            arg.replace(at, key.size(), value);
    }
    return arg;
}

struct Running {
    std::string in;
    std::chrono::steady_clock::time_point start;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: ocr_pool JOBS LIST PROGRAM ARG...\n";
        return 2;
    }
    const int jobs = std::max(1, std::atoi(argv[1]));
    std::vector<Job> list;
    {
        std::ifstream in(argv[2]);
        if (!in) {
            std::cerr << "ocr_pool: cannot read " << argv[2] << '\n';
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const auto tab = line.find('\t');
            list.push_back({line.substr(0, tab), tab == std::string::npos ? std::string() : line.substr(tab + 1)});
        }
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

    std::map<pid_t, Running> running;
    std::size_t next = 0;
    int failures = 0;
    while (next < list.size() || !running.empty()) {
        while (next < list.size() && static_cast<int>(running.size()) < jobs) {
            const Job& job = list[next++];
            std::vector<std::string> args;
            for (int i = 3; i < argc; ++i) args.push_back(substituted(argv[i], job));
            std::vector<char*> cargs;
            for (auto& a : args) cargs.push_back(a.data());
            cargs.push_back(nullptr);
            pid_t pid = 0;
            const auto start = std::chrono::steady_clock::now();
            if (const int e = posix_spawnp(&pid, cargs[0], &actions, nullptr, cargs.data(), environ); e != 0) {
                std::printf("127 0 0 0 %s\n", job.in.c_str());
                std::fflush(stdout);
                ++failures;
                continue;
            }
            running[pid] = {job.in, start};
        }
        if (running.empty()) continue;
        int status = 0;
        rusage usage{};
        const pid_t pid = wait4(-1, &status, 0, &usage);
        if (pid < 0) break;
        const auto it = running.find(pid);
        if (it == running.end()) continue;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.start).count();
        const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
                           usage.ru_stime.tv_usec / 1e6;
        const int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (rc != 0) ++failures;
        std::printf("%d %.3f %.3f %ld %s\n", rc, wall, cpu, usage.ru_maxrss, it->second.in.c_str());
        std::fflush(stdout);
        running.erase(it);
    }
    posix_spawn_file_actions_destroy(&actions);
    return failures == 0 ? 0 : 1;
}
