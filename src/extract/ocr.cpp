// OCR with Tesseract and Leptonica (issue 3): written by the OCR work.
#include "extract/extract.hpp"
