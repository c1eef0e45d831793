// ububiko suggest | train | eval
#include "cli/context.hpp"

namespace ububiko::cli {

void register_suggest(CLI::App& app, Context& ctx) {
    (void)app;
    (void)ctx;
}

}  // namespace ububiko::cli
