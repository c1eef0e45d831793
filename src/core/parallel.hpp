// Running independent pieces of work on a few threads.
#pragma once

#include <cstddef>
#include <functional>

namespace ububiko {

// Calls fn(i) for i in [0, n) on up to `threads` threads (the caller's thread is one of
// them), each index once. If calls throw, the first exception is rethrown after all
// threads have stopped; the indexes not yet started are then skipped.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn);

}  // namespace ububiko
