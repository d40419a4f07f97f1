#include "text/fold.hpp"

#include "text/icu.hpp"
#include "text/utf8.hpp"

#include <cstddef>

namespace incimap::text {
namespace {

bool is_ascii_consonant(char c) {
    return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' &&
           c != 'y';
}

// Appends the letters of a key word by word, so that the end of each word
// can be normalised (rule 5 of the header).
class KeyWriter {
public:
    explicit KeyWriter(std::string& key) : key_(key), word_start_(key.size()) {}
    ~KeyWriter() { end_word(); }
    KeyWriter(const KeyWriter&) = delete;
    KeyWriter& operator=(const KeyWriter&) = delete;

    void ascii(char c) { key_ += c; }
    void text(std::string_view s) { key_ += s; }
    void code_point(char32_t c) { append_utf8(key_, c); }

    void end_word() {
        const std::size_t length = key_.size() - word_start_;
        if (length >= 3 && key_.back() == 'e' && is_ascii_consonant(key_[key_.size() - 2]))
            key_.pop_back();
        word_start_ = key_.size();
    }

private:
    std::string& key_;
    std::size_t word_start_;
};

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Case-folded letters that have no decomposition, spelled in ASCII.
std::string_view ascii_spelling(char32_t c) {
    switch (c) {
    case U'ß': return "ss";
    case U'æ': return "ae";
    case U'œ': return "oe";
    case U'ø': return "o";
    case U'ł': return "l";
    case U'ŀ': return "l";
    case U'đ': return "d";
    case U'ð': return "d";
    case U'ɗ': return "d";
    case U'ɖ': return "d";
    case U'ɓ': return "b";
    case U'ƙ': return "k";
    case U'ƴ': return "y";
    case U'ɛ': return "e";
    case U'ə': return "e";
    case U'ǝ': return "e";
    case U'ɔ': return "o";
    case U'ɲ': return "ny";
    case U'ŋ': return "ng";
    case U'ı': return "i";
    case U'ħ': return "h";
    case U'ŧ': return "t";
    case U'þ': return "th";
    case U'ƒ': return "f";
    case U'ʃ': return "sh";
    default: return {};
    }
}

void append_ascii_key(std::string_view name, KeyWriter& writer) {
    for (char c : name) {
        if (is_ascii_alnum(c))
            writer.ascii(ascii_lower(c));
        else
            writer.end_word();
    }
}

void append_unicode_key(std::string_view name, KeyWriter& writer) {
    for (char32_t c : unicode::decompose(name)) {
        if (c < 0x80) {
            if (is_ascii_alnum(static_cast<char>(c)))
                writer.ascii(ascii_lower(static_cast<char>(c)));
            else
                writer.end_word();
            continue;
        }
        if (unicode::is_mark(c))
            continue;
        c = unicode::fold_case(c);
        if (auto spelling = ascii_spelling(c); !spelling.empty()) {
            writer.text(spelling);
        } else if (unicode::is_letter_or_digit(c) && c != 0xFFFD) {
            // Modifier letters such as ʼ ʻ are apostrophes in place names.
            if (c >= 0x02B0 && c <= 0x02FF)
                writer.end_word();
            else
                writer.code_point(c);
        } else {
            writer.end_word();
        }
    }
}

} // namespace

void append_name_key(std::string_view name, std::string& key) {
    KeyWriter writer(key);
    if (is_ascii(name))
        append_ascii_key(name, writer);
    else
        append_unicode_key(name, writer);
}

std::string name_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    append_name_key(name, key);
    return key;
}

bool has_latin_letter(std::string_view key) {
    for (char c : key)
        if (c >= 'a' && c <= 'z')
            return true;
    return false;
}

} // namespace incimap::text
