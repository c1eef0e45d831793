#include "classify/suggest.hpp"
