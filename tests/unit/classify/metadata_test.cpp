// Tests to come.
#include <catch2/catch_test_macros.hpp>
