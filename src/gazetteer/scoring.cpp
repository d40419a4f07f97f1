#include "gazetteer/scoring.hpp"

#include <cmath>

namespace incimap::gazetteer {
namespace {

double populated_place_weight(std::string_view code) {
    if (code == "PPLC")
        return 3.0;
    if (code == "PPLA")
        return 2.5;
    if (code == "PPLA2")
        return 2.2;
    if (code == "PPLA3" || code == "PPLA4" || code == "PPLA5" || code == "PPLG")
        return 2.0;
    if (code == "PPLQ" || code == "PPLH" || code == "PPLW" || code == "PPLCH")
        return 0.5;
    return 1.5;
}

double admin_weight(std::string_view code) {
    if (code.starts_with("PCL"))
        return code == "PCLH" ? 0.5 : 4.0;
    if (code.size() == 5 && code.starts_with("ADM") && code.back() == 'H')
        return 0.5; // ADM1H, ADM2H…: historical
    if (code == "ADM1")
        return 2.3;
    if (code == "ADM2")
        return 1.8;
    if (code.starts_with("ADM"))
        return 1.6;
    return 1.2;
}

} // namespace

double feature_weight(char feature_class, std::string_view feature_code) {
    switch (feature_class) {
    case 'P':
        return populated_place_weight(feature_code);
    case 'A':
        return admin_weight(feature_code);
    case 'L':
        return feature_code == "RGN" || feature_code == "AREA" ? 1.2 : 0.8;
    case 'S':
        return 0.8;
    case 'H':
    case 'T':
        return 0.3;
    case 'R':
    case 'V':
        return 0.2;
    case 'U':
        return 0.1;
    default:
        return 0.5;
    }
}

double score(const ScoreInputs& in) {
    double s = feature_weight(in.feature_class, in.feature_code);
    const double per_decade = in.feature_class == 'P' ? 0.3 : 0.15;
    s += per_decade * std::log10(1.0 + static_cast<double>(in.population > 0 ? in.population : 0));
    if (in.main_name)
        s += 0.3;
    if (in.country == HintMatch::matches)
        s += 2.0;
    else if (in.country == HintMatch::differs)
        s -= 2.0;
    if (in.admin1 == HintMatch::matches)
        s += 3.0;
    else if (in.admin1 == HintMatch::differs)
        s -= 2.0;
    s -= 1.5 * in.edits;
    return s;
}

} // namespace incimap::gazetteer
