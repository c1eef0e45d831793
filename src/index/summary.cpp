// Reading a hit's summary back from its document data. The data is the flat JSON object
// that to_json(Summary) writes; a search reads ten of them and the general JSON parser
// cost a fifth of a millisecond of a command-line search, cold. This reader takes that
// shape (string values, numbers, one array of strings) and hands anything else to it.
#include <cstdint>

#include "core/text.hpp"
#include "index/document.hpp"

namespace ububiko::index {
namespace {

class FlatReader {
public:
    explicit FlatReader(std::string_view s) : m_s(s) {}

    // False when the text is not a flat object of the shape above.
    bool read(Summary& out) {
        if (!take('{')) return false;
        if (take('}')) return at_end();
        for (;;) {
            std::string key;
            if (!string(key) || !take(':')) return false;
            if (!value(key, out)) return false;
            if (take(',')) continue;
            return take('}') && at_end();
        }
    }

private:
    void space() {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\n' || m_s[m_pos] == '\t' || m_s[m_pos] == '\r')) ++m_pos;
    }
    bool take(char c) {
        space();
        if (m_pos < m_s.size() && m_s[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool at_end() {
        space();
        return m_pos == m_s.size();
    }

    bool hex4(std::uint32_t& v) {
        if (m_pos + 4 > m_s.size()) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = m_s[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    bool string(std::string& out) {
        if (!take('"')) return false;
        for (;;) {
            std::size_t run = m_pos;
            while (m_pos < m_s.size() && m_s[m_pos] != '"' && m_s[m_pos] != '\\') ++m_pos;
            out.append(m_s, run, m_pos - run);
            if (m_pos >= m_s.size()) return false;
            if (m_s[m_pos++] == '"') return true;
            if (m_pos >= m_s.size()) return false;
            char e = m_s[m_pos++];
            switch (e) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t c;
                    if (!hex4(c)) return false;
                    if (c >= 0xD800 && c < 0xDC00) {
                        std::uint32_t low;
                        if (m_s.compare(m_pos, 2, "\\u") != 0) return false;
                        m_pos += 2;
                        if (!hex4(low) || low < 0xDC00 || low >= 0xE000) return false;
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    } else if (c >= 0xDC00 && c < 0xE000) {
                        return false;
                    }
                    append_utf8(out, static_cast<char32_t>(c));
                    break;
                }
                default: return false;
            }
        }
    }

    bool value(const std::string& key, Summary& s) {
        space();
        if (m_pos >= m_s.size()) return false;
        char c = m_s[m_pos];
        if (c == '"') {
            std::string v;
            if (!string(v)) return false;
            if (std::string* field = string_field(key, s)) *field = std::move(v);
            return true;
        }
        if (c == '[') {
            ++m_pos;
            std::vector<std::string> list;
            if (!take(']')) {
                do {
                    std::string v;
                    if (!string(v)) return false;
                    list.push_back(std::move(v));
                } while (take(','));
                if (!take(']')) return false;
            }
            if (key == "flags") s.flags = std::move(list);
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            bool negative = c == '-';
            if (negative) ++m_pos;
            long long v = 0;
            std::size_t digits = 0;
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9' && digits < 18) {
                v = v * 10 + (m_s[m_pos++] - '0');
                ++digits;
            }
            // Fractions, exponents and long numbers are the general parser's.
            if (digits == 0 || (m_pos < m_s.size() && (m_s[m_pos] == '.' || m_s[m_pos] == 'e' || m_s[m_pos] == 'E' ||
                                                       (m_s[m_pos] >= '0' && m_s[m_pos] <= '9'))))
                return false;
            if (key == "pages") s.pages = static_cast<int>(negative ? -v : v);
            return true;
        }
        for (std::string_view word : {"true", "false", "null"})
            if (m_s.compare(m_pos, word.size(), word) == 0) {
                m_pos += word.size();
                return true;
            }
        return false;  // an object: not this shape
    }

    static std::string* string_field(const std::string& key, Summary& s) {
        struct Field {
            const char* name;
            std::string Summary::*member;
        };
        static constexpr Field k_fields[] = {
            {"id", &Summary::id}, {"title", &Summary::title}, {"date", &Summary::date}, {"code", &Summary::code},
            {"code_title", &Summary::code_title}, {"type", &Summary::type}, {"direction", &Summary::direction},
            {"correspondent", &Summary::correspondent}, {"reference", &Summary::reference}, {"access", &Summary::access},
            {"status", &Summary::status}, {"original_name", &Summary::original_name}, {"path", &Summary::path},
            {"registered", &Summary::registered}, {"text_file", &Summary::text_file},
        };
        for (const Field& f : k_fields)
            if (key == f.name) return &(s.*f.member);
        return nullptr;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

}  // namespace

std::optional<Summary> summary_from_data(std::string_view data) {
    Summary s;
    if (FlatReader(data).read(s)) return s;
    auto j = nlohmann::json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        return summary_from_json(j);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a field of another type ("title": 3)
    }
}

}  // namespace ububiko::index
