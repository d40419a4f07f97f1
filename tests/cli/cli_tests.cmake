# The command line as a whole: usage errors name the command and where its
# options are described; help reaches subcommands; options that repeat take
# one value each time; progress on a terminal and off it.
incimap_cli_test(unknown_option_points_to_the_manual EXIT 2
  STDERR_MATCHES "incimap run: The following argument was not expected: --colour.Run 'incimap help run' for its options and examples"
  ARGS run --colour red)
incimap_cli_test(unknown_option_before_a_command_points_to_the_commands EXIT 2
  STDERR_MATCHES "^incimap: The following arguments? (was|were) not expected: .*--colour.*Run 'incimap --help' for the commands"
  ARGS --colour red)
incimap_cli_test(bad_option_value_of_a_subcommand_points_to_its_manual EXIT 2
  STDERR_MATCHES "incimap gazetteer fetch: .*--retries.*.Run 'incimap help gazetteer fetch' for its options and examples"
  ARGS gazetteer fetch ML --retries x)
incimap_cli_test(help_of_a_subcommand EXIT 0
  STDOUT_MATCHES "Usage: incimap gazetteer fetch .*Examples:.*incimap gazetteer fetch ML"
  ARGS help gazetteer fetch)
incimap_cli_test(help_of_an_unknown_subcommand EXIT 2
  STDERR_MATCHES "incimap help: no command 'gazetteer fletch'; 'incimap gazetteer --help' lists them"
  ARGS help gazetteer fletch)
incimap_cli_test(help_of_an_unknown_command EXIT 2
  STDERR_MATCHES "incimap help: no command 'tile'; 'incimap --help' lists them"
  ARGS help tile)
# A place name after --gazetteer PATH is a place name, not a second dump.
incimap_cli_test(gazetteer_option_takes_one_path EXIT 1
  STDERR_MATCHES "no-such-dump.txt: cannot open"
  ARGS geocode --gazetteer no-such-dump.txt Bamako)
set_tests_properties(cli.gazetteer_option_takes_one_path PROPERTIES
  ENVIRONMENT "INCIMAP_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/empty-data-dir")
# An output folder that cannot be made is named before any report is read.
incimap_cli_test(run_names_an_output_folder_it_cannot_make EXIT 1
  STDERR_MATCHES "^incimap run: /proc/incimap-no-such-folder/out: cannot create the folder: .*; give a folder you can write to"
  ARGS run --out /proc/incimap-no-such-folder/out)
incimap_cli_test(import_names_a_store_folder_it_cannot_make EXIT 1
  STDERR_MATCHES "^incimap import: /proc/incimap-no-such-folder: cannot create the folder: "
  ARGS import --store /proc/incimap-no-such-folder/incidents.gpkg store/fixtures/acled_current.csv)

add_test(NAME cli.progress_on_terminal
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/progress_on_terminal.sh $<TARGET_FILE:incimap>)
set_tests_properties(cli.progress_on_terminal PROPERTIES LABELS "cli;network" TIMEOUT 300)
