#include "pdfwrite/pdfwrite.hpp"
namespace ububiko::pdfwrite { int pdf_main(int, char**) { return 1; } }
