#include "store/cells.hpp"

#include <cmath>
#include <numbers>

namespace incimap::store {
namespace {

constexpr double radius = 6371007.181;  // authalic sphere, metres
constexpr double degree = std::numbers::pi / 180.0;
constexpr double centre_lat = 15.0 * degree;
constexpr double centre_lon = 0.0;
const double sqrt3 = std::sqrt(3.0);

} // namespace

ProjectedPoint to_equal_area(double lon, double lat) {
    double phi = lat * degree;
    double dlambda = lon * degree - centre_lon;
    double denominator = 1 + std::sin(centre_lat) * std::sin(phi) +
                         std::cos(centre_lat) * std::cos(phi) * std::cos(dlambda);
    double k = std::sqrt(2 / std::max(denominator, 1e-15));
    return {radius * k * std::cos(phi) * std::sin(dlambda),
            radius * k *
                (std::cos(centre_lat) * std::sin(phi) -
                 std::sin(centre_lat) * std::cos(phi) * std::cos(dlambda))};
}

std::pair<double, double> from_equal_area(ProjectedPoint p) {
    double rho = std::hypot(p.x, p.y);
    if (rho < 1e-9)
        return {centre_lon / degree, centre_lat / degree};
    double c = 2 * std::asin(std::min(1.0, rho / (2 * radius)));
    double phi = std::asin(std::cos(c) * std::sin(centre_lat) +
                           p.y * std::sin(c) * std::cos(centre_lat) / rho);
    double lambda = centre_lon + std::atan2(p.x * std::sin(c),
                                            rho * std::cos(centre_lat) * std::cos(c) -
                                                p.y * std::sin(centre_lat) * std::sin(c));
    return {lambda / degree, phi / degree};
}

CellId SquareGrid::cell_of(double lon, double lat) const {
    return {static_cast<long long>(std::floor(lon / size_)),
            static_cast<long long>(std::floor(lat / size_))};
}

Ring SquareGrid::ring(CellId cell) const {
    double x0 = static_cast<double>(cell.a) * size_, y0 = static_cast<double>(cell.b) * size_;
    double x1 = x0 + size_, y1 = y0 + size_;
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

HexGrid::HexGrid(double km) : radius_m_(km * 1000.0 / sqrt3) {}

double HexGrid::cell_area_km2() const {
    double r_km = radius_m_ / 1000.0;
    return 1.5 * sqrt3 * r_km * r_km;
}

CellId HexGrid::cell_of(double lon, double lat) const {
    auto p = to_equal_area(lon, lat);
    // Fractional axial coordinates of flat-topped hexagons, rounded in cube
    // coordinates (q + r + s = 0) to the hexagon that holds the point.
    double q = (2.0 / 3.0 * p.x) / radius_m_;
    double r = (-1.0 / 3.0 * p.x + sqrt3 / 3.0 * p.y) / radius_m_;
    double s = -q - r;
    double rq = std::round(q), rr = std::round(r), rs = std::round(s);
    double dq = std::fabs(rq - q), dr = std::fabs(rr - r), ds = std::fabs(rs - s);
    if (dq > dr && dq > ds)
        rq = -rr - rs;
    else if (dr > ds)
        rr = -rq - rs;
    return {static_cast<long long>(rq), static_cast<long long>(rr)};
}

Ring HexGrid::ring(CellId cell) const {
    double q = static_cast<double>(cell.a), r = static_cast<double>(cell.b);
    double cx = radius_m_ * 1.5 * q;
    double cy = radius_m_ * sqrt3 * (r + q / 2);
    Ring ring;
    for (int corner = 0; corner <= 6; ++corner) {
        double angle = (corner % 6) * 60.0 * degree;
        ring.push_back(from_equal_area({cx + radius_m_ * std::cos(angle),
                                        cy + radius_m_ * std::sin(angle)}));
    }
    return ring;
}

} // namespace incimap::store
