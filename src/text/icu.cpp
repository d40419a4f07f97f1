#include "text/icu.hpp"

#include "core/error.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace incimap::text::unicode {

std::u32string decompose(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status))
        throw LibraryError(std::string("ICU: cannot load the NFKD normalizer: ") +
                           u_errorName(status));
    const auto source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    const icu::UnicodeString decomposed = nfkd->normalize(source, status);
    if (U_FAILURE(status))
        throw LibraryError(std::string("ICU: NFKD normalization failed: ") + u_errorName(status));

    std::u32string code_points;
    code_points.reserve(static_cast<std::size_t>(decomposed.length()));
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        code_points.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
    }
    return code_points;
}

bool is_mark(char32_t c) {
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool is_letter_or_digit(char32_t c) {
    return u_isalnum(static_cast<UChar32>(c)) != 0;
}

char32_t fold_case(char32_t c) {
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

} // namespace incimap::text::unicode
