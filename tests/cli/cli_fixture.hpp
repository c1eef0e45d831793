// An archive made with the real binary and the shipped plan, in a temporary folder.
#pragma once

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace ububiko::test {

struct CliArchive {
    TempDir tmp;
    std::string root = tmp / "archive";

    CliArchive() {
        RunResult r = run_ububiko({"init", root, "--plan", source("classification/commune-burundi.yaml"), "--name",
                               "Commune de Bururi", "--code", "BRR"});
        if (r.status != 0) throw std::runtime_error("init failed: " + r.err);
    }
    // Runs a command on this archive, stdin_text on its standard input.
    RunResult run(std::vector<std::string> args, const std::map<std::string, std::string>& env = {},
                  const std::string& stdin_text = {}) const {
        args.insert(args.begin(), {"--archive", root});
        return run_ububiko(args, env, stdin_text);
    }
    nlohmann::json json(std::vector<std::string> args) const {
        args.push_back("--json");
        RunResult r = run(args);
        if (r.status != 0 && r.status != 1 && r.status != 4) throw std::runtime_error("command failed: " + r.err);
        return nlohmann::json::parse(r.out);
    }
};

}  // namespace ububiko::test
