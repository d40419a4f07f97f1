// Library code quotes a bad value and says what is wrong with it; only the
// command line knows which option the value came from. naming_option() runs
// a parse or a check and puts the option in front of the UsageError it
// throws: "'county': expected place, …" becomes "--by 'county': expected
// place, …".
#pragma once

#include "core/error.hpp"

#include <fmt/format.h>

#include <string_view>

namespace incimap::cli {

template <class Parse> auto naming_option(std::string_view option, Parse&& parse) -> decltype(parse()) {
    try {
        return parse();
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("{} {}", option, e.what()));
    }
}

} // namespace incimap::cli
