#include "cli/filing_output.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/context.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::cli {

using service::FileOutcome;

const char* status_name(FileOutcome::Status s) {
    switch (s) {
        case FileOutcome::Status::filed: return "filed";
        case FileOutcome::Status::queued: return "queued";
        case FileOutcome::Status::duplicate: return "duplicate";
        case FileOutcome::Status::failed: return "failed";
        case FileOutcome::Status::not_started: return "not-started";
    }
    return "failed";
}

FilingOutput::FilingOutput(bool json, bool bar) : m_json(json), m_bar(bar && !json) {
    m_thread = std::thread([this] { run_bar(); });
}

FilingOutput::~FilingOutput() { close(); }

void FilingOutput::close() {
    {
        std::lock_guard lock(m_mutex);
        if (m_closing) return;
        m_closing = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    if (m_bar) std::cerr << "\r\x1b[K" << std::flush;
}

namespace {

std::string minutes_text(double seconds) {
    if (seconds < 60) return std::to_string(static_cast<int>(std::ceil(seconds))) + " s";
    int minutes = static_cast<int>(std::ceil(seconds / 60));
    if (minutes < 120) return std::to_string(minutes) + " min";
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

}  // namespace

// "▕████░░░░▏ 120/300 · 412 pages · 35 pages/min · reste ~4 min · scan 12.tif"
void FilingOutput::draw_locked(bool final_line) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    int pages = m_pages.load();
    double per_minute = elapsed > 1 ? pages * 60.0 / elapsed : 0;
    std::string line;
    if (m_bar) {
        const int width = 20;
        int filled = m_total ? static_cast<int>(width * m_done / m_total) : 0;
        line += "\u2595";
        for (int i = 0; i < width; ++i) line += i < filled ? "\u2588" : "\u2591";
        line += "\u258f ";
    }
    line += std::to_string(m_done) + "/" + std::to_string(m_total) + tr(" documents · ", " documents · ") +
            std::to_string(pages) + tr(" pages", " pages");
    if (per_minute > 0) line += " · " + std::to_string(static_cast<int>(per_minute)) + tr(" pages/min", " pages/min");
    if (m_done > 0 && m_done < m_total && elapsed > 2)
        line += tr(" · reste ~", " · left ~") + minutes_text(elapsed / static_cast<double>(m_done) * static_cast<double>(m_total - m_done));
    if (!m_current.empty()) line += " · " + std::string(utf8_prefix(m_current, 60));
    if (m_bar) std::cerr << "\r\x1b[K" << line << std::flush;
    else if (!final_line) std::cerr << "[" << static_cast<int>(elapsed) << " s] " << line << "\n";
}

void FilingOutput::run_bar() {
    std::unique_lock lock(m_mutex);
    while (!m_closing) {
        m_wake.wait_for(lock, std::chrono::milliseconds(m_bar ? 250 : 5000));
        if (m_closing || m_json || m_total == 0) continue;
        auto now = std::chrono::steady_clock::now();
        if (m_bar) draw_locked(false);
        else if (now - m_last_plain >= std::chrono::seconds(5)) {
            m_last_plain = now;
            draw_locked(false);
        }
    }
}

void FilingOutput::note(const std::string& line) {
    std::lock_guard lock(m_mutex);
    if (m_json) return;
    if (m_bar) std::cerr << "\r\x1b[K";
    std::cerr << line << "\n";
    if (m_bar) draw_locked(false);
}

void FilingOutput::outcome(const FileOutcome& o, std::size_t done, std::size_t total) {
    std::lock_guard lock(m_mutex);
    m_done = done;
    m_total = total;
    m_current = o.path;
    if (m_json) {
        nlohmann::json j = {{"path", o.path}, {"status", status_name(o.status)}};
        if (!o.id.empty()) j["id"] = o.id;
        if (!o.message.empty()) j["message"] = o.message;
        if (!o.warnings.empty()) j["warnings"] = o.warnings;
        if (!o.suggested_code.empty()) j["suggested"] = {{"code", o.suggested_code}, {"confidence", o.suggested_confidence}};
        if (!o.proposed.empty()) j["proposed"] = o.proposed;
        if (o.status == FileOutcome::Status::filed || o.status == FileOutcome::Status::queued) {
            const archive::Record& r = o.record;
            j["code"] = r.code;
            j["title"] = r.title;
            j["pages"] = r.extraction.pages;
            if (const archive::RecordFile* f = r.file_with_role("original")) j["sha256"] = f->sha256;
            j["folder"] = archive::Archive::relative_record_dir(r.code, r.id);
            if (r.extraction.ocr_confidence() >= 0) j["ocr_confidence"] = std::round(r.extraction.ocr_confidence() * 10) / 10;
        }
        m_documents.push_back(std::move(j));
        return;
    }
    if (m_bar) std::cerr << "\r\x1b[K" << std::flush;
    switch (o.status) {
        case FileOutcome::Status::filed:
        case FileOutcome::Status::queued: {
            std::cout << (o.status == FileOutcome::Status::filed ? tr("classé   ", "filed    ") : tr("à classer ", "queued   "))
                      << bold(o.id) << "  " << (o.record.code.empty() ? std::string("-") : o.record.code) << "  « "
                      << o.record.original_name << " »";
            for (const auto& w : o.warnings) std::cout << "  (" << w << ")";
            std::cout << "\n";
            break;
        }
        case FileOutcome::Status::duplicate:
            std::cout << tr("doublon  ", "duplicate ") << o.path << " : " << o.message << "\n";
            break;
        case FileOutcome::Status::failed:
            std::cout.flush();
            std::cerr << tr("échec    ", "failed   ") << o.message << "\n";
            break;
        case FileOutcome::Status::not_started:
            break;
    }
    std::cout.flush();
    if (m_bar && done < total) draw_locked(false);
}

}  // namespace ububiko::cli
