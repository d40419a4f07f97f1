# The PostGIS backend: one throwaway cluster (tests/pg/cluster.sh) started
# before the tests labelled pg and stopped and removed after them, whatever
# their outcome (CTest fixtures, so `ctest -j` and `ctest -L pg` alike run
# it once). Each test gets a database of its own (tests/pg/with_database.sh)
# in INCIMAP_TEST_STORE; the behaviour tests of the other folders read it as
# the store they write, so both backends pass the same tests.
set(INCIMAP_PG_STATE ${CMAKE_CURRENT_BINARY_DIR}/pg-cluster.state)
add_test(NAME pg.cluster.start
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/cluster.sh start ${INCIMAP_PG_STATE})
add_test(NAME pg.cluster.stop
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/cluster.sh stop ${INCIMAP_PG_STATE})
set_tests_properties(pg.cluster.start PROPERTIES FIXTURES_SETUP pg_cluster LABELS pg TIMEOUT 120)
set_tests_properties(pg.cluster.stop PROPERTIES FIXTURES_CLEANUP pg_cluster LABELS pg)

# incimap_pg_test(NAME [TIMEOUT s] COMMAND cmd…): runs cmd with a fresh
# PostGIS database in INCIMAP_TEST_STORE.
function(incimap_pg_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "COMMAND" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_test(NAME pg.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/with_database.sh ${INCIMAP_PG_STATE} ${T_COMMAND}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(pg.${name} PROPERTIES FIXTURES_REQUIRED pg_cluster LABELS "cli;pg"
    TIMEOUT ${T_TIMEOUT})
endfunction()
