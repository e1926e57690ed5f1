/*
 * main.c: argv to a command line command or to the console.
 */
#include "vigil/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
