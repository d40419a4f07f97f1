# Hostile and broken inputs through the real CLI, each with the behaviour
# expected of it: a clear message naming the input (and the line where
# there is one), exit 1 for what cannot be read, no crash, nothing written
# outside the output folder. Small inputs are in hostile/inputs/; big ones
# (a 100 MiB line, a zip bomb) are made at test time in the build folder by
# make_big_inputs.py and removed afterwards.
set(HOSTILE_OUT ${CMAKE_CURRENT_BINARY_DIR}/hostile)
set(HOSTILE_IN hostile/inputs)
file(MAKE_DIRECTORY ${HOSTILE_OUT}/data)

# HTML nested 100,000 elements deep, made at configure time (600 KB).
if(NOT EXISTS ${HOSTILE_OUT}/nested.html)
  string(REPEAT "<div>" 100000 open)
  string(REPEAT "</div>" 100000 close)
  file(WRITE ${HOSTILE_OUT}/nested.html
    "<html><body>${open}<p>Gunmen attacked Djibo on Sunday.</p>${close}</body></html>\n")
endif()

incimap_cli_test(hostile.empty_report EXIT 1
  STDERR_MATCHES "empty.txt: empty: no report text"
  ARGS extract ${HOSTILE_IN}/empty.txt)
incimap_cli_test(hostile.binary_report EXIT 1
  STDERR_MATCHES "picture.txt:3: binary data \\(a NUL byte at byte 8\\), not a text report"
  ARGS extract ${HOSTILE_IN}/picture.txt)
incimap_cli_test(hostile.invalid_utf8_repaired EXIT 0
  STDOUT_MATCHES "\"location\":\"Djibo\""
  STDERR_MATCHES "bad_utf8.txt: 3 invalid UTF-8 bytes replaced with U\\+FFFD"
  ARGS extract --format jsonl ${HOSTILE_IN}/bad_utf8.txt)
incimap_cli_test(hostile.nested_html EXIT 1
  STDERR_MATCHES "nested.html:1: elements nested too deep \\(more than 256 levels\\)"
  ARGS extract ${HOSTILE_OUT}/nested.html)
incimap_cli_test(hostile.billion_laughs_feed EXIT 1
  STDERR_MATCHES "billion_laughs.xml:[0-9]+: not well-formed XML: Detected an entity reference loop"
  ARGS extract ${HOSTILE_IN}/billion_laughs.xml)
incimap_cli_test(hostile.mismatched_quotes EXIT 0
  STDOUT_MATCHES "5 rows: .*2 rejected"
  STDERR_MATCHES "mismatched_quotes.csv:3: text after the closing quote of field 2.*mismatched_quotes.csv:5: unterminated quoted field"
  ARGS import --store ${HOSTILE_OUT}/quotes.gpkg ${HOSTILE_IN}/mismatched_quotes.csv)
incimap_cli_test(hostile.bad_coordinates_and_dates EXIT 0
  STDOUT_MATCHES "7 rows: 0 imported, 0 updated, 7 rejected"
  STDERR_MATCHES "bad_values.csv:2: latitude 'NaN' is not a number.*bad_values.csv:3: latitude 'inf' is not a number.*bad_values.csv:4: longitude '-Infinity' is not a number.*bad_values.csv:5: latitude '91' out of range.*bad_values.csv:6: longitude '181' out of range.*bad_values.csv:7: event_date '2024-02-31' is not a valid date.*bad_values.csv:8: event_date '31 February 2024' is not a valid date"
  ARGS import --store ${HOSTILE_OUT}/values.gpkg ${HOSTILE_IN}/bad_values.csv)
incimap_cli_test(hostile.style_wrong_value_type EXIT 1
  STDERR_MATCHES "wrong_types_style.json: layer 'dots': paint 'circle-radius': expected a number or an expression, got \"large\""
  ARGS tiles --input render/fixtures/incidents.geojson --style ${HOSTILE_IN}/wrong_types_style.json
       --out ${HOSTILE_OUT}/never-written-tiles)
incimap_cli_test(hostile.style_id_not_text EXIT 1
  STDERR_MATCHES "wrong_layer_type_style.json: layer 1: needs a text \"id\""
  ARGS map --input render/fixtures/incidents.geojson --style ${HOSTILE_IN}/wrong_layer_type_style.json
       --out ${HOSTILE_OUT}/never-written.png)

# The big ones.
add_test(NAME hostile.make_big_inputs
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/hostile/make_big_inputs.py ${HOSTILE_OUT}/big)
add_test(NAME hostile.remove_big_inputs
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${HOSTILE_OUT}/big)
set_tests_properties(hostile.make_big_inputs PROPERTIES FIXTURES_SETUP hostile_big LABELS cli)
set_tests_properties(hostile.remove_big_inputs PROPERTIES FIXTURES_CLEANUP hostile_big LABELS cli)
incimap_cli_test(hostile.one_line_report EXIT 1
  STDERR_MATCHES "one_line.txt: [0-9]+ bytes is more than 64 MiB"
  ARGS extract ${HOSTILE_OUT}/big/one_line.txt)
incimap_cli_test(hostile.one_line_table EXIT 0
  STDOUT_MATCHES "1 row: 0 imported, 0 updated, 1 rejected"
  STDERR_MATCHES "one_line.csv:2: field 6 is [0-9]+ bytes long, more than 64 KiB"
  ARGS import --store ${HOSTILE_OUT}/one_line.gpkg ${HOSTILE_OUT}/big/one_line.csv)
incimap_cli_test(hostile.one_line_dump EXIT 1
  STDERR_MATCHES "one_line.txt:1: line longer than 1 MiB: not a GeoNames dump"
  ARGS gazetteer add ${HOSTILE_OUT}/big/one_line.txt)
incimap_cli_test(hostile.zip_bomb_dump EXIT 1
  STDERR_MATCHES "ML.zip/ML.txt:1: line longer than 1 MiB: not a GeoNames dump"
  ARGS gazetteer add ${HOSTILE_OUT}/big/ML.zip)
set_tests_properties(cli.hostile.one_line_report cli.hostile.one_line_table cli.hostile.one_line_dump
  cli.hostile.zip_bomb_dump PROPERTIES FIXTURES_REQUIRED hostile_big)
set_tests_properties(cli.hostile.one_line_dump cli.hostile.zip_bomb_dump PROPERTIES
  ENVIRONMENT "INCIMAP_DATA_DIR=${HOSTILE_OUT}/data")

add_test(NAME cli.hostile.outputs_stay_inside
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile/outputs_stay_inside.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/hostile ${HOSTILE_OUT}/outputs)
set_tests_properties(cli.hostile.outputs_stay_inside PROPERTIES LABELS cli)
incimap_pg_test(hostile.outputs_stay_inside
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile/outputs_stay_inside.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/hostile ${HOSTILE_OUT}/outputs-pg)

# Inputs that never end a line, read through every kind of reader: each
# stops at its limit in seconds and bounded memory.
add_test(NAME cli.hostile.endless_inputs
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile/endless_inputs.sh $<TARGET_FILE:incimap> ${HOSTILE_OUT}/endless)
set_tests_properties(cli.hostile.endless_inputs PROPERTIES LABELS cli)
