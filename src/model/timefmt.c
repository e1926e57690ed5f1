/*
 * timefmt.c: ISO 8601 instants in and out, durations, civil-date arithmetic.
 * Pure: no clock reads, no TZ, no I/O. All formatting is done from integer
 * arithmetic so results do not depend on the C library's locale or zone.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "vigil/timefmt.h"

int64_t
timefmt_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
timefmt_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
timefmt_weekday(int64_t days)
{
	return (int)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

int
timefmt_days_in_month(int64_t y, int m)
{
	static const int	len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

/* Read exactly n digits; -1 if not all digits. */
static int
digits(const char **p, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

int
timefmt_parse_date(const char *s, int64_t *days)
{
	const char	*p = s;
	int		 y, m, d;

	if ((y = digits(&p, 4)) < 0 || *p++ != '-' ||
	    (m = digits(&p, 2)) < 0 || *p++ != '-' ||
	    (d = digits(&p, 2)) < 0)
		return -1;
	if (*p != '\0' || m < 1 || m > 12 || d < 1 ||
	    d > timefmt_days_in_month(y, m))
		return -1;
	*days = timefmt_days_from_civil(y, m, d);
	return 0;
}

int
timefmt_parse(const char *s, int64_t now, int64_t *t, int *offset_s)
{
	const char	*p = s;
	int		 y, mo, d, h, mi, sec = 0, oh, om, sign;
	int64_t		 days;

	if (s == NULL)
		return -1;
	if (strcmp(s, "now") == 0) {
		*t = now;
		*offset_s = 0;
		return 0;
	}
	if ((y = digits(&p, 4)) < 0 || *p++ != '-' ||
	    (mo = digits(&p, 2)) < 0 || *p++ != '-' ||
	    (d = digits(&p, 2)) < 0)
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if ((h = digits(&p, 2)) < 0 || *p++ != ':' || (mi = digits(&p, 2)) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if ((sec = digits(&p, 2)) < 0)
			return -1;
		if (*p == '.' || *p == ',') {	/* fractions are dropped */
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > timefmt_days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return -1;
	if (*p == 'Z' || *p == 'z') {
		p++;
		oh = om = 0;
		sign = 1;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if ((oh = digits(&p, 2)) < 0)
			return -1;
		if (*p == ':')
			p++;
		if ((om = digits(&p, 2)) < 0)
			return -1;
		if (oh > 18 || om > 59)
			return -1;
	} else
		return -1;
	if (*p != '\0')
		return -1;
	days = timefmt_days_from_civil(y, mo, d);
	*offset_s = sign * (oh * 3600 + om * 60);
	*t = days * 86400 + h * 3600 + mi * 60 + sec - *offset_s;
	return 0;
}

static void
split(int64_t t, int64_t *y, int *mo, int *d, int *h, int *mi, int *s)
{
	int64_t	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t	rem = t - days * 86400;

	timefmt_civil_from_days(days, y, mo, d);
	*h = (int)(rem / 3600);
	*mi = (int)(rem / 60 % 60);
	*s = (int)(rem % 60);
}

void
timefmt_utc(int64_t t, char out[TIMEFMT_MAX])
{
	int64_t	y;
	int	mo, d, h, mi, s;

	split(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(out, TIMEFMT_MAX, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ",
	    y, mo, d, h, mi, s);
}

void
timefmt_utc_short(int64_t t, char out[TIMEFMT_MAX])
{
	int64_t	y;
	int	mo, d, h, mi, s;

	split(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(out, TIMEFMT_MAX, "%04" PRId64 "-%02d-%02d %02d:%02dZ",
	    y, mo, d, h, mi);
}

void
timefmt_offset(int64_t t, int offset_s, char out[TIMEFMT_MAX])
{
	int64_t	y;
	int	mo, d, h, mi, s, a = offset_s < 0 ? -offset_s : offset_s;

	split(t + offset_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(out, TIMEFMT_MAX,
	    "%04" PRId64 "-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	    y, mo, d, h, mi, s, offset_s < 0 ? '-' : '+', a / 3600,
	    a / 60 % 60);
}

void
timefmt_hms(int64_t secs, char out[TIMEFMT_MAX])
{
	if (secs < 0)
		secs = -secs;
	snprintf(out, TIMEFMT_MAX, "%02" PRId64 ":%02d:%02d", secs / 3600,
	    (int)(secs / 60 % 60), (int)(secs % 60));
}

void
timefmt_span(int64_t secs, char out[TIMEFMT_MAX])
{
	if (secs < 0)
		secs = -secs;
	if (secs < 60)
		snprintf(out, TIMEFMT_MAX, "%ds", (int)secs);
	else if (secs < 3600)
		snprintf(out, TIMEFMT_MAX, "%dm", (int)(secs / 60));
	else if (secs < 86400)
		snprintf(out, TIMEFMT_MAX, "%dh%02dm", (int)(secs / 3600),
		    (int)(secs / 60 % 60));
	else
		snprintf(out, TIMEFMT_MAX, "%" PRId64 "d%02dh", secs / 86400,
		    (int)(secs / 3600 % 24));
}

void
timefmt_date(int64_t days, char out[TIMEFMT_MAX])
{
	int64_t	y;
	int	m, d;

	timefmt_civil_from_days(days, &y, &m, &d);
	snprintf(out, TIMEFMT_MAX, "%04lld-%02d-%02d", (long long)y, m, d);
}

bool
timefmt_iana_zone(const char *name)
{
	static const char *const areas[] = {
		"Africa/", "America/", "Antarctica/", "Arctic/", "Asia/",
		"Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/",
	};
	const char	*p;
	size_t		 i, len;

	if (name == NULL)
		return false;
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0)
		return true;
	for (i = 0; i < sizeof areas / sizeof areas[0]; i++) {
		len = strlen(areas[i]);
		if (strncmp(name, areas[i], len) != 0 || name[len] == '\0')
			continue;
		/* Location: letters, digits, '_', '-', '+' and '/' between
		 * parts (no empty part, no "." or "..") */
		for (p = name + len; *p != '\0'; p++)
			if (!(isalnum((unsigned char)*p) || *p == '_' ||
			    *p == '-' || *p == '+' || (*p == '/' &&
			    p[1] != '\0' && p[1] != '/')))
				return false;
		return strlen(name) <= 64;
	}
	return false;
}
