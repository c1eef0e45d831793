#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "core/i18n.hpp"
#include "extract/extract.hpp"
#include "extract/messages.hpp"
#include "extract/protocol.hpp"
#include "extract/worker_process.hpp"

namespace ububiko::extract {

namespace {

using detail::about;
using detail::WorkerProcess;

struct Job {
    std::string path;
    Language language = Language::fr;
    Options options;
    PageProgress progress;
    std::promise<Result> promise;
};

// "60 s", "1,5 s" (French decimal comma) or "1.5 s".
std::string seconds_text(std::chrono::milliseconds time) {
    const long long ms = time.count();
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    char text[32];
    std::snprintf(text, sizeof text, "%lld%s%lld s", ms / 1000, tr(",", ".").c_str(),
                  (ms % 1000) / 100);
    return text;
}

Error failed(const std::string& path, const std::string& what) {
    return Error(ErrorCode::invalid_input, about(path, what));
}

// Why a worker stopped, from its wait status.
Error death_error(const std::string& path, int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        std::string what = tr("le processus d'extraction s'est arrêté (signal ",
                              "the extraction process stopped (signal ") +
                           std::to_string(sig) + ")";
        // Nobody here sent that SIGKILL: the system's out-of-memory killer is the usual one.
        if (sig == SIGKILL) what += tr(" : mémoire insuffisante ?", ": out of memory?");
        return failed(path, what);
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return failed(path, tr("le processus d'extraction s'est arrêté (code de sortie ",
                           "the extraction process stopped (exit status ") +
                            std::to_string(code) + ")");
}

Error garbage_error(const std::string& path) {
    return failed(path, tr("le processus d'extraction a envoyé une réponse invalide",
                           "the extraction process sent an invalid reply"));
}

Error cancelled_error(const std::string& path) {
    return Error(ErrorCode::conflict,
                 about(path, tr("extraction annulée : le service d'extraction s'arrête",
                                "extraction cancelled: the extraction service is stopping")));
}

}  // namespace

struct WorkerPool::Impl {
    detail::SpawnSpec spec;
    Limits limits;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> queue;
    bool stopping = false;
    // Closing cancel_write makes cancel_read readable in every thread: the destructor's
    // way to interrupt jobs in progress.
    UniqueFd cancel_read;
    UniqueFd cancel_write;
    std::vector<std::thread> threads;

    // Cancels what is queued or running, stops the workers, joins the threads.
    void stop();
    // The body of each pool thread: takes jobs until the pool stops.
    void serve();
    // Extracts one document with this thread's worker, starting or replacing it as needed.
    Result run(std::optional<WorkerProcess>& worker, const Job& job);
};

WorkerPool::WorkerPool(std::vector<std::string> worker_argv, std::size_t workers, Limits limits)
    : m_impl(std::make_unique<Impl>()) {
    if (worker_argv.empty() || workers == 0)
        throw Error(ErrorCode::internal, "WorkerPool: needs a worker program and one worker");
    m_impl->spec.argv = std::move(worker_argv);
    m_impl->spec.environment = detail::worker_environment();
    m_impl->spec.memory_bytes = limits.memory_bytes;
    m_impl->limits = limits;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw_io(tr("créer un tube pour", "create a pipe for"), "WorkerPool", errno);
    m_impl->cancel_read = UniqueFd(fds[0]);
    m_impl->cancel_write = UniqueFd(fds[1]);
    m_impl->threads.reserve(workers);
    try {
        for (std::size_t i = 0; i < workers; ++i)
            m_impl->threads.emplace_back([impl = m_impl.get()] { impl->serve(); });
    } catch (...) {
        m_impl->stop();  // the destructor will not run: join what was started
        throw;
    }
}

WorkerPool::~WorkerPool() {
    m_impl->stop();
}

void WorkerPool::Impl::stop() {
    {
        std::lock_guard lock(mutex);
        stopping = true;
    }
    wake.notify_all();
    cancel_write.reset();
    for (std::thread& t : threads)
        if (t.joinable()) t.join();
}

std::future<Result> WorkerPool::submit(const std::string& path, const Options& options, PageProgress progress) {
    Job job{path, language(), options, std::move(progress), {}};
    std::future<Result> future = job.promise.get_future();
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->queue.push_back(std::move(job));
    }
    m_impl->wake.notify_one();
    return future;
}

void WorkerPool::Impl::serve() {
    // A write to a worker that died raises SIGPIPE in the writing thread: blocked here, the
    // write fails with EPIPE instead (and WorkerProcess discards the pending signal).
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);

    std::optional<WorkerProcess> worker;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [&] { return stopping || !queue.empty(); });
            if (stopping) break;
            job = std::move(queue.front());
            queue.pop_front();
        }
        set_language(job.language);  // this thread's language: the messages are the caller's
        try {
            job.promise.set_value(run(worker, job));
        } catch (...) {
            job.promise.set_exception(std::current_exception());
        }
    }
    worker.reset();  // closes its stdin, waits a second, kills it if need be

    // The pool is going away: documents still queued will not be extracted.
    std::deque<Job> abandoned;
    {
        std::lock_guard lock(mutex);
        abandoned.swap(queue);
    }
    for (Job& job : abandoned) {
        set_language(job.language);
        job.promise.set_exception(std::make_exception_ptr(cancelled_error(job.path)));
    }
}

Result WorkerPool::Impl::run(std::optional<WorkerProcess>& worker, const Job& job) {
    using IoStatus = WorkerProcess::IoStatus;
    const std::string& path = job.path;
    auto deadline = WorkerProcess::Clock::now() + limits.time;
    detail::Progress done;  // the last page the worker said it finished
    const std::string request = detail::encode_request({path, language(), job.options});

    // Whatever goes wrong below, the worker is killed and reaped, and the next document
    // gets a fresh one.
    auto fail = [&](IoStatus status) -> Error {
        if (status == IoStatus::closed) {
            // It closed its pipe: it is dying. Give it a moment to finish, for an accurate
            // status, then make sure.
            const int wait_status = worker->stop(std::chrono::seconds(1));
            worker.reset();
            return death_error(path, wait_status);
        }
        worker->kill();
        worker.reset();
        if (status == IoStatus::cancelled) return cancelled_error(path);
        if (done.done > 0 && done.done < done.total)
            return failed(path, tr("l'extraction de la page ", "extraction of page ") +
                                    std::to_string(done.done + 1) +
                                    tr(" a dépassé le délai de ", " exceeded the time limit of ") +
                                    seconds_text(limits.time));
        return failed(path, tr("l'extraction a dépassé le délai de ",
                               "extraction exceeded the time limit of ") +
                                seconds_text(limits.time));
    };

    // A worker that died or spoke out of turn while idle is not this document's fault:
    // start another and send again. Only a fresh worker that cannot take the request
    // counts against the document.
    for (;;) {
        if (worker && (worker->poll_exit() || worker->has_unexpected_output())) worker.reset();
        const bool fresh = !worker;
        if (fresh) worker.emplace(spec);
        const IoStatus sent = worker->send(request, deadline, cancel_read.get());
        if (sent == IoStatus::ok) break;
        if (sent != IoStatus::closed || fresh) throw fail(sent);
        worker->kill();
        worker.reset();
    }

    std::string payload;
    try {
        for (;;) {
            const IoStatus received = worker->receive(payload, deadline, cancel_read.get());
            if (received != IoStatus::ok) throw fail(received);
            detail::Reply reply = detail::decode_reply(payload);
            if (reply.progress) {
                // A page done: the time limit now counts from here (it is per page).
                deadline = WorkerProcess::Clock::now() + limits.time;
                done = *reply.progress;
                if (job.progress) {
                    try {
                        job.progress(reply.progress->done, reply.progress->total);
                    } catch (...) {
                        // The caller's callback failing must not leave the worker mid-reply.
                    }
                }
                continue;
            }
            if (reply.replace_worker) worker.reset();
            if (reply.error) throw *reply.error;
            return std::move(*reply.result);
        }
    } catch (const detail::ProtocolError&) {
        worker->kill();
        worker.reset();
        throw garbage_error(path);
    }
}

}  // namespace ububiko::extract
