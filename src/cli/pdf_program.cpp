// ububiko-pdf: writes the PDF documents ububiko prints (mail register, disposition slips,
// stamped copies) from a JSON description on its standard input. Kept apart from the
// ububiko program so that only this program loads PoDoFo.
#include "pdfwrite/pdfwrite.hpp"

int main(int argc, char** argv) { return ububiko::pdfwrite::pdf_main(argc, argv); }
