/*
 * cli.h: the command line. cli_main() parses global options, then runs a
 * command from the table in src/cli/cmd.c, or opens the console.
 */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

int	cli_main(int argc, char **argv);

#endif
