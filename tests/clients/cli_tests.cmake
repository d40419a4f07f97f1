# The outputs in the programs people load them into: QGIS (headless, from
# Debian's python3-qgis) and GDAL's command-line tools. One setup test runs
# the main job (incimap run on the example reports) into a folder; the client
# tests read it. The images QGIS renders are kept in
# build/tests/clients-artifacts.
set(CLIENTS_OUT ${CMAKE_CURRENT_BINARY_DIR}/clients-out)
set(CLIENTS_ARTIFACTS ${CMAKE_CURRENT_BINARY_DIR}/clients-artifacts)

add_test(NAME clients.output_folder
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/clients/make_output_folder.sh
    $<TARGET_FILE:incimap> ${CLIENTS_OUT})
set_tests_properties(clients.output_folder PROPERTIES
  LABELS client FIXTURES_SETUP clients_output TIMEOUT 300)

add_test(NAME clients.gdal_tools
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/clients/gdal_tools.sh ${CLIENTS_OUT})
add_test(NAME clients.qgis
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/clients/qgis_check.py ${CLIENTS_OUT} ${CLIENTS_ARTIFACTS})
set_tests_properties(clients.gdal_tools clients.qgis PROPERTIES
  LABELS client FIXTURES_REQUIRED clients_output TIMEOUT 300
  ENVIRONMENT QT_QPA_PLATFORM=offscreen)

# The README's five-minute tour: its tiles and export commands on the same
# store, its ten-line Leaflet snippet as the page, in headless Chromium.
add_test(NAME clients.readme_leaflet_snippet
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/clients/readme_leaflet_snippet.py $<TARGET_FILE:incimap>
    ${PROJECT_SOURCE_DIR}/README.md ${CLIENTS_OUT} ${CLIENTS_ARTIFACTS}/readme-leaflet-snippet.png)
set_tests_properties(clients.readme_leaflet_snippet PROPERTIES
  LABELS client FIXTURES_REQUIRED clients_output TIMEOUT 300 SKIP_RETURN_CODE 77)
