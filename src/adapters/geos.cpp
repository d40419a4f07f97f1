#include "adapters/geos.hpp"

#include "core/error.hpp"

#include <geos_c.h>

#include <fmt/format.h>

#include <cstdint>

namespace incimap::geos {
namespace {

GEOSContextHandle_t native(const Context& context) {
    return static_cast<GEOSContextHandle_t>(context.handle());
}

} // namespace

namespace detail {
void GeometryDeleter::operator()(void* handle) const noexcept {
    GEOSGeom_destroy_r(native(*context), static_cast<GEOSGeometry*>(handle));
}
void PreparedDeleter::operator()(void* handle) const noexcept {
    GEOSPreparedGeom_destroy_r(native(*context), static_cast<const GEOSPreparedGeometry*>(handle));
}
void TreeDeleter::operator()(void* handle) const noexcept {
    GEOSSTRtree_destroy_r(native(*context), static_cast<GEOSSTRtree*>(handle));
}
} // namespace detail

Context::Context() : handle_(GEOS_init_r()) {
    if (!handle_)
        throw LibraryError("GEOS: cannot create a context");
    GEOSContext_setErrorMessageHandler_r(
        native(*this),
        [](const char* message, void* self) {
            static_cast<Context*>(self)->last_error_ = message ? message : "";
        },
        this);
}

Context::~Context() { GEOS_finish_r(native(*this)); }

void Context::fail(std::string_view what) const {
    throw LibraryError(fmt::format("GEOS: {}: {}", what,
                                   last_error_.empty() ? "no message from GEOS" : last_error_));
}

Geometry Context::read_geojson(std::string_view geojson) const {
    GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(native(*this));
    if (!reader)
        fail("cannot create a GeoJSON reader");
    std::string text(geojson);
    GEOSGeometry* geometry = GEOSGeoJSONReader_readGeometry_r(native(*this), reader, text.c_str());
    GEOSGeoJSONReader_destroy_r(native(*this), reader);
    if (!geometry)
        fail("cannot read a GeoJSON geometry");
    return Geometry(*this, geometry);
}

Geometry Context::point(double x, double y) const {
    GEOSGeometry* geometry = GEOSGeom_createPointFromXY_r(native(*this), x, y);
    if (!geometry)
        fail("cannot create a point");
    return Geometry(*this, geometry);
}

Geometry Context::box(const Envelope& e) const {
    GEOSGeometry* geometry =
        GEOSGeom_createRectangle_r(native(*this), e.min_x, e.min_y, e.max_x, e.max_y);
    if (!geometry)
        fail("cannot create a rectangle");
    return Geometry(*this, geometry);
}

Geometry Context::union_of(std::vector<Geometry> parts) const {
    std::vector<GEOSGeometry*> handles;
    handles.reserve(parts.size());
    for (auto& part : parts)
        handles.push_back(static_cast<GEOSGeometry*>(part.release()));
    // GEOS owns the parts from here, also when the collection fails to be
    // made (it frees them then).
    GEOSGeometry* collection = GEOSGeom_createCollection_r(
        native(*this), GEOS_GEOMETRYCOLLECTION, handles.data(), static_cast<unsigned>(handles.size()));
    if (!collection)
        fail("cannot collect the parts of a union");
    Geometry owned(*this, collection);
    GEOSGeometry* merged = GEOSUnaryUnion_r(native(*this), collection);
    if (!merged)
        fail("cannot dissolve the parts of a union");
    return Geometry(*this, merged);
}

Geometry::Geometry(const Context& context, void* handle)
    : handle_(handle, detail::GeometryDeleter{&context}) {}

Envelope Geometry::envelope() const {
    Envelope e;
    if (!GEOSGeom_getExtent_r(native(context()), static_cast<GEOSGeometry*>(handle()), &e.min_x,
                              &e.min_y, &e.max_x, &e.max_y))
        context().fail("cannot compute an envelope");
    return e;
}

double Geometry::distance(const Geometry& other) const {
    double d = 0;
    if (!GEOSDistance_r(native(context()), static_cast<GEOSGeometry*>(handle()),
                        static_cast<GEOSGeometry*>(other.handle()), &d))
        context().fail("cannot compute a distance");
    return d;
}

bool Geometry::is_valid() const {
    char valid = GEOSisValid_r(native(context()), static_cast<GEOSGeometry*>(handle()));
    if (valid == 2)
        context().fail("cannot check validity");
    return valid == 1;
}

std::string Geometry::geojson() const {
    GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(native(context()));
    if (!writer)
        context().fail("cannot create a GeoJSON writer");
    char* text = GEOSGeoJSONWriter_writeGeometry_r(native(context()), writer,
                                                    static_cast<GEOSGeometry*>(handle()), -1);
    GEOSGeoJSONWriter_destroy_r(native(context()), writer);
    if (!text)
        context().fail("cannot write a geometry as GeoJSON");
    std::string out(text);
    GEOSFree_r(native(context()), text);
    return out;
}

Geometry Geometry::wound_counter_clockwise() const {
    GEOSGeometry* copy = GEOSGeom_clone_r(native(context()), static_cast<GEOSGeometry*>(handle()));
    if (!copy)
        context().fail("cannot copy a geometry");
    Geometry normalised(context(), copy);
    // Normalised polygons have clockwise shells and counter-clockwise holes.
    if (GEOSNormalize_r(native(context()), copy) != 0)
        context().fail("cannot normalise a geometry");
    GEOSGeometry* reversed = GEOSReverse_r(native(context()), copy);
    if (!reversed)
        context().fail("cannot reverse a geometry");
    return Geometry(context(), reversed);
}

PreparedGeometry::PreparedGeometry(const Geometry& geometry)
    : handle_(nullptr, detail::PreparedDeleter{&geometry.context()}) {
    const GEOSPreparedGeometry* prepared =
        GEOSPrepare_r(native(geometry.context()), static_cast<GEOSGeometry*>(geometry.handle()));
    if (!prepared)
        geometry.context().fail("cannot prepare a geometry");
    handle_.reset(const_cast<GEOSPreparedGeometry*>(prepared));
}

bool PreparedGeometry::intersects(const Geometry& other) const {
    char result = GEOSPreparedIntersects_r(native(*handle_.get_deleter().context),
                                           static_cast<const GEOSPreparedGeometry*>(handle_.get()),
                                           static_cast<GEOSGeometry*>(other.handle()));
    if (result == 2)
        handle_.get_deleter().context->fail("intersection test failed");
    return result == 1;
}

double PreparedGeometry::distance(const Geometry& other) const {
    double d = 0;
    if (!GEOSPreparedDistance_r(native(*handle_.get_deleter().context),
                                static_cast<const GEOSPreparedGeometry*>(handle_.get()),
                                static_cast<GEOSGeometry*>(other.handle()), &d))
        handle_.get_deleter().context->fail("cannot compute a distance");
    return d;
}

StrTree::StrTree(const Context& context, std::size_t node_capacity)
    : handle_(GEOSSTRtree_create_r(native(context), node_capacity),
              detail::TreeDeleter{&context}) {
    if (!handle_)
        context.fail("cannot create an STR tree");
}

void StrTree::insert(const Geometry& geometry, std::size_t item) {
    // Items travel as pointer-sized integers, never dereferenced.
    GEOSSTRtree_insert_r(native(*handle_.get_deleter().context),
                         static_cast<GEOSSTRtree*>(handle_.get()),
                         static_cast<GEOSGeometry*>(geometry.handle()),
                         reinterpret_cast<void*>(static_cast<std::uintptr_t>(item)));
}

std::vector<std::size_t> StrTree::query(const Geometry& geometry) const {
    std::vector<std::size_t> items;
    GEOSSTRtree_query_r(
        native(*handle_.get_deleter().context), static_cast<GEOSSTRtree*>(handle_.get()),
        static_cast<GEOSGeometry*>(geometry.handle()),
        [](void* item, void* found) {
            static_cast<std::vector<std::size_t>*>(found)->push_back(
                static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(item)));
        },
        &items);
    return items;
}

} // namespace incimap::geos
