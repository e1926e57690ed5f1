/*
 * fuzz_sanitize.c: libFuzzer harness for the display sanitizer, the one
 * gate between hostile stored text and a terminal (reliability.md, goal
 * T2). Properties checked beyond "no crash", for every flag set:
 *   - the output is valid UTF-8 (and pure printable ASCII with SAN_ASCII);
 *   - it holds no C0 control except LF (and LF only with SAN_MULTILINE),
 *     no DEL, no C1 code point, no bidi, zero-width or tag character;
 *   - sanitizing it again changes nothing: s(s(x)) == s(x);
 *   - sanitize_fit() never exceeds its width, reports the width it used,
 *     and never keeps a line break.
 * The input's first byte picks the width for the fit; the rest is text.
 *
 * Built with -DVIGIL_LIBFUZZER for libFuzzer (clang -fsanitize=fuzzer);
 * otherwise main() replays the files named on the command line
 * (corpus/sanitize/), so the corpus runs as an ordinary test.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "vigil/sanitize.h"

int	LLVMFuzzerInitialize(int *, char ***);

static int
forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff || cp == 0x00ad || (cp >= 0xe0000 && cp <= 0xe007f);
}

/* Valid UTF-8 with no forbidden code point; the cells it takes. */
static void
check_clean(const char *s, int flags)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;
	uint32_t		 cp;

	while (left > 0) {
		n = sanitize_decode(p, left, &cp);
		if (cp == 0xfffd)	/* only the real U+FFFD */
			CHECK(n == 3 && memcmp(p, "\xef\xbf\xbd", 3) == 0);
		CHECK(!forbidden(cp));
		if (cp == '\n')
			CHECK(flags & SAN_MULTILINE);
		if (flags & SAN_ASCII)
			CHECK(cp == '\n' || (cp >= 0x20 && cp < 0x7f));
		p += n;
		left -= n;
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C.utf8");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int	 flagsets[] = {
		0, SAN_MULTILINE, SAN_ASCII, SAN_ASCII | SAN_MULTILINE,
	};
	char			*in, *s, *s2, *f;
	size_t			 k;
	int			 cells, w;

	if (size == 0)
		return 0;
	cells = data[0] % 40;
	if ((in = malloc(size)) == NULL)
		return 0;
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';		/* text stops at the first NUL */
	for (k = 0; k < sizeof flagsets / sizeof flagsets[0]; k++) {
		s = sanitize(in, flagsets[k]);
		check_clean(s, flagsets[k]);
		s2 = sanitize(s, flagsets[k]);
		CHECK(strcmp(s, s2) == 0);
		free(s2);
		f = sanitize_fit(in, cells, flagsets[k], &w);
		check_clean(f, flagsets[k] & ~SAN_MULTILINE);
		CHECK(w >= 0 && w <= cells);
		CHECK(w == sanitize_width(f));
		free(f);
		free(s);
	}
	free(in);
	return 0;
}

#ifndef VIGIL_LIBFUZZER
int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	return fuzz_replay(argc, argv, 1 << 16);
}
#endif
