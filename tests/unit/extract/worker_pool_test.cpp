#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "extract/extract.hpp"
#include "extract/protocol.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using ububiko::test::corpus;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> worker_argv() {
    return {UBUBIKO_EXTRACT_BIN};
}

// A "worker" that is a shell script: for testing how the pool copes with misbehaviour.
std::vector<std::string> shell_worker(const std::string& script) {
    return {"/bin/sh", "-c", script};
}

Limits limits(std::chrono::milliseconds time) {
    Limits l;
    l.time = time;
    return l;
}

Error pool_error(WorkerPool& pool, const std::string& path) {
    try {
        pool.extract(path);
    } catch (const Error& e) {
        return e;
    }
    FAIL("extraction of " << path << " did not fail");
    throw;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Processes whose parent is this one.
std::vector<pid_t> child_pids() {
    std::vector<pid_t> pids;
    DIR* proc = ::opendir("/proc");
    while (dirent* entry = ::readdir(proc)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
        if (pid <= 0) continue;
        std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
        std::string line;
        std::getline(stat, line);
        // pid (comm) state ppid ...: comm may hold spaces, so parse after the last ')'.
        const std::size_t close = line.rfind(')');
        if (close == std::string::npos) continue;
        char state = 0;
        int ppid = 0;
        if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2 &&
            ppid == ::getpid())
            pids.push_back(pid);
    }
    ::closedir(proc);
    return pids;
}

std::size_t open_fd_count() {
    std::size_t count = 0;
    DIR* dir = ::opendir("/proc/self/fd");
    while (::readdir(dir) != nullptr) ++count;
    ::closedir(dir);
    return count;
}

const char* k_good_pdf = "pdf/maarch__reponse-demande-kbis.pdf";

// Workers built with AddressSanitizer run without an address-space limit.
constexpr bool k_memory_limited = k_can_limit_address_space;

}  // namespace

TEST_CASE("the pool gives the same results as extraction in process") {
    WorkerPool pool(worker_argv(), 2);
    const std::vector<std::string> files = {
        corpus(k_good_pdf), corpus("pdf/deb-debian-edu-doc-legacy-fr__audacity-manual.pdf"),
        corpus("pdf/ocrmypdf__vector.pdf"), corpus("scans/xapian__scan-page.png"),
        corpus("text-fr/docs/cdpm-1.txt")};
    std::vector<std::future<Result>> futures;
    for (const std::string& f : files) futures.push_back(pool.submit(f));
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i]);
        const Result direct = extract_in_process(files[i]);
        const Result pooled = futures[i].get();
        CHECK(pooled.type.kind == direct.type.kind);
        CHECK(pooled.type.media_type == direct.type.media_type);
        CHECK(pooled.pages == direct.pages);
        CHECK(pooled.method == direct.method);
        CHECK(pooled.needs_ocr == direct.needs_ocr);
        CHECK(pooled.pages_without_text == direct.pages_without_text);
        CHECK(pooled.title == direct.title);
        CHECK(pooled.created == direct.created);
    }
    CHECK_THAT(futures.size() == 5 ? pool.extract(corpus(k_good_pdf)).pages[0] : "",
               Catch::Contains("Demande de Kbis"));
}

TEST_CASE("a large result streams back from the worker intact") {
    test::TempDir tmp;
    // 2000 pages, 20 MB: far more than a pipe holds at once.
    std::string text;
    for (int page = 1; page <= 2000; ++page)
        text += "Page " + std::to_string(page) + " " + std::string(10000, 'x') + "\f";
    const std::string path = tmp.write("registre.txt", text);
    WorkerPool pool(worker_argv(), 1);
    const Result r = pool.extract(path);
    REQUIRE(r.pages.size() == 2000);
    CHECK(r.pages[0] == "Page 1 " + std::string(10000, 'x'));
    CHECK(r.pages[1999] == "Page 2000 " + std::string(10000, 'x'));
    CHECK(r.pages == extract_in_process(path).pages);
}

TEST_CASE("errors come back from a worker with their code and message, in the caller's language") {
    test::TempDir tmp;
    WorkerPool pool(worker_argv(), 1);
    const std::string empty = tmp.write("vide.txt", "");
    const Error e = pool_error(pool, empty);
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.message() == "« " + empty + " » : fichier vide");

    const Error locked = pool_error(pool, corpus("bad-pdf/pdfjs__pr6531_1.pdf"));
    CHECK(locked.code() == ErrorCode::unsupported);
    CHECK_THAT(locked.message(), Catch::Contains("protégé par un mot de passe"));

    set_language(Language::en);
    const Error english = pool_error(pool, empty);
    set_language(Language::fr);
    CHECK(english.message() == "'" + empty + "': empty file");
    CHECK(pool_error(pool, tmp / "absent.pdf").code() == ErrorCode::not_found);
}

TEST_CASE("every bad PDF through the pool gives text or a clear error, and the pool survives") {
    const auto start = Clock::now();
    WorkerPool pool(worker_argv(), 2, limits(std::chrono::seconds(5)));
    DIR* dir = ::opendir(corpus("bad-pdf").c_str());
    REQUIRE(dir != nullptr);
    std::vector<std::string> files;
    while (dirent* entry = ::readdir(dir))
        if (std::string(entry->d_name).ends_with(".pdf"))
            files.push_back(corpus("bad-pdf/") + entry->d_name);
    ::closedir(dir);
    REQUIRE(files.size() == 20);

    std::vector<std::future<Result>> futures;
    for (const std::string& f : files) futures.push_back(pool.submit(f));
    int extracted = 0;
    int timed_out = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i]);
        try {
            const Result r = futures[i].get();
            CHECK(r.pages.size() >= 1);
            ++extracted;
        } catch (const Error& e) {
            CHECK_THAT(e.message(), Catch::Contains("« " + files[i] + " » : "));
            CHECK((e.code() == ErrorCode::invalid_input || e.code() == ErrorCode::unsupported));
            if (e.message().find("dépassé le délai de 5 s") != std::string::npos) ++timed_out;
            if (files[i].ends_with("shared-unnamed-field.pdf"))
                CHECK_THAT(e.message(), Catch::Contains("dépassé le délai de 5 s"));
            if (files[i].ends_with("encrypted-40-bit-R3.pdf"))
                CHECK_THAT(e.message(), Catch::Contains("protégé par un mot de passe"));
        }
    }
    // poppler reads some of them (e.g. the xref stream in an object stream that crashes qpdf).
    CHECK(extracted >= 3);
    CHECK(timed_out >= 1);
    const Result good = pool.extract(corpus(k_good_pdf));
    CHECK_THAT(good.pages.at(0), Catch::Contains("Demande de Kbis"));
    // Two workers, two endless files at most 5 s each: far below what hanging would take.
    CHECK(seconds_since(start) < 25.0);
}

TEST_CASE("a worker that hangs is killed at the time limit and replaced") {
    WorkerPool pool(worker_argv(), 1, limits(std::chrono::milliseconds(1500)));
    const auto start = Clock::now();
    const Error e = pool_error(pool, corpus("bad-pdf/qpdf__shared-unnamed-field.pdf"));
    const double took = seconds_since(start);
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.message() == "« " + corpus("bad-pdf/qpdf__shared-unnamed-field.pdf") +
                             " » : l'extraction a dépassé le délai de 1,5 s");
    CHECK(took >= 1.4);
    CHECK(took < 4.0);
    // The next document gets a fresh worker.
    CHECK_THAT(pool.extract(corpus(k_good_pdf)).pages.at(0), Catch::Contains("Demande de Kbis"));
    CHECK(child_pids().size() == 1);
}

TEST_CASE("a worker that crashes fails its document and is replaced") {
    WorkerPool pool(shell_worker("ulimit -c 0; kill -SEGV $$"), 1);
    for (int i = 0; i < 2; ++i) {
        const Error e = pool_error(pool, "/archive/inbox/scan.pdf");
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.message() ==
              "« /archive/inbox/scan.pdf » : le processus d'extraction s'est arrêté (signal 11)");
    }
    WorkerPool quitter(shell_worker("exit 3"), 1);
    CHECK_THAT(pool_error(quitter, "a.pdf").message(), Catch::EndsWith("(code de sortie 3)"));
}

TEST_CASE("the parent survives a worker that writes garbage") {
    WorkerPool noisy(shell_worker("printf 'garbage, not a frame'; cat >/dev/null"), 1);
    const Error e = pool_error(noisy, "lettre.pdf");
    CHECK(e.message() ==
          "« lettre.pdf » : le processus d'extraction a envoyé une réponse invalide");
    // A well-formed frame around a meaningless payload.
    WorkerPool liar(shell_worker("printf '\\000\\000\\000\\005hello'; cat >/dev/null"), 1);
    CHECK_THAT(pool_error(liar, "lettre.pdf").message(), Catch::Contains("réponse invalide"));
    // A worker that never reads and never answers only costs the time limit.
    WorkerPool deaf(shell_worker("exec sleep 30"), 1, limits(std::chrono::milliseconds(300)));
    CHECK_THAT(pool_error(deaf, "lettre.pdf").message(),
               Catch::EndsWith("dépassé le délai de 0,3 s"));
}

TEST_CASE("a worker that writes out of turn is replaced before the next document") {
    test::TempDir tmp;
    // It answers at once with an error, adds junk, and then only reads.
    const std::string reply =
        detail::encode_error(Error(ErrorCode::unsupported, "réponse préparée"), false);
    tmp.write("reply", reply + "junk");
    WorkerPool pool(shell_worker("cat '" + tmp.path() + "/reply'; exec cat >/dev/null"), 1);
    for (int i = 0; i < 2; ++i) {
        const Error e = pool_error(pool, "lettre.pdf");
        CHECK(e.code() == ErrorCode::unsupported);
        CHECK(e.message() == "réponse préparée");
    }
}

TEST_CASE("a worker program that cannot be started is an io error") {
    WorkerPool pool({"/nonexistent/ububiko-extract"}, 1);
    const Error e = pool_error(pool, "lettre.pdf");
    CHECK(e.code() == ErrorCode::io);
    CHECK_THAT(e.message(), Catch::Contains("/nonexistent/ububiko"));
}

TEST_CASE("workers start with OMP_THREAD_LIMIT=1 and the memory limit") {
    test::TempDir tmp;
    ::setenv("OMP_THREAD_LIMIT", "8", 1);
    Limits l;
    l.memory_bytes = std::size_t{900} << 20;
    WorkerPool pool(
        shell_worker("echo \"$OMP_THREAD_LIMIT\" > '" + tmp.path() + "/omp'; ulimit -v > '" +
                     tmp.path() + "/limit'; exec '" UBUBIKO_EXTRACT_BIN "'"),
        1, l);
    ::unsetenv("OMP_THREAD_LIMIT");
    CHECK_THAT(pool.extract(corpus(k_good_pdf)).pages.at(0), Catch::Contains("Kbis"));
    std::ifstream omp(tmp / "omp");
    std::ifstream limit(tmp / "limit");
    std::string omp_value, limit_value;
    omp >> omp_value;
    limit >> limit_value;
    CHECK(omp_value == "1");
    // ulimit -v counts KiB.
    CHECK(limit_value == (k_memory_limited ? std::to_string(900 * 1024) : "unlimited"));
}

TEST_CASE("a worker out of memory reports it and is replaced") {
    if (!k_memory_limited) return;  // nothing to exhaust
    test::TempDir tmp;
    // Enough to start, not enough for 200 MB of text.
    Limits l;
    l.memory_bytes = std::size_t{160} << 20;
    WorkerPool pool(worker_argv(), 1, l);
    const std::string big = tmp.write("gros.txt", std::string(std::size_t{200} << 20, 'a'));
    const Error e = pool_error(pool, big);
    CHECK(e.code() == ErrorCode::invalid_input);
    // Reading the file fails with std::bad_alloc, which the worker reports before asking
    // to be replaced.
    CHECK(e.message() ==
          "« " + big + " » : mémoire insuffisante pour l'extraction (limite : 160 Mio)");
    CHECK_THAT(pool.extract(corpus(k_good_pdf)).pages.at(0), Catch::Contains("Kbis"));
}

TEST_CASE("a worker that died while idle is replaced without failing the next document") {
    // The request is written to a dead worker's pipe: EPIPE, and no SIGPIPE may kill us.
    WorkerPool pool(worker_argv(), 1);
    CHECK_NOTHROW(pool.extract(corpus(k_good_pdf)));
    const std::vector<pid_t> workers = child_pids();
    REQUIRE(workers.size() == 1);
    ::kill(workers[0], SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_THAT(pool.extract(corpus(k_good_pdf)).pages.at(0), Catch::Contains("Kbis"));
    const std::vector<pid_t> now = child_pids();
    REQUIRE(now.size() == 1);
    CHECK(now[0] != workers[0]);
}

TEST_CASE("the destructor cancels pending work and leaves no zombie and no descriptor") {
    const std::size_t fds_before = open_fd_count();
    std::future<Result> running, queued;
    const auto start = Clock::now();
    {
        WorkerPool pool(shell_worker("exec sleep 30"), 1);
        running = pool.submit("lent.pdf");
        queued = pool.submit("suivant.pdf");
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    CHECK(seconds_since(start) < 3.0);
    for (std::future<Result>* f : {&running, &queued}) {
        try {
            f->get();
            FAIL("not cancelled");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::conflict);
            CHECK_THAT(e.message(), Catch::Contains("extraction annulée"));
        }
    }
    {
        WorkerPool pool(worker_argv(), 2);
        CHECK_NOTHROW(pool.extract(corpus(k_good_pdf)));
        CHECK(child_pids().size() == 1);
    }
    CHECK(child_pids().empty());
    errno = 0;
    CHECK(::waitpid(-1, nullptr, WNOHANG) == -1);
    CHECK(errno == ECHILD);
    CHECK(open_fd_count() == fds_before);
}

TEST_CASE("many documents submitted from several threads") {
    WorkerPool pool(worker_argv(), 2);
    std::vector<std::future<Result>> futures(24);
    std::thread a([&] {
        for (int i = 0; i < 12; ++i) futures[i] = pool.submit(corpus(k_good_pdf));
    });
    std::thread b([&] {
        for (int i = 12; i < 24; ++i) futures[i] = pool.submit(corpus("pdf/xapian__poppler.pdf"));
    });
    a.join();
    b.join();
    for (int i = 0; i < 24; ++i)
        CHECK_THAT(futures[i].get().pages.at(0),
                   Catch::Contains(i < 12 ? "Kbis" : "Text text text"));
}
