#include "adapters/proj.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <geodesic.h>
#include <proj.h>

#include <cmath>

namespace incimap::proj {
namespace {

PJ_CONTEXT* ctx(const Context& c) { return static_cast<PJ_CONTEXT*>(c.handle()); }

std::string last_error(PJ_CONTEXT* context) {
    const int code = proj_context_errno(context);
    const char* text = code != 0 ? proj_context_errno_string(context, code) : nullptr;
    return text != nullptr ? text : "unknown error";
}

// "+proj=lcc …" describes a projection; PROJ wants "+type=crs" to take it
// as a coordinate reference system.
std::string as_crs(std::string_view definition) {
    std::string text(definition);
    if ((text.starts_with("+proj=") || text.starts_with("proj=")) &&
        text.find("type=crs") == std::string::npos)
        text += " +type=crs";
    return text;
}

struct PjOwner {
    PJ* pj;
    ~PjOwner() {
        if (pj != nullptr)
            proj_destroy(pj);
    }
};

} // namespace

void Context::Deleter::operator()(void* context) const noexcept {
    proj_context_destroy(static_cast<PJ_CONTEXT*>(context));
}

Context::Context() : handle_(proj_context_create()) {
    if (!handle_)
        throw LibraryError("PROJ: cannot create a context");
    // Lookups of EPSG codes only; never reach for the network grid CDN.
    proj_context_set_enable_network(ctx(*this), 0);
    // Failures are reported by the exceptions below, not on stderr.
    proj_log_level(ctx(*this), PJ_LOG_NONE);
}
Context::~Context() = default;
Context::Context(Context&&) noexcept = default;
Context& Context::operator=(Context&&) noexcept = default;

CrsInfo describe(Context& context, std::string_view crs) {
    const std::string definition(crs);
    PjOwner pj{proj_create(ctx(context), as_crs(definition).c_str())};
    if (pj.pj == nullptr)
        throw LibraryError(
            fmt::format("PROJ: unknown CRS '{}': {}", definition, last_error(ctx(context))));
    const auto type = proj_get_type(pj.pj);
    const bool is_crs = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                        type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS ||
                        type == PJ_TYPE_BOUND_CRS || type == PJ_TYPE_GEOCENTRIC_CRS ||
                        type == PJ_TYPE_OTHER_CRS || type == PJ_TYPE_ENGINEERING_CRS;
    if (!is_crs)
        throw LibraryError(fmt::format("PROJ: '{}' is not a coordinate reference system", definition));
    const bool geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
    const auto named = [](const char* name) { return name != nullptr && std::string_view(name) != "unknown"; };
    if (const char* name = proj_get_name(pj.pj); named(name))
        return {name, geographic};
    // A CRS from a PROJ string has no name: its projection method has one
    // ("Lambert Conic Conformal (2SP)"), and a title never shows the string.
    PjOwner operation{proj_crs_get_coordoperation(ctx(context), pj.pj)};
    const char* method = nullptr;
    if (operation.pj != nullptr &&
        proj_coordoperation_get_method_info(ctx(context), operation.pj, &method, nullptr, nullptr) &&
        named(method))
        return {method, geographic};
    return {geographic ? "geographic coordinates" : "a custom projection", geographic};
}

void Transformer::Deleter::operator()(void* pj) const noexcept { proj_destroy(static_cast<PJ*>(pj)); }

Transformer::Transformer(Context& context, std::string_view from, std::string_view to)
    : context_(&context) {
    const std::string source(from), target(to);
    PjOwner raw{proj_create_crs_to_crs(ctx(context), as_crs(source).c_str(), as_crs(target).c_str(),
                                       nullptr)};
    if (raw.pj == nullptr)
        throw LibraryError(fmt::format("PROJ: cannot transform from '{}' to '{}': {}", source,
                                       target, last_error(ctx(context))));
    PJ* normalized = proj_normalize_for_visualization(ctx(context), raw.pj);
    if (normalized == nullptr)
        throw LibraryError(fmt::format("PROJ: cannot normalise the axis order of '{}' to '{}': {}",
                                       source, target, last_error(ctx(context))));
    handle_.reset(normalized);
}
Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

namespace {
bool transform(PJ* pj, PJ_DIRECTION direction, double& x, double& y) {
    PJ_COORD c = proj_coord(x, y, 0, 0);
    c = proj_trans(pj, direction, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL)
        return false;
    x = c.xy.x;
    y = c.xy.y;
    return true;
}
} // namespace

bool Transformer::forward(double& x, double& y) const {
    return transform(static_cast<PJ*>(handle_.get()), PJ_FWD, x, y);
}

bool Transformer::inverse(double& x, double& y) const {
    return transform(static_cast<PJ*>(handle_.get()), PJ_INV, x, y);
}

bool Transformer::forward_bounds(double min_x, double min_y, double max_x, double max_y,
                                 double& out_min_x, double& out_min_y, double& out_max_x,
                                 double& out_max_y) const {
    return proj_trans_bounds(ctx(*context_), static_cast<PJ*>(handle_.get()), PJ_FWD, min_x, min_y,
                             max_x, max_y, &out_min_x, &out_min_y, &out_max_x, &out_max_y,
                             21) != 0;
}

double geodesic_distance(double lon1, double lat1, double lon2, double lat2) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    double s12 = 0;
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
    return s12;
}

std::string version() {
    const auto info = proj_info();
    return info.release != nullptr ? info.release : "";
}

} // namespace incimap::proj
