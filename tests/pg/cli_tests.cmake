# What only a store in PostgreSQL can get wrong: connecting to it.
incimap_pg_test(connection_errors
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/connection_errors.sh $<TARGET_FILE:incimap>)
