#include "manifest.hpp"

#include <fstream>
#include <stdexcept>

namespace gen {

namespace {

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string out = "\"";
    for (const char c : value) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        line += (i > 0 ? "," : "") + csv_field(fields[i]);
    }
    return line + "\r\n";
}

}  // namespace

void write_manifest(const std::vector<Sample>& samples, const std::string& path) {
    std::string text = csv_line({"file", "code", "date", "type", "direction", "correspondent",
                                 "title", "reference", "access"});
    for (const auto& s : samples) {
        text += csv_line({s.file, s.code, s.date, s.type, s.direction, s.correspondent, s.title,
                          s.reference, s.access});
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) {
        throw std::runtime_error("cannot write '" + path + "'");
    }
}

}  // namespace gen
