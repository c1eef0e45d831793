// File operations with the durability the archive needs: whole-file reads and writes,
// fsync of files and folders, atomic replacement, and a copy that hashes as it goes.
// Every failure throws Error(io) naming the path and the system's reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ububiko {

// A move-only owner of a POSIX file descriptor.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset();
            m_fd = other.release();
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    int release() {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset();

private:
    int m_fd = -1;
};

// "cannot <what> 'path': <strerror(errno)>" as an Error(io).
[[noreturn]] void throw_io(const std::string& what, const std::string& path, int err);

UniqueFd open_for_reading(const std::string& path);
// Reads up to size bytes; 0 at end of file.
std::size_t read_some(const UniqueFd& fd, const std::string& path, void* buffer, std::size_t size);
void write_all(const UniqueFd& fd, const std::string& path, std::string_view data);

std::string read_file(const std::string& path);
// Reads at most max_bytes from the start of the file.
std::string read_file_prefix(const std::string& path, std::size_t max_bytes);
// Appends what follows in fd to out, until out holds max_bytes or the file ends (reads
// on from the file's position: a prefix read first can be extended without reading it again).
void read_more(const UniqueFd& fd, const std::string& path, std::string& out, std::size_t max_bytes);

enum class Durability { none, fsync };
// Who may read a file written here: everyone (0644, less the umask) or its owner alone
// (0600, whatever the umask and whatever mode an existing file had): secrets.
enum class FileMode { shared, owner_only };

// Creates or truncates path with data; with Durability::fsync the data is on disk on return.
void write_file(const std::string& path, std::string_view data, Durability durability,
                FileMode mode = FileMode::shared);
// Replaces path atomically: writes path + ".tmp", fsyncs, renames, fsyncs the folder.
void replace_file_atomically(const std::string& path, std::string_view data,
                             FileMode mode = FileMode::shared);
// Appends data and fsyncs.
void append_durably(const std::string& path, std::string_view data);

void fsync_path(const std::string& path);  // a file or a folder
// Flushes the whole filesystem that holds path (syncfs): one flush for a group of files.
void sync_filesystem(const std::string& path);

struct CopyResult {
    std::uint64_t size = 0;
    std::string sha256;
    bool same_as_expected = false;  // the bytes copied equal `expected` (see below)
};
// Copies from → to byte for byte (to must not exist), hashing on the way. No fsync.
// When `expected` is given, also tells whether the bytes copied are exactly it.
CopyResult copy_and_hash(const std::string& from, const std::string& to, std::string_view expected = {});

// mkdir -p; returns whether anything was created.
bool make_dirs(const std::string& path);
bool exists(const std::string& path);
bool is_directory(const std::string& path);
// rename(2), throwing on failure.
void rename_path(const std::string& from, const std::string& to);
// rm -rf that never follows symlinks out of path.
void remove_all(const std::string& path);

}  // namespace ububiko
