#include "extract/extract.hpp"
namespace ububiko::extract {
int worker_main() { return 1; }
}  // namespace ububiko::extract
