// Runs the real ububiko binary (or any program) and captures what it prints and its status.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ububiko::test {

struct RunResult {
    int status = -1;  // exit status, or -signal when killed by a signal
    std::string out, err;
};

// Runs program with args; env entries are added to (or override) the environment.
RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {}, const std::string& stdin_text = {});
// Runs the ububiko binary under test (UBUBIKO_BIN) with UBUBIKO_LANG=fr unless env says otherwise,
// stdin_text on its standard input.
RunResult run_ububiko(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                      const std::string& stdin_text = {});

// Starts ububiko and kills it with SIGKILL after `delay_us` microseconds (or when it ends).
// Returns what it printed until then.
RunResult ububiko_killed_after(const std::vector<std::string>& args, long delay_us,
                               const std::map<std::string, std::string>& env = {}, int signal = 9);

// Every file under root (relative paths) with its size and SHA-256, to prove a failed
// command left an archive untouched.
std::map<std::string, std::string> snapshot(const std::string& root);

}  // namespace ububiko::test
