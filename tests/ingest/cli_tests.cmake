# CLI tests of ingest. The ones here only fail early; ingest_end_to_end.sh
# writes a store in a temporary folder.
incimap_cli_test(ingest.needs_input EXIT 2
  STDERR_MATCHES "give one or more inputs"
  ARGS ingest --store no_such_folder/s.gpkg)
incimap_cli_test(ingest.bad_published EXIT 2
  STDERR_MATCHES "--published '2024-13-01' is not a date"
  ARGS ingest --published 2024-13-01 --store no_such_folder/s.gpkg ingest/reports/gao-convoy.txt)
incimap_cli_test(ingest.bad_min_confidence EXIT 2
  ARGS ingest --min-confidence 2 ingest/reports/gao-convoy.txt)

add_test(NAME cli.ingest.end_to_end
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/ingest/ingest_end_to_end.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/ingest)
set_tests_properties(cli.ingest.end_to_end PROPERTIES LABELS cli)

# The same behaviour with the store in PostGIS.
incimap_pg_test(ingest.end_to_end
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/ingest/ingest_end_to_end.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/ingest)
