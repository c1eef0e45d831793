// Builds the command-line application and runs it; returns the exit status.
#pragma once

namespace ububiko::cli {
int run(int argc, char** argv);
}
