// A sample document as described in documents.yaml: its catalogue metadata (what
// manifest.csv records), how to render it (format, font, text encoding) and its text
// parsed from the light markup into blocks. The markup is described at the top of
// documents.yaml.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gen {

enum class Format { pdf, txt, odt, docx };
enum class Typeface { helvetica, times };
enum class TextEncoding { utf8, utf8_bom, windows_1252 };
enum class LineEnd { lf, crlf };

// A run of text inside a paragraph.
struct Span {
    std::string text;
    bool bold = false;
};

struct TableRow {
    std::vector<std::string> cells;  // plain text, markup removed
    bool bold = false;               // header and total rows
    std::vector<Span> value;         // fields: the value (cells[1]) with its bold spans
};

enum class BlockKind {
    paragraph,   // justified text, may hold bold spans
    heading,     // "# "  bold, centred, larger
    subheading,  // "## " bold, left
    centered,    // "= "  centred
    right,       // "> "  left-aligned in the right half (addresses)
    signature,   // "^ "  centred in the right half (signature blocks); empty = room to sign
    signatures,  // "^^ left | right" two signatures side by side, kept together
    bullet,      // "- "  list item with a hanging indent
    table,       // "| a | b |" rows, the first is the header; "|*" marks a bold row
    fields,      // ": key | value" label and value, aligned, no rules
    gap,         // blank line
    page_break,  // "~~~"
};

struct Block {
    BlockKind kind = BlockKind::paragraph;
    std::vector<Span> spans;     // every kind but table, fields, gap and page_break
    std::vector<TableRow> rows;  // table, fields and signatures
};

struct Sample {
    std::string file;
    Format format = Format::pdf;
    std::string code;
    std::string date;  // YYYY-MM-DD
    std::string type;
    std::string direction;  // in | out | internal
    std::string correspondent;
    std::string title;
    std::string reference;
    std::string access;  // public | internal | confidential
    std::string author;
    std::vector<std::string> letterhead;
    std::string dateline;
    Typeface typeface = Typeface::helvetica;
    TextEncoding encoding = TextEncoding::utf8;
    LineEnd line_end = LineEnd::lf;
    std::vector<Block> blocks;
};

// Reads and checks documents.yaml. Throws std::runtime_error naming the document and
// the field at fault.
std::vector<Sample> load_samples(const std::filesystem::path& path);

// Parses the body markup into blocks. Throws std::runtime_error with the line number.
std::vector<Block> parse_markup(const std::string& text);

// Plain text of a block's spans, without markup.
std::string span_text(const std::vector<Span>& spans);

// The whole text without markup: letterhead, date line, then the body, block by block.
std::string document_text(const Sample& sample);

// Words of the whole document (letterhead, date line and body), as a reader counts them.
std::size_t word_count(const Sample& sample);

// "2024-03-03" -> "3 mars 2024" ("1er" for the first of the month).
std::string french_date(const std::string& iso_date);

// When the document was "typed": its date, at a time of the working day derived from
// its file name, in Burundi time (UTC+2). Never the clock, so outputs are deterministic.
struct Timestamp {
    int year, month, day, hour, minute;
};
Timestamp creation_time(const Sample& sample);

// The same instant as seconds since the epoch (UTC).
long long creation_epoch(const Sample& sample);

}  // namespace gen
