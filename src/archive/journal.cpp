#include "archive/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"

namespace ububiko::archive {

using nlohmann::json;

JournalTail read_tail(const std::string& path) {
    JournalTail tail;
    if (!exists(path)) return tail;
    UniqueFd fd = open_for_reading(path);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) throw_io("stat", path, errno);
    tail.size = static_cast<std::uint64_t>(st.st_size);
    if (tail.size == 0) return tail;
    // Read backwards in growing chunks until the last complete line is in the buffer.
    std::uint64_t chunk = 4096;
    std::string buffer;
    for (;;) {
        std::uint64_t start = tail.size > chunk ? tail.size - chunk : 0;
        buffer.resize(tail.size - start);
        if (::pread(fd.get(), buffer.data(), buffer.size(), static_cast<off_t>(start)) !=
            static_cast<ssize_t>(buffer.size()))
            throw_io(tr("lire", "read"), path, errno);
        std::string_view view(buffer);
        if (!view.empty() && view.back() == '\n') view.remove_suffix(1);
        auto nl = view.rfind('\n');
        if (nl != std::string_view::npos || start == 0) {
            std::string_view last = nl == std::string_view::npos ? view : view.substr(nl + 1);
            json j = json::parse(last, nullptr, false);
            if (j.is_discarded() || !j.contains("seq") || !j["seq"].is_number_unsigned())
                throw Error(ErrorCode::corrupt,
                            tr("la dernière ligne du journal est illisible ; lancez « ububiko check »",
                               "the last line of the journal is unreadable; run 'ububiko check'"),
                            Place{path, 0, 0, ""});
            tail.seq = j["seq"].get<std::uint64_t>();
            tail.hash = sha256_hex(last);
            return tail;
        }
        chunk *= 4;
    }
}

std::string chain_lines(std::vector<json> entries, JournalTail& tail) {
    std::string out;
    for (json& e : entries) {
        json line = json::object();
        line["seq"] = ++tail.seq;
        for (auto it = e.begin(); it != e.end(); ++it) line[it.key()] = it.value();
        line["prev"] = tail.hash;
        std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace);
        tail.hash = sha256_hex(text);
        out += text;
        out += '\n';
    }
    tail.size += out.size();
    return out;
}

std::vector<JournalProblem> verify_journal(const std::string& path) {
    std::vector<JournalProblem> problems;
    if (!exists(path)) {
        problems.push_back({0, tr("journal absent", "journal missing")});
        return problems;
    }
    std::string text = read_file(path);
    std::string prev = k_genesis_hash;
    std::uint64_t expected_seq = 1, line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++line_no;
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) {
            problems.push_back({line_no, tr("dernière ligne incomplète (écriture interrompue)",
                                            "incomplete last line (interrupted write)")});
            break;
        }
        std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            problems.push_back({line_no, tr("ligne illisible (JSON invalide)", "unreadable line (invalid JSON)")});
        } else {
            std::string got_prev = j.value("prev", "");
            if (got_prev != prev)
                problems.push_back({line_no, tr("chaîne rompue : « prev » ne correspond pas à la ligne précédente",
                                                "chain broken: 'prev' does not match the previous line")});
            bool numeric = j.contains("seq") && j["seq"].is_number_unsigned();
            if (!numeric || j["seq"].get<std::uint64_t>() != expected_seq)
                problems.push_back({line_no, tr("numéro de séquence inattendu (attendu ", "unexpected sequence number (expected ") +
                                                 std::to_string(expected_seq) + ")"});
            expected_seq = numeric ? j["seq"].get<std::uint64_t>() + 1 : expected_seq + 1;
        }
        prev = sha256_hex(line);
    }
    return problems;
}

namespace {

std::vector<json> read_lines(const std::string& path, std::string_view needle) {
    std::vector<json> out;
    if (!exists(path)) return out;
    std::string text = read_file(path);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) break;
        std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        if (!needle.empty() && line.find(needle) == std::string_view::npos) continue;
        json j = json::parse(line, nullptr, false);
        if (!j.is_discarded()) out.push_back(std::move(j));
    }
    return out;
}

}  // namespace

std::vector<json> read_journal(const std::string& path) { return read_lines(path, {}); }

std::vector<json> read_journal_about(const std::string& path, const std::string& record_id) {
    // The id as it appears in a line (any field); the parsed entry's "id" decides.
    std::vector<json> out;
    for (json& e : read_lines(path, record_id))
        if (e.value("id", "") == record_id) out.push_back(std::move(e));
    return out;
}

}  // namespace ububiko::archive
