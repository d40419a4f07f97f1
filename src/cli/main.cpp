#include "cli/command.hpp"

int main(int argc, char** argv) {
    return incimap::cli::run_program(argc, argv);
}
