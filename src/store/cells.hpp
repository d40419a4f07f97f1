// The cells `incimap aggregate` counts incidents in: square lon/lat grid
// cells and hexagons of equal area.
//
// Hexagons are laid out in a Lambert azimuthal equal-area projection on the
// authalic sphere (R = 6,371,007.181 m) centred on the Sahel at 15°N 0°E —
// the same as PROJ's "+proj=laea +lat_0=15 +lon_0=0 +R=6371007.181". Equal
// area means every hexagon covers the same ground wherever it is; shapes
// stay close to regular within a few thousand km of the centre, which covers
// West Africa. The hexagons are flat-topped; hex:KM gives the distance
// between the centres of neighbouring cells (the width across flats), so a
// cell covers (√3/2)·KM² km².
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace incimap::store {

struct ProjectedPoint {
    double x = 0;  // metres east of the centre
    double y = 0;  // metres north
};

// Forward and inverse projection (degrees <-> metres).
ProjectedPoint to_equal_area(double lon, double lat);
std::pair<double, double> from_equal_area(ProjectedPoint point);  // (lon, lat)

struct CellId {
    long long a = 0;  // grid: column; hex: axial q
    long long b = 0;  // grid: row; hex: axial r
    bool operator==(const CellId&) const = default;
    auto operator<=>(const CellId&) const = default;
};

// The polygon ring of a cell, closed, lon/lat.
using Ring = std::vector<std::pair<double, double>>;

class SquareGrid {
public:
    explicit SquareGrid(double degrees) : size_(degrees) {}
    CellId cell_of(double lon, double lat) const;
    Ring ring(CellId cell) const;

private:
    double size_;
};

class HexGrid {
public:
    explicit HexGrid(double km);
    CellId cell_of(double lon, double lat) const;
    Ring ring(CellId cell) const;
    double cell_area_km2() const;

private:
    double radius_m_;  // centre to corner
};

} // namespace incimap::store
