// Internals of render() (client.cpp), open to the tests: the program it runs and the run
// itself with a time limit of the caller's choosing.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ububiko::pdfwrite::detail {

inline constexpr std::chrono::seconds k_render_time_limit{60};
// Its address space (RLIMIT_AS), as for the extraction workers: a PDF to stamp is loaded
// whole, and a hostile one must not take the machine with it.
inline constexpr std::size_t k_render_memory_bytes = std::size_t{1536} << 20;

// $UBUBIKO_PDF_PROGRAM, else ububiko-pdf beside the running executable.
std::string pdf_program();

// Runs `program KIND OUT` with input on its standard input and UBUBIKO_LANG set to the
// language of this thread's messages, its address space limited to memory_bytes (0: no
// limit). Killed (SIGKILL) and reaped when it outlives `limit`.
// Throws Error(invalid_input / corrupt / unsupported) when it exits with the status of that
// category (2, 6, 8), Error(io) for any other failure (cannot start, killed, other status,
// time out), with what it printed as the message.
void run_pdf_program(const std::string& program, const std::string& kind, const std::string& input,
                     const std::string& out_path, std::chrono::milliseconds limit,
                     std::size_t memory_bytes = 0);

}  // namespace ububiko::pdfwrite::detail
