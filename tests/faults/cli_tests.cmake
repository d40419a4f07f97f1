# Faults: the process killed at random points, a full disk. Each writes in a
# folder of its own under the build tree.
add_test(NAME faults.kill_at_random
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/faults/kill_at_random.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_BINARY_DIR}/faults-kill --kills 100)
add_test(NAME faults.full_disk
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/faults/full_disk.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_BINARY_DIR}/faults-disk)
set_tests_properties(faults.kill_at_random faults.full_disk PROPERTIES LABELS faults)

# The same kills with the store in PostGIS (fewer: one of each command),
# and a PostGIS writer cut off while it writes: its connection ended by the
# server, or the writer killed.
incimap_pg_test(faults.kill_at_random
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/faults/kill_at_random.py $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_BINARY_DIR}/faults-kill-pg --kills 3)
incimap_pg_test(faults.writer_cut_off
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/faults/writer_cut_off.sh $<TARGET_FILE:incimap>
    ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(pg.faults.kill_at_random pg.faults.writer_cut_off PROPERTIES LABELS "faults;pg")
