#include "render/geojson_points.hpp"

#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/mapped_file.hpp"
#include "core/mapped_vector.hpp"
#include "render/sources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

namespace incimap::render {
namespace {

using json = nlohmann::json;

enum class ValueKind : std::uint8_t { none, integer, real, text };

struct Value {
    ValueKind kind = ValueKind::none;
    double number = 0;
    std::string text; // a string, or an integer in decimal
};

// A value as the parser hands it over: the text stays in the parser's
// buffer, which is reused for the next token (no allocation per string).
struct Scalar {
    ValueKind kind = ValueKind::none;
    double number = 0;
    std::int64_t integer = 0;
    std::string_view text;
};

// A property the reader keeps: one of the attributes, event_id_cnty or id.
// Its values, feature by feature, wait in these columns until the whole file
// has said what type OGR gives the property.
struct WantedProperty {
    explicit WantedProperty(std::string name, const std::filesystem::path& temp_folder)
        : name(std::move(name)), kinds(temp_folder), numbers(temp_folder), texts(temp_folder) {}
    std::string name;
    std::string spelling; // the key as the file spells it; empty until seen
    bool integers = false, reals = false, texts_seen = false;
    MappedVector<ValueKind> kinds;
    MappedVector<double> numbers;
    IdColumn texts;
    Value current; // this feature's value
    bool seen_in_feature = false;
};

// Whether OGR's date parser (OGRParseDate) might take TEXT for a date, a
// time or both; false only where it surely does not. It skips spaces, then
// reads a date when the text holds a '-' or '/' (an optionally signed year,
// a month and a day, each number followed by '-' or '/'), else a time when
// it holds a ':' (digits, a colon, a digit).
bool may_read_as_date(std::string_view text) {
    std::size_t i = text.find_first_not_of(' ');
    if (i == std::string_view::npos)
        return false;
    auto is_digit = [&] { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    auto at = [&](char a, char b) { return i < text.size() && (text[i] == a || text[i] == b); };
    auto skip_digits = [&] {
        while (is_digit())
            ++i;
    };
    if (text.find_first_of("-/", i) != std::string_view::npos) {
        if (!is_digit() && !at('-', '+'))
            return false;
        if (at('-', '-'))
            ++i;
        skip_digits();
        for (int separator = 0; separator < 2; ++separator) {
            if (!at('-', '/'))
                return false;
            ++i;
            if (!is_digit())
                return true; // atoi() takes blanks and signs: left to OGR
            skip_digits();
        }
        return true;
    }
    if (text.find(':', i) == std::string_view::npos || !is_digit())
        return false;
    skip_digits();
    if (!at(':', ':'))
        return false;
    ++i;
    return is_digit();
}

// YYYY-MM-DD: OGR may type it a date or text, and gives it back as this
// same text either way.
bool canonical_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9')
            return false;
    return true;
}

// Where the parser is: the containers it is inside.
enum class Where { top, features, feature, geometry, coordinates, properties };

// The SAX handler: follows the FeatureCollection and keeps each Point
// feature's coordinates and wanted properties. Returns false from a
// callback (which stops the parser) as soon as the file turns out to need
// OGR (`leave_to_ogr`) or is malformed (`syntax_error`).
class PointCollector {
  public:
    PointCollector(std::vector<WantedProperty>& wanted,
                   const std::optional<store::BoundingBox>& bbox, PointFeatures& out,
                   MappedVector<std::int64_t>& fids)
        : wanted_(wanted), bbox_(bbox), out_(out), fids_(fids) {}

    bool leave_to_ogr = false;
    std::size_t error_offset = 0;
    std::string syntax_error;

    // After a successful parse: whether it was a FeatureCollection whose
    // features all had an integer "id", or none had.
    bool complete() const {
        return collection_ && features_seen_ && (with_id_ == 0 || with_id_ == features_);
    }

    bool null() { return scalar(Scalar{}); }
    bool boolean(bool) { return ignorable() || give_up(); }
    bool number_integer(json::number_integer_t n) {
        return scalar(Scalar{ValueKind::integer, static_cast<double>(n), n, {}});
    }
    bool number_unsigned(json::number_unsigned_t n) {
        if (n > static_cast<json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
            return ignorable() || give_up();
        return number_integer(static_cast<json::number_integer_t>(n));
    }
    bool number_float(json::number_float_t d, const std::string& raw) {
        // An integer too long for 64 bits, or beyond a double's range, is
        // read differently by json-c.
        if (!std::isfinite(d) || raw.find_first_of(".eE") == std::string::npos)
            return ignorable() || give_up();
        return scalar(Scalar{ValueKind::real, d, 0, {}});
    }
    bool string(std::string& s) { return scalar(Scalar{ValueKind::text, 0, 0, s}); }
    bool binary(json::binary_t&) { return give_up(); }

    bool key(std::string& k) {
        if (skipping())
            return true;
        key_.assign(k); // a copy: the parser's buffer keeps its capacity
        return true;
    }

    bool start_object(std::size_t) { return start(false); }
    bool start_array(std::size_t) { return start(true); }
    bool end_object() { return end(); }
    bool end_array() { return end(); }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) {
        error_offset = position > 0 ? position - 1 : 0; // the parser counts the byte it stopped at
        const std::string what = e.what();
        const auto reason = what.find("syntax error");
        syntax_error = reason == std::string::npos ? what : what.substr(reason);
        return false;
    }

  private:
    bool give_up() {
        leave_to_ogr = true;
        return false;
    }
    bool skipping() const { return skip_depth_ > 0; }
    // Whether the value that comes is one the reader does not look at.
    bool ignorable() const { return skipping() || (!stack_.empty() && unwanted_value()); }
    // Whether a value here is one the reader does not look at.
    bool unwanted_value() const {
        switch (stack_.back()) {
        case Where::top:
            return key_ != "type" && key_ != "features";
        case Where::feature:
            return key_ != "type" && key_ != "id" && key_ != "geometry" && key_ != "properties";
        case Where::geometry:
            return key_ != "type" && key_ != "coordinates";
        case Where::properties:
            return find_wanted() == nullptr;
        default:
            return false;
        }
    }
    WantedProperty* find_wanted() const {
        for (auto& w : wanted_)
            if (equal_ignoring_case(w.name, key_))
                return &w;
        return nullptr;
    }

    bool scalar(const Scalar& v) {
        if (skipping())
            return true;
        if (stack_.empty())
            return give_up(); // a lone value at the top
        switch (stack_.back()) {
        case Where::top:
            if (key_ == "type")
                collection_ = v.kind == ValueKind::text && v.text == "FeatureCollection";
            else if (key_ == "features")
                return give_up();
            return true;
        case Where::features:
            return give_up();
        case Where::feature:
            if (key_ == "type")
                feature_type_ok_ = v.kind == ValueKind::text && v.text == "Feature";
            else if (key_ == "id") {
                if (v.kind != ValueKind::integer)
                    return give_up();
                feature_id_ = v.integer;
            } else if ((key_ == "geometry" || key_ == "properties") && v.kind != ValueKind::none)
                return give_up();
            return true;
        case Where::geometry:
            if (key_ == "type")
                geometry_type_.assign(v.kind == ValueKind::text ? v.text : std::string_view("?"));
            else if (key_ == "coordinates")
                return give_up();
            return true;
        case Where::coordinates:
            if (v.kind != ValueKind::integer && v.kind != ValueKind::real)
                return give_up();
            if (coordinates_ < 2)
                xy_[coordinates_] = v.number;
            ++coordinates_;
            return true;
        case Where::properties:
            return property(v);
        }
        return true;
    }

    bool property(const Scalar& v) {
        auto* w = find_wanted();
        if (!w)
            return true;
        if (w->seen_in_feature || (!w->spelling.empty() && w->spelling != key_))
            return give_up(); // a key twice, or spelt in two ways
        w->spelling = key_;
        w->seen_in_feature = true;
        switch (v.kind) {
        case ValueKind::integer:
            w->integers = true;
            break;
        case ValueKind::real:
            w->reals = true;
            break;
        case ValueKind::text:
            w->texts_seen = true;
            if (may_read_as_date(v.text) && !canonical_date(v.text))
                return give_up();
            break;
        case ValueKind::none:
            break;
        }
        w->current.kind = v.kind;
        w->current.number = v.number;
        if (v.kind == ValueKind::integer)
            w->current.text = std::to_string(v.integer);
        else
            w->current.text.assign(v.text);
        return true;
    }

    bool start(bool array) {
        if (skipping()) {
            ++skip_depth_;
            return true;
        }
        if (stack_.empty()) {
            if (array)
                return give_up();
            stack_.push_back(Where::top);
            return true;
        }
        switch (stack_.back()) {
        case Where::top:
            if (key_ == "features") {
                if (!array)
                    return give_up();
                features_seen_ = true;
                return push(Where::features);
            }
            break;
        case Where::features:
            if (array)
                return give_up();
            begin_feature();
            return push(Where::feature);
        case Where::feature:
            if (key_ == "geometry" && !array) {
                has_geometry_ = true;
                return push(Where::geometry);
            }
            if (key_ == "properties" && !array)
                return push(Where::properties);
            if (key_ == "type" || key_ == "id" || key_ == "geometry" || key_ == "properties")
                return give_up();
            break;
        case Where::geometry:
            if (key_ == "coordinates") {
                if (!array || coordinates_seen_)
                    return give_up();
                coordinates_seen_ = true;
                return push(Where::coordinates);
            }
            if (key_ == "type")
                return give_up();
            break;
        case Where::coordinates:
            return give_up(); // nested positions: no Point
        case Where::properties:
            if (find_wanted())
                return give_up();
            break;
        }
        skip_depth_ = 1;
        return true;
    }

    bool push(Where where) {
        stack_.push_back(where);
        return true;
    }

    bool end() {
        if (skipping()) {
            --skip_depth_;
            return true;
        }
        const auto where = stack_.back();
        stack_.pop_back();
        if (where == Where::geometry && geometry_type_ != "Point")
            return give_up();
        if (where == Where::feature)
            return end_feature();
        return true;
    }

    void begin_feature() {
        feature_type_ok_ = false;
        feature_id_.reset();
        has_geometry_ = false;
        geometry_type_.clear();
        coordinates_seen_ = false;
        coordinates_ = 0;
        for (auto& w : wanted_) {
            w.current.kind = ValueKind::none;
            w.current.number = 0;
            w.current.text.clear();
            w.seen_in_feature = false;
        }
    }

    bool end_feature() {
        if (!feature_type_ok_)
            return give_up();
        if (has_geometry_ && (!coordinates_seen_ || coordinates_ == 1))
            return give_up();
        const std::int64_t fid = feature_id_ ? *feature_id_ : static_cast<std::int64_t>(features_);
        ++features_;
        if (feature_id_)
            ++with_id_;
        // No geometry, or an empty point: OGR gives no point.
        if (!has_geometry_ || coordinates_ == 0)
            return true;
        const double lon = xy_[0], lat = xy_[1];
        if (bbox_ && (lon < bbox_->min_lon || lon > bbox_->max_lon || lat < bbox_->min_lat ||
                      lat > bbox_->max_lat))
            return true;
        out_.lon.push_back(lon);
        out_.lat.push_back(lat);
        fids_.push_back(fid);
        for (auto& w : wanted_) {
            w.kinds.push_back(w.current.kind);
            w.numbers.push_back(w.current.number);
            w.texts.push_back(w.current.text);
        }
        return true;
    }

    std::vector<WantedProperty>& wanted_;
    const std::optional<store::BoundingBox>& bbox_;
    PointFeatures& out_;
    MappedVector<std::int64_t>& fids_;

    std::vector<Where> stack_;
    std::string key_;
    int skip_depth_ = 0;
    bool collection_ = false, features_seen_ = false;
    std::size_t features_ = 0, with_id_ = 0;

    bool feature_type_ok_ = false;
    std::optional<std::int64_t> feature_id_;
    bool has_geometry_ = false;
    std::string geometry_type_;
    bool coordinates_seen_ = false;
    std::size_t coordinates_ = 0;
    double xy_[2] = {0, 0};
};

// A position in the text for the parser, which reads it byte by byte and
// never goes back: the pages of a mapped file behind it are given back
// every few megabytes, so that a large file costs little resident memory.
class ReleasingPosition {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    ReleasingPosition() = default;
    ReleasingPosition(const char* at, const char* begin, MappedFile* file)
        : at_(at), begin_(begin), file_(file) {}
    reference operator*() const { return *at_; }
    ReleasingPosition& operator++() {
        ++at_;
        if (file_ != nullptr && (static_cast<std::size_t>(at_ - begin_) & (release_every - 1)) == 0)
            file_->release_before(static_cast<std::size_t>(at_ - begin_));
        return *this;
    }
    ReleasingPosition operator++(int) {
        auto before = *this;
        ++*this;
        return before;
    }
    bool operator==(const ReleasingPosition& other) const { return at_ == other.at_; }
    bool operator!=(const ReleasingPosition& other) const { return at_ != other.at_; }

  private:
    static constexpr std::size_t release_every = std::size_t(4) << 20; // a power of two
    const char* at_ = nullptr;
    const char* begin_ = nullptr;
    MappedFile* file_ = nullptr;
};

// "PATH:LINE: column COLUMN: why" for the byte at OFFSET of TEXT.
InputError syntax_error(const std::string& path, std::string_view text, std::size_t offset,
                        std::string_view why) {
    offset = std::min(offset, text.size());
    const auto before = text.substr(0, offset);
    const long line = 1 + static_cast<long>(std::count(before.begin(), before.end(), '\n'));
    const auto line_start = before.rfind('\n');
    const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return InputError(path, line, fmt::format("column {}: not GeoJSON: {}", column, why));
}

// The id OGR's get_string gives a feature from the property W: text as it
// is, an integer in decimal; empty when null or missing.
std::string_view id_of(const WantedProperty& w, std::size_t row) {
    return w.kinds[row] == ValueKind::none ? std::string_view() : w.texts[row];
}

} // namespace

bool is_geojson_path(std::string_view path) {
    auto ends_with = [&](std::string_view suffix) {
        return path.size() > suffix.size() &&
               equal_ignoring_case(path.substr(path.size() - suffix.size()), suffix);
    };
    return ends_with(".geojson") || ends_with(".json");
}

namespace {

std::optional<PointFeatures> read_points(std::string_view text, MappedFile* file,
                                         const std::string& path,
                                         const std::vector<std::string>& attributes,
                                         const std::optional<store::BoundingBox>& bbox,
                                         const std::filesystem::path& temp_folder);

} // namespace

std::optional<PointFeatures> read_geojson_points(const std::string& path,
                                                 const std::vector<std::string>& attributes,
                                                 const std::optional<store::BoundingBox>& bbox,
                                                 const std::filesystem::path& temp_folder) {
    MappedFile file{std::filesystem::path(path)};
    file.advise_sequential();
    return read_points(file.text(), &file, path, attributes, bbox, temp_folder);
}

std::optional<PointFeatures> read_geojson_points(std::string_view text, const std::string& origin,
                                                 const std::vector<std::string>& attributes,
                                                 const std::optional<store::BoundingBox>& bbox,
                                                 const std::filesystem::path& temp_folder) {
    return read_points(text, nullptr, origin, attributes, bbox, temp_folder);
}

namespace {

std::optional<PointFeatures> read_points(std::string_view text, MappedFile* file,
                                         const std::string& path,
                                         const std::vector<std::string>& attributes,
                                         const std::optional<store::BoundingBox>& bbox,
                                         const std::filesystem::path& temp_folder) {
    // The attributes, then the two id properties, each once.
    std::vector<WantedProperty> wanted;
    std::vector<std::size_t> attribute_property;
    auto want = [&](const std::string& name) {
        for (std::size_t i = 0; i < wanted.size(); ++i)
            if (equal_ignoring_case(wanted[i].name, name))
                return i;
        wanted.emplace_back(name, temp_folder);
        return wanted.size() - 1;
    };
    for (const auto& a : attributes)
        attribute_property.push_back(want(a));
    const auto event_id = want("event_id_cnty");
    const auto id = want("id");

    PointFeatures out(temp_folder);
    MappedVector<std::int64_t> fids(temp_folder);
    PointCollector collector(wanted, bbox, out, fids);
    const bool parsed = json::sax_parse(
        ReleasingPosition(text.data(), text.data(), file),
        ReleasingPosition(text.data() + text.size(), text.data(), file), &collector);
    if (!collector.syntax_error.empty())
        throw syntax_error(path, text, collector.error_offset, collector.syntax_error);
    if (!parsed || collector.leave_to_ogr || !collector.complete())
        return std::nullopt;
    for (const auto& w : wanted)
        if (w.texts_seen && (w.integers || w.reals))
            return std::nullopt; // OGR makes it text, numbers written as json-c writes them
    // Ids are OGR's text of the property: a real, or a date, reads otherwise.
    for (const auto p : {event_id, id}) {
        if (wanted[p].reals)
            return std::nullopt;
        for (std::size_t row = 0; row < out.size(); ++row)
            if (wanted[p].kinds[row] == ValueKind::text && may_read_as_date(wanted[p].texts[row]))
                return std::nullopt;
    }

    std::vector<int> columns;
    for (std::size_t c = 0; c < attributes.size(); ++c) {
        const auto& w = wanted[attribute_property[c]];
        const bool number =
            w.spelling.empty() ? numeric_incident_field(attributes[c]) : w.integers || w.reals;
        columns.push_back(out.attributes.add_column(
            attributes[c], number ? AttributeTable::Kind::number : AttributeTable::Kind::text));
    }
    out.attributes.reserve(out.size());
    out.ids.reserve(out.size());
    for (std::size_t row = 0; row < out.size(); ++row) {
        out.attributes.add_row();
        auto feature_id = id_of(wanted[event_id], row);
        if (feature_id.empty())
            feature_id = id_of(wanted[id], row);
        if (feature_id.empty())
            out.ids.push_back(std::to_string(fids[row]));
        else
            out.ids.push_back(feature_id);
        for (std::size_t c = 0; c < attributes.size(); ++c) {
            const auto& w = wanted[attribute_property[c]];
            switch (w.kinds[row]) {
            case ValueKind::none:
                break;
            case ValueKind::integer:
            case ValueKind::real:
                out.attributes.set_number(columns[c], row, w.numbers[row]);
                break;
            case ValueKind::text:
                out.attributes.set_text(columns[c], row, w.texts[row]);
                break;
            }
        }
    }
    return out;
}

} // namespace

} // namespace incimap::render
