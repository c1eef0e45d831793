#include "core/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"

namespace ububiko {

void UniqueFd::reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

void throw_io(const std::string& what, const std::string& path, int err) {
    // "impossible d'écrire", "impossible d'ouvrir": French elides before a vowel.
    const bool elide = !what.empty() && (std::string("aeiouAEIOU").find(what[0]) != std::string::npos ||
                                         what.rfind("\u00e9", 0) == 0 || what.rfind("\u00c9", 0) == 0);
    const std::string cannot = language() == Language::fr ? (elide ? "impossible d'" : "impossible de ") : "cannot ";
    throw Error(ErrorCode::io, cannot + what + " '" + path + "' : " + system_error_text(err));
}

UniqueFd open_for_reading(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT)
            throw Error(ErrorCode::not_found,
                        tr("fichier introuvable : ", "no such file: ") + "'" + path + "'");
        throw_io(tr("lire", "read"), path, err);
    }
    return UniqueFd(fd);
}

std::size_t read_some(const UniqueFd& fd, const std::string& path, void* buffer, std::size_t size) {
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, size);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        throw_io(tr("lire", "read"), path, errno);
    }
}

void write_all(const UniqueFd& fd, const std::string& path, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd.get(), data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io(tr("écrire", "write"), path, errno);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string read_file(const std::string& path) {
    return read_file_prefix(path, static_cast<std::size_t>(-1));
}

void read_more(const UniqueFd& fd, const std::string& path, std::string& out, std::size_t max_bytes) {
    // Read straight into the string, sized from the file's length (one more byte to see the
    // end at once); files that grow or say nothing of their length are read on in steps.
    // A regular file that gives less than asked is at its end: no further read, and no
    // 64 KB buffer zeroed to learn it (a search reads ten small files and would fault in
    // fresh pages for each).
    std::size_t step = 1 << 16;
    bool regular = false;
    struct stat st {};
    if (::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode)) {
        const auto size = static_cast<std::size_t>(st.st_size);
        step = (size > out.size() ? size - out.size() : 0) + 1;
        regular = true;
    }
    while (out.size() < max_bytes) {
        std::size_t want = std::min(step, max_bytes - out.size());
        std::size_t had = out.size();
        out.resize(had + want);
        std::size_t n = read_some(fd, path, out.data() + had, want);
        out.resize(had + n);
        if (n == 0 || (regular && n < want)) break;
        step = 1 << 16;
    }
}

std::string read_file_prefix(const std::string& path, std::size_t max_bytes) {
    UniqueFd fd = open_for_reading(path);
    std::string out;
    read_more(fd, path, out, max_bytes);
    return out;
}

namespace {
void fsync_fd(const UniqueFd& fd, const std::string& path) {
    if (::fsync(fd.get()) != 0) throw_io("fsync", path, errno);
}
}  // namespace

void write_file(const std::string& path, std::string_view data, Durability durability, FileMode mode) {
    const mode_t bits = mode == FileMode::owner_only ? 0600 : 0644;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, bits));
    if (!fd) throw_io(tr("créer", "create"), path, errno);
    // An existing file keeps its mode through O_TRUNC: narrowed before the secret is written.
    if (mode == FileMode::owner_only && ::fchmod(fd.get(), bits) != 0) throw_io("chmod", path, errno);
    write_all(fd, path, data);
    if (durability == Durability::fsync) fsync_fd(fd, path);
}

void replace_file_atomically(const std::string& path, std::string_view data, FileMode mode) {
    std::string tmp = path + ".tmp";
    write_file(tmp, data, Durability::fsync, mode);
    rename_path(tmp, path);
    fsync_path(std::filesystem::path(path).parent_path().string());
}

void append_durably(const std::string& path, std::string_view data) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!fd) throw_io(tr("ouvrir", "open"), path, errno);
    write_all(fd, path, data);
    fsync_fd(fd, path);
}

void fsync_path(const std::string& path) {
    UniqueFd fd(::open(path.empty() ? "." : path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw_io(tr("ouvrir", "open"), path, errno);
    fsync_fd(fd, path);
}

void sync_filesystem(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw_io(tr("ouvrir", "open"), path, errno);
    if (::syncfs(fd.get()) != 0) throw_io("syncfs", path, errno);
}

CopyResult copy_and_hash(const std::string& from, const std::string& to, std::string_view expected) {
    UniqueFd in = open_for_reading(from);
    UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out) throw_io(tr("créer", "create"), to, errno);
    Sha256 hash;
    CopyResult result;
    bool same = !expected.empty();
    char buffer[1 << 16];
    for (;;) {
        std::size_t n = read_some(in, from, buffer, sizeof buffer);
        if (n == 0) break;
        hash.update(buffer, n);
        write_all(out, to, std::string_view(buffer, n));
        if (same) same = result.size + n <= expected.size() && expected.compare(result.size, n, std::string_view(buffer, n)) == 0;
        result.size += n;
    }
    result.sha256 = hash.hex();
    result.same_as_expected = same && result.size == expected.size();
    return result;
}

bool make_dirs(const std::string& path) {
    std::error_code ec;
    bool created = std::filesystem::create_directories(path, ec);
    if (ec) throw_io(tr("créer le dossier", "create folder"), path, ec.value());
    return created;
}

bool exists(const std::string& path) {
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void rename_path(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0)
        throw_io(tr("renommer", "rename"), from + "' → '" + to, errno);
}

void remove_all(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);  // does not follow symlinks
    if (ec) throw_io(tr("supprimer", "remove"), path, ec.value());
}

}  // namespace ububiko
