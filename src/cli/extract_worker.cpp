// ububiko-extract: the worker process that parses untrusted files for ububiko (started by
// extract::WorkerPool with a time and a memory limit). Kept apart from the ububiko binary
// so that the parsers' libraries are loaded only here: a search starts in a few
// milliseconds instead of paying for poppler's twenty libraries.
#include "extract/extract.hpp"

int main() { return ububiko::extract::worker_main(); }
