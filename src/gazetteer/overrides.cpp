#include "gazetteer/overrides.hpp"

#include "core/error.hpp"
#include "gazetteer/dump_file.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace incimap::gazetteer {
namespace {

struct Alias {
    long line;
    std::int64_t geonameid;
    std::vector<std::string> names;
};

std::vector<std::string> split_names(std::string_view list) {
    std::vector<std::string> names;
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (auto name = list.substr(0, comma); !name.empty())
            names.emplace_back(name);
        list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    }
    return names;
}

} // namespace

std::size_t apply_overrides(const std::filesystem::path& file, IndexBuilder& builder) {
    DumpFile in(file);
    std::vector<Alias> aliases;
    std::size_t applied = 0;
    std::string problem;
    while (auto line = in.next_line()) {
        if (line->empty() || line->front() == '#')
            continue;
        const auto tab = line->find('\t');
        const auto type = line->substr(0, tab);
        const auto rest = tab == std::string_view::npos ? "" : line->substr(tab + 1);
        if (type == "place") {
            auto row = parse_place_row(rest, problem);
            if (!row)
                throw InputError(in.name(), in.line_number(), problem);
            if (row->geonameid >= 0)
                throw InputError(in.name(), in.line_number(),
                                 "a place of the overrides needs a negative geonameid, not " +
                                     std::to_string(row->geonameid));
            builder.add_place(*row);
            ++applied;
        } else if (type == "alias") {
            const auto id_end = rest.find('\t');
            const auto id_text = rest.substr(0, id_end);
            Alias alias{in.line_number(), 0, {}};
            auto [ptr, ec] =
                std::from_chars(id_text.data(), id_text.data() + id_text.size(), alias.geonameid);
            if (ec != std::errc() || ptr != id_text.data() + id_text.size() || id_text.empty())
                throw InputError(in.name(), in.line_number(),
                                 "geonameid '" + std::string(id_text) + "' is not a number");
            if (id_end != std::string_view::npos)
                alias.names = split_names(rest.substr(id_end + 1));
            if (alias.names.empty())
                throw InputError(in.name(), in.line_number(), "alias without names");
            aliases.push_back(std::move(alias));
        } else {
            throw InputError(in.name(), in.line_number(),
                             "unknown record '" + std::string(type) +
                                 "' (expected 'alias' or 'place')");
        }
    }
    for (const auto& alias : aliases) {
        if (!builder.add_names(alias.geonameid, alias.names))
            throw InputError(in.name(), alias.line,
                             "alias of geonameid " + std::to_string(alias.geonameid) +
                                 ", which no dump holds");
        ++applied;
    }
    return applied;
}

} // namespace incimap::gazetteer
