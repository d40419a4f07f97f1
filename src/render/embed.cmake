# The renderer's embedded files: the shipped styles, the web page (template,
# script, style sheet), Leaflet and the pmtiles reader (its browser build,
# and its package.json, which holds its licence), which npm installs from package.json
# (scripts/lib.sh install_node_packages; done here too when it is missing).
foreach(style default heatmap choropleth basemap)
  incimap_embed_resource(incimap_core styles/${style}.json ${PROJECT_SOURCE_DIR}/styles/${style}.json)
endforeach()

foreach(water rivers lakes)
  incimap_embed_resource(incimap_core boundaries/${water}.geojson
    ${PROJECT_SOURCE_DIR}/gazetteer/boundaries/ne_10m_${water}_westafrica.geojson)
endforeach()

foreach(file index.html app.js style.css)
  incimap_embed_resource(incimap_core web/${file} ${CMAKE_CURRENT_LIST_DIR}/web/${file})
endforeach()

set(INCIMAP_LEAFLET ${PROJECT_SOURCE_DIR}/node_modules/leaflet)
if(NOT EXISTS ${INCIMAP_LEAFLET}/dist/leaflet.js OR NOT EXISTS ${PROJECT_SOURCE_DIR}/node_modules/pmtiles/dist/pmtiles.js)
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
