#include "support/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ububiko::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ububiko-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    if (std::getenv("UBUBIKO_KEEP_TMP") == nullptr) {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(m_path) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return p.string();
}

std::string corpus(const std::string& relative) {
    return std::string(UBUBIKO_CORPUS_DIR) + "/" + relative;
}

std::string source(const std::string& relative) {
    return std::string(UBUBIKO_SOURCE_DIR) + "/" + relative;
}

}  // namespace ububiko::test
