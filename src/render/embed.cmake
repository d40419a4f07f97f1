# The renderer's embedded files: the shipped styles, and the web page's
# template and Leaflet (installed by npm from package.json; see
# scripts/lib.sh install_node_packages).
foreach(style default heatmap choropleth basemap)
  incimap_embed_resource(incimap_core styles/${style}.json ${PROJECT_SOURCE_DIR}/styles/${style}.json)
endforeach()
