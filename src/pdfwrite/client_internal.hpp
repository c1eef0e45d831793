// Internals of render() (client.cpp), open to the tests: the program it runs and the run
// itself with a time limit of the caller's choosing.
#pragma once

#include <chrono>
#include <string>

namespace ububiko::pdfwrite::detail {

inline constexpr std::chrono::seconds k_render_time_limit{60};

// $UBUBIKO_PDF_PROGRAM, else ububiko-pdf beside the running executable.
std::string pdf_program();

// Runs `program KIND OUT` with input on its standard input and UBUBIKO_LANG set to the
// language of this thread's messages. Killed (SIGKILL) and reaped when it outlives `limit`.
// Throws Error(invalid_input) when it exits with status 2, Error(io) for any other failure
// (cannot start, killed, other status, time out), with what it printed as the message.
void run_pdf_program(const std::string& program, const std::string& kind, const std::string& input,
                     const std::string& out_path, std::chrono::milliseconds limit);

}  // namespace ububiko::pdfwrite::detail
