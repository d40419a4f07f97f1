# The renderer's commands end to end: tiles, map, web, serve.
set(RENDER_FIXTURES ${CMAKE_CURRENT_SOURCE_DIR}/render/fixtures)
set(RENDER_OUT ${CMAKE_CURRENT_BINARY_DIR}/render-out)

incimap_cli_test(tiles_from_geojson EXIT 0
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 4 --out ${RENDER_OUT}/tiles
  STDERR_MATCHES "wrote [0-9]+ tiles .*empty tiles are not written")
incimap_cli_test(tiles_choose_max_zoom EXIT 0
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --out ${RENDER_OUT}/tiles-auto
  STDERR_MATCHES "maximum zoom [0-9]+: the median distance between neighbouring places")
incimap_cli_test(tiles_url_base_says_so_when_relative EXIT 0
  ARGS -v tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 1 --out ${RENDER_OUT}/tiles-relative
  STDERR_MATCHES "the TileJSON's tile URLs are relative to it; TileJSON 3.0 wants absolute ones: give --url-base")
incimap_cli_test(tiles_url_base_not_a_url EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 1 --url-base example.org/maps --out ${RENDER_OUT}/x
  STDERR_MATCHES "--url-base 'example.org/maps': expected an http or https URL")
incimap_cli_test(tiles_bad_tile_size EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --tile-size 300 --out ${RENDER_OUT}/x
  STDERR_MATCHES "300")
incimap_cli_test(tiles_temp_dir_missing EXIT 1
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 2 --temp-dir ${RENDER_OUT}/no-such-folder --out ${RENDER_OUT}/x
  STDERR_MATCHES "--temp-dir '[^']*no-such-folder': no such folder")
incimap_cli_test(tiles_temp_dir EXIT 0
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 2 --temp-dir ${RENDER_OUT} --out ${RENDER_OUT}/tiles-temp-dir
  STDERR_MATCHES "wrote [0-9]+ tiles")
incimap_cli_test(tiles_pmtiles EXIT 0
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 3 --format pmtiles --out ${RENDER_OUT}/incidents.pmtiles
  STDERR_MATCHES "PMTiles: [0-9]+ tiles stored as [0-9]+ distinct, [0-9]+ directory entr")
incimap_cli_test(tiles_format_disagrees_with_out EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 1 --format pmtiles --out ${RENDER_OUT}/x.mbtiles
  STDERR_MATCHES "--format pmtiles writes one file: give --out a name ending in .pmtiles \\(not '[^']*x.mbtiles'\\)")
incimap_cli_test(tiles_format_xyz_into_a_file_name EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 1 --format xyz --out ${RENDER_OUT}/x.pmtiles
  STDERR_MATCHES "--format xyz writes a folder, but --out '[^']*x.pmtiles' names a .pmtiles file")
incimap_cli_test(tiles_missing_input EXIT 1
  ARGS tiles --input ${RENDER_FIXTURES}/no-such-file.geojson --out ${RENDER_OUT}/x
  STDERR_MATCHES "no-such-file.geojson")
incimap_cli_test(tiles_nothing_matches EXIT 1
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --since 2030-01-01 --out ${RENDER_OUT}/x
  STDERR_MATCHES "no incidents in .* pass the filters")
incimap_cli_test(tiles_filter_with_quote EXIT 1
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --actor "O'Brien\" OR 1=1 --" --out ${RENDER_OUT}/x
  STDERR_MATCHES "no incidents")
incimap_cli_test(tiles_unknown_country EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --country Atlantis --out ${RENDER_OUT}/x
  STDERR_MATCHES "--country 'Atlantis': not a country incimap knows")
incimap_cli_test(tiles_filter_text_in_code EXIT 0
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --actor "dozo militia" --admin1 BAMAKO --maxzoom 2 --out ${RENDER_OUT}/tiles-text-filter
  STDERR_MATCHES "1 incident from ")
incimap_cli_test(style_error_names_layer_and_property EXIT 1
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --style ${RENDER_FIXTURES}/bad-style.json --out ${RENDER_OUT}/x
  STDERR_MATCHES "bad-style.json: layer 'events': paint 'circle-radius': expected a number or an expression, got \"big\"")
incimap_cli_test(style_unknown EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --style neon --out ${RENDER_OUT}/x.png
  STDERR_MATCHES "--style 'neon'")
incimap_cli_test(map_unknown_crs EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --crs EPSG:999999 --out ${RENDER_OUT}/x.png
  STDERR_MATCHES "--crs 'EPSG:999999'")
incimap_cli_test(map_dpi_out_of_range EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --dpi 20 --out ${RENDER_OUT}/x.png
  STDERR_MATCHES "--dpi 20: from 36 to 1200")
incimap_cli_test(map_unknown_file_type EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --out ${RENDER_OUT}/x.gif
  STDERR_MATCHES "--out '[^']*x.gif': the file name must end in .png, .pdf or .svg")
incimap_cli_test(tiles_out_is_a_file EXIT 2
  ARGS tiles --input ${RENDER_FIXTURES}/incidents.geojson --maxzoom 1 --out render/cli_tests.cmake
  STDERR_MATCHES "--out '[^']*cli_tests.cmake' is a file; give a folder, or a name ending in .mbtiles")
incimap_cli_test(map_bad_size EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --size big --out ${RENDER_OUT}/x.png
  STDERR_MATCHES "--size 'big'")
incimap_cli_test(map_utm EXIT 0
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --crs EPSG:32631 --out ${RENDER_OUT}/utm.png
  STDERR_MATCHES "UTM zone 31N.*with a north arrow")

add_test(NAME render.mbtiles_read_by_gdal
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/mbtiles_gdalinfo.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
add_test(NAME render.map_formats_open
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/map_formats.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
add_test(NAME render.pmtiles_read_by_reference_reader
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/pmtiles_reference_reader.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES}
          ${PROJECT_SOURCE_DIR})
set_tests_properties(render.pmtiles_read_by_reference_reader PROPERTIES SKIP_RETURN_CODE 77)
# Tiles drawn from a PostGIS store, read through `incimap serve`.
incimap_pg_test(render.pmtiles_read_by_reference_reader
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/pmtiles_reference_reader.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES}
          ${PROJECT_SOURCE_DIR})
set_tests_properties(pg.render.pmtiles_read_by_reference_reader PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME render.map_text_stays_text
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/map_text.sh $<TARGET_FILE:incimap>)
add_test(NAME render.maplibre_page_in_chromium
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/maplibre_in_chromium.py $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.maplibre_page_in_chromium PROPERTIES LABELS client SKIP_RETURN_CODE 77 TIMEOUT 300)
add_test(NAME render.vector_tiles_in_qgis
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/vector_tiles_qgis.py $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.vector_tiles_in_qgis PROPERTIES LABELS client SKIP_RETURN_CODE 77 TIMEOUT 300
  ENVIRONMENT QT_QPA_PLATFORM=offscreen)
add_test(NAME render.vector_tiles_read_by_mapbox_and_gdal
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/vector_tiles.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES}
          ${PROJECT_SOURCE_DIR})
set_tests_properties(render.vector_tiles_read_by_mapbox_and_gdal PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
set_tests_properties(render.mbtiles_read_by_gdal render.map_formats_open render.pmtiles_read_by_reference_reader
  render.vector_tiles_read_by_mapbox_and_gdal render.map_text_stays_text PROPERTIES LABELS cli)

# The report map against committed reference images (scripts/golden-maps
# draws them again), compared with a tolerance.
add_test(NAME render.map_golden_images
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/golden_maps.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/render/golden ${RENDER_OUT}/golden)
set_tests_properties(render.map_golden_images PROPERTIES LABELS cli TIMEOUT 120)
incimap_pg_test(render.map_golden_images
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/golden_maps.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/render/golden ${RENDER_OUT}/golden-pg)

add_test(NAME render.web_page_in_chromium
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/web_in_chromium.py $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.web_page_in_chromium PROPERTIES LABELS client SKIP_RETURN_CODE 77 TIMEOUT 300)
# The page and its tiles drawn from a PostGIS store, in the browser (the
# one browser test run on PostGIS).
incimap_pg_test(render.web_page_in_chromium
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/web_in_chromium.py $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(pg.render.web_page_in_chromium PROPERTIES LABELS "client;pg" SKIP_RETURN_CODE 77)
add_test(NAME render.web_page_views
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/web_page_views.py $<TARGET_FILE:incimap>)
set_tests_properties(render.web_page_views PROPERTIES LABELS client SKIP_RETURN_CODE 77 TIMEOUT 120)
incimap_cli_test(web_tiles_outside_out EXIT 2
  ARGS web --input ${RENDER_FIXTURES}/incidents.geojson --tiles /tmp --out ${RENDER_OUT}/site
  STDERR_MATCHES "--tiles '/tmp': must be inside --out")
incimap_cli_test(web_basemap_needs_template EXIT 2
  ARGS web --input ${RENDER_FIXTURES}/incidents.geojson --basemap https://example.org --out ${RENDER_OUT}/site
  STDERR_MATCHES "--basemap 'https://example.org': expected a URL template")
incimap_cli_test(serve_missing_folder EXIT 1
  ARGS serve ${RENDER_OUT}/no-such-folder --port 0
  STDERR_MATCHES "no-such-folder: not a folder to serve")

add_test(NAME render.tiles_large_run_asks
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/tiles_large_run.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.tiles_large_run_asks PROPERTIES LABELS cli)
# tiles --bbox --maxzoom reads the window its tiles are drawn from, and
# draws what it draws from every incident; on a GeoPackage and in PostGIS.
add_test(NAME render.tiles_window
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/tiles_window.sh $<TARGET_FILE:incimap>)
set_tests_properties(render.tiles_window PROPERTIES LABELS cli)
incimap_pg_test(render.tiles_window
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/tiles_window.sh $<TARGET_FILE:incimap>)
add_test(NAME render.tiles_stopped_cleans_up
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/tiles_stopped.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.tiles_stopped_cleans_up PROPERTIES LABELS cli TIMEOUT 300)
add_test(NAME render.truncated_geojson_is_refused
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/render/truncated_geojson.sh $<TARGET_FILE:incimap> ${RENDER_FIXTURES})
set_tests_properties(render.truncated_geojson_is_refused PROPERTIES LABELS cli TIMEOUT 300)
incimap_cli_test(map_verbose_says_what_the_frame_shows EXIT 0
  ARGS -v map --input ${RENDER_FIXTURES}/incidents.geojson --credit "Field team" --out ${RENDER_OUT}/framed.png
  STDERR_MATCHES "the frame shows the incidents; 0 incidents outside it")
# Ménaka has no boundary of its own: the map says it frames Gao, which draws it.
incimap_cli_test(map_admin1_without_boundary_says_which_frames_it EXIT 0
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --country ML --admin1 Menaka --bbox -1,14,5,18 --out ${RENDER_OUT}/menaka.png
  STDERR_MATCHES "--admin1 Menaka: M.+naka \\(Mali\\) has been a region since 2016, cut from Gao; .*counted inside Gao")
incimap_cli_test(map_paper_unknown EXIT 2
  ARGS map --input ${RENDER_FIXTURES}/incidents.geojson --paper B5 --out ${RENDER_OUT}/x.pdf
  STDERR_MATCHES "--paper 'B5': not a paper size incimap knows \\(A4, A5, letter\\)")
