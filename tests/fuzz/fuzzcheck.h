/*
 * fuzzcheck.h: CHECK(c), a property a harness asserts. It aborts (a crash
 * the fuzzer and the replay test report) in every build, where assert()
 * vanishes under NDEBUG.
 */
#ifndef VIGIL_FUZZCHECK_H
#define VIGIL_FUZZCHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",		\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

#endif
