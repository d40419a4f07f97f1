# The embedded default gazetteer (gazetteer/embedded.hpp): the index of the
# GeoNames dumps under gazetteer/ at the top of the source tree, built at
# build time by incimap_gazetteer_indexer and embedded into incimap_core.
#
# The indexer compiles the few sources it needs itself instead of linking
# incimap_core, which depends on its output; its main() (gazetteer/tool/)
# is kept out of incimap_core.
get_target_property(INCIMAP_CORE_SOURCES_NOW incimap_core SOURCES)
list(FILTER INCIMAP_CORE_SOURCES_NOW EXCLUDE REGEX "/gazetteer/tool/")
set_property(TARGET incimap_core PROPERTY SOURCES ${INCIMAP_CORE_SOURCES_NOW})

add_executable(incimap_gazetteer_indexer
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/tool/build_default_index.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/error.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/adapters/gdal_vsi.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/text/fold.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/text/icu.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/text/utf8.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/atomic_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/mapped_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/dump_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/dump_reader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/index.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/index_builder.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gazetteer/overrides.cpp)
target_include_directories(incimap_gazetteer_indexer PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(incimap_gazetteer_indexer PRIVATE GDAL::GDAL ICU::uc ICU::i18n fmt::fmt)

# Order matters: a later row wins for the same geonameid.
set(INCIMAP_GAZETTEER_DUMPS
  ${PROJECT_SOURCE_DIR}/gazetteer/countryInfo.txt.gz
  ${PROJECT_SOURCE_DIR}/gazetteer/admin1CodesASCII.txt.gz
  ${PROJECT_SOURCE_DIR}/gazetteer/westafrica-neighbours.txt.gz
  ${PROJECT_SOURCE_DIR}/gazetteer/BF.txt.gz
  ${PROJECT_SOURCE_DIR}/gazetteer/NE.txt.gz
  ${PROJECT_SOURCE_DIR}/gazetteer/ML.txt.gz)
set(INCIMAP_GAZETTEER_OVERRIDES ${PROJECT_SOURCE_DIR}/gazetteer/overrides.tsv)
set(INCIMAP_GAZETTEER_INDEX ${CMAKE_CURRENT_BINARY_DIR}/gazetteer/west-africa.index)

add_custom_command(OUTPUT ${INCIMAP_GAZETTEER_INDEX}
  COMMAND incimap_gazetteer_indexer --output ${INCIMAP_GAZETTEER_INDEX}
          --overrides ${INCIMAP_GAZETTEER_OVERRIDES} ${INCIMAP_GAZETTEER_DUMPS}
  DEPENDS incimap_gazetteer_indexer ${INCIMAP_GAZETTEER_DUMPS} ${INCIMAP_GAZETTEER_OVERRIDES}
  COMMENT "Indexing the embedded West-Africa gazetteer"
  VERBATIM)
add_custom_target(incimap_gazetteer_index DEPENDS ${INCIMAP_GAZETTEER_INDEX})
incimap_embed_resource(incimap_core gazetteer/west-africa.index ${INCIMAP_GAZETTEER_INDEX}
  DEPENDS incimap_gazetteer_index)
