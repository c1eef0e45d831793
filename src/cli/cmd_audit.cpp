// ububiko audit
#include "cli/context.hpp"

namespace ububiko::cli {

void register_audit(CLI::App& app, Context& ctx) {
    (void)app;
    (void)ctx;
}

}  // namespace ububiko::cli
