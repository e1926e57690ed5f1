/*
 * timefmt.h: instants are int64_t seconds since the epoch, UTC. This module
 * parses what users type (ISO 8601 with Z or an offset, or "now") and formats
 * instants and durations. It never reads the clock: "now" is an argument.
 * Zone conversions (IANA zone names) live in tz.h.
 */
#ifndef VIGIL_TIMEFMT_H
#define VIGIL_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TIMEFMT_MAX 40

/*
 * Parse "now", "YYYY-MM-DDTHH:MM[:SS]Z", "...+HH:MM", "...-HHMM" (a space
 * may replace the T). The zone designator is required: an instant without
 * one is ambiguous. On success stores the UTC instant and the offset it was
 * entered with (seconds east of UTC; 0 for "now" and Z) and returns 0.
 */
int	timefmt_parse(const char *s, int64_t now, int64_t *t, int *offset_s);

/* Parse a calendar date "YYYY-MM-DD" into days since 1970-01-01. */
int	timefmt_parse_date(const char *s, int64_t *days);

/* "2026-11-22T08:50:00Z" */
void	timefmt_utc(int64_t t, char out[TIMEFMT_MAX]);
/* "2026-11-22 08:50Z" */
void	timefmt_utc_short(int64_t t, char out[TIMEFMT_MAX]);
/* "2026-11-22T09:50:00+01:00": t shown at a fixed offset. */
void	timefmt_offset(int64_t t, int offset_s, char out[TIMEFMT_MAX]);
/* "HH:MM:SS" with hours unbounded ("123:04:05"); negative gets no sign. */
void	timefmt_hms(int64_t secs, char out[TIMEFMT_MAX]);
/* Compact: "45s", "12m", "3h12m", "2d04h". Sign ignored. */
void	timefmt_span(int64_t secs, char out[TIMEFMT_MAX]);

/* Proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms). */
int64_t	timefmt_days_from_civil(int64_t y, int m, int d);
void	timefmt_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* 0 = Sunday .. 6 = Saturday */
int	timefmt_weekday(int64_t days);
int	timefmt_days_in_month(int64_t y, int m);

/* "YYYY-MM-DD" of a date in days since the epoch. */
void	timefmt_date(int64_t days, char out[TIMEFMT_MAX]);

/*
 * Whether name is a geographic IANA zone ("Europe/Helsinki",
 * "America/Argentina/Buenos_Aires") or UTC ("UTC", "Etc/UTC"): the names
 * a legal deadline may be counted in. The legacy fixed-offset names ("EST",
 * "CET", "EST5EDT", "Etc/GMT+5") are refused: "EST" is -05:00 all year,
 * an hour off New York's time in summer. Pure: reads no file.
 */
bool	timefmt_iana_zone(const char *name);

#endif
