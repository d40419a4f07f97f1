// Thin RAII adapter over GEOS's reentrant C API (GEOS_USE_ONLY_R_API): a
// context per thread with its own error handler, geometries, prepared
// geometries and STR trees held in handles with the right deleter. Failed
// calls throw LibraryError quoting GEOS's message. This header and geos.cpp
// are the only files that know geos_c.h.
//
// Thread safety: a Context and everything made from it belong to one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::geos {

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

class Context;

namespace detail {
struct GeometryDeleter {
    const Context* context;
    void operator()(void* handle) const noexcept;
};
struct PreparedDeleter {
    const Context* context;
    void operator()(void* handle) const noexcept;
};
struct TreeDeleter {
    const Context* context;
    void operator()(void* handle) const noexcept;
};
} // namespace detail

class Geometry {
public:
    // Takes ownership of HANDLE, made in CONTEXT.
    Geometry(const Context& context, void* handle);

    Envelope envelope() const;
    // Cartesian distance in the coordinates' units.
    double distance(const Geometry& other) const;
    bool is_valid() const;
    // The geometry as a GeoJSON geometry object (full precision).
    std::string geojson() const;
    // A copy whose polygons wind as RFC 7946 asks: exterior rings
    // counter-clockwise, holes clockwise (GEOS normalises to the opposite,
    // then every ring is reversed). Components and ring starts may move.
    Geometry wound_counter_clockwise() const;
    void* handle() const noexcept { return handle_.get(); }
    // Hands the handle over to a GEOS call that takes ownership.
    void* release() noexcept { return handle_.release(); }
    const Context& context() const noexcept { return *handle_.get_deleter().context; }

private:
    std::unique_ptr<void, detail::GeometryDeleter> handle_;
};

// A geometry prepared for many predicate tests. The geometry must outlive it.
class PreparedGeometry {
public:
    explicit PreparedGeometry(const Geometry& geometry);
    // Whether the geometries share at least a point (a point on the
    // boundary of a polygon intersects it).
    bool intersects(const Geometry& other) const;
    double distance(const Geometry& other) const;

private:
    std::unique_ptr<void, detail::PreparedDeleter> handle_;
};

// A sort-tile-recursive R-tree of item numbers by geometry envelope. The
// geometries inserted must outlive the tree; queries build it on first use,
// after which nothing can be inserted.
class StrTree {
public:
    explicit StrTree(const Context& context, std::size_t node_capacity = 10);
    void insert(const Geometry& geometry, std::size_t item);
    // The items whose envelopes intersect GEOMETRY's, in no particular order.
    std::vector<std::size_t> query(const Geometry& geometry) const;

private:
    std::unique_ptr<void, detail::TreeDeleter> handle_;
};

class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // A geometry from GeoJSON (a geometry object). Throws LibraryError.
    Geometry read_geojson(std::string_view geojson) const;
    Geometry point(double x, double y) const;
    // An axis-aligned rectangle.
    Geometry box(const Envelope& envelope) const;
    // The union of PARTS (taken over): polygons that share borders dissolve
    // into one. Cost: GEOS's cascaded union, about n log n in the parts.
    Geometry union_of(std::vector<Geometry> parts) const;

    void* handle() const noexcept { return handle_; }
    // Throws LibraryError with WHAT and the last message GEOS reported.
    [[noreturn]] void fail(std::string_view what) const;

private:
    void* handle_;
    std::string last_error_;
};

} // namespace incimap::geos
