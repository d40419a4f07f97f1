# What only a store in PostgreSQL can get wrong: connecting to it.
incimap_pg_test(connection_errors
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/connection_errors.sh $<TARGET_FILE:incimap>)

# list, export, aggregate, tiles and map give from PostGIS what they give
# from a GeoPackage of the same incidents.
incimap_pg_test(same_as_geopackage
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/same_as_geopackage.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})

# Eight writers at once, and some of them killed, end as one writer does.
incimap_pg_test(many_writers
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/many_writers.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})
# The writer and analyst roles the README grants.
incimap_pg_test(roles
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/roles.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})
# QGIS opens the PostGIS layer with the incident style as its default.
incimap_pg_test(qgis_default_style
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/pg/qgis_default_style.py
    $<TARGET_FILE:incimap> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(pg.qgis_default_style PROPERTIES LABELS "cli;pg;client")
# A first write into an empty database makes all the tables or none.
incimap_pg_test(first_write_whole
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/first_write_whole.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})
# incimap run, the main job, with its store in PostGIS.
incimap_pg_test(run_into_postgis
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/run_into_postgis.sh $<TARGET_FILE:incimap>)
# Writers in different places do not wait for each other; two writers of
# one event still merge into one incident.
incimap_pg_test(writers_apart
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/writers_apart.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})
