# `incimap run`, the main job: early usage errors here; run_end_to_end.sh
# runs it on the embedded examples in a temporary folder and checks every
# output; run_page_in_chromium.py opens its web page in headless Chromium.
incimap_cli_test(run.out_is_a_file EXIT 2
  STDERR_MATCHES "--out '[^']*cli_tests.cmake' is a file; give a folder for the outputs"
  ARGS run --out run/cli_tests.cmake)
incimap_cli_test(run.bad_since EXIT 2
  STDERR_MATCHES "--since"
  ARGS run --since 2024-02-30 --out no_such_folder/out)

add_test(NAME cli.run.end_to_end
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/run/run_end_to_end.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR}/run)
set_tests_properties(cli.run.end_to_end PROPERTIES LABELS cli TIMEOUT 900)

add_test(NAME run.web_page_in_chromium
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/run/run_page_in_chromium.py $<TARGET_FILE:incimap>
    ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/run ${CMAKE_CURRENT_BINARY_DIR}/run-web-page.png)
set_tests_properties(run.web_page_in_chromium PROPERTIES LABELS client SKIP_RETURN_CODE 77 TIMEOUT 900)
