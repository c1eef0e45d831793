#include "service/session.hpp"

#include <filesystem>

#include "core/fs.hpp"
#include "core/system.hpp"

namespace ububiko::service {

std::string code_title(const archive::Archive& archive, const std::string& code) {
    const plan::Node* node = archive.plan().find(code);
    return node ? node->title : std::string();
}

void describe_code(const archive::Archive& archive, index::IndexInput& in) {
    const plan::Plan& plan = archive.plan();
    const std::string& code = in.record->code;
    const plan::Node* node = plan.find(code);
    in.code_title = node ? node->title : std::string();
    in.classification.clear();
    if (node == nullptr) return;
    for (const std::string& c : plan.lineage(code))
        if (const plan::Node* n = plan.find(c)) in.classification += (in.classification.empty() ? "" : " \u203A ") + n->title;
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
    describe_code(m_archive, in);
    m_index.put(in);
}

void WriteSession::commit() {
    m_index.commit();
    crash_point("index:committed");
    m_writer.settle();
}

}  // namespace ububiko::service
