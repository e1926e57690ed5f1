/*
 * buf.h: a growable, always NUL-terminated byte string, and a writer of
 * JSON text on top of it (escaping per RFC 8259, keys in the order given so
 * output is byte-for-byte reproducible).
 */
#ifndef VIGIL_BUF_H
#define VIGIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*data;		/* owned; always NUL-terminated once used */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_clear(struct buf *);	/* frees and re-inits */
void	 buf_reset(struct buf *);	/* empties, keeps memory */
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
/* Code point cp as UTF-8 in out: its length, 0 above U+10FFFF. */
size_t	 utf8_encode(uint32_t cp, char out[4]);
/* Append code point cp as UTF-8 (nothing above U+10FFFF). */
void	 buf_put_utf8(struct buf *, uint32_t cp);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Returns the string (owned by the caller) and re-inits the buf. */
char	*buf_steal(struct buf *);
/* The contents, "" when empty; borrowed. */
const char *buf_str(const struct buf *);
/*
 * Is the code point one that must never reach a terminal as itself (C0,
 * DEL, C1, bidi controls, zero-width and invisible characters, tags,
 * private use, noncharacters)? The sanitizer replaces them; the JSON
 * writer escapes them as \uXXXX.
 */
bool	 buf_cp_dangerous(uint32_t cp);

/*
 * JSON writer. Commas are inserted automatically. Strings are written as
 * given, with invalid UTF-8 replaced by U+FFFD and controls escaped, so the
 * output is always valid JSON.
 */
struct json {
	struct buf	*out;	/* borrowed */
	int		 depth;
	bool		 need_comma[32];
	bool		 pretty;
	bool		 after_key;
};

void	 json_init(struct json *, struct buf *, bool pretty);
void	 json_obj_open(struct json *);
void	 json_obj_close(struct json *);
void	 json_arr_open(struct json *);
void	 json_arr_close(struct json *);
void	 json_key(struct json *, const char *);
void	 json_str(struct json *, const char *);	/* NULL writes null */
void	 json_int(struct json *, int64_t);
void	 json_bool(struct json *, bool);
void	 json_null(struct json *);
/* A UTC time as "YYYY-MM-DDTHH:MM:SSZ", or null when has is false. */
void	 json_time(struct json *, int64_t t, bool has);
/* Shorthands: key + value. */
void	 json_kstr(struct json *, const char *, const char *);
void	 json_kint(struct json *, const char *, int64_t);
void	 json_ktime(struct json *, const char *, int64_t, bool);
void	 json_kbool(struct json *, const char *, bool);
/* Append a JSON-escaped, quoted string to a buf. */
void	 json_quote(struct buf *, const char *);

#endif
