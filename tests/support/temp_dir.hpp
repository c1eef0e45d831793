// A fresh temporary folder per test, removed at the end unless UBUBIKO_KEEP_TMP is set.
#pragma once

#include <string>

namespace ububiko::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }
    // Writes a file under the folder (creating parents) and returns its path.
    std::string write(const std::string& name, const std::string& content) const;

private:
    std::string m_path;
};

// Path of a file of the shared corpus (../shared/corpus/<relative>).
std::string corpus(const std::string& relative);
// Path of a file of the source tree (samples/, classification/, ...).
std::string source(const std::string& relative);

}  // namespace ububiko::test
