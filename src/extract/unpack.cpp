#include "extract/unpack.hpp"
