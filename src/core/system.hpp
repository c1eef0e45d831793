// Facts about the running process and machine.
#pragma once

#include <string>

namespace ububiko {

// Login name of the user running the program ($USER, else the password database).
std::string current_user();
// Absolute path of the running executable (/proc/self/exe).
std::string self_executable();
// The extraction worker program: $UBUBIKO_EXTRACT_WORKER, else ububiko-extract beside
// the running executable.
std::string extract_worker_program();
// Number of processors available to this process (at least 1).
unsigned processor_count();

}  // namespace ububiko

namespace ububiko {

// Fault injection for the crash tests: when the environment variable
// UBUBIKO_CRASH_AT equals `name` (optionally "name:N" for its N-th passage), the process
// kills itself with SIGKILL right there, as a power cut or an OOM kill would.
void crash_point(const char* name);

}  // namespace ububiko
