#include <cstring>

#include "extract/extract.hpp"

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "__extract-worker") == 0)
        return ububiko::extract::worker_main();
    return 0;
}
