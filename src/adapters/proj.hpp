// Thin RAII adapter over PROJ, the only file pair that sees <proj.h>.
// Coordinates always travel in "visualization" order — longitude, easting
// or x first — whatever the CRS definition says (proj_normalize_for_
// visualization), so EPSG:4326 is lon/lat here.
//
// Thread safety: one Context per thread; a Transformer is used only on the
// thread of the Context it was made with.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace incimap::proj {

class Context {
public:
    // Throws LibraryError when PROJ cannot make a context.
    Context();
    ~Context();
    Context(Context&&) noexcept;
    Context& operator=(Context&&) noexcept;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    void* handle() const { return handle_.get(); }  // PJ_CONTEXT*

private:
    struct Deleter {
        void operator()(void* context) const noexcept;
    };
    std::unique_ptr<void, Deleter> handle_;
};

struct CrsInfo {
    // "WGS 84 / UTM zone 31N"; for a PROJ string, its method's name
    // ("Lambert Conic Conformal (2SP)"), never the string itself.
    std::string name;
    bool geographic = false;  // degrees, not a projection
};

// What PROJ knows about a CRS given as "EPSG:32631", a PROJ string (taken
// as a CRS: "+type=crs" is implied) or WKT.
// Throws LibraryError quoting `crs` and PROJ's message when it is unknown.
CrsInfo describe(Context& context, std::string_view crs);

class Transformer {
public:
    // From one CRS to another (each "EPSG:…", a PROJ string or WKT). Throws
    // LibraryError quoting both and PROJ's message when PROJ cannot do it.
    Transformer(Context& context, std::string_view from, std::string_view to);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    // Transforms one point in place; false when it has no image (outside the
    // projection's domain), leaving x and y unspecified.
    bool forward(double& x, double& y) const;
    bool inverse(double& x, double& y) const;

    // The bounding box in the target CRS of a box in the source CRS, with
    // its edges densified (proj_trans_bounds). False when PROJ cannot.
    bool forward_bounds(double min_x, double min_y, double max_x, double max_y, double& out_min_x,
                        double& out_min_y, double& out_max_x, double& out_max_y) const;

private:
    struct Deleter {
        void operator()(void* pj) const noexcept;
    };
    Context* context_;
    std::unique_ptr<void, Deleter> handle_;  // PJ*
};

// Geodesic distance in metres between two lon/lat points on the WGS84
// ellipsoid (Karney's algorithm, PROJ's geodesic.h).
double geodesic_distance(double lon1, double lat1, double lon2, double lat2);

// PROJ's version, e.g. "9.1.1".
std::string version();

} // namespace incimap::proj
