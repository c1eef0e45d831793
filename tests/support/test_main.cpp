#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
    // Tests assert on French messages unless a test switches language itself.
    setenv("UBUBIKO_LANG", "fr", 1);
    return Catch::Session().run(argc, argv);
}
