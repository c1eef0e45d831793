// ububiko: the command line. Each subcommand lives in its own file (cmd_*.cpp); app.cpp
// dispatches and turns errors into messages and exit statuses.
#include "cli/app.hpp"

int main(int argc, char** argv) { return ububiko::cli::run(argc, argv); }
