/*
 * fuzzcheck.h: what the fuzz harnesses share. CHECK(c), a property a
 * harness asserts: it aborts (a crash the fuzzer and the replay test
 * report) in every build, where assert() vanishes under NDEBUG. And the
 * corpus replay that stands in for libFuzzer's main() in ordinary builds.
 */
#ifndef VIGIL_FUZZCHECK_H
#define VIGIL_FUZZCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",		\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

#ifndef VIGIL_LIBFUZZER
/*
 * Without libFuzzer: feed each file named on the command line (at most
 * max bytes of it) to the harness, so the corpus runs as a plain test.
 */
static int
fuzz_replay(int argc, char **argv, size_t max)
{
	uint8_t	*buf = malloc(max);
	FILE	*fp;
	size_t	 n;
	int	 i;

	if (buf == NULL)
		return 1;
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			free(buf);
			return 1;
		}
		n = fread(buf, 1, max, fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
	}
	free(buf);
	return 0;
}
#endif

#endif
