# CLI tests of import, list, export and aggregate. The ones here only read
# or fail; tests/store/cli_end_to_end.sh writes a store in a temporary folder.
incimap_cli_test(store.import_missing_file EXIT 1
  STDERR_MATCHES "no_such_file.csv: no such file"
  ARGS import --store no_such_folder/s.gpkg no_such_file.csv)
incimap_cli_test(store.import_bad_format EXIT 2
  STDERR_MATCHES "--format 'xml': expected acled, csv or geojson"
  ARGS import --format xml store/fixtures/acled_current.csv)
incimap_cli_test(store.import_bad_country EXIT 2
  STDERR_MATCHES "--country 'Atlantis'"
  ARGS import --country Atlantis store/fixtures/acled_current.csv)
incimap_cli_test(store.list_unknown_country EXIT 2
  STDERR_MATCHES "--country 'Atlantis': not a country incimap knows; give an ISO 3166 code such as ML or a country name such as Mali"
  ARGS list --country Atlantis)
incimap_cli_test(store.export_unknown_country EXIT 2
  STDERR_MATCHES "--country 'Atlantis': not a country incimap knows"
  ARGS export --out - --country Atlantis)
incimap_cli_test(store.aggregate_unknown_country EXIT 2
  STDERR_MATCHES "--country 'Atlantis': not a country incimap knows"
  ARGS aggregate --by admin1 --out - --country Atlantis)
incimap_cli_test(store.list_country_named_as_acled_names_it EXIT 1
  STDERR_MATCHES "no_such_store.gpkg: no incident store here"
  ARGS list --store no_such_store.gpkg --country "burkina faso")
incimap_cli_test(store.list_country_by_another_name EXIT 1
  STDERR_MATCHES "no_such_store.gpkg: no incident store here"
  ARGS list --store no_such_store.gpkg --country "Republic of Mali")
incimap_cli_test(store.list_missing_store EXIT 1
  STDERR_MATCHES "no_such_store.gpkg: no incident store here"
  ARGS list --store no_such_store.gpkg)
incimap_cli_test(store.list_not_a_store EXIT 1
  STDERR_MATCHES "acled_current.csv: no 'incidents' layer: not an incimap store"
  ARGS list --store store/fixtures/acled_current.csv)
incimap_cli_test(store.list_bad_bbox EXIT 2
  STDERR_MATCHES "--bbox '1,2,3': expected four numbers"
  ARGS list --bbox 1,2,3)
incimap_cli_test(store.list_bad_type EXIT 2
  STDERR_MATCHES "--type 'Skirmish': not an ACLED event type"
  ARGS list --type Skirmish)
incimap_cli_test(store.list_bad_date EXIT 2
  STDERR_MATCHES "--since '2024-02-30': not a date"
  ARGS list --since 2024-02-30)
incimap_cli_test(store.list_bad_format EXIT 2
  STDERR_MATCHES "--format 'xml': expected table, csv, acled or geojson"
  ARGS list --format xml)
incimap_cli_test(store.export_gpkg_to_stdout EXIT 2
  STDERR_MATCHES "cannot be written to standard output"
  ARGS export --format gpkg --out -)
incimap_cli_test(store.aggregate_bad_by EXIT 2
  STDERR_MATCHES "--by 'county': expected place, admin1"
  ARGS aggregate --by county --out -)
incimap_cli_test(store.aggregate_needs_out EXIT 2
  ARGS aggregate --by admin1)

add_test(NAME cli.store.end_to_end
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/cli_end_to_end.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)
set_tests_properties(cli.store.end_to_end PROPERTIES LABELS cli)

# ACLED tables come back out of `export --format acled` as they went in,
# column by column: the project's fixtures (current and pre-2020 schema),
# then every ACLED table of the shared reference data when it is there.
set(INCIMAP_SHARED_DATA "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH
    "The shared reference data (ACLED and GDELT tables) some tests read when present")
add_test(NAME cli.store.acled_round_trip
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/store/acled_round_trip.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store/fixtures/acled_current.csv
    ${CMAKE_CURRENT_SOURCE_DIR}/store/fixtures/acled_oldschema.csv)
set_tests_properties(cli.store.acled_round_trip PROPERTIES LABELS cli)
add_test(NAME cli.store.acled_round_trip_shared_data
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/store/acled_round_trip.py $<TARGET_FILE:incimap>
    --skip-absent ${INCIMAP_SHARED_DATA}/events)
set_tests_properties(cli.store.acled_round_trip_shared_data PROPERTIES LABELS cli
  SKIP_RETURN_CODE 77 TIMEOUT 900)
add_test(NAME cli.store.import_mapped
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/import_mapped.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store ${PROJECT_SOURCE_DIR}/examples ${INCIMAP_SHARED_DATA}/events)
set_tests_properties(cli.store.import_mapped PROPERTIES LABELS cli TIMEOUT 600)
add_test(NAME cli.store.vector_formats
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/vector_formats.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)
set_tests_properties(cli.store.vector_formats PROPERTIES LABELS cli)

# The same behaviour with the store in PostGIS.
incimap_pg_test(store.end_to_end
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/cli_end_to_end.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)

# store init and store upgrade, on a GeoPackage and in PostGIS.
add_test(NAME cli.store.schema
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/store_schema.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)
set_tests_properties(cli.store.schema PROPERTIES LABELS cli)
incimap_pg_test(store.schema
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/store_schema.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)
# export and aggregate to every format, mapped imports and the ACLED round
# trip, from PostGIS.
incimap_pg_test(store.vector_formats
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/vector_formats.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store)
incimap_pg_test(store.import_mapped
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/store/import_mapped.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store ${PROJECT_SOURCE_DIR}/examples ${INCIMAP_SHARED_DATA}/events)
incimap_pg_test(store.acled_round_trip
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/store/acled_round_trip.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/store/fixtures/acled_current.csv
    ${CMAKE_CURRENT_SOURCE_DIR}/store/fixtures/acled_oldschema.csv)
