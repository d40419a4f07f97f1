# CLI tests of `incimap extract`, run from tests/ with the embedded gazetteer.
# (No square brackets in the regular expressions: CMake lists would not
# split the arguments after an unbalanced one.)

incimap_cli_test(extract_prints_geojson_in_lon_lat_order EXIT 0
  STDOUT_MATCHES "^.\"type\":\"FeatureCollection\",\"features\":..*\"coordinates\":.-8\\.0,12\\.65..*\"event_date\":\"2024-09-17\".*\"location\":\"Bamako\".*\"fatalities\":70"
  ARGS extract extract/reports/bamako.txt)
incimap_cli_test(extract_prints_json_lines EXIT 0
  STDOUT_MATCHES "^.\"iso\":\"ML\",\"event_date\":\"2024-07-27\",\"time_precision\":1,\"disorder_type\":\"Political violence\",\"event_type\":\"Battles\".*\"notes\":\"Rebels of the CSP-DPA.*\"geonameid\":2476086.*\"evidence\":..\"text\":\"Rebels of the CSP-DPA"
  ARGS extract extract/reports/tinzaouatine.txt --format jsonl)
incimap_cli_test(extract_reads_standard_input_with_a_publication_date EXIT 0
  STDOUT_MATCHES "\"event_date\":\"2023-11-26\".*\"location\":\"Djibo\""
  STDIN ${CMAKE_CURRENT_LIST_DIR}/reports/djibo-arbinda.txt
  ARGS extract --format jsonl -)
incimap_cli_test(extract_finds_nothing_in_speculation EXIT 0
  STDOUT_MATCHES "^.\"type\":\"FeatureCollection\",\"features\":..}"
  STDERR_MATCHES "0 incidents from 1 document"
  ARGS extract extract/reports/analysis.txt)
incimap_cli_test(extract_reads_the_example_articles EXIT 0
  STDOUT_MATCHES "\"location\":\"Kidal\".*\"location\":\"Bamako\""
  ARGS extract ../examples/articles --format jsonl)
incimap_cli_test(extract_resolves_relative_dates_against_published_of_the_standard_input EXIT 0
  STDOUT_MATCHES "\"event_date\":\"2024-02-12\".*\"location\":\"Gao\".*\"fatalities\":4"
  STDIN ${CMAKE_CURRENT_LIST_DIR}/undated-report.txt
  ARGS extract --published 2024-02-14 --format jsonl -)
incimap_cli_test(extract_without_a_publication_date_says_so_and_finds_no_dated_incident EXIT 0
  STDERR_MATCHES "stdin: no publication date: relative dates .* give --published.*0 incidents from 1 document"
  STDIN ${CMAKE_CURRENT_LIST_DIR}/undated-report.txt
  ARGS extract --format jsonl -)
incimap_cli_test(extract_keeps_the_date_a_report_carries_over_published EXIT 0
  STDOUT_MATCHES "\"event_date\":\"2024-09-17\".*\"location\":\"Bamako\""
  ARGS extract --published 2001-01-01 --format jsonl extract/reports/bamako.txt)
incimap_cli_test(extract_goes_on_after_a_bad_batch_line EXIT 1
  STDOUT_MATCHES "\"event_date\":\"2024-09-17\".*\"doc_id\":\"bamako-1\".*\"event_date\":\"2023-11-26\".*\"doc_id\":\"djibo-1\""
  STDERR_MATCHES "batch.jsonl:2: .*1 failed"
  ARGS extract --batch extract/batch.jsonl --format jsonl)
incimap_cli_test(extract_names_a_missing_input_and_reads_the_others EXIT 1
  STDOUT_MATCHES "\"location\":\"Bamako\""
  STDERR_MATCHES "no-such-report.txt"
  ARGS extract extract/no-such-report.txt extract/reports/bamako.txt)
incimap_cli_test(extract_names_a_broken_file_of_a_folder_and_reads_the_others EXIT 1
  STDOUT_MATCHES "\"location\":\"Gao\".*\"doc_id\":\"extract/folder-with-a-broken-feed/b-gao-checkpoint.txt\""
  STDERR_MATCHES "a-broken-feed.xml:4: not well-formed XML"
  ARGS extract -q --format jsonl extract/folder-with-a-broken-feed)
incimap_cli_test(extract_needs_an_input EXIT 2
  STDERR_MATCHES "give one or more inputs"
  ARGS extract)
incimap_cli_test(extract_rejects_a_bad_publication_date EXIT 2
  STDERR_MATCHES "--published 'yesterday' is not a date"
  ARGS extract --published yesterday extract/reports/bamako.txt)
incimap_cli_test(extract_rejects_a_confidence_above_one EXIT 2
  STDERR_MATCHES "min-confidence"
  ARGS extract --min-confidence 1.5 extract/reports/bamako.txt)

add_test(NAME cli.extract_geojson_is_valid
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/extract_geojson.sh $<TARGET_FILE:incimap>
    ${PROJECT_SOURCE_DIR}/examples/articles)
set_tests_properties(cli.extract_geojson_is_valid PROPERTIES LABELS cli)

add_test(NAME cli.extract_reads_urls_once
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/extract_urls.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.extract_reads_urls_once PROPERTIES LABELS "cli;network" TIMEOUT 120)
