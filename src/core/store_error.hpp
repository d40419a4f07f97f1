// The store stopped answering while a run wrote it (its server went away,
// the session was ended): no later input can be stored either, so the run
// stops there instead of failing each input in turn. The readers of inputs
// let it through; main() maps it, as every Error, to exit 1.
#pragma once

#include "core/error.hpp"

namespace incimap {

class StoreError : public Error {
public:
    using Error::Error;
};

} // namespace incimap
