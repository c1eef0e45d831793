#include "service/intake.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "archive/writer.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "extract/unpack.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

namespace {

// Whether a file is a batch to unpack (a zip that is not an office document, or a tar,
// possibly compressed), from its bytes alone: the parent process links no archive library.
bool is_batch(const std::string& path) {
    std::string head = read_file_prefix(path, 512);
    if (head.size() >= 4 && head.compare(0, 4, "PK\x03\x04") == 0) {
        // ODF keeps an uncompressed "mimetype" entry first; OOXML lists [Content_Types].xml
        // in its central directory, at the end of the file.
        if (head.find("mimetypeapplication/vnd.oasis.opendocument") != std::string::npos) return false;
        struct stat st;
        if (::stat(path.c_str(), &st) != 0) return true;
        std::size_t tail_size = std::min<std::size_t>(static_cast<std::size_t>(st.st_size), 1 << 16);
        UniqueFd fd = open_for_reading(path);
        std::string tail(tail_size, '\0');
        if (::pread(fd.get(), tail.data(), tail_size, static_cast<off_t>(st.st_size) - static_cast<off_t>(tail_size)) < 0)
            return true;
        return tail.find("[Content_Types].xml") == std::string::npos;
    }
    if (head.size() >= 262 && head.compare(257, 5, "ustar") == 0) return true;
    if (head.size() >= 2 && head.compare(0, 2, "\x1f\x8b") == 0) return true;
    if (head.size() >= 3 && head.compare(0, 3, "BZh") == 0) return true;
    if (head.size() >= 6 && head.compare(0, 6, "\xfd" "7zXZ\x00", 6) == 0) return true;
    return false;
}

bool hidden(const fs::path& p) {
    std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

// Folder entries in name order, hidden ones and the inbox's own subfolders skipped.
void walk_folder(const fs::path& dir, const std::string& shown, std::vector<IntakeItem>& out,
                 std::vector<Refusal>& refused, bool inbox) {
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) {
        refused.push_back({shown, tr("dossier illisible : ", "unreadable folder: ") + ec.message()});
        return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& e : entries) {
        if (hidden(e.path())) continue;
        std::string name = shown + "/" + e.path().filename().string();
        if (e.is_symlink()) {
            refused.push_back({name, tr("lien symbolique ignoré", "symbolic link ignored")});
        } else if (e.is_directory()) {
            if (inbox && (e.path().filename() == "refusés" || e.path().filename() == "refuses")) continue;
            walk_folder(e.path(), name, out, refused, inbox);
        } else if (e.is_regular_file()) {
            out.push_back({e.path().string(), name, inbox});
        } else {
            refused.push_back({name, tr("fichier spécial ignoré", "special file ignored")});
        }
    }
}

void add_input(const archive::Archive& archive, const std::string& input, const std::string& shown, bool inbox,
               std::vector<IntakeItem>& out, std::vector<Refusal>& refused, int& batches) {
    struct stat st;
    if (::stat(input.c_str(), &st) != 0)
        throw Error(ErrorCode::not_found, tr("introuvable : ", "not found: ") + input);
    if (S_ISDIR(st.st_mode)) {
        walk_folder(input, shown, out, refused, inbox);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        refused.push_back({shown, tr("fichier spécial ignoré", "special file ignored")});
        return;
    }
    bool batch = false;
    try {
        batch = is_batch(input);
    } catch (const Error& e) {
        refused.push_back({shown, e.message()});
        return;
    }
    if (!batch) {
        out.push_back({input, shown, inbox});
        return;
    }
    // A batch: unpacked in a child process, entry by entry, into this process's work folder.
    std::string dest = archive::work_dir(archive) + "/lot-" + std::to_string(++batches);
    make_dirs(dest);
    try {
        extract::UnpackReport report = extract::unpack(extract_worker_program(), input, dest);
        for (const extract::UnpackedEntry& e : report.entries) {
            std::string name = shown + "/" + e.name;
            if (!e.refused.empty()) refused.push_back({name, e.refused});
            else out.push_back({e.path, name, false});
        }
    } catch (const Error& e) {
        refused.push_back({shown, e.message()});
    }
}

}  // namespace

std::vector<IntakeItem> gather(const archive::Archive& archive, const std::vector<std::string>& inputs, bool inbox,
                               std::vector<Refusal>& refused) {
    std::vector<IntakeItem> out;
    int batches = 0;
    for (const std::string& input : inputs) {
        std::string shown = input;
        while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
        add_input(archive, input, shown, false, out, refused, batches);
    }
    if (inbox) {
        make_dirs(archive.inbox_dir());
        walk_folder(archive.inbox_dir(), "inbox", out, refused, true);
    }
    return out;
}

std::vector<std::string> settled_inbox_files(const archive::Archive& archive, std::chrono::milliseconds settle) {
    std::vector<IntakeItem> items;
    std::vector<Refusal> refused;
    if (!exists(archive.inbox_dir())) return {};
    walk_folder(archive.inbox_dir(), "inbox", items, refused, true);
    std::vector<std::string> out;
    auto now = fs::file_time_type::clock::now();
    for (const IntakeItem& item : items) {
        std::error_code ec;
        auto written = fs::last_write_time(item.path, ec);
        if (!ec && now - written >= settle) out.push_back(item.path);
    }
    return out;
}

IntakeResult intake(const archive::Archive& archive, const IntakeRequest& request, const Progress& progress) {
    auto start = std::chrono::steady_clock::now();
    IntakeResult result;
    std::vector<IntakeItem> items = gather(archive, request.inputs, request.inbox, result.refused);
    // The metadata spreadsheet, when it sits among the documents, is not one of them.
    if (!request.metadata_csv.empty()) {
        std::error_code ec;
        fs::path csv = fs::canonical(request.metadata_csv, ec);
        if (!ec)
            items.erase(std::remove_if(items.begin(), items.end(),
                                       [&](const IntakeItem& item) {
                                           std::error_code e;
                                           return fs::equivalent(item.path, csv, e);
                                       }),
                        items.end());
    }
    result.documents = items.size();

    FileRequest file;
    file.metadata = request.metadata;
    file.metadata_csv = request.metadata_csv;
    file.user = request.user;
    file.jobs = request.jobs;
    file.queue_unclassified = true;
    file.suggest = request.suggest;
    file.retrain = request.retrain;
    if (request.ocr) file.ocr_languages = archive.config().ocr_languages;
    file.stop = request.stop;
    file.on_pages = request.on_pages;
    for (const IntakeItem& item : items) {
        file.paths.push_back(item.path);
        file.names.push_back(item.name);
    }
    // What came from the inbox leaves it once it is in the archive; what could not be
    // filed goes to inbox/refusés/ with a note saying why.
    std::map<std::string, const IntakeItem*> by_name;
    for (const IntakeItem& item : items) by_name[item.name] = &item;
    auto tidy_inbox = [&](const FileOutcome& o) {
        auto it = by_name.find(o.path);
        if (it == by_name.end() || !it->second->from_inbox) return;
        const std::string& path = it->second->path;
        try {
            if (o.status == FileOutcome::Status::filed || o.status == FileOutcome::Status::queued ||
                o.status == FileOutcome::Status::duplicate) {
                std::remove(path.c_str());
            } else if (o.status == FileOutcome::Status::failed) {
                std::string refused_dir = archive.inbox_dir() + "/refusés";
                make_dirs(refused_dir);
                std::string target = refused_dir + "/" + fs::path(path).filename().string();
                rename_path(path, target);
                write_file(target + ".motif.txt", o.message + "\n", Durability::none);
            }
        } catch (const Error&) {
            // The inbox stays as it is; the outcome itself was reported.
        }
    };
    if (!items.empty())
        result.summary = file_documents(archive, file, [&](const FileOutcome& o, std::size_t done, std::size_t total) {
            tidy_inbox(o);
            if (progress) progress(o, done, total);
        });
    remove_all(archive::work_dir_path(archive));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace ububiko::service
