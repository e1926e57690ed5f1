/*
 * tz.h: IANA time zones (America/New_York, Europe/Paris, ...) read from
 * TZif files (RFC 8536), including the POSIX TZ footer that extends a zone
 * past its last listed transition. A zone is a value: no global state, no
 * TZ variable, no tzset(), so zones are thread-safe and testable. Only
 * tz_parse() works on bytes in memory; tz_load() (ops-load.h) reads a file.
 *
 * Local civil times are written as "local seconds": the seconds since
 * 1970-01-01T00:00 of the wall clock, counted as though it were UTC (so
 * timefmt_days_from_civil(y, m, d) * 86400 + h * 3600 + ... is one).
 * Instants beyond about +-34,000 years are clamped before any arithmetic.
 */
#ifndef VIGIL_TZ_H
#define VIGIL_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/verr.h"

#define TZ_ZONEINFO_DIR "/usr/share/zoneinfo"
#define TZ_FILE_MAX (1 << 20)

struct tz;

/* How a local time mapped to UTC (tz_to_utc). */
enum tz_fold {
	TZ_EXACT,	/* exactly one instant has this wall-clock time */
	TZ_GAP,		/* skipped (spring forward): shifted forward */
	TZ_OVERLAP,	/* repeated (fall back): the earlier instant */
};

/*
 * A zone name is safe to use as a path below a zoneinfo directory:
 * [A-Za-z0-9/_+-.], not empty, no leading '/', no "..", at most 64 bytes.
 */
bool		 tz_valid_name(const char *name);

/*
 * Parse TZif data (version 1 to 4) for the zone called name. data is
 * borrowed. On success stores a new zone (owned by the caller, free with
 * tz_free) in *out and returns 0; on malformed data returns -1 with a
 * message in e (may be NULL).
 */
int		 tz_parse(const char *name, const void *data, size_t len,
		     struct tz **out, struct verr *e);

/* The zone "UTC" without reading any file; cannot fail. */
struct tz	*tz_new_utc(void);

/* Accepts NULL and a pointer to NULL; sets *z to NULL. */
void		 tz_free(struct tz **z);

/* The name given to tz_parse; borrowed from the zone. */
const char	*tz_name(const struct tz *z);

/* Offset from UTC in seconds (east positive) in force at instant t. */
int		 tz_offset_at(const struct tz *z, int64_t t);

/* The local seconds of instant t: t + tz_offset_at(z, t). */
int64_t		 tz_to_local(const struct tz *z, int64_t t);

/*
 * The UTC instant of a local civil time. In a gap (a wall-clock time
 * that does not exist) the time is read with the offset in force before
 * the gap, which lands after it (02:30 on a US spring-forward day gives
 * 03:30 daylight time); in an overlap (a time that occurs twice) the
 * earlier instant is returned. Returns which case it was.
 */
enum tz_fold	 tz_to_utc(const struct tz *z, int64_t local, int64_t *t);

#endif
