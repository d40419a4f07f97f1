#include "adapters/cairo.hpp"

#include "core/error.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <string>

namespace incimap::cairo {
namespace {

cairo_surface_t* surf(void* p) { return static_cast<cairo_surface_t*>(p); }

void check_surface(cairo_surface_t* surface, std::string_view what) {
    const auto status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw LibraryError(
            fmt::format("cairo: {}: {}", what, cairo_status_to_string(status)));
}

// cairo reports failures through a status kept on the object; surfaces made
// in error are still valid objects that must be destroyed.
void* checked_new_surface(cairo_surface_t* surface, std::string_view what) {
    const auto status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw LibraryError(fmt::format("cairo: {}: {}", what, cairo_status_to_string(status)));
    }
    return surface;
}

} // namespace

void Surface::Deleter::operator()(void* surface) const noexcept {
    cairo_surface_destroy(surf(surface));
}

Surface::Surface(void* surface) : handle_(surface) {}
Surface::~Surface() = default;
Surface::Surface(Surface&&) noexcept = default;
Surface& Surface::operator=(Surface&&) noexcept = default;

Surface Surface::image(int width, int height) {
    return Surface(checked_new_surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height),
        fmt::format("creating a {}x{} image", width, height)));
}

Surface Surface::pdf(const std::string& path, double width_pt, double height_pt) {
    return Surface(checked_new_surface(cairo_pdf_surface_create(path.c_str(), width_pt, height_pt),
                                       "creating PDF " + path));
}

Surface Surface::svg(const std::string& path, double width_pt, double height_pt) {
    return Surface(checked_new_surface(cairo_svg_surface_create(path.c_str(), width_pt, height_pt),
                                       "creating SVG " + path));
}

Surface Surface::read_png(const std::string& path) {
    auto* surface = cairo_image_surface_create_from_png(path.c_str());
    const auto status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw InputError(fmt::format("{}: not a readable PNG ({})", path,
                                     cairo_status_to_string(status)));
    }
    return Surface(surface);
}

Surface Surface::decode_png(std::string_view bytes, const std::string& what) {
    struct Reader {
        std::string_view rest;
        static cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
            auto* self = static_cast<Reader*>(closure);
            if (self->rest.size() < length)
                return CAIRO_STATUS_READ_ERROR;
            std::memcpy(data, self->rest.data(), length);
            self->rest.remove_prefix(length);
            return CAIRO_STATUS_SUCCESS;
        }
    } reader{bytes};
    auto* surface = cairo_image_surface_create_from_png_stream(&Reader::read, &reader);
    const auto status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw InputError(fmt::format("{}: not a readable PNG ({})", what, cairo_status_to_string(status)));
    }
    return Surface(surface);
}

int Surface::width() const { return cairo_image_surface_get_width(surf(handle_.get())); }
int Surface::height() const { return cairo_image_surface_get_height(surf(handle_.get())); }
int Surface::stride() const { return cairo_image_surface_get_stride(surf(handle_.get())); }

const std::uint8_t* Surface::pixels() { return mutable_pixels(); }

std::uint8_t* Surface::mutable_pixels() {
    cairo_surface_flush(surf(handle_.get()));
    auto* data = cairo_image_surface_get_data(surf(handle_.get()));
    if (data == nullptr)
        throw LibraryError("cairo: pixels requested from a surface that is not an image");
    return data;
}

void Surface::mark_dirty() { cairo_surface_mark_dirty(surf(handle_.get())); }

Rgba Surface::pixel(int x, int y) {
    if (x < 0 || y < 0 || x >= width() || y >= height())
        throw Error(fmt::format("pixel {},{} outside a {}x{} image", x, y, width(), height()));
    const auto* data = pixels();
    const auto argb = *reinterpret_cast<const std::uint32_t*>(data + std::size_t(y) * stride() +
                                                              std::size_t(x) * 4);
    const double a = (argb >> 24) / 255.0;
    if (a == 0)
        return {0, 0, 0, 0};
    return {((argb >> 16) & 0xff) / 255.0 / a, ((argb >> 8) & 0xff) / 255.0 / a,
            (argb & 0xff) / 255.0 / a, a};
}

void Surface::finish(std::string_view what) {
    cairo_surface_flush(surf(handle_.get()));
    cairo_surface_finish(surf(handle_.get()));
    check_surface(surf(handle_.get()), what);
}

void Canvas::Deleter::operator()(void* cr) const noexcept { cairo_destroy(static_cast<cairo_t*>(cr)); }

namespace {
cairo_t* ctx(const Canvas& canvas) { return static_cast<cairo_t*>(canvas.handle()); }
} // namespace

Canvas::Canvas(Surface& surface) : handle_(cairo_create(surf(surface.handle()))) {
    check("creating a drawing context");
    cairo_set_antialias(ctx(*this), CAIRO_ANTIALIAS_GOOD);
}
Canvas::~Canvas() = default;
Canvas::Canvas(Canvas&&) noexcept = default;
Canvas& Canvas::operator=(Canvas&&) noexcept = default;

void Canvas::check(std::string_view what) const {
    const auto status = cairo_status(ctx(*this));
    if (status != CAIRO_STATUS_SUCCESS)
        throw LibraryError(fmt::format("cairo: {}: {}", what, cairo_status_to_string(status)));
}

void Canvas::save() { cairo_save(ctx(*this)); }
void Canvas::restore() { cairo_restore(ctx(*this)); }
void Canvas::reset_transform() { cairo_identity_matrix(ctx(*this)); }
void Canvas::translate(double dx, double dy) { cairo_translate(ctx(*this), dx, dy); }
void Canvas::scale(double sx, double sy) { cairo_scale(ctx(*this), sx, sy); }
void Canvas::rotate(double radians) { cairo_rotate(ctx(*this), radians); }

void Canvas::clear() {
    auto* cr = ctx(*this);
    cairo_save(cr);
    cairo_reset_clip(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr);
    cairo_restore(cr);
}

void Canvas::set_colour(const Rgba& c) { cairo_set_source_rgba(ctx(*this), c.r, c.g, c.b, c.a); }

void Canvas::set_linear_gradient(double x0, double y0, double x1, double y1,
                                 const std::vector<GradientStop>& stops) {
    auto* pattern = cairo_pattern_create_linear(x0, y0, x1, y1);
    for (const auto& s : stops)
        cairo_pattern_add_color_stop_rgba(pattern, s.offset, s.colour.r, s.colour.g, s.colour.b,
                                          s.colour.a);
    cairo_set_source(ctx(*this), pattern);
    cairo_pattern_destroy(pattern);  // the context holds its own reference
}

void Canvas::set_line_width(double width) { cairo_set_line_width(ctx(*this), width); }

void Canvas::set_round_joins() {
    cairo_set_line_join(ctx(*this), CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(ctx(*this), CAIRO_LINE_CAP_ROUND);
}

void Canvas::set_dash(const std::vector<double>& dashes) {
    cairo_set_dash(ctx(*this), dashes.data(), static_cast<int>(dashes.size()), 0);
}

void Canvas::set_even_odd_fill(bool even_odd) {
    cairo_set_fill_rule(ctx(*this),
                        even_odd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
}

void Canvas::new_path() { cairo_new_path(ctx(*this)); }
void Canvas::move_to(double x, double y) { cairo_move_to(ctx(*this), x, y); }
void Canvas::line_to(double x, double y) { cairo_line_to(ctx(*this), x, y); }
void Canvas::close_path() { cairo_close_path(ctx(*this)); }

void Canvas::circle(double x, double y, double radius) {
    cairo_new_sub_path(ctx(*this));
    cairo_arc(ctx(*this), x, y, radius, 0, 6.283185307179586);
}

void Canvas::rectangle(double x, double y, double width, double height) {
    cairo_rectangle(ctx(*this), x, y, width, height);
}

void Canvas::fill(bool preserve) {
    preserve ? cairo_fill_preserve(ctx(*this)) : cairo_fill(ctx(*this));
}
void Canvas::stroke(bool preserve) {
    if (text_sink_ != nullptr && halo_ && !halo_stroked_) {
        double r = 0, g = 0, b = 0, a = 0;
        cairo_pattern_get_rgba(cairo_get_source(ctx(*this)), &r, &g, &b, &a);
        halo_->halo = {r, g, b, a};
        double w = cairo_get_line_width(ctx(*this)), unused = 0;
        cairo_user_to_device_distance(ctx(*this), &w, &unused);
        halo_->halo_width = std::fabs(w);
        halo_stroked_ = true;
        cairo_new_path(ctx(*this));
        return;
    }
    preserve ? cairo_stroke_preserve(ctx(*this)) : cairo_stroke(ctx(*this));
}
void Canvas::clip() { cairo_clip(ctx(*this)); }
void Canvas::paint(double alpha) { cairo_paint_with_alpha(ctx(*this), alpha); }

void Canvas::draw_image(Surface& image, double x, double y, double alpha) {
    auto* cr = ctx(*this);
    cairo_save(cr);
    cairo_set_source_surface(cr, surf(image.handle()), x, y);
    cairo_paint_with_alpha(cr, alpha);
    cairo_restore(cr);
}

void Canvas::set_font(const std::string& family, FontWeight weight, double size) {
    cairo_select_font_face(ctx(*this), family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                           weight == FontWeight::bold ? CAIRO_FONT_WEIGHT_BOLD
                                                      : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(ctx(*this), size);
    family_ = family;
    bold_ = weight == FontWeight::bold;
}

RecordedText Canvas::recorded(std::string_view utf8) const {
    RecordedText t;
    t.text = utf8;
    cairo_get_current_point(ctx(*this), &t.x, &t.y);
    cairo_user_to_device(ctx(*this), &t.x, &t.y);
    cairo_matrix_t font;
    cairo_get_font_matrix(ctx(*this), &font);
    double dx = font.xx, dy = font.yx;
    cairo_user_to_device_distance(ctx(*this), &dx, &dy);
    t.size = std::hypot(dx, dy);
    t.family = family_;
    t.bold = bold_;
    double r = 0, g = 0, b = 0, a = 0;
    cairo_pattern_get_rgba(cairo_get_source(ctx(*this)), &r, &g, &b, &a);
    t.fill = {r, g, b, a};
    return t;
}

TextExtents Canvas::measure(std::string_view utf8) {
    const std::string text(utf8);
    cairo_text_extents_t e;
    cairo_text_extents(ctx(*this), text.c_str(), &e);
    return {e.x_bearing, e.y_bearing, e.width, e.height, e.x_advance};
}

void Canvas::show_text(std::string_view utf8) {
    if (text_sink_ != nullptr) {
        auto t = recorded(utf8);
        if (halo_ && halo_stroked_ && halo_->text == t.text && std::fabs(halo_->x - t.x) < 0.01 &&
            std::fabs(halo_->y - t.y) < 0.01) {
            t.halo = halo_->halo;
            t.halo_width = halo_->halo_width;
        }
        halo_.reset();
        halo_stroked_ = false;
        text_sink_->push_back(std::move(t));
        cairo_new_path(ctx(*this));
        return;
    }
    const std::string text(utf8);
    cairo_show_text(ctx(*this), text.c_str());
}

void Canvas::text_path(std::string_view utf8) {
    if (text_sink_ != nullptr) {
        halo_ = recorded(utf8);
        halo_stroked_ = false;
        return;
    }
    const std::string text(utf8);
    cairo_text_path(ctx(*this), text.c_str());
}

std::string_view version() { return cairo_version_string(); }

} // namespace incimap::cairo
