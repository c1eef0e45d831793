// What `file` and `intake` print while they work: a line per document, a progress bar on
// a terminal (plain progress lines otherwise), a summary; or JSON with --json.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "service/filing.hpp"

namespace ububiko::cli {

class FilingOutput {
public:
    // json: collect, print nothing until summary(). bar: a progress bar on stderr.
    FilingOutput(bool json, bool bar);
    ~FilingOutput();

    // One document's outcome (from the filing's committer thread).
    void outcome(const service::FileOutcome& o, std::size_t done, std::size_t total);
    // Pages read (from worker threads).
    void pages(int n) { m_pages += n; }
    // The line shown when a stop is asked (Ctrl-C).
    void note(const std::string& line);
    // Stops the bar; the JSON documents so far.
    void close();
    nlohmann::json& documents() { return m_documents; }

private:
    void draw_locked(bool final_line);
    void run_bar();

    bool m_json, m_bar;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_closing = false;
    std::thread m_thread;
    std::atomic<int> m_pages{0};
    std::size_t m_done = 0, m_total = 0;
    std::string m_current;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last_plain = m_start;
    nlohmann::json m_documents = nlohmann::json::array();
};

const char* status_name(service::FileOutcome::Status s);

// The metadata options shared by `file` and `intake`.
void add_metadata_options(CLI::App* cmd, service::Metadata& m, std::string& metadata_csv);
void print_filing_summary(const service::FileSummary& s);
// Says when the filing retrained the suggestion model (or could not).
void print_model_note(const service::FileSummary& s);
int filing_exit_status(const service::FileSummary& s);
nlohmann::json summary_json(const service::FileSummary& s);

}  // namespace ububiko::cli
