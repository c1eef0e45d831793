#include "archive/lock.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ububiko::archive {

std::chrono::milliseconds default_lock_wait() {
    if (const char* v = std::getenv("UBUBIKO_LOCK_WAIT")) {
        char* end = nullptr;
        double seconds = std::strtod(v, &end);
        if (end != v && seconds >= 0) return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    }
    return std::chrono::seconds(10);
}

WriterLock::WriterLock(const std::string& root) : WriterLock(root, default_lock_wait()) {}

namespace {
std::string own_command() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out;
    for (char c : raw) out += c == '\0' ? ' ' : c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 200) out = out.substr(0, 200) + "…";
    return out;
}
}  // namespace

WriterLock::WriterLock(const std::string& root, std::chrono::milliseconds wait) {
    std::string path = root + "/.lock";
    m_fd = UniqueFd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!m_fd) throw_io(tr("ouvrir", "open"), path, errno);
    auto deadline = std::chrono::steady_clock::now() + wait;
    // While waiting, a marker tells the holder that someone would like a turn.
    std::string marker;
    struct MarkerGuard {
        std::string& path;
        ~MarkerGuard() {
            if (!path.empty()) ::unlink(path.c_str());
        }
    } guard{marker};
    for (;;) {
        if (::flock(m_fd.get(), LOCK_EX | LOCK_NB) == 0) break;
        if (errno != EWOULDBLOCK && errno != EINTR) throw_io("flock", path, errno);
        if (marker.empty()) {
            marker = root + "/.lock-waiting-" + std::to_string(::getpid());
            UniqueFd m(::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string holder;
            try {
                holder = std::string(trim(read_file(path)));
            } catch (const Error&) {
            }
            throw Error(ErrorCode::busy,
                        tr("l'archive est en cours de modification par un autre processus",
                           "the archive is being changed by another process") +
                            (holder.empty() ? std::string() : " (" + holder + ")") +
                            tr(" ; réessayez dans un moment", "; try again in a moment"));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string info = "pid " + std::to_string(::getpid()) + ", « " + own_command() + " », " + now_utc_iso();
    if (::ftruncate(m_fd.get(), 0) == 0) (void)::pwrite(m_fd.get(), info.data(), info.size(), 0);
}

bool writer_waiting(const std::string& root) {
    DIR* d = ::opendir(root.c_str());
    if (d == nullptr) return false;
    bool waiting = false;
    while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name.rfind(".lock-waiting-", 0) != 0) continue;
        pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + 14));
        if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM)) {
            waiting = true;
        } else {
            ::unlink((root + "/" + name).c_str());  // its waiter is gone
        }
    }
    ::closedir(d);
    return waiting;
}

WriterLock::~WriterLock() {
    if (m_fd) ::flock(m_fd.get(), LOCK_UN);
}

}  // namespace ububiko::archive
