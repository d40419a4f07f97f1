#include "text/utf8.hpp"

#include <catch2/catch.hpp>

using incimap::text::display_width;
using incimap::text::find_invalid_utf8;
using incimap::text::is_valid_utf8;

TEST_CASE("Ill-formed UTF-8 is found at its first byte", "[text][utf8]") {
    CHECK(is_valid_utf8("Ménaka, Tillabéri, Kulikɔrɔ, كيدال"));
    CHECK(find_invalid_utf8("Gao\xff") == 3u);
    CHECK(find_invalid_utf8("M\xc3") == 1u);            // truncated sequence
    CHECK(find_invalid_utf8("\xc0\xaf") == 0u);         // overlong '/'
    CHECK(find_invalid_utf8("\xed\xa0\x80") == 0u);     // a surrogate
    CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u); // above U+10FFFF
    CHECK(is_valid_utf8("\xf0\x9f\x8c\x8d"));           // four bytes, valid
}

TEST_CASE("Display width counts characters, not bytes or combining marks", "[text][utf8]") {
    CHECK(display_width("Kidal") == 5);
    CHECK(display_width("Ménaka") == 6);
    CHECK(display_width("Me\xcc\x81naka") == 6); // e + combining acute
}
