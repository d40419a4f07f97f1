// The content hash that identifies a source document in the store, so the
// same report added twice is recognised: SHA-256 (FIPS 180-4) of the bytes,
// as 64 lowercase hex digits.
#pragma once

#include <string>
#include <string_view>

namespace incimap::store {

// Linear in the size of DATA.
std::string content_hash(std::string_view data);

} // namespace incimap::store
