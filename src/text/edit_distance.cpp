#include "text/edit_distance.hpp"

#include <algorithm>
#include <vector>

namespace incimap::text {

std::size_t osa_distance(std::string_view a, std::string_view b) {
    // Three rows of the (|a|+1) × (|b|+1) matrix: two back, one back, current.
    std::vector<std::size_t> two_back(b.size() + 1), one_back(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        one_back[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({one_back[j] + 1, current[j - 1] + 1, one_back[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], two_back[j - 2] + 1);
        }
        std::swap(two_back, one_back);
        std::swap(one_back, current);
    }
    return one_back[b.size()];
}

OsaPattern::OsaPattern(std::string_view pattern) : pattern_(pattern) {
    if (pattern_.size() > 64)
        return;
    for (std::size_t i = 0; i < pattern_.size(); ++i)
        positions_[static_cast<unsigned char>(pattern_[i])] |= std::uint64_t{1} << i;
}

std::size_t OsaPattern::distance(std::string_view text, std::size_t max) const {
    const std::size_t m = pattern_.size();
    const std::size_t n = text.size();
    if ((m > n ? m - n : n - m) > max)
        return max + 1;
    if (m == 0)
        return n;
    if (m > 64)
        return osa_distance(pattern_, text);

    // Column-wise vertical deltas of the DP matrix, one bit per pattern
    // position (Hyyrö 2003, with the transposition term TR).
    const std::uint64_t last = std::uint64_t{1} << (m - 1);
    std::uint64_t vp = ~std::uint64_t{0};
    std::uint64_t vn = 0;
    std::uint64_t d0 = 0;
    std::uint64_t previous_match = 0;
    std::size_t score = m;
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint64_t match = positions_[static_cast<unsigned char>(text[j])];
        const std::uint64_t transposition = ((~d0 & match) << 1) & previous_match;
        d0 = ((((match & vp) + vp) ^ vp) | match | vn) | transposition;
        std::uint64_t hp = vn | ~(d0 | vp);
        std::uint64_t hn = d0 & vp;
        if (hp & last)
            ++score;
        else if (hn & last)
            --score;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        previous_match = match;
        // The distance drops by at most one per remaining text byte.
        const std::size_t remaining = n - j - 1;
        if (score > max + remaining)
            return max + 1;
    }
    return score;
}

} // namespace incimap::text
