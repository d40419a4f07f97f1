#include "gazetteer/fuzzy.hpp"

#include <algorithm>

namespace incimap::gazetteer {

std::size_t allowed_edits(std::size_t shorter_length) {
    if (shorter_length <= 4)
        return 0;
    return shorter_length <= 8 ? 1 : 2;
}

void find_similar_keys(const Index& index, const text::OsaPattern& query,
                       std::vector<KeyMatch>& matches) {
    const std::string_view key = query.pattern();
    const std::size_t max_edits = allowed_edits(key.size());
    if (max_edits == 0)
        return;
    const auto keys = index.keys();
    const std::size_t min_length = key.size() - max_edits;
    const std::size_t max_length = key.size() + max_edits;

    // The postings of each distinct trigram, cut to the length window.
    std::vector<std::uint32_t> grams;
    format::for_each_gram(key, [&](std::uint32_t gram) { grams.push_back(gram); });
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    std::vector<std::span<const std::uint32_t>> lists;
    lists.reserve(grams.size());
    for (auto gram : grams) {
        auto postings = index.postings(gram);
        auto first = std::partition_point(postings.begin(), postings.end(), [&](std::uint32_t k) {
            return keys[k].key.size < min_length;
        });
        auto last = std::partition_point(first, postings.end(), [&](std::uint32_t k) {
            return keys[k].key.size <= max_length;
        });
        lists.emplace_back(first, last);
    }
    std::sort(lists.begin(), lists.end(),
              [](const auto& a, const auto& b) { return a.size() < b.size(); });
    lists.resize(std::min(lists.size(), 4 * max_edits + 1));

    std::vector<std::uint32_t> candidates;
    for (const auto& list : lists)
        candidates.insert(candidates.end(), list.begin(), list.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    for (auto k : candidates) {
        const std::string_view other = index.key(k);
        const std::size_t allowed = allowed_edits(std::min(key.size(), other.size()));
        if (allowed == 0)
            continue;
        const std::size_t edits = query.distance(other, allowed);
        if (edits > 0 && edits <= allowed)
            matches.push_back({k, static_cast<std::uint32_t>(edits)});
    }
}

} // namespace incimap::gazetteer
