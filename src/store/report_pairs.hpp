// Pairs of reports for measuring the merge rules end to end: each pair is
// two reports read by the reader and added to a store through
// IncidentStore::add, and the pair says whether they tell of the same event
// (they should merge) or of two events that look alike (they should stay
// apart). bench/eval_merge scores a file of them, and the store tests assert
// the goals on the project's own fixture file.
//
// File format (UTF-8; lines starting with # are comments; pairs are
// separated by blank lines):
//
//   same 2024-03-05 a label for the pair
//   a: the first report, one line
//   b: the second report, one line
//
// "same" or "different", then the ISO date both reports were published
// (it anchors "on Sunday", "yesterday"), then free text.
#pragma once

#include "extract/extractor.hpp"
#include "store/incident_store.hpp"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace incimap::store {

struct ReportPair {
    std::string origin;  // file:line of the pair's first line
    bool same_event = false;
    std::string published;
    std::string label;
    std::string a, b;
};

// Throws InputError quoting the file and line of a malformed pair.
std::vector<ReportPair> read_report_pairs(std::istream& in, const std::string& name);

struct PairOutcome {
    std::size_t incidents_a = 0;  // incidents the reader kept from each report
    std::size_t incidents_b = 0;
    bool merged = false;  // an incident of b was merged into one of a
};

struct PairScore {
    std::vector<PairOutcome> outcomes;  // one per pair, in order
    int same = 0, same_merged = 0;      // same-event pairs, and of them merged
    int different = 0, different_apart = 0;
    double recall() const { return same ? 100.0 * same_merged / same : 0; }
    double apart() const { return different ? 100.0 * different_apart / different : 0; }
};

// Reads both reports of each pair with EXTRACTOR, keeps the incidents at or
// above MIN_CONFIDENCE, and adds a's then b's to STORE, each pair in its own
// transaction that is rolled back, so the pairs do not see each other and
// STORE is left as it was. Precondition: STORE is open for writing and no
// transaction is open.
PairScore score_report_pairs(const std::vector<ReportPair>& pairs,
                             const extract::Extractor& extractor, IncidentStore& store,
                             double min_confidence);

} // namespace incimap::store
