// Retraining the suggestion model after a filing without making people wait for it: file
// and intake start `ububiko train --if-stale` as a detached, low-priority process once
// enough new records are filed (UBUBIKO_TRAIN=wait trains before returning, as tests and
// benchmarks want; UBUBIKO_TRAIN=off never retrains on its own).
#pragma once

#include "archive/archive.hpp"
#include "service/filing.hpp"

namespace ububiko::cli {

enum class TrainMode { background, wait, off };
TrainMode train_mode();

// Holds ARCHIVE/classifier/.training (flock) while a training runs: a second one started
// meanwhile sees it held and does nothing.
class TrainingLock {
public:
    explicit TrainingLock(const archive::Archive& archive);
    ~TrainingLock();
    TrainingLock(const TrainingLock&) = delete;
    TrainingLock& operator=(const TrainingLock&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// Sets how the filing retrains (in the request) before it runs.
void prepare_training(service::FileRequest& request);
// After a filing: when the model is stale, starts the background training and says so
// (unless quiet). Never throws: the model is derived data.
void after_filing(const archive::Archive& archive, const service::FileSummary& summary, bool quiet);

}  // namespace ububiko::cli
