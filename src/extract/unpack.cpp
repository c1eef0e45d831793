// Unpacking zip and tar batches with libarchive. Every write goes through a directory
// descriptor this code opened itself, one component at a time, with O_NOFOLLOW, on folders
// it created itself with mkdirat: no name in the archive, and nothing already in the
// destination (a symbolic link put there earlier, say), can make a write land elsewhere.
#include "extract/unpack.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "extract/messages.hpp"
#include "extract/zip_reader.hpp"

namespace ububiko::extract {

namespace {

using detail::file_error;

constexpr std::size_t k_block_bytes = 64 * 1024;
constexpr std::size_t k_max_component_bytes = 200;  // NAME_MAX is 255: room for " (999)"
constexpr std::size_t k_max_extension_bytes = 16;   // kept when a long name is cut
constexpr std::size_t k_max_depth = 64;
// Folders and name together, so that dest_dir + path stays well under PATH_MAX.
constexpr std::size_t k_max_path_bytes = 1024;
constexpr std::size_t k_max_reported_name_bytes = 4096;
constexpr int k_max_suffix = 1000;
// How many times a damaged zip is reopened to read on past a bad entry.
constexpr int k_max_resumes = 16;
// The compression ratio is judged only once an entry has given this much: a small file
// cannot be a bomb, and its few compressed bytes would make the ratio meaningless.
constexpr std::uint64_t k_ratio_floor_bytes = 1 << 20;
// libarchive reads its input a block ahead: the compressed bytes consumed are known to
// within a block, counted in the entry's favour.
constexpr std::uint64_t k_ratio_slack_bytes = k_block_bytes;

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

std::string library_detail(archive* a) {
    const char* text = archive_error_string(a);
    return text != nullptr ? text : "libarchive";
}

// Names in zip and tar headers are decoded by libarchive into the locale's charset: this
// thread works in C.UTF-8 while it reads an archive (uselocale, not the process's locale).
class Utf8Locale {
public:
    Utf8Locale() {
        for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
            m_locale = ::newlocale(LC_CTYPE_MASK, name, locale_t{});
            if (m_locale != locale_t{}) break;
        }
        if (m_locale != locale_t{}) m_previous = ::uselocale(m_locale);
    }
    ~Utf8Locale() {
        if (m_locale == locale_t{}) return;
        ::uselocale(m_previous);
        ::freelocale(m_locale);
    }
    Utf8Locale(const Utf8Locale&) = delete;
    Utf8Locale& operator=(const Utf8Locale&) = delete;

private:
    locale_t m_locale{};
    locale_t m_previous{};
};

// ---- archive_kind --------------------------------------------------------------------

bool is_tar_header(std::string_view block) {
    return block.size() >= 263 && block.substr(257, 5) == "ustar";  // POSIX and GNU magic
}

// An ODT, ODS, EPUB… (a "mimetype" entry) or a DOCX, XLSX… ([Content_Types].xml) is a
// document to file, not a batch.
bool is_document_zip(const std::string& path) {
    try {
        const detail::ZipContents zip =
            detail::read_zip(path, [](std::string_view) { return false; });
        for (const std::string& name : zip.names)
            if (name == "mimetype" || name == "[Content_Types].xml") return true;
    } catch (const Error& e) {
        if (e.code() == ErrorCode::not_found || e.code() == ErrorCode::io) throw;
        // A damaged zip is still a batch: unpacking reports what it can read.
    }
    return false;
}

// Whether a gzip, bzip2 or xz stream starts with a tar header.
bool is_compressed_tar(const std::string& path) {
    UniqueFd fd = open_for_reading(path);
    ArchivePtr a(archive_read_new());
    if (!a) throw std::bad_alloc();
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_format_raw(a.get());
    archive_entry* entry = nullptr;
    if (archive_read_open_fd(a.get(), fd.get(), k_block_bytes) != ARCHIVE_OK ||
        archive_read_next_header(a.get(), &entry) != ARCHIVE_OK)
        return false;
    char block[512];
    std::size_t have = 0;
    while (have < sizeof block) {
        const la_ssize_t n = archive_read_data(a.get(), block + have, sizeof block - have);
        if (n <= 0) break;
        have += static_cast<std::size_t>(n);
    }
    return is_tar_header(std::string_view(block, have));
}

// ---- names ---------------------------------------------------------------------------

// Code page 850, 0x80–0xFF: what a French (and Western European) Windows writes for the
// names of a compressed folder that are not ASCII, without the zip's UTF-8 flag. The zip
// format says code page 437, which agrees on the small accented letters (é 0x82, è 0x8A,
// à 0x85, ç 0x87) but has box-drawing signs where 850 has À, È, Ê, Ô ("PROCÈS-VERBAL.pdf").
constexpr char16_t k_cp850_high[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557,
    0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB,
    0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9,
    0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0};

std::string cp850_to_utf8(std::string_view data) {
    std::string out;
    for (unsigned char b : data) {
        const char16_t c = b < 0x80 ? b : k_cp850_high[b - 0x80];
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// A name as libarchive gives it, in UTF-8: kept when it already is (UTF-8 zips, pax tars);
// otherwise a zip name is CP850, a tar name Windows-1252 (the likeliest).
std::string to_utf8(std::string_view raw, bool zip) {
    if (is_valid_utf8(raw)) return std::string(raw);
    return zip ? cp850_to_utf8(raw) : cp1252_to_utf8(raw);
}

bool is_control(std::string_view s, std::size_t i, std::size_t& length) {
    const auto b = static_cast<unsigned char>(s[i]);
    length = 1;
    if (b < 0x20 || b == 0x7F) return true;
    // C1 controls, U+0080–U+009F: C2 80 – C2 9F.
    if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
        length = 2;
        return true;
    }
    return false;
}

std::string replace_controls(std::string_view s, char with) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t length = 1;
        if (is_control(s, i, length))
            out += with;
        else
            out.append(s.substr(i, length));
        i += length;
    }
    return out;
}

// The name people are shown: the entry's path, in UTF-8, control characters as '?'.
std::string display_name(std::string_view utf8) {
    std::string shown = replace_controls(utf8, '?');
    if (shown.size() > k_max_reported_name_bytes)
        shown = std::string(utf8_prefix(shown, k_max_reported_name_bytes)) + "…";
    return shown;
}

// "a.pdf" → ("a", ".pdf"); no extension for ".profile" or a long tail.
std::pair<std::string, std::string> split_extension(const std::string& name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || name.size() - dot > k_max_extension_bytes)
        return {name, ""};
    return {name.substr(0, dot), name.substr(dot)};
}

std::string safe_component(std::string_view component) {
    std::string name = replace_controls(component, '_');
    if (name.size() <= k_max_component_bytes) return name;
    auto [stem, extension] = split_extension(name);
    return std::string(utf8_prefix(stem, k_max_component_bytes - extension.size())) + extension;
}

// "a.pdf", 2 → "a (2).pdf".
std::string with_suffix(const std::string& name, int n) {
    if (n <= 1) return name;
    auto [stem, extension] = split_extension(name);
    return stem + " (" + std::to_string(n) + ")" + extension;
}

struct SafePath {
    std::vector<std::string> components;  // safe names; the last is the file's
    std::string refused;
};

// The entry's path as folders and a name under the destination (none for "", "./"), or
// why it is refused.
SafePath make_safe_path(std::string name) {
    SafePath safe;
    for (char& c : name)
        if (c == '\\') c = '/';  // Windows separators separate here too: ..\..\x climbs
    if (name.starts_with('/')) {
        safe.refused = tr("chemin absolu refusé", "absolute path refused");
        return safe;
    }
    if (name.size() >= 2 && name[1] == ':' &&
        ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
        safe.refused =
            tr("chemin absolu (lecteur Windows) refusé", "absolute path (Windows drive) refused");
        return safe;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        const std::string_view component(name.data() + start, end - start);
        start = end + 1;
        // Windows ignores trailing dots and spaces: ". ." or "..." would be "." or "..".
        const std::size_t meaningful = component.find_last_not_of(". ");
        if (meaningful == std::string_view::npos) {
            if (component.find("..") != std::string_view::npos) {
                safe.refused = tr("chemin hors du dossier (../) refusé",
                                  "path outside the folder (../) refused");
                return safe;
            }
            continue;  // "", "."
        }
        safe.components.push_back(safe_component(component));
    }
    std::size_t bytes = 0;
    for (const std::string& component : safe.components) bytes += component.size() + 1;
    if (safe.components.size() > k_max_depth || bytes > k_max_path_bytes)
        safe.refused = tr("chemin trop long refusé", "path too long refused");
    return safe;
}

// ---- sizes in messages ---------------------------------------------------------------

std::string size_text(std::uint64_t bytes) {
    const char* units_fr[] = {"octets", "Kio", "Mio", "Gio", "Tio"};
    const char* units_en[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char number[32];
    if (unit == 0 || value == static_cast<double>(static_cast<std::uint64_t>(value)))
        std::snprintf(number, sizeof number, "%.0f", value);
    else
        std::snprintf(number, sizeof number, "%.1f", value);
    std::string text = number;
    if (language() == Language::fr)
        for (char& c : text)
            if (c == '.') c = ',';
    return text + " " + tr(units_fr[unit], units_en[unit]);
}

bool disk_full(int err) {
    return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO;
}

// ---- the destination -----------------------------------------------------------------

// The folders created under the destination, and where each of the archive's folders
// went (a name already taken gets a numbered suffix).
class DestTree {
public:
    explicit DestTree(const std::string& dest_dir) {
        char resolved[PATH_MAX];
        if (::realpath(dest_dir.c_str(), resolved) == nullptr) {
            const int err = errno;
            if (err == ENOENT)
                throw Error(ErrorCode::not_found,
                            detail::about(dest_dir, tr("dossier introuvable", "no such folder")));
            throw_io(tr("ouvrir le dossier", "open the folder"), dest_dir, err);
        }
        m_root_path = resolved;
        m_root = UniqueFd(::open(resolved, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!m_root) throw_io(tr("ouvrir le dossier", "open the folder"), dest_dir, errno);
    }

    const std::string& root() const { return m_root_path; }

    // The folder that holds components[0 .. size-1[, created as needed and opened without
    // following links; its path relative to the root in `relative`. An invalid descriptor
    // and `refused` set when it cannot be made.
    UniqueFd open_folder(const std::vector<std::string>& components, std::size_t count,
                         std::string& relative, std::string& refused) {
        UniqueFd current(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0));
        if (!current) throw_io(tr("ouvrir le dossier", "open the folder"), m_root_path, errno);
        std::string key;
        for (std::size_t i = 0; i < count; ++i) {
            key += '/';
            key += components[i];
            auto known = m_folders.find(key);
            if (known == m_folders.end()) {
                std::string made = make_folder(current.get(), components[i], refused);
                if (made.empty()) return {};
                known = m_folders.emplace(key, made).first;
            }
            UniqueFd next(::openat(current.get(), known->second.c_str(),
                                   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!next) {
                refused = write_refusal(errno);
                return {};
            }
            current = std::move(next);
            if (!relative.empty()) relative += '/';
            relative += known->second;
        }
        return current;
    }

    // Creates name (or "name (2)"…) in folder, exclusively, never through a link.
    UniqueFd create_file(int folder, const std::string& name, std::string& created,
                         std::string& refused) {
        for (int n = 1; n <= k_max_suffix; ++n) {
            created = with_suffix(name, n);
            const int fd = ::openat(folder, created.c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
            if (fd >= 0) return UniqueFd(fd);
            if (errno != EEXIST) {
                refused = write_refusal(errno);
                return {};
            }
        }
        refused = tr("nom déjà pris trop de fois", "name taken too many times");
        return {};
    }

    std::string write_refusal(int err) const {
        if (disk_full(err)) throw_io(tr("écrire dans", "write to"), m_root_path, err);
        return tr("écriture impossible : ", "cannot write: ") + system_error_text(err);
    }

private:
    std::string make_folder(int parent, const std::string& name, std::string& refused) {
        for (int n = 1; n <= k_max_suffix; ++n) {
            std::string candidate = with_suffix(name, n);
            if (::mkdirat(parent, candidate.c_str(), 0755) == 0) return candidate;
            if (errno != EEXIST) {
                refused = write_refusal(errno);
                return {};
            }
        }
        refused = tr("nom déjà pris trop de fois", "name taken too many times");
        return {};
    }

    std::string m_root_path;
    UniqueFd m_root;
    std::map<std::string, std::string> m_folders;  // "/a/b" (safe names) → name on disk
};

// ---- unpacking -----------------------------------------------------------------------

class Unpacker {
public:
    Unpacker(const std::string& archive_path, const std::string& dest_dir,
             const UnpackLimits& limits)
        : m_path(archive_path), m_limits(limits), m_tree(dest_dir), m_buffer(k_block_bytes) {}

    UnpackReport run() {
        open();
        for (;;) {
            archive* a = m_archive.get();
            archive_entry* entry = nullptr;
            const int status = archive_read_next_header(a, &entry);
            if (status == ARCHIVE_EOF) break;
            if (status == ARCHIVE_FATAL) {
                if (m_headers == 0) throw unreadable();
                damaged_rest(library_detail(a));
                break;
            }
            if (++m_headers == 1)
                m_zip = (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
            if (m_headers > m_limits.max_entries) {
                refuse(entry, tr("trop d'entrées (plus de ", "too many entries (over ") +
                                  std::to_string(m_limits.max_entries) +
                                  tr(") : le reste de l'archive est refusé",
                                     "): the rest of the archive is refused"));
                break;
            }
            if (status == ARCHIVE_FAILED) {
                refuse(entry,
                       tr("entrée illisible (", "unreadable entry (") + library_detail(a) + ")");
                continue;
            }
            take(entry);
            if (!m_damage.empty() && !resume()) {
                damaged_rest(m_damage);
                break;
            }
        }
        return std::move(m_report);
    }

private:
    void open() {
        m_archive.reset();
        m_fd = open_for_reading(m_path);
        m_archive.reset(archive_read_new());
        if (!m_archive) throw std::bad_alloc();
        archive* a = m_archive.get();
        archive_read_support_format_zip(a);
        archive_read_support_format_tar(a);
        archive_read_support_filter_gzip(a);
        archive_read_support_filter_bzip2(a);
        archive_read_support_filter_xz(a);
        if (archive_read_open_fd(a, m_fd.get(), k_block_bytes) != ARCHIVE_OK) throw unreadable();
    }

    // After an entry whose data was damaged beyond what libarchive can go past: a zip is
    // opened again and read from the next entry (its central directory says where each
    // one starts), so one bad scan does not cost the rest of the batch. A compressed tar
    // cannot be resumed: its stream is broken.
    bool resume() {
        if (!m_zip || ++m_resumes > k_max_resumes) return false;
        try {
            open();
        } catch (const Error&) {
            return false;
        }
        for (std::uint64_t i = 0; i < m_headers; ++i) {
            archive_entry* entry = nullptr;
            const int status = archive_read_next_header(m_archive.get(), &entry);
            if (status != ARCHIVE_OK && status != ARCHIVE_WARN && status != ARCHIVE_FAILED)
                return false;
        }
        m_damage.clear();
        return true;
    }

    void damaged_rest(const std::string& detail) {
        m_report.entries.push_back({"", "", 0,
                                    tr("archive endommagée, la suite est illisible (",
                                       "damaged archive, the rest cannot be read (") +
                                        detail + ")"});
    }

    Error unreadable() {
        return file_error(ErrorCode::invalid_input, m_path,
                          tr("archive illisible : ni zip ni tar, ou endommagée (",
                             "unreadable archive: neither zip nor tar, or damaged (") +
                              library_detail(m_archive.get()) + ")");
    }

    // The entry's path in UTF-8; nothing when libarchive could not decode it (a zip that
    // says its names are UTF-8 and gives invalid bytes).
    std::optional<std::string> raw_name(archive_entry* entry) const {
        const char* name = archive_entry_pathname(entry);
        if (name == nullptr) name = archive_entry_pathname_utf8(entry);
        if (name == nullptr) return std::nullopt;
        return to_utf8(name, m_zip);
    }

    static std::uint64_t declared_size(archive_entry* entry) {
        return archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0
                   ? static_cast<std::uint64_t>(archive_entry_size(entry))
                   : 0;
    }

    void refuse(archive_entry* entry, std::string why) {
        m_report.entries.push_back(
            {display_name(raw_name(entry).value_or("")), "", declared_size(entry), std::move(why)});
    }

    std::string special_refusal(archive_entry* entry) const {
        if (archive_entry_hardlink(entry) != nullptr)
            return tr("lien physique refusé", "hard link refused");
        switch (archive_entry_filetype(entry)) {
            case AE_IFREG:
            case AE_IFDIR:
                break;
            case AE_IFLNK:
                return tr("lien symbolique refusé", "symbolic link refused");
            case AE_IFCHR:
            case AE_IFBLK:
                return tr("fichier spécial (périphérique) refusé", "special file (device) refused");
            case AE_IFIFO:
                return tr("fichier spécial (tube nommé) refusé",
                          "special file (named pipe) refused");
            case AE_IFSOCK:
                return tr("fichier spécial (socket) refusé", "special file (socket) refused");
            default:
                return tr("type d'entrée inconnu refusé", "unknown entry type refused");
        }
        if (archive_entry_symlink(entry) != nullptr)
            return tr("lien symbolique refusé", "symbolic link refused");
        if (archive_entry_is_encrypted(entry))
            return tr("entrée chiffrée refusée", "encrypted entry refused");
        return {};
    }

    std::string too_big() const {
        return tr("taille excessive (plus de ", "size too large (over ") +
               size_text(m_limits.max_entry_bytes) + ")";
    }

    std::string total_too_big() const {
        return tr("taille totale excessive (plus de ", "total size too large (over ") +
               size_text(m_limits.max_total_bytes) +
               tr(") : le reste de l'archive est refusé", "): the rest of the archive is refused");
    }

    void take(archive_entry* entry) {
        if (std::string why = special_refusal(entry); !why.empty()) return refuse(entry, why);
        const std::optional<std::string> raw = raw_name(entry);
        if (!raw)
            return refuse(entry, tr("nom illisible (encodage invalide) refusé",
                                    "unreadable name (invalid encoding) refused"));
        const std::string& name = *raw;
        SafePath safe = make_safe_path(name);
        if (!safe.refused.empty()) return refuse(entry, safe.refused);
        const bool folder_entry = archive_entry_filetype(entry) == AE_IFDIR;
        if (safe.components.empty()) {
            if (folder_entry) return;  // "./", the destination itself, as tar writes it first
            return refuse(entry, tr("nom vide refusé", "empty name refused"));
        }

        std::string relative, refused;
        if (folder_entry) {
            if (!m_tree.open_folder(safe.components, safe.components.size(), relative, refused))
                refuse(entry, refused);
            return;
        }
        const std::uint64_t declared = declared_size(entry);
        if (m_total_exceeded) return refuse(entry, total_too_big());
        if (declared > m_limits.max_entry_bytes) return refuse(entry, too_big());
        if (declared > m_limits.max_total_bytes - m_total) {
            m_total_exceeded = true;
            return refuse(entry, total_too_big());
        }
        UniqueFd folder =
            m_tree.open_folder(safe.components, safe.components.size() - 1, relative, refused);
        if (!folder) return refuse(entry, refused);
        std::string created;
        UniqueFd file = m_tree.create_file(folder.get(), safe.components.back(), created, refused);
        if (!file) return refuse(entry, refused);

        std::uint64_t written = 0;
        try {
            refused = copy_data(file, written);
        } catch (...) {
            file.reset();
            ::unlinkat(folder.get(), created.c_str(), 0);  // the disk is full: leave nothing
            throw;
        }
        file.reset();
        if (!refused.empty()) {
            ::unlinkat(folder.get(), created.c_str(), 0);
            m_report.entries.push_back(
                {display_name(name), "", std::max(declared, written), std::move(refused)});
            return;
        }
        m_total += written;
        if (!relative.empty()) relative += '/';
        m_report.entries.push_back(
            {display_name(name), m_tree.root() + "/" + relative + created, written, ""});
    }

    // Copies the entry's data into file, within the limits; why it stopped, or "".
    std::string copy_data(const UniqueFd& file, std::uint64_t& written) {
        archive* a = m_archive.get();
        const la_int64_t raw_start = archive_filter_bytes(a, -1);
        for (;;) {
            const la_ssize_t n = archive_read_data(a, m_buffer.data(), m_buffer.size());
            if (n == 0) return {};
            if (n < 0) {
                const std::string detail = library_detail(a);
                if (n == ARCHIVE_FATAL) m_damage = detail;
                return tr("entrée endommagée (", "damaged entry (") + detail + ")";
            }
            const auto got = static_cast<std::uint64_t>(n);
            if (written + got > m_limits.max_entry_bytes) return too_big();
            if (m_total + written + got > m_limits.max_total_bytes) {
                m_total_exceeded = true;
                return total_too_big();
            }
            std::string_view data(m_buffer.data(), static_cast<std::size_t>(n));
            while (!data.empty()) {
                const ssize_t w = ::write(file.get(), data.data(), data.size());
                if (w < 0 && errno == EINTR) continue;
                if (w < 0) return m_tree.write_refusal(errno);
                data.remove_prefix(static_cast<std::size_t>(w));
            }
            written += got;
            if (written > k_ratio_floor_bytes) {
                const auto consumed = static_cast<std::uint64_t>(
                    std::max<la_int64_t>(0, archive_filter_bytes(a, -1) - raw_start));
                if (static_cast<double>(written) >
                    m_limits.max_ratio * static_cast<double>(consumed + k_ratio_slack_bytes)) {
                    char ratio[32];
                    std::snprintf(ratio, sizeof ratio, "%g", m_limits.max_ratio);
                    return tr("taux de compression excessif (plus de ",
                              "compression ratio too high (over ") +
                           ratio + tr(" pour 1 : bombe zip ?)", " to 1: zip bomb?)");
                }
            }
        }
    }

    std::string m_path;
    UnpackLimits m_limits;
    DestTree m_tree;
    std::vector<char> m_buffer;
    UniqueFd m_fd;
    ArchivePtr m_archive;
    UnpackReport m_report;
    std::uint64_t m_headers = 0;  // entries read, refused ones included
    bool m_zip = false;
    std::string m_damage;  // why libarchive cannot go on (empty: it can)
    int m_resumes = 0;
    bool m_total_exceeded = false;  // every later file is refused
    std::uint64_t m_total = 0;      // bytes written so far
};

}  // namespace

ArchiveKind archive_kind(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        const int err = errno;
        (void)open_for_reading(path);  // the not-found or io error for this errno
        throw_io(tr("lire", "read"), path, err);
    }
    if (!S_ISREG(info.st_mode)) return ArchiveKind::none;
    const std::string head = read_file_prefix(path, 512);
    if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06"))
        return is_document_zip(path) ? ArchiveKind::none : ArchiveKind::zip;
    if (is_tar_header(head)) return ArchiveKind::tar;
    if (head.starts_with("\x1F\x8B") || head.starts_with("BZh") ||
        head.starts_with(std::string_view("\xFD"
                                          "7zXZ\0",
                                          6)))
        return is_compressed_tar(path) ? ArchiveKind::tar : ArchiveKind::none;
    return ArchiveKind::none;
}

UnpackReport unpack_in_process(const std::string& archive_path, const std::string& dest_dir,
                               const UnpackLimits& limits) {
    Utf8Locale utf8;
    Unpacker unpacker(archive_path, dest_dir, limits);
    return unpacker.run();
}

// The report on stdout, one JSON object a line (read back by unpack() in unpack_child.cpp):
//   {"name": "...", "path": "...", "size": N, "refused": "..."}   each entry, in order
//   {"end": true, "entries": N}                                   after the last one
//   {"error": {"code": "invalid-input", "message": "..."}}        instead, when it failed
// Exit status 0 after "end", 1 after "error", 2 on a bad command line.
int unpack_main(int argc, char** argv) {
    using nlohmann::json;
    ::signal(SIGPIPE, SIG_IGN);
    ::signal(SIGXFSZ, SIG_IGN);  // past RLIMIT_FSIZE (below), a write fails with EFBIG
    // The report gets a private copy of stdout; a library printing there cannot corrupt it.
    const int out = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (out < 0) return 1;
    if (const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC); null_fd >= 0) {
        ::dup2(null_fd, 0);
        ::dup2(null_fd, 1);
        ::close(null_fd);
    }
    auto emit = [out](const json& line) {
        std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
        std::string_view rest = text;
        while (!rest.empty()) {
            const ssize_t n = ::write(out, rest.data(), rest.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            rest.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    };
    auto fail = [&](ErrorCode code, const std::string& message) {
        emit(json{{"error", {{"code", code_name(code)}, {"message", message}}}});
        return 1;
    };

    // ububiko-extract --unpack ARCHIVE DEST [--max-entry-bytes N] [--max-total-bytes N]
    //                 [--max-entries N] [--max-ratio X] [--lang fr|en]
    if (argc < 4 || std::string_view(argv[1]) != "--unpack") {
        fail(ErrorCode::invalid_input,
             "usage: ububiko-extract --unpack ARCHIVE DEST [--max-entry-bytes N] "
             "[--max-total-bytes N] [--max-entries N] [--max-ratio X] [--lang fr|en]");
        return 2;
    }
    const std::string archive_path = argv[2];
    const std::string dest_dir = argv[3];
    UnpackLimits limits;
    for (int i = 4; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (i + 1 >= argc) {
            fail(ErrorCode::invalid_input, "missing value after " + std::string(option));
            return 2;
        }
        const char* value = argv[++i];
        char* end = nullptr;
        errno = 0;
        if (option == "--lang") {
            set_language(std::string_view(value) == "en" ? Language::en : Language::fr);
            continue;
        }
        if (option == "--max-ratio") {
            limits.max_ratio = std::strtod(value, &end);
        } else {
            const unsigned long long number = std::strtoull(value, &end, 10);
            if (option == "--max-entry-bytes")
                limits.max_entry_bytes = number;
            else if (option == "--max-total-bytes")
                limits.max_total_bytes = number;
            else if (option == "--max-entries")
                limits.max_entries = number;
            else
                end = nullptr;
        }
        if (end == nullptr || end == value || *end != '\0' || errno != 0 || *value == '-') {
            fail(ErrorCode::invalid_input,
                 "bad option: " + std::string(option) + " " + std::string(value));
            return 2;
        }
    }

    // Should a check ever be missed, the kernel still stops a file at the entry limit.
    if (limits.max_entry_bytes < RLIM_INFINITY) {
        const rlimit file_size{limits.max_entry_bytes, limits.max_entry_bytes};
        ::setrlimit(RLIMIT_FSIZE, &file_size);
    }
    try {
        const UnpackReport report = unpack_in_process(archive_path, dest_dir, limits);
        for (const UnpackedEntry& e : report.entries)
            if (!emit(json{
                    {"name", e.name}, {"path", e.path}, {"size", e.size}, {"refused", e.refused}}))
                return 1;
        return emit(json{{"end", true}, {"entries", report.entries.size()}}) ? 0 : 1;
    } catch (const Error& e) {
        return fail(e.code(), e.message());
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::invalid_input,
                    detail::about(archive_path, tr("mémoire insuffisante pour décompacter "
                                                   "l'archive",
                                                   "out of memory while unpacking the archive")));
    } catch (const std::exception& e) {
        return fail(ErrorCode::internal,
                    detail::about(archive_path, tr("erreur inattendue en décompactant : ",
                                                   "unexpected error while unpacking: ") +
                                                    e.what()));
    }
}

}  // namespace ububiko::extract
