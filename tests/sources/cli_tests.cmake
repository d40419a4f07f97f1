# CLI tests of `incimap gazetteer`. Those that need a server run
# gazetteer_fetch.sh, which starts the loopback test server itself.

incimap_cli_test(gazetteer_needs_a_subcommand EXIT 2
  STDERR_MATCHES "subcommand"
  ARGS gazetteer)
incimap_cli_test(gazetteer_fetch_help EXIT 0
  STDOUT_MATCHES "Usage: incimap gazetteer fetch .*--base-url.*--max-size.*Examples:.*incimap gazetteer fetch ML"
  ARGS gazetteer fetch --help)
incimap_cli_test(gazetteer_fetch_rejects_an_unknown_dump EXIT 2
  STDERR_MATCHES "unknown GeoNames dump 'Mali': expected a two-letter country code"
  ARGS gazetteer fetch ML Mali)
incimap_cli_test(gazetteer_fetch_rejects_a_non_http_base_url EXIT 2
  STDERR_MATCHES "--base-url 'ftp://127.0.0.1/dump/' is not an http:// or https:// URL"
  ARGS gazetteer fetch ML --base-url ftp://127.0.0.1/dump/)
incimap_cli_test(gazetteer_fetch_rejects_a_bad_size EXIT 2
  STDERR_MATCHES "'12 parsecs' is not a size"
  ARGS gazetteer fetch ML --max-size "12 parsecs")
incimap_cli_test(gazetteer_fetch_rejects_negative_retries EXIT 2
  STDERR_MATCHES "--retries"
  ARGS gazetteer fetch ML --retries -1)

add_test(NAME cli.gazetteer_fetch_end_to_end
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/gazetteer_fetch.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.gazetteer_fetch_end_to_end PROPERTIES LABELS "cli;network" TIMEOUT 120)

add_test(NAME cli.ingest_urls_with_one_failing
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/report_url_batch.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.ingest_urls_with_one_failing PROPERTIES LABELS "cli;network" TIMEOUT 120)

add_test(NAME cli.ingest_url_whose_host_does_not_resolve
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/dns_failure.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.ingest_url_whose_host_does_not_resolve PROPERTIES
  LABELS "cli;network" TIMEOUT 120 SKIP_RETURN_CODE 77)

add_test(NAME cli.ingest_url_time_limit
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/url_time_limit.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.ingest_url_time_limit PROPERTIES LABELS "cli;network" TIMEOUT 60)
incimap_cli_test(ingest_refuses_a_timeout_of_zero EXIT 2
  STDERR_MATCHES "--timeout '0' is not a number of seconds above 0"
  ARGS ingest --timeout 0 report.txt)
