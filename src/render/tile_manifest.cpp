#include "render/tile_manifest.hpp"

#include "core/error.hpp"
#include "render/hash.hpp"
#include "render/tile_output.hpp"
#include "render/tiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <tuple>

namespace incimap::render {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view magic = "incimap-tiles-manifest 2";
constexpr std::string_view magic_v1 = "incimap-tiles-manifest 1";  // ids in full

auto key(const SharedItem& s) {
    return std::tie(s.fingerprint, s.box.x0, s.box.y0, s.box.x1, s.box.y1);
}

std::uint64_t fingerprint_of(const Color& c) {
    return Fingerprint().add(c.r).add(c.g).add(c.b).add(c.a).value();
}
} // namespace

bool SharedItem::operator<(const SharedItem& o) const { return key(*this) < key(o); }
bool SharedItem::operator==(const SharedItem& o) const { return key(*this) == key(o); }

fs::path manifest_path(const fs::path& output) {
    if (tile_format_of(output) != TileFormat::xyz)
        return fs::path(output).concat(".incimap-tiles");
    return output / ".incimap-tiles";
}

std::uint64_t incident_id_key(std::string_view id) { return fnv1a::hash(id); }

void record_incidents(const PointFeatures& incidents, TileManifest& manifest) {
    const auto& table = incidents.attributes;
    auto& out = manifest.incidents;
    out = MappedVector<TileManifest::Incident>(incidents.temp_folder());
    out.reserve(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        Fingerprint f;
        f.add(incidents.ids[i]).add(incidents.lon[i]).add(incidents.lat[i]);
        for (int c = 0; c < table.columns(); ++c) {
            const auto v = table.value(c, i);
            if (const auto* d = std::get_if<double>(&v))
                f.add(*d);
            else if (const auto* t = std::get_if<std::string_view>(&v))
                f.add(*t);
            else
                f.add(std::string_view("\x01null"));
        }
        out.push_back({incident_id_key(incidents.ids[i]), f.value(), incidents.lon[i], incidents.lat[i]});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

void record_scene(const Scene& scene, int zoom, TileManifest& manifest) {
    double reach = 0;
    auto& shared = manifest.shared[zoom];
    shared.clear();
    for (const auto& layer : scene.layers) {
        const auto type = layer.layer->type;
        if (type == LayerType::circle) {
            for (std::size_t i = 0; i < layer.circles.size(); ++i) {
                const auto b = layer.item_box(i);
                reach = std::max(reach, (b.x1 - b.x0) / 2);
            }
            continue;
        }
        if (type == LayerType::heatmap) {
            reach = std::max<double>(reach, layer.heat_radius);
            continue;
        }
        // Clusters, labels and polygons depend on more than one incident.
        for (const auto& c : layer.circles)
            shared.push_back({layer.item_box(static_cast<std::size_t>(&c - layer.circles.data())),
                              Fingerprint()
                                  .add(c.x).add(c.y).add(double(c.radius)).add(double(c.stroke_width))
                                  .add(double(fingerprint_of(c.fill))).add(double(fingerprint_of(c.stroke)))
                                  .value()});
        for (const auto& t : layer.texts)
            shared.push_back({t.box, Fingerprint()
                                         .add(t.text).add(t.x).add(t.y).add(double(t.size))
                                         .add(double(fingerprint_of(t.color)))
                                         .add(double(fingerprint_of(t.halo)))
                                         .value()});
        for (const auto& p : layer.paths)
            shared.push_back({p.box, Fingerprint()
                                         .add(layer.layer->id).add(double(p.width))
                                         .add(double(fingerprint_of(p.fill)))
                                         .add(double(fingerprint_of(p.stroke)))
                                         .value()});
    }
    std::sort(shared.begin(), shared.end());
    manifest.reach[zoom] = reach;
}

std::vector<std::uint64_t> changed_tiles(const TileManifest& before, const TileManifest& after,
                                         int zoom, int tile_size, const TileRange& range) {
    std::vector<std::uint64_t> tiles;
    const auto add_box = [&](const Box& b) {
        const auto r = tiles_touched(b, zoom, tile_size, range);
        for (int x = r.min_x; x <= r.max_x; ++x)
            for (int y = r.min_y; y <= r.max_y; ++y)
                tiles.push_back(tile_key({zoom, x, y}));
    };
    const auto reach_of = [zoom](const TileManifest& m) {
        const auto it = m.reach.find(zoom);
        return it == m.reach.end() ? 0.0 : it->second;
    };
    const double reach = std::max(reach_of(before), reach_of(after)) + 1;
    const double size = world_pixels(zoom, tile_size);
    const auto add_point = [&](double lon, double lat) {
        const auto w = to_world(lon, lat);
        add_box({w.x * size - reach, w.y * size - reach, w.x * size + reach, w.y * size + reach});
    };
    // Both lists are sorted by id: walk them side by side.
    const auto& old_list = before.incidents;
    const auto& new_list = after.incidents;
    std::size_t i = 0, j = 0;
    while (i < old_list.size() || j < new_list.size()) {
        if (j == new_list.size() || (i < old_list.size() && old_list[i].id < new_list[j].id)) {
            add_point(old_list[i].lon, old_list[i].lat);  // removed
            ++i;
        } else if (i == old_list.size() || new_list[j].id < old_list[i].id) {
            add_point(new_list[j].lon, new_list[j].lat);  // added
            ++j;
        } else {
            if (old_list[i].fingerprint != new_list[j].fingerprint) {
                add_point(old_list[i].lon, old_list[i].lat);
                add_point(new_list[j].lon, new_list[j].lat);
            }
            ++i;
            ++j;
        }
    }
    static const std::vector<SharedItem> none;
    const auto items = [zoom](const TileManifest& m) -> const std::vector<SharedItem>& {
        const auto it = m.shared.find(zoom);
        return it == m.shared.end() ? none : it->second;
    };
    std::vector<SharedItem> differing;
    std::set_symmetric_difference(items(before).begin(), items(before).end(), items(after).begin(),
                                  items(after).end(), std::back_inserter(differing));
    for (const auto& s : differing)
        add_box(s.box);
    std::sort(tiles.begin(), tiles.end());
    tiles.erase(std::unique(tiles.begin(), tiles.end()), tiles.end());
    return tiles;
}

namespace {

template <class T> bool parse_number(std::string_view text, T& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view line, std::size_t max_fields) {
    std::vector<std::string_view> fields;
    while (fields.size() + 1 < max_fields) {
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos)
            break;
        fields.push_back(line.substr(0, tab));
        line.remove_prefix(tab + 1);
    }
    fields.push_back(line);
    return fields;
}

} // namespace

std::optional<TileManifest> read_manifest(const fs::path& path, const fs::path& temp_folder) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    TileManifest m;
    m.incidents = MappedVector<TileManifest::Incident>(temp_folder);
    std::string line;
    long number = 0;
    const auto bad = [&](std::string_view what) {
        return InputError(path.string(), number, fmt::format("{}: this is not a tile manifest that "
                                                             "incimap wrote; delete it to redraw "
                                                             "everything",
                                                             what));
    };
    if (!std::getline(in, line) || (line != magic && line != magic_v1))
        throw bad("unknown header");
    const bool full_ids = line == magic_v1;
    ++number;
    while (std::getline(in, line)) {
        ++number;
        const auto f = split(line, 7);
        bool ok = false;
        if (f[0] == "settings" && f.size() == 2) {
            ok = parse_number(f[1], m.settings);
        } else if (f[0] == "extent" && f.size() == 7) {
            ok = parse_number(f[1], m.min_zoom) && parse_number(f[2], m.max_zoom) &&
                 parse_number(f[3], m.bounds.min_lon) && parse_number(f[4], m.bounds.min_lat) &&
                 parse_number(f[5], m.bounds.max_lon) && parse_number(f[6], m.bounds.max_lat);
        } else if (f[0] == "reach" && f.size() == 3) {
            int z = 0;
            double r = 0;
            ok = parse_number(f[1], z) && parse_number(f[2], r);
            m.reach[z] = r;
        } else if (f[0] == "shared" && f.size() == 7) {
            int z = 0;
            SharedItem s;
            ok = parse_number(f[1], z) && parse_number(f[2], s.box.x0) && parse_number(f[3], s.box.y0) &&
                 parse_number(f[4], s.box.x1) && parse_number(f[5], s.box.y1) &&
                 parse_number(f[6], s.fingerprint);
            m.shared[z].push_back(s);
        } else if (f[0] == "incident") {
            const auto g = split(line, 5);
            TileManifest::Incident i;
            ok = g.size() == 5 && parse_number(g[1], i.fingerprint) && parse_number(g[2], i.lon) &&
                 parse_number(g[3], i.lat);
            if (ok && full_ids)
                i.id = incident_id_key(g[4]);
            else if (ok)
                ok = parse_number(g[4], i.id);
            if (ok)
                m.incidents.push_back(i);
        }
        if (!ok)
            throw bad(fmt::format("unreadable line '{}'", line.substr(0, 60)));
    }
    for (auto& [z, items] : m.shared)
        std::sort(items.begin(), items.end());
    std::sort(m.incidents.begin(), m.incidents.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return m;
}

void write_manifest(const fs::path& path, const TileManifest& m) {
    // Line by line: a million incidents would otherwise be held twice, as
    // records and as one 60 MB text.
    write_file_atomically(path, [&m](std::ostream& out) {
        out << magic << '\n';
        out << fmt::format("settings\t{}\n", m.settings);
        out << fmt::format("extent\t{}\t{}\t{}\t{}\t{}\t{}\n", m.min_zoom, m.max_zoom, m.bounds.min_lon,
                           m.bounds.min_lat, m.bounds.max_lon, m.bounds.max_lat);
        for (const auto& [z, r] : m.reach)
            out << fmt::format("reach\t{}\t{}\n", z, r);
        fmt::memory_buffer line;
        for (const auto& [z, items] : m.shared)
            for (const auto& s : items) {
                line.clear();
                fmt::format_to(std::back_inserter(line), "shared\t{}\t{}\t{}\t{}\t{}\t{}\n", z, s.box.x0,
                               s.box.y0, s.box.x1, s.box.y1, s.fingerprint);
                out.write(line.data(), static_cast<std::streamsize>(line.size()));
            }
        for (const auto& i : m.incidents) {
            line.clear();
            fmt::format_to(std::back_inserter(line), "incident\t{}\t{}\t{}\t{}\n", i.fingerprint, i.lon,
                           i.lat, i.id);
            out.write(line.data(), static_cast<std::streamsize>(line.size()));
        }
    });
}

} // namespace incimap::render
