#include "gazetteer/fuzzy.hpp"

#include <algorithm>
#include <limits>

namespace incimap::gazetteer {

std::size_t allowed_edits(std::size_t shorter_length) {
    if (shorter_length <= 4)
        return 0;
    return shorter_length <= 8 ? 1 : 2;
}

namespace {

// Positions of `pieces` trigrams of the padded query, each at least four
// positions after the one before (three bytes and a gap), whose postings are
// together the shortest. sizes[i]: postings of the trigram at position i.
std::vector<std::size_t> rarest_separated(const std::vector<std::size_t>& sizes,
                                          std::size_t pieces) {
    constexpr std::size_t stride = 4;
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    const std::size_t n = sizes.size();
    // best[j][i]: least total of j + 1 pieces, the last at position i.
    std::vector<std::vector<std::size_t>> best(pieces, std::vector<std::size_t>(n, none));
    std::vector<std::vector<std::size_t>> previous(pieces, std::vector<std::size_t>(n, none));
    best[0] = sizes;
    for (std::size_t j = 1; j < pieces; ++j)
        for (std::size_t i = stride * j; i < n; ++i)
            for (std::size_t before = 0; before + stride <= i; ++before)
                if (best[j - 1][before] != none && best[j - 1][before] + sizes[i] < best[j][i]) {
                    best[j][i] = best[j - 1][before] + sizes[i];
                    previous[j][i] = before;
                }
    const auto& last = best[pieces - 1];
    auto end = std::min_element(last.begin(), last.end());
    if (end == last.end() || *end == none)
        return {};
    std::vector<std::size_t> chosen(pieces);
    std::size_t at = static_cast<std::size_t>(end - last.begin());
    for (std::size_t j = pieces; j-- > 0;) {
        chosen[j] = at;
        at = previous[j][at];
    }
    return chosen;
}

} // namespace

void find_similar_keys(const Index& index, const text::OsaPattern& query,
                       std::vector<KeyMatch>& matches) {
    const std::string_view key = query.pattern();
    const std::size_t max_edits = allowed_edits(key.size());
    if (max_edits == 0 || key.size() > format::max_key_length + max_edits)
        return;  // too short to match fuzzily, or too long for any key

    // The postings of the trigram at each position of the padded query; the
    // rarest separated ones are read.
    std::vector<std::span<const format::Posting>> lists;
    std::vector<std::size_t> sizes;
    lists.reserve(key.size() + 2);
    sizes.reserve(key.size() + 2);
    format::for_each_gram(key, [&](std::uint32_t gram) {
        lists.push_back(index.postings(gram));
        sizes.push_back(lists.back().size());
    });

    // Keys of a length within reach and nearly the same letters.
    const auto [first_key, end_key] =
        index.keys_of_length(key.size() - max_edits, key.size() + max_edits);
    const std::uint32_t symbols = format::symbol_set(key);
    const int max_symbol_changes = 2 * static_cast<int>(max_edits);
    std::vector<std::uint32_t> candidates;
    auto by_key = [](const format::Posting& p, std::uint32_t k) { return p.key < k; };
    for (auto position : rarest_separated(sizes, max_edits + 1)) {
        const auto& list = lists[position];
        auto it = std::lower_bound(list.begin(), list.end(), first_key, by_key);
        for (; it != list.end() && it->key < end_key; ++it)
            if (format::bit_count(symbols ^ it->symbols) <= max_symbol_changes)
                candidates.push_back(it->key);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    const auto keys = index.keys();
    for (auto k : candidates) {
        const auto& record = keys[k];
        const std::size_t allowed =
            allowed_edits(std::min<std::size_t>(key.size(), record.key.size));
        if (allowed == 0 ||
            format::bit_count(symbols ^ record.symbols) > 2 * static_cast<int>(allowed))
            continue;
        const std::size_t edits = query.distance(index.string(record.key), allowed);
        if (edits > 0 && edits <= allowed)
            matches.push_back({k, static_cast<std::uint32_t>(edits)});
    }
}

} // namespace incimap::gazetteer
