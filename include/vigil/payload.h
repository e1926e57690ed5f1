/*
 * payload.h: reading a journal entry's payload back. Payloads are the flat
 * JSON objects src/ops writes (strings, integers, booleans, null, arrays of
 * strings); payload_parse() turns one into key/value pairs of text, with
 * arrays joined by ", ". Pure: no I/O, no SQLite.
 */
#ifndef VIGIL_PAYLOAD_H
#define VIGIL_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>

struct payload_field {
	char	*key;		/* owned */
	char	*val;		/* owned; NULL for JSON null */
};

struct payload {
	struct payload_field	*f;	/* owned */
	size_t			 n;
};

/*
 * Parse the flat JSON object s (borrowed) into out. Nested objects are
 * kept as their raw text. Returns 0, or -1 when s is not such an object
 * (out then holds the fields read before the fault; clear it either way).
 */
int		 payload_parse(const char *s, struct payload *out);
/* The value of key, borrowed from p; NULL when absent or null. */
const char	*payload_get(const struct payload *p, const char *key);
/* Free the fields; p is then empty and may be reused. */
void		 payload_clear(struct payload *p);

#endif
