# CLI tests of `incimap geocode`, against the embedded default gazetteer.
# INCIMAP_DATA_DIR points to an empty folder so that dumps installed on the
# machine running the tests do not change the answers.

incimap_cli_test(geocode_bamako_json EXIT 0
  STDOUT_FILE ${CMAKE_CURRENT_LIST_DIR}/expected/bamako.json
  ARGS geocode Bamako --format json --limit 2)
incimap_cli_test(geocode_kidal_table EXIT 0
  STDOUT_FILE ${CMAKE_CURRENT_LIST_DIR}/expected/kidal.txt
  ARGS geocode Kidal --limit 3)
incimap_cli_test(geocode_press_spellings EXIT 0
  STDOUT_MATCHES "^.{\"geonameid\":2476086,\"name\":\"Ti-n-Zaou.*\n.{\"geonameid\":2449067,\"name\":\"Timbuktu\""
  ARGS geocode Tinzaouatine Tinbuktu --format json)
incimap_cli_test(geocode_country_hint EXIT 0
  STDOUT_MATCHES "^.{\"geonameid\":[0-9]+,\"name\":\"Koro\",\"country\":\"BF\""
  ARGS geocode Koro --country "Burkina Faso" --format json)
incimap_cli_test(geocode_hint_is_a_constraint EXIT 0
  STDOUT_MATCHES "^.{\"geonameid\":[0-9]+,\"name\":\"L[^\"]*r[^\"]*\",\"country\":\"ML\",[^\n]*\"admin1\":\"Tombouctou\"[^}]*}.\n$"
  ARGS geocode "Lere, Timbuktu" --format json --limit 5)
incimap_cli_test(geocode_hint_matching_nothing EXIT 1
  STDERR_MATCHES "incimap geocode: no 'Lere' in or near Kidal; elsewhere: L"
  ARGS geocode "Lere, Kidal")
incimap_cli_test(geocode_short_forms EXIT 0
  STDOUT_MATCHES "^.{\"geonameid\":2357048,[^\n]*\n.{\"geonameid\":2362344,[^\n]*\n.{\"geonameid\":2360886,"
  ARGS geocode Ouaga Bobo "Fada, Burkina Faso" --format json --limit 1)
incimap_cli_test(geocode_not_found EXIT 1
  STDERR_MATCHES "incimap geocode: no place matches 'Xyzzyville'"
  ARGS geocode Xyzzyville)
incimap_cli_test(geocode_one_of_several_not_found EXIT 1
  STDOUT_MATCHES "^.{\"geonameid\":2457163,[^\n]*\n..\n$"
  STDERR_MATCHES "no place matches 'Xyzzyville'"
  ARGS geocode Gao Xyzzyville --format json --limit 1)
incimap_cli_test(geocode_limit_zero EXIT 2
  STDERR_MATCHES "--limit"
  ARGS geocode Bamako --limit 0)
incimap_cli_test(geocode_unknown_country EXIT 2
  STDERR_MATCHES "--country: unknown country 'Atlantis'"
  ARGS geocode Bamako --country Atlantis)
incimap_cli_test(geocode_needs_a_query EXIT 2
  STDERR_MATCHES "give one or more place names, or --batch FILE"
  ARGS geocode)
incimap_cli_test(geocode_batch_from_file EXIT 0
  STDOUT_FILE ${CMAKE_CURRENT_LIST_DIR}/expected/queries.jsonl
  ARGS geocode --batch ${CMAKE_CURRENT_LIST_DIR}/data/queries.txt --limit 1)
incimap_cli_test(geocode_batch_from_stdin EXIT 0
  STDIN ${CMAKE_CURRENT_LIST_DIR}/data/queries.txt
  STDOUT_FILE ${CMAKE_CURRENT_LIST_DIR}/expected/queries.jsonl
  ARGS geocode --batch - --limit 1)
incimap_cli_test(geocode_batch_names_the_line_not_found EXIT 1
  STDOUT_MATCHES "{\"query\":\"Xyzzyville\",\"candidates\":..}"
  STDERR_MATCHES "queries_with_unknown.txt:3: no place matches 'Xyzzyville'"
  ARGS geocode --batch ${CMAKE_CURRENT_LIST_DIR}/data/queries_with_unknown.txt)
incimap_cli_test(geocode_batch_missing_file EXIT 1
  STDERR_MATCHES "no-such-file.txt: no such file"
  ARGS geocode --batch no-such-file.txt)
incimap_cli_test(geocode_batch_is_json_lines EXIT 2
  STDERR_MATCHES "--batch prints JSON Lines"
  ARGS geocode --batch - --format text)
incimap_cli_test(geocode_missing_gazetteer EXIT 1
  STDERR_MATCHES "no-such-dump.txt: cannot open"
  ARGS geocode Bamako --gazetteer no-such-dump.txt)
incimap_cli_test(geocode_without_any_gazetteer EXIT 1
  STDERR_MATCHES "no place matches 'Bamako'"
  ARGS geocode Bamako --no-default-gazetteer)
incimap_cli_test(geocode_help_credits_geonames EXIT 0
  STDOUT_MATCHES "--batch.*--gazetteer.*--no-default-gazetteer.*GeoNames, licensed CC BY 4.0.*Examples:.*incimap geocode"
  ARGS help geocode)

set_tests_properties(
  cli.geocode_bamako_json cli.geocode_kidal_table cli.geocode_press_spellings
  cli.geocode_country_hint cli.geocode_hint_is_a_constraint cli.geocode_hint_matching_nothing
  cli.geocode_short_forms cli.geocode_not_found cli.geocode_one_of_several_not_found
  cli.geocode_limit_zero cli.geocode_unknown_country cli.geocode_needs_a_query
  cli.geocode_batch_from_file cli.geocode_batch_from_stdin
  cli.geocode_batch_names_the_line_not_found cli.geocode_batch_missing_file
  cli.geocode_batch_is_json_lines cli.geocode_missing_gazetteer
  cli.geocode_without_any_gazetteer cli.geocode_help_credits_geonames
  PROPERTIES
  ENVIRONMENT "INCIMAP_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/empty-data-dir")

# A --gazetteer dump with a bad row: indexed on first use, the row reported
# with file and line and counted, the rest usable. The dump is written into
# the build tree and its index cached in a cache folder there; the setup test
# removes that folder so that every run indexes the dump afresh.
set(INCIMAP_BAD_DUMP ${CMAKE_CURRENT_BINARY_DIR}/geocode-fixtures/bad-NE.txt)
file(WRITE ${INCIMAP_BAD_DUMP}
  "2447416\tAyorou\tAyorou\tAyoru\t14.73076\t0.91875\tP\tPPL\tNE\t\t09\t\t\t\t26290\t\t222\tAfrica/Niamey\t2012-01-18\n"
  "2438855\tTera\tTera\t\t91.2\t0.75306\tP\tPPLA2\tNE\t\t09\t\t\t\t21095\t\t220\tAfrica/Niamey\t2012-01-18\n")
set(INCIMAP_BAD_DUMP_CACHE ${CMAKE_CURRENT_BINARY_DIR}/geocode-cache)
add_test(NAME cli.geocode_bad_rows_setup
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${INCIMAP_BAD_DUMP}.incimap-index ${INCIMAP_BAD_DUMP_CACHE})
set_tests_properties(cli.geocode_bad_rows_setup PROPERTIES
  FIXTURES_SETUP geocode_bad_dump LABELS cli)
incimap_cli_test(geocode_reports_bad_rows EXIT 0
  STDOUT_MATCHES "2447416 +Ayorou"
  STDERR_MATCHES "bad-NE.txt:2: latitude '91.2' out of range.*bad-NE.txt: 1 row skipped, 1 read"
  ARGS geocode Ayorou --gazetteer ${INCIMAP_BAD_DUMP} --no-default-gazetteer)
set_tests_properties(cli.geocode_reports_bad_rows PROPERTIES
  FIXTURES_REQUIRED geocode_bad_dump
  ENVIRONMENT "INCIMAP_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/empty-data-dir;INCIMAP_CACHE_DIR=${INCIMAP_BAD_DUMP_CACHE}")

# gazetteer learn: a store's coded villages become places every command
# resolves (a data folder of its own).
add_test(NAME cli.gazetteer_learn_from_store
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/learn_from_store.sh $<TARGET_FILE:incimap> ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(cli.gazetteer_learn_from_store PROPERTIES LABELS cli)
incimap_pg_test(gazetteer_learn_from_store
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/learn_from_store.sh $<TARGET_FILE:incimap> ${CMAKE_CURRENT_LIST_DIR})
