// Speed of the reader: documents per second on one core, gazetteer
// resolution included, with the embedded gazetteer and actor dictionary.
//   articles  ~4 KB news articles assembled from the project's example
//             reports (examples/articles/*.txt, bodies joined until 4 KB)
//   notes     one-paragraph notes (each example paragraph on its own)
// Every document is read from scratch (no cache between documents).
//
//   bench_extract [EXAMPLES_DIR] [SECONDS]
//
// EXAMPLES_DIR defaults to examples/articles (run from the source tree). No peer
// tool is measured: none reads incidents out of free text offline.
#include "extract/actors.hpp"
#include "extract/extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "sources/document.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace incimap;

namespace {

std::vector<sources::Document> example_reports(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".txt")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<sources::Document> docs;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        docs.push_back(sources::document_from_text(text.str(), file.filename().string(), {}));
    }
    return docs;
}

// Articles of about 4 KB: report bodies joined in turn, each article
// starting at a different report, published on the first one's date.
std::vector<sources::Document> articles(const std::vector<sources::Document>& reports) {
    std::vector<sources::Document> out;
    for (std::size_t start = 0; start < reports.size(); ++start) {
        sources::Document doc = reports[start];
        doc.id = "article-" + std::to_string(start);
        for (std::size_t k = start + 1; doc.text.size() < 4096; ++k)
            doc.text += "\n\n" + reports[k % reports.size()].text;
        out.push_back(std::move(doc));
    }
    return out;
}

std::vector<sources::Document> notes(const std::vector<sources::Document>& reports) {
    std::vector<sources::Document> out;
    for (const auto& report : reports) {
        std::size_t at = 0;
        while (at < report.text.size()) {
            std::size_t end = report.text.find("\n\n", at);
            if (end == std::string::npos)
                end = report.text.size();
            sources::Document doc = report;
            doc.id = report.id + "#" + std::to_string(out.size());
            doc.text = report.text.substr(at, end - at);
            if (doc.text.find_first_not_of(" \n") != std::string::npos)
                out.push_back(std::move(doc));
            at = end + 2;
        }
    }
    return out;
}

struct Rate {
    double per_second = 0;      // wall clock
    double per_cpu_second = 0;  // this thread's CPU time: fair on a busy machine
    double bytes_per_document = 0;
    std::size_t incidents = 0;
};

Rate measure(const extract::Extractor& extractor, const std::vector<sources::Document>& docs,
             double seconds) {
    using clock = std::chrono::steady_clock;
    std::size_t done = 0, bytes = 0, incidents = 0;
    const std::clock_t cpu_start = std::clock();
    const auto start = clock::now();
    const auto until = start + std::chrono::duration<double>(seconds);
    while (clock::now() < until)
        for (const auto& doc : docs) {
            incidents += extractor.extract(doc).size();
            bytes += doc.text.size();
            ++done;
        }
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    return {done / elapsed, done / cpu, static_cast<double>(bytes) / done,
            incidents / std::max<std::size_t>(1, done / docs.size())};
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir =
        argc > 1 ? argv[1] : std::filesystem::path("examples") / "articles";
    const double seconds = argc > 2 ? std::stod(argv[2]) : 3.0;
    try {
        const auto reports = example_reports(dir);
        if (reports.empty()) {
            std::fprintf(stderr, "bench_extract: no .txt reports in %s\n", dir.c_str());
            return 1;
        }
        const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
        const auto actors = extract::ActorDictionary::builtin();
        const extract::Extractor extractor(gazetteer, actors);
        std::printf("%-24s %10s %12s %10s %14s\n", "documents", "docs/s", "docs/CPU-s", "bytes/doc",
                    "incidents/set");
        for (const auto& [name, docs] : {std::pair{"~4 KB articles", articles(reports)},
                                         std::pair{"one-paragraph notes", notes(reports)}}) {
            measure(extractor, docs, 0.3);  // warm up: pages of the index, allocator
            const Rate rate = measure(extractor, docs, seconds);
            std::printf("%-24s %10.0f %12.0f %10.0f %14zu\n", name, rate.per_second,
                        rate.per_cpu_second, rate.bytes_per_document, rate.incidents);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_extract: %s\n", e.what());
        return 1;
    }
    return 0;
}
