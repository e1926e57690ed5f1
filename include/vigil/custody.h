/*
 * custody.h: the pure parts of evidence and its chain of custody: item
 * ids (E1), hash and offset arguments, the kinds of custody event. No I/O
 * and no clock; the rows are store-evidence.h, the acts ops-evidence.h.
 */
#ifndef VIGIL_CUSTODY_H
#define VIGIL_CUSTODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CUSTODY_ID_MAX 24
#define CUSTODY_HEX_MAX 65		/* a SHA-256 in hex and a NUL */
#define CUSTODY_TEXT_MAX 4000		/* descriptions, reasons, notes */
#define CUSTODY_PARTY_MAX 200		/* a custodian's name */
/* a source clock more than ten years off is a typing mistake */
#define CUSTODY_OFFSET_MAX (10LL * 366 * 86400)

enum custody_kind {
	CUSTODY_TRANSFER,
	CUSTODY_CHECK,
	CUSTODY_NOTE,
	CUSTODY_CHANGE,		/* an unavoidable change, with a justification */
	CUSTODY_VOID,
	CUSTODY__COUNT
};

const char	*custody_kind_name(enum custody_kind);	/* "transfer" */
int		 custody_kind_parse(const char *, enum custody_kind *);

/* "E2" for 2. */
void		 custody_id(int64_t num, char id[CUSTODY_ID_MAX]);
/* "E2", "e2", "2" -> 2; -1 when not an id. */
int		 custody_id_parse(const char *, int64_t *num);
/*
 * "sha256:HEX" (or 64 bare hex digits, either case) -> the lower-case hex
 * in out. -1 when it is not a SHA-256.
 */
int		 custody_hash_parse(const char *, char out[CUSTODY_HEX_MAX]);
/* "+37", "-3600", "0" -> seconds within +-CUSTODY_OFFSET_MAX; -1 else. */
int		 custody_offset_parse(const char *, int64_t *secs);
/* "+37 s", "-1 h 00 min 05 s", "0 s" into out. */
void		 custody_offset_format(int64_t secs, char *out, size_t len);
/* "1.5 GiB", "512 B" into out. */
void		 custody_bytes(int64_t n, char *out, size_t len);
/*
 * The progress of a hash: " 42% 512.0 MiB of 1.0 GiB, 801.2 MiB/s,
 * 00:00:03 left" after elapsed_ns nanoseconds, into out.
 */
void		 custody_progress(int64_t done, int64_t total, int64_t elapsed_ns,
		    char *out, size_t len);

#endif
