// Thin RAII adapter over cairo, the only file pair that sees <cairo.h>.
// A Surface is something to draw on (an ARGB32 image in memory, or a PDF or
// SVG file); a Canvas is a drawing context on one surface. Failed calls throw
// LibraryError with cairo's own status text and what was being done.
//
// Thread safety: a Surface and its Canvas belong to one thread at a time;
// different threads may draw on different surfaces at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::cairo {

// Straight (not premultiplied) colour, channels in 0..1.
struct Rgba {
    double r = 0, g = 0, b = 0, a = 1;
};

struct TextExtents {
    double x_bearing = 0, y_bearing = 0;  // from the origin to the ink's top-left
    double width = 0, height = 0;         // of the ink
    double x_advance = 0;                 // where the next text would start
};

struct GradientStop {
    double offset = 0;  // 0..1 along the gradient
    Rgba colour;
};

class Surface {
public:
    // An ARGB32 image, transparent. Throws LibraryError when cairo cannot
    // allocate it.
    static Surface image(int width, int height);
    // A vector file written at finish(); sizes in points (1/72 inch).
    static Surface pdf(const std::string& path, double width_pt, double height_pt);
    static Surface svg(const std::string& path, double width_pt, double height_pt);
    // Decodes a PNG file into an image surface; throws InputError naming the
    // path when it is not a readable PNG.
    static Surface read_png(const std::string& path);
    // Decodes PNG bytes held in memory; throws InputError naming `what`.
    static Surface decode_png(std::string_view bytes, const std::string& what);

    ~Surface();
    Surface(Surface&&) noexcept;
    Surface& operator=(Surface&&) noexcept;
    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;

    // Image surfaces only: size in pixels and the pixel memory (ARGB32,
    // native-endian, premultiplied). pixels() flushes pending drawing first;
    // after writing to mutable_pixels() call mark_dirty().
    int width() const;
    int height() const;
    int stride() const;
    const std::uint8_t* pixels();
    std::uint8_t* mutable_pixels();
    void mark_dirty();
    // Straight-alpha colour of one pixel, for checks.
    Rgba pixel(int x, int y);

    // Writes what is pending (PDF/SVG: the file) and checks for errors such
    // as a full disk. Throws LibraryError naming `what`.
    void finish(std::string_view what);

    void* handle() const { return handle_.get(); }  // cairo_surface_t*

private:
    struct Deleter {
        void operator()(void* surface) const noexcept;
    };
    explicit Surface(void* surface);
    std::unique_ptr<void, Deleter> handle_;
};

enum class FontWeight { normal, bold };

// A line of text a canvas was asked to draw, in device units (the points
// of a PDF or SVG surface), for a writer that keeps text as text.
struct RecordedText {
    std::string text;
    double x = 0, y = 0;  // baseline origin
    std::string family;
    bool bold = false;
    double size = 12;
    Rgba fill;
    Rgba halo;  // alpha 0: none
    double halo_width = 0;
};

class Canvas {
public:
    explicit Canvas(Surface& surface);
    ~Canvas();
    Canvas(Canvas&&) noexcept;
    Canvas& operator=(Canvas&&) noexcept;
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    void save();
    void restore();
    void reset_transform();
    void translate(double dx, double dy);
    void scale(double sx, double sy);
    void rotate(double radians);

    // Makes the whole surface transparent (ignores the clip).
    void clear();

    void set_colour(const Rgba& colour);
    void set_linear_gradient(double x0, double y0, double x1, double y1,
                             const std::vector<GradientStop>& stops);
    void set_line_width(double width);
    void set_round_joins();
    void set_dash(const std::vector<double>& dashes);
    void set_even_odd_fill(bool even_odd);

    void new_path();
    void move_to(double x, double y);
    void line_to(double x, double y);
    void close_path();
    void circle(double x, double y, double radius);
    void rectangle(double x, double y, double width, double height);

    void fill(bool preserve = false);
    void stroke(bool preserve = false);
    void clip();
    void paint(double alpha = 1.0);
    // Draws an image surface with its top-left corner at (x, y).
    void draw_image(Surface& image, double x, double y, double alpha = 1.0);

    // Text through cairo's toy API: family names are fontconfig names.
    void set_font(const std::string& family, FontWeight weight, double size);
    TextExtents measure(std::string_view utf8);
    // Draws text with its baseline origin at the current point.
    void show_text(std::string_view utf8);
    // Adds the outline of the text to the path (for halos).
    void text_path(std::string_view utf8);

    // With a sink, show_text() records the text there instead of drawing
    // its glyphs, and a text_path() followed by stroke() (a halo) becomes
    // the halo of the text shown next at the same point; null: draw.
    void record_text(std::vector<RecordedText>* sink) { text_sink_ = sink; }

    // Throws LibraryError when any earlier call left the context in error.
    void check(std::string_view what) const;

    void* handle() const { return handle_.get(); }  // cairo_t*

private:
    struct Deleter {
        void operator()(void* cr) const noexcept;
    };
    std::unique_ptr<void, Deleter> handle_;
    std::vector<RecordedText>* text_sink_ = nullptr;
    std::string family_;
    bool bold_ = false;
    std::optional<RecordedText> halo_;  // a text_path() waiting for its stroke, then for its text
    bool halo_stroked_ = false;

    RecordedText recorded(std::string_view utf8) const;
};

// cairo's version string, e.g. "1.16.0".
std::string_view version();

} // namespace incimap::cairo
