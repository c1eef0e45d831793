// ububiko: the command line. Each subcommand lives in its own file (cmd_*.cpp); this file
// only dispatches and turns errors into messages and exit statuses.
#include <cstring>
#include <iostream>

#include "cli/app.hpp"
#include "extract/extract.hpp"

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "__extract-worker") == 0) return ububiko::extract::worker_main();
    return ububiko::cli::run(argc, argv);
}
