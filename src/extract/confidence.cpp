#include "extract/confidence.hpp"

#include <algorithm>

namespace incimap::extract {

double incident_confidence(const ConfidenceInputs& in) {
    double date = in.date_source == DateSource::sentence    ? 1.0
                  : in.date_source == DateSource::paragraph ? 0.8
                                                            : 0.5;
    if (in.date_is_year)
        date *= 0.8;
    const double event = std::clamp(in.event_strength, 0.0, 1.0);
    const double place = std::clamp(in.place_quality, 0.0, 1.0);
    const double base = 0.15 + 0.35 * event + 0.30 * place + 0.20 * date;
    return std::clamp(std::clamp(in.context_weight, 0.0, 1.0) * base, 0.0, 1.0);
}

} // namespace incimap::extract
