#include "classify/metadata.hpp"
