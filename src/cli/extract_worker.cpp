// ububiko-extract: the worker process that parses untrusted files for ububiko (started by
// extract::WorkerPool with a time and a memory limit). Kept apart from the ububiko binary
// so that the parsers' libraries are loaded only here: a search starts in a few
// milliseconds instead of paying for poppler's twenty libraries.
//   ububiko-extract                         the worker loop (requests on stdin)
//   ububiko-extract --unpack ARCHIVE DEST   unpacks a zip or tar batch (extract::unpack)
#include <string_view>

#include "extract/extract.hpp"
#include "extract/unpack.hpp"

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "--unpack")
        return ububiko::extract::unpack_main(argc, argv);
    return ububiko::extract::worker_main();
}
