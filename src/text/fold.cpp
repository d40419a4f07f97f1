#include "text/fold.hpp"

#include "text/icu.hpp"
#include "text/utf8.hpp"

#include <array>
#include <cstddef>
#include <optional>

namespace incimap::text {
namespace {

// latin_base() of U+00C0–U+017F ("": not a letter, kept as it is).
constexpr std::array<std::string_view, 192> latin_1_and_extended_a = {
    // U+00C0 ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00D0 ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    // U+00E0 àáâãäåæçèéêëìíîï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ðñòóôõö÷øùúûüýþÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    // U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    // U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    // U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    // U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "NG", "ng", "O", "o", "O", "o",
    // U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    // U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    // U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

bool is_ascii_consonant(char c) {
    return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' &&
           c != 'y';
}

// Appends the letters of a key word by word, so that the end of each word
// can be normalised (rule 5 of the header).
class KeyWriter {
  public:
    explicit KeyWriter(std::string& key) : key_(key), word_start_(key.size()) {}
    ~KeyWriter() {
        if (!abandoned_)
            end_word();
    }
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

    // The caller gives up on this key (and truncates it).
    void abandon() { abandoned_ = true; }
    bool abandoned() const { return abandoned_; }

  private:
    std::string& key_;
    std::size_t word_start_;
    bool abandoned_ = false;
};

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Appends one code point of a decomposed name (marks already removed).
void append_code_point(char32_t c, KeyWriter& writer) {
    if (c < 0x80) {
        if (is_ascii_alnum(static_cast<char>(c)))
            writer.ascii(ascii_lower(static_cast<char>(c)));
        else
            writer.end_word();
        return;
    }
    c = unicode::fold_case(c);
    if (auto spelling = latin_base(c); !spelling.empty())
        writer.text(spelling);
    else if (unicode::is_letter_or_digit(c) && c != 0xFFFD && !(c >= 0x02B0 && c <= 0x02FF))
        writer.code_point(c);
    else
        writer.end_word(); // punctuation, and modifier letters such as ʼ ʻ (apostrophes)
}

void append_unicode_key(std::string_view name, KeyWriter& writer) {
    for (char32_t c : unicode::decompose(name))
        if (!unicode::is_mark(c))
            append_code_point(c, writer);
}

// What the letters of U+0080–U+02FF (Latin-1, Latin Extended, IPA, the
// letters of Sahel languages) fold to, worked out once with ICU and
// latin_base() so that the names of the region fold without ICU.
// Characters that decompose into several (ligatures, fractions) are not in
// the table.
class LatinFolds {
  public:
    static constexpr char32_t first = 0x80;
    static constexpr char32_t last = 0x2FF;

    LatinFolds() {
        for (char32_t c = first; c <= last; ++c) {
            std::string utf8;
            append_utf8(utf8, c);
            std::u32string base;
            for (char32_t d : unicode::decompose(utf8))
                if (!unicode::is_mark(d))
                    base += d;
            Fold& fold = folds_[c - first];
            if (base.size() != 1)
                continue; // left to ICU
            std::string key;
            {
                KeyWriter writer(key);
                append_code_point(base[0], writer);
            }
            fold.known = true;
            fold.text = key;
        }
    }

    // The key text of `c` (empty for a word end), or nullopt when unknown.
    std::optional<std::string_view> find(char32_t c) const {
        const Fold& fold = folds_[c - first];
        if (!fold.known)
            return std::nullopt;
        return std::string_view(fold.text);
    }

  private:
    struct Fold {
        bool known = false;
        std::string text;
    };
    std::array<Fold, last - first + 1> folds_;
};

const LatinFolds& latin_folds() {
    static const LatinFolds folds; // immutable once built; built once, thread-safely
    return folds;
}

// Folds names in ASCII and the Latin letters of the table; false, with the
// key left as it was, when the name needs ICU.
bool append_latin_key(std::string_view name, std::string& key) {
    const std::size_t start = key.size();
    const LatinFolds* table = nullptr;
    {
        KeyWriter writer(key);
        for (std::size_t i = 0; i < name.size(); ++i) {
            const auto byte = static_cast<unsigned char>(name[i]);
            if (byte < 0x80) {
                append_code_point(byte, writer);
                continue;
            }
            // Two-byte sequences C2 80 … CB BF are U+0080 … U+02FF.
            const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
            if (byte < 0xC2 || byte > 0xCB || (next & 0xC0) != 0x80) {
                writer.abandon();
                break;
            }
            if (table == nullptr)
                table = &latin_folds();
            const char32_t c = (char32_t{byte & 0x1Fu} << 6) | (next & 0x3Fu);
            const auto fold = table->find(c);
            if (!fold) {
                writer.abandon();
                break;
            }
            if (fold->empty())
                writer.end_word();
            else
                writer.text(*fold);
            ++i;
        }
        if (!writer.abandoned())
            return true;
    }
    key.resize(start);
    return false;
}

} // namespace

std::string_view latin_base(char32_t c) {
    if (c >= 0xC0 && c <= 0x17F)
        return latin_1_and_extended_a[c - 0xC0];
    switch (c) {
    case U'Ɓ': return "B";
    case U'ɓ': return "b";
    case U'Ɗ': case U'Ɖ': return "D";
    case U'ɗ': case U'ɖ': return "d";
    case U'Ƙ': return "K";
    case U'ƙ': return "k";
    case U'Ƴ': return "Y";
    case U'ƴ': return "y";
    case U'Ɛ': case U'Ə': case U'Ǝ': return "E";
    case U'ɛ': case U'ə': case U'ǝ': return "e";
    case U'Ɔ': return "O";
    case U'ɔ': return "o";
    case U'Ɲ': return "NY";
    case U'ɲ': return "ny";
    case U'Ƒ': return "F";
    case U'ƒ': return "f";
    case U'Ʃ': return "SH";
    case U'ʃ': return "sh";
    default: return {};
    }
}

void append_name_key(std::string_view name, std::string& key) {
    if (append_latin_key(name, key))
        return;
    KeyWriter writer(key);
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
