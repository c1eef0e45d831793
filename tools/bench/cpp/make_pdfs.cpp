// make_pdfs: writes the benchmark's multi-page text PDFs with PoDoFo 0.9.8.
//
//   make_pdfs LIST
//
// LIST has one job a line: "SOURCE.txt<TAB>OUT.pdf". A source is UTF-8 text: its first
// line is the title; then paragraphs separated by blank lines; a line holding only a form
// feed starts a new page. Text is drawn in Helvetica (base-14, WinAnsiEncoding), so every
// character must exist in Windows-1252; others are refused. The output depends on the
// source only (fixed dates), so the corpus is reproducible byte for byte.
#include <podofo/podofo.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace PoDoFo;

namespace {

constexpr double k_margin = 56.0;
constexpr double k_body_size = 10.5;
constexpr double k_title_size = 14.0;
constexpr double k_leading = 14.0;

// Code points of one UTF-8 string (the generator writes valid UTF-8 only).
std::vector<char32_t> decode(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

class Writer {
public:
    explicit Writer(const std::string& title) {
        const PdfEncoding* winansi = PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
        m_body = m_doc.CreateFont("Helvetica", false, false, false, winansi);
        m_bold = m_doc.CreateFont("Helvetica-Bold", false, false, false, winansi);
        if (!m_body || !m_bold) throw std::runtime_error("cannot create the base-14 fonts");
        m_page_size = PdfPage::CreateStandardPageSize(ePdfPageSize_A4);
        PdfInfo* info = m_doc.GetInfo();
        info->SetTitle(pdf_text(title));
        info->SetCreator(PdfString("ububiko tools/bench make_pdfs"));
        PdfDictionary& dict = info->GetObject()->GetDictionary();
        dict.AddKey(PdfName("CreationDate"), PdfString("D:20250101120000Z"));
        dict.AddKey(PdfName("ModDate"), PdfString("D:20250101120000Z"));
    }

    void title(const std::string& text) {
        ensure_page();
        m_bold->SetFontSize(k_title_size);
        m_painter.SetFont(m_bold);
        m_painter.DrawText(k_margin, m_y, pdf_text(text));
        m_y -= 2 * k_leading;
    }

    // Greedy word wrap to the text width, by the font's own glyph widths.
    void paragraph(const std::string& text) {
        ensure_page();
        m_body->SetFontSize(k_body_size);
        const PdfFontMetrics* metrics = m_body->GetFontMetrics();
        const double width = m_page_size.GetWidth() - 2 * k_margin;
        std::istringstream words(text);
        std::string word, line;
        double line_width = 0;
        const double space = metrics->UnicodeCharWidth(' ');
        while (words >> word) {
            double w = 0;
            for (char32_t cp : decode(word)) w += metrics->UnicodeCharWidth(static_cast<unsigned short>(cp));
            if (!line.empty() && line_width + space + w > width) {
                emit_line(line);
                line.clear();
                line_width = 0;
            }
            if (!line.empty()) {
                line += ' ';
                line_width += space;
            }
            line += word;
            line_width += w;
        }
        if (!line.empty()) emit_line(line);
        m_y -= k_leading / 2;
    }

    void page_break() { finish_page(); }

    void save(const std::string& path) {
        finish_page();
        m_doc.Write(path.c_str());
    }

private:
    void ensure_page() {
        if (m_page) return;
        m_page = m_doc.CreatePage(m_page_size);
        m_painter.SetPage(m_page);
        ++m_page_number;
        m_y = m_page_size.GetHeight() - k_margin;
        m_body->SetFontSize(8);
        m_painter.SetFont(m_body);
        m_painter.DrawText(m_page_size.GetWidth() - k_margin - 40, k_margin / 2, pdf_text("Page " + std::to_string(m_page_number)));
    }

    void emit_line(const std::string& line) {
        if (m_y < k_margin) {
            finish_page();
            ensure_page();
        }
        m_body->SetFontSize(k_body_size);
        m_painter.SetFont(m_body);
        m_painter.DrawText(k_margin, m_y, pdf_text(line));
        m_y -= k_leading;
    }

    void finish_page() {
        if (!m_page) return;
        m_painter.FinishPage();
        m_page = nullptr;
    }

    PdfMemDocument m_doc;
    PdfFont* m_body = nullptr;
    PdfFont* m_bold = nullptr;
    PdfRect m_page_size;
    PdfPainter m_painter;
    PdfPage* m_page = nullptr;
    int m_page_number = 0;
    double m_y = 0;
};

void make_pdf(const std::string& source, const std::string& out) {
    std::ifstream in(source, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open '" + source + "'");
    std::string title;
    std::getline(in, title);
    Writer writer(title);
    writer.title(title);
    std::string line, paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) writer.paragraph(paragraph);
        paragraph.clear();
    };
    while (std::getline(in, line)) {
        if (line == "\f") {
            flush();
            writer.page_break();
        } else if (line.empty()) {
            flush();
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + line;
        }
    }
    flush();
    writer.save(out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_pdfs LIST   (lines: SOURCE.txt<TAB>OUT.pdf)\n";
        return 2;
    }
    PdfError::EnableLogging(false);
    std::ifstream list(argv[1]);
    if (!list) {
        std::cerr << "make_pdfs: cannot open '" << argv[1] << "'\n";
        return 1;
    }
    std::string job;
    int made = 0;
    while (std::getline(list, job)) {
        auto tab = job.find('\t');
        if (tab == std::string::npos) continue;
        try {
            make_pdf(job.substr(0, tab), job.substr(tab + 1));
            ++made;
        } catch (const PdfError& e) {
            std::cerr << "make_pdfs: PoDoFo error " << static_cast<int>(e.GetError()) << " on '" << job.substr(0, tab) << "'\n";
            return 1;
        } catch (const std::exception& e) {
            std::cerr << "make_pdfs: " << e.what() << "\n";
            return 1;
        }
    }
    std::cout << made << "\n";
    return 0;
}
