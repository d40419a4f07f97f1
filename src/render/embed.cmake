# The renderer's embedded files: the shipped styles, the web page (template,
# script, style sheet), Leaflet, the pmtiles reader (its browser build,
# and its package.json, which holds its licence), supercluster (the page's
# clusters), and Natural Earth's countries at 1:110m as TopoJSON (world-atlas)
# with topojson-client to read them, which npm installs from package.json
# (scripts/lib.sh install_node_packages; done here too when it is missing).
foreach(style default heatmap density choropleth basemap)
  incimap_embed_resource(incimap_core styles/${style}.json ${PROJECT_SOURCE_DIR}/styles/${style}.json)
endforeach()

foreach(water rivers lakes)
  incimap_embed_resource(incimap_core boundaries/${water}.geojson
    ${PROJECT_SOURCE_DIR}/gazetteer/boundaries/ne_10m_${water}_westafrica.geojson)
endforeach()

foreach(file index.html filters.html app.js months.js style.css)
  incimap_embed_resource(incimap_core web/${file} ${CMAKE_CURRENT_LIST_DIR}/web/${file})
endforeach()

set(INCIMAP_LEAFLET ${PROJECT_SOURCE_DIR}/node_modules/leaflet)
set(INCIMAP_NODE_MODULES ${PROJECT_SOURCE_DIR}/node_modules)
set(INCIMAP_PAGE_PACKAGE_FILES
  supercluster/dist/supercluster.min.js supercluster/LICENSE
  topojson-client/dist/topojson-client.min.js topojson-client/LICENSE
  world-atlas/countries-110m.json world-atlas/LICENSE)
set(INCIMAP_PAGE_PACKAGES_MISSING FALSE)
foreach(file ${INCIMAP_PAGE_PACKAGE_FILES})
  if(NOT EXISTS ${INCIMAP_NODE_MODULES}/${file})
    set(INCIMAP_PAGE_PACKAGES_MISSING TRUE)
  endif()
endforeach()
if(NOT EXISTS ${INCIMAP_LEAFLET}/dist/leaflet.js OR NOT EXISTS ${PROJECT_SOURCE_DIR}/node_modules/pmtiles/dist/pmtiles.js
   OR NOT EXISTS ${PROJECT_SOURCE_DIR}/node_modules/maplibre-gl/dist/maplibre-gl.js
   OR INCIMAP_PAGE_PACKAGES_MISSING)
  find_program(INCIMAP_NPM npm)
  if(INCIMAP_NPM)
    message(STATUS "Installing the web page's npm packages (npm ci)")
    execute_process(COMMAND ${INCIMAP_NPM} ci --no-audit --no-fund
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} RESULT_VARIABLE npm_result)
  endif()
  if(NOT EXISTS ${INCIMAP_LEAFLET}/dist/leaflet.js)
    message(FATAL_ERROR "Leaflet is missing from ${INCIMAP_LEAFLET}: run 'npm ci' in "
      "${PROJECT_SOURCE_DIR} (scripts/test and scripts/demo do it)")
  endif()
endif()
foreach(file leaflet.js leaflet.css images/layers.png images/layers-2x.png
             images/marker-icon.png images/marker-icon-2x.png images/marker-shadow.png)
  incimap_embed_resource(incimap_core web/leaflet/${file} ${INCIMAP_LEAFLET}/dist/${file})
endforeach()
incimap_embed_resource(incimap_core web/leaflet/LICENSE ${INCIMAP_LEAFLET}/LICENSE)
set(INCIMAP_PMTILES ${PROJECT_SOURCE_DIR}/node_modules/pmtiles)
if(NOT EXISTS ${INCIMAP_PMTILES}/dist/pmtiles.js)
  message(FATAL_ERROR "The pmtiles package is missing from ${INCIMAP_PMTILES}: run 'npm ci' in "
    "${PROJECT_SOURCE_DIR} (scripts/test and scripts/demo do it)")
endif()
incimap_embed_resource(incimap_core web/pmtiles/pmtiles.js ${INCIMAP_PMTILES}/dist/pmtiles.js)
incimap_embed_resource(incimap_core web/pmtiles/package.json ${INCIMAP_PMTILES}/package.json)
# The page's clusters and world basemap (asset name: package file).
foreach(pair supercluster/supercluster.min.js:supercluster/dist/supercluster.min.js
             supercluster/LICENSE:supercluster/LICENSE
             world/topojson-client.min.js:topojson-client/dist/topojson-client.min.js
             world/topojson-client.LICENSE:topojson-client/LICENSE
             world/countries-110m.json:world-atlas/countries-110m.json
             world/world-atlas.LICENSE:world-atlas/LICENSE)
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 asset)
  list(GET pair 1 file)
  if(NOT EXISTS ${INCIMAP_NODE_MODULES}/${file})
    message(FATAL_ERROR "${INCIMAP_NODE_MODULES}/${file} is missing: run 'npm ci' in "
      "${PROJECT_SOURCE_DIR} (scripts/test and scripts/demo do it)")
  endif()
  incimap_embed_resource(incimap_core web/${asset} ${INCIMAP_NODE_MODULES}/${file})
endforeach()

# The MapLibre GL page (incimap web --renderer maplibre): its own files and
# MapLibre GL JS from npm.
foreach(file index.html app.js page.css)
  incimap_embed_resource(incimap_core web/maplibre/${file} ${CMAKE_CURRENT_LIST_DIR}/web/maplibre/${file})
endforeach()
set(INCIMAP_MAPLIBRE ${PROJECT_SOURCE_DIR}/node_modules/maplibre-gl)
if(NOT EXISTS ${INCIMAP_MAPLIBRE}/dist/maplibre-gl.js)
  message(FATAL_ERROR "MapLibre GL JS is missing from ${INCIMAP_MAPLIBRE}: run 'npm ci' in "
    "${PROJECT_SOURCE_DIR} (scripts/test and scripts/demo do it)")
endif()
foreach(file maplibre-gl.js maplibre-gl.css LICENSE.txt)
  incimap_embed_resource(incimap_core web/maplibre-gl/${file} ${INCIMAP_MAPLIBRE}/dist/${file})
endforeach()
