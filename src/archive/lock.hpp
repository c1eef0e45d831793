// The archive's single-writer lock: an flock on ARCHIVE/.lock, held by whoever changes
// records, the journal or the index. A second writer waits a little, then fails with a
// message naming the holder.
#pragma once

#include <chrono>
#include <string>

#include "core/fs.hpp"

namespace ububiko::archive {

class WriterLock {
public:
    // Waits up to `wait` (default: UBUBIKO_LOCK_WAIT seconds, else 10 s) for the lock;
    // throws Error(busy) naming the holder's pid and command when it stays taken.
    explicit WriterLock(const std::string& archive_root);
    WriterLock(const std::string& archive_root, std::chrono::milliseconds wait);
    ~WriterLock();
    WriterLock(WriterLock&&) noexcept = default;
    WriterLock& operator=(WriterLock&&) noexcept = default;

private:
    UniqueFd m_fd;
};

// The default wait, from UBUBIKO_LOCK_WAIT (seconds, may be fractional) or 10 s.
std::chrono::milliseconds default_lock_wait();

// Whether another process is waiting for the writer lock (a waiter leaves a marker
// .lock-waiting-<pid> in the archive while it waits), so that a long batch can step aside
// between two groups of records.
bool writer_waiting(const std::string& archive_root);

}  // namespace ububiko::archive
