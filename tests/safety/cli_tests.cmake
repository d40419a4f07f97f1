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

# Every writing command with each output pointed at each of its inputs, at a
# store, a FIFO, /dev/null and links: the inputs stay byte-identical.
add_test(NAME cli.safety.output_over_input
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/safety/output_over_input.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR} ${SAFETY_OUT}/over)
set_tests_properties(cli.safety.output_over_input PROPERTIES LABELS cli)
