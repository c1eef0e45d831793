// Facts about the running process and machine.
#pragma once

#include <string>

namespace ububiko {

// Login name of the user running the program ($USER, else the password database).
std::string current_user();
// Absolute path of the running executable (/proc/self/exe).
std::string self_executable();
// Number of processors available to this process (at least 1).
unsigned processor_count();

}  // namespace ububiko
