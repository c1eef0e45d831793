// search_latency: times ububiko::index::Searcher::search() with the index open once.
//
//   search_latency ARCHIVE REPS QUERIES.txt
//
// QUERIES.txt holds one query a line. Each query runs once to warm up, then REPS times
// with snippets (what `ububiko search` does) and REPS times without. Prints one JSON
// object: the time to open the Searcher, and per query and overall the median and p99
// (nearest rank) in milliseconds, with the total hit count of each query.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "index/searcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: search_latency ARCHIVE REPS QUERIES.txt\n";
        return 2;
    }
    const std::string archive = argv[1];
    const int reps = std::max(1, std::atoi(argv[2]));
    std::vector<std::string> queries;
    std::ifstream in(argv[3]);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) queries.push_back(line);

    try {
        auto t_open = Clock::now();
        ububiko::index::Searcher searcher(archive);
        const double open_ms = ms_since(t_open);

        std::vector<double> all_snip, all_plain;
        std::cout << std::fixed << std::setprecision(4) << "{\"open_ms\": " << open_ms << ", \"reps\": " << reps
                  << ", \"queries\": [";
        for (std::size_t qi = 0; qi < queries.size(); ++qi) {
            ububiko::index::SearchRequest req;
            req.query = queries[qi];
            req.limit = 10;
            const std::size_t total = searcher.search(req).total;  // warm-up
            std::vector<double> snip, plain;
            for (int r = 0; r < reps; ++r) {
                req.snippets = true;
                auto t0 = Clock::now();
                searcher.search(req);
                snip.push_back(ms_since(t0));
                req.snippets = false;
                t0 = Clock::now();
                searcher.search(req);
                plain.push_back(ms_since(t0));
            }
            all_snip.insert(all_snip.end(), snip.begin(), snip.end());
            all_plain.insert(all_plain.end(), plain.begin(), plain.end());
            std::cout << (qi ? ", " : "") << "{\"query\": " << json_string(queries[qi]) << ", \"total\": " << total
                      << ", \"median_ms\": " << percentile(snip, 50) << ", \"p99_ms\": " << percentile(snip, 99)
                      << ", \"median_ms_no_snippets\": " << percentile(plain, 50)
                      << ", \"p99_ms_no_snippets\": " << percentile(plain, 99) << "}";
        }
        std::cout << "], \"median_ms\": " << percentile(all_snip, 50) << ", \"p99_ms\": " << percentile(all_snip, 99)
                  << ", \"median_ms_no_snippets\": " << percentile(all_plain, 50)
                  << ", \"p99_ms_no_snippets\": " << percentile(all_plain, 99) << "}\n";
    } catch (const std::exception& e) {
        std::cerr << "search_latency: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
