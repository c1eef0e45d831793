#include "service/session.hpp"

#include <filesystem>

#include "core/fs.hpp"
#include "core/system.hpp"

namespace ububiko::service {

std::string code_title(const archive::Archive& archive, const std::string& code) {
    const plan::Node* node = archive.plan().find(code);
    return node ? node->title : std::string();
}

std::string classification_titles(const archive::Archive& archive, const std::string& code) {
    std::string out;
    const plan::Plan& plan = archive.plan();
    if (plan.find(code) == nullptr) return out;
    for (const std::string& c : plan.lineage(code))
        if (const plan::Node* node = plan.find(c)) out += (out.empty() ? "" : " \u203A ") + node->title;
    return out;
}

WriteSession::WriteSession(const archive::Archive& archive)
    : m_archive(archive), m_writer(archive), m_index(archive.index_dir()) {
    if (!m_writer.recovered().empty()) {
        for (const std::string& id : m_writer.recovered()) {
            auto dir = m_archive.find_record_dir(id);
            if (!dir) continue;
            index_record(m_archive.load_record(*dir), *dir);
            ++m_recovered;
        }
        commit();
    }
}

void WriteSession::index_record(const archive::Record& record, const std::string& dir) {
    std::string text;
    std::string path = dir + "/" + record.extraction.text_file;
    if (exists(path)) text = read_file(path);
    index_record(record, dir, text);
}

void WriteSession::index_record(const archive::Record& record, const std::string& dir, std::string_view text) {
    index::IndexInput in;
    in.record = &record;
    in.text = text;
    in.relative_dir = std::filesystem::relative(dir, m_archive.root()).string();
    in.code_title = code_title(m_archive, record.code);
    in.classification = classification_titles(m_archive, record.code);
    m_index.put(in);
}

void WriteSession::commit() {
    m_index.commit();
    crash_point("index:committed");
    m_writer.settle();
}

}  // namespace ububiko::service
