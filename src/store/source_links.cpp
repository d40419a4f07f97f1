#include "store/source_links.hpp"

#include "store/filter.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

namespace incimap::store {

std::optional<std::int64_t> find_source(gdal::Dataset& store, const std::string& content_hash) {
    auto sources = store.layer(sources_table);
    sources.set_attribute_filter("content_hash = " + sql_literal(content_hash));
    sources.reset_reading();
    auto found = sources.next();
    sources.set_attribute_filter("");
    if (!found)
        return std::nullopt;
    return found->fid();
}

std::int64_t insert_source(gdal::Dataset& store, const SourceRecord& source) {
    auto sources = store.layer(sources_table);
    gdal::Feature row(sources);
    auto set = [&](std::string_view field, const std::string& value) {
        if (!value.empty())
            row.set_string(sources.field_index(field), value);
    };
    set("url", source.url);
    set("title", source.title);
    set("published", source.published);
    set("fetched", source.fetched);
    set("content_hash", source.content_hash);
    sources.create(row);
    return row.fid();
}

std::int64_t find_or_insert_source(gdal::Dataset& store, const SourceRecord& source) {
    if (auto id = find_source(store, source.content_hash))
        return *id;
    return insert_source(store, source);
}

bool linked(gdal::Dataset& store, std::int64_t incident_id, std::int64_t source_id) {
    auto links = store.layer(links_table);
    links.set_attribute_filter(
        fmt::format("incident_id = {} AND source_id = {}", incident_id, source_id));
    links.reset_reading();
    bool found = links.next().has_value();
    links.set_attribute_filter("");
    return found;
}

void link(gdal::Dataset& store, std::int64_t incident_id, std::int64_t source_id,
          std::string_view evidence, int fatalities, const std::string& added) {
    auto links = store.layer(links_table);
    gdal::Feature row(links);
    row.set_integer(links.field_index("incident_id"), incident_id);
    row.set_integer(links.field_index("source_id"), source_id);
    if (!evidence.empty())
        row.set_string(links.field_index("evidence"), evidence);
    row.set_integer(links.field_index("fatalities"), fatalities);
    row.set_string(links.field_index("added"), added);
    links.create(row);
}

std::vector<SourceLink> links_of(gdal::Dataset& store, std::int64_t incident_id) {
    auto links = store.layer(links_table);
    auto sources = store.layer(sources_table);
    links.set_attribute_filter(fmt::format("incident_id = {}", incident_id));
    links.reset_reading();
    std::vector<SourceLink> result;
    while (auto row = links.next()) {
        SourceLink link;
        link.evidence = row->get_string(links.field_index("evidence"));
        link.fatalities = static_cast<int>(row->get_integer(links.field_index("fatalities")));
        auto source_id = row->get_integer(links.field_index("source_id"));
        if (auto source = sources.get(source_id)) {
            auto text = [&](std::string_view field) {
                return std::string(source->get_string(sources.field_index(field)));
            };
            link.source = {source_id,        text("url"),     text("title"),
                           text("published"), text("fetched"), text("content_hash")};
        }
        result.push_back(std::move(link));
    }
    links.set_attribute_filter("");
    return result;
}

} // namespace incimap::store
