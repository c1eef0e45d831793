#include "cli/background_training.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "classify/suggest.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"

namespace ububiko::cli {

TrainMode train_mode() {
    const char* v = std::getenv("UBUBIKO_TRAIN");
    std::string mode = v ? v : "";
    if (mode == "wait") return TrainMode::wait;
    if (mode == "off") return TrainMode::off;
    return TrainMode::background;
}

TrainingLock::TrainingLock(const archive::Archive& archive) {
    try {
        make_dirs(classify::model_dir(archive));
    } catch (const std::exception&) {
        return;
    }
    const std::string path = classify::model_dir(archive) + "/.training";
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) return;
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

TrainingLock::~TrainingLock() {
    if (m_fd >= 0) ::close(m_fd);  // releases the lock
}

void prepare_training(service::FileRequest& request) {
    // The filing itself trains only when asked to wait; otherwise after_filing starts it.
    request.retrain = train_mode() == TrainMode::wait;
}

namespace {

// Starts `ububiko --archive ROOT train --if-stale` detached (its own session, reparented to
// init, at low priority, output discarded). Returns whether it was started.
bool start_detached_training(const std::string& root) {
    const pid_t child = ::fork();
    if (child < 0) return false;
    if (child == 0) {
        // Only async-signal-safe calls from here: this process may have had threads.
        ::setsid();
        const pid_t grandchild = ::fork();
        if (grandchild != 0) ::_exit(grandchild < 0 ? 1 : 0);
        const int null = ::open("/dev/null", O_RDWR);
        if (null >= 0) {
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        ::setpriority(PRIO_PROCESS, 0, 10);
        ::execl("/proc/self/exe", "ububiko", "--archive", root.c_str(), "train", "--if-stale", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

void after_filing(const archive::Archive& archive, const service::FileSummary& summary, bool quiet) {
    if (train_mode() != TrainMode::background || summary.filed == 0) return;
    try {
        if (!classify::model_stale(archive)) return;
    } catch (const std::exception&) {
        return;
    }
    if (start_detached_training(archive.root()) && !quiet)
        std::cout << tr("réapprentissage du modèle de suggestion lancé en arrière-plan\n",
                        "the suggestion model is being retrained in the background\n");
}

}  // namespace ububiko::cli
