# Files the store area embeds into incimap (see cmake/EmbedResources.cmake).
incimap_embed_resource(incimap_core styles/incidents.qml
  ${PROJECT_SOURCE_DIR}/styles/incidents.qml)
incimap_embed_resource(incimap_core styles/admin1.qml
  ${PROJECT_SOURCE_DIR}/styles/admin1.qml)
incimap_embed_resource(incimap_core boundaries/admin1.geojson
  ${PROJECT_SOURCE_DIR}/gazetteer/boundaries/ne_admin1_westafrica.geojson)
incimap_embed_resource(incimap_core boundaries/admin0.geojson
  ${PROJECT_SOURCE_DIR}/gazetteer/boundaries/ne_admin0_westafrica.geojson)
