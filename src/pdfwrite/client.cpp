#include "pdfwrite/pdfwrite.hpp"
