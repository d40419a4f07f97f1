# Nothing the user has is destroyed, and no input crashes a reader: JSON
# nested deeper than incimap reads is refused with a message naming the file
# and the limit.
set(SAFETY_OUT ${CMAKE_CURRENT_BINARY_DIR}/safety)
file(MAKE_DIRECTORY ${SAFETY_OUT})

# A style nested 100,000 levels deep (200 KB), made at configure time.
if(NOT EXISTS ${SAFETY_OUT}/deep_style.json)
  string(REPEAT "[" 100000 open)
  string(REPEAT "]" 100000 close)
  file(WRITE ${SAFETY_OUT}/deep_style.json "{\"layers\": ${open}${close}}\n")
endif()
foreach(command tiles map web)
  set(out ${SAFETY_OUT}/never-written-${command})
  if(command STREQUAL map)
    set(out ${out}.png)
  endif()
  incimap_cli_test(safety.deep_style_${command} EXIT 1
    STDERR_MATCHES "deep_style.json: nested deeper than 256 levels \\(at byte [0-9]+\\); incimap reads JSON nested up to 256 levels"
    ARGS ${command} --input render/fixtures/incidents.geojson --style ${SAFETY_OUT}/deep_style.json
         --out ${out})
endforeach()

# A report is stored whole or not at all.
add_test(NAME cli.safety.document_all_or_nothing
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/document_all_or_nothing.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/documents)
set_tests_properties(cli.safety.document_all_or_nothing PROPERTIES LABELS cli)
incimap_pg_test(safety.document_all_or_nothing
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/document_all_or_nothing.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/documents-pg)

# An import that fails, for bad input or a row the store refuses half-way,
# names why, exits 1 and leaves the store as it was.
add_test(NAME cli.safety.failed_import_leaves_store
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/failed_import_leaves_store.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/failed-import)
set_tests_properties(cli.safety.failed_import_leaves_store PROPERTIES LABELS cli)
incimap_pg_test(safety.failed_import_leaves_store
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/failed_import_leaves_store.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/failed-import-pg)

# Every writing command with each output pointed at each of its inputs, at a
# store, a FIFO, /dev/null and links: the inputs stay byte-identical.
add_test(NAME cli.safety.output_over_input
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/output_over_input.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/over)
set_tests_properties(cli.safety.output_over_input PROPERTIES LABELS cli)

# Two processes writing one store, tile folder or MBTiles file, started 0 to
# 500 ms apart: the second waits for the first, or gives up after its
# --lock-timeout saying how long it waited; no result is lost.
add_test(NAME cli.safety.concurrent_writers
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/concurrent_writers.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/concurrent)
set_tests_properties(cli.safety.concurrent_writers PROPERTIES LABELS cli)

# Numbers at the edge of what a style or a TileJSON can say are refused,
# naming the file and the property, before anything is drawn; incidents at
# a pole or on the antimeridian are drawn with sound bounds.
set(EXTREME ${SAFETY_OUT}/extreme)
file(MAKE_DIRECTORY ${EXTREME})
set(circle_layer "{\"id\": \"dots\", \"type\": \"circle\", \"source\": \"incidents\", \"paint\": {\"circle-radius\": RADIUS}}")
foreach(case "huge;1e300;1e\\+300 is out of range; expected 0 to 256 pixels"
             "negative;-3;-3 is out of range; expected 0 to 256 pixels"
             "divided_by_zero;[\"/\", 8, 0];division by zero in \\[\"/\",8,0\\]"
             "negative_by_zoom;[\"interpolate\", [\"linear\"], [\"zoom\"], 0, 4, 10, -2];-2 is out of range"
             "negative_category;[\"match\", [\"get\", \"event_type\"], \"Battles\", -1, 5];-1 is out of range")
  list(GET case 0 name)
  list(GET case 1 radius)
  list(GET case 2 message)
  string(REPLACE "RADIUS" "${radius}" layer "${circle_layer}")
  file(WRITE ${EXTREME}/radius_${name}.json "{\"name\": \"r\", \"layers\": [${layer}]}\n")
  foreach(command tiles map web)
    set(out ${EXTREME}/never-${name}-${command})
    if(command STREQUAL map)
      set(out ${out}.png)
    endif()
    incimap_cli_test(safety.style_radius_${name}_${command} EXIT 1
      STDERR_MATCHES "radius_${name}.json: layer 'dots': paint 'circle-radius': ${message}"
      ARGS ${command} --input render/fixtures/incidents.geojson --style ${EXTREME}/radius_${name}.json
           --out ${out})
  endforeach()
endforeach()

foreach(case "maxzoom;\"maxzoom\": 1e308;\"maxzoom\" must be a whole number from 0 to 30, got 1e\\+308"
             "minzoom;\"minzoom\": -1;\"minzoom\" must be a whole number from 0 to 30, got -1"
             "half_zoom;\"maxzoom\": 7.5;\"maxzoom\" must be a whole number from 0 to 30, got 7.5"
             "tile_size;\"tile_size\": 1e9;\"tile_size\" must be a whole number from 1 to 4096"
             "bounds;\"bounds\": [10, 5, -10, 6];\"bounds\" must be \\[west, south, east, north\\]")
  list(GET case 0 name)
  list(GET case 1 field)
  list(GET case 2 message)
  file(MAKE_DIRECTORY ${EXTREME}/site-${name}/tiles)
  file(WRITE ${EXTREME}/site-${name}/tiles/tiles.json
       "{\"tilejson\": \"3.0.0\", \"tiles\": [\"{z}/{x}/{y}.png\"], ${field}}\n")
  incimap_cli_test(safety.tilejson_${name} EXIT 1
    STDERR_MATCHES "tiles/tiles.json: ${message}"
    ARGS web --input render/fixtures/incidents.geojson --out ${EXTREME}/site-${name})
endforeach()

add_test(NAME cli.safety.incidents_at_the_edges
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/incidents_at_the_edges.sh $<TARGET_FILE:incimap>
    ${SAFETY_OUT}/edges)
set_tests_properties(cli.safety.incidents_at_the_edges PROPERTIES LABELS cli)
incimap_pg_test(safety.incidents_at_the_edges
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/incidents_at_the_edges.sh $<TARGET_FILE:incimap>
    ${SAFETY_OUT}/edges-pg)

# Folders, FIFOs and /dev/zero given as inputs, binary files that start with
# '{' and huge queries get messages that say what they are.
add_test(NAME cli.safety.inputs_told_truly
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/inputs_told_truly.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/told)
set_tests_properties(cli.safety.inputs_told_truly PROPERTIES LABELS cli)

# `run` asks before millions of tiles and cleans up when stopped.
add_test(NAME cli.safety.run_large_tiles
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/run_large_tiles.sh $<TARGET_FILE:incimap> ${SAFETY_OUT}/run_large)
set_tests_properties(cli.safety.run_large_tiles PROPERTIES LABELS cli)
incimap_pg_test(safety.run_large_tiles
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/run_large_tiles.sh $<TARGET_FILE:incimap> ${SAFETY_OUT}/run_large-pg)
