/*
 * tz.c: IANA zones from TZif files and POSIX TZ strings, converted both
 * ways between UTC instants and local civil time. Owns every zone
 * calculation of the model so that nothing else touches TZ, tzset() or
 * localtime(): a zone is a plain value and all of this is reentrant.
 * Pure: reading a TZif file is src/ops/tz-load.c (tz_load).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/util.h"

#define TZ_T_LIMIT ((int64_t)1 << 40)

/* One date of a POSIX TZ rule ("Jn", "n" or "Mm.w.d") with its time. */
struct tz_date {
	char	kind;		/* 'J', 'D' (zero-based day), 'M' */
	int	a, b, c;	/* J/D: day; M: month, week, weekday */
	int	secs;		/* local time of day of the change */
};

/* A POSIX TZ string: "EST5EDT,M3.2.0,M11.1.0". */
struct tz_rule {
	bool		present;
	int		std_off;	/* seconds east of UTC */
	bool		has_dst;
	int		dst_off;
	struct tz_date	start, end;
};

struct tz {
	char		*name;
	size_t		 ntrans;
	int64_t		*trans;		/* ascending instants */
	unsigned char	*idx;		/* type index for each transition */
	size_t		 ntypes;
	int32_t		*offs;		/* utoff of each local time type */
	struct tz_rule	 rule;		/* after the last transition */
};

bool
tz_valid_name(const char *name)
{
	const char	*p;

	if (name == NULL || *name == '\0' || *name == '/' ||
	    strlen(name) > 64 || strstr(name, "..") != NULL)
		return false;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' ||
		    *p == '+' || *p == '-' || *p == '.'))
			return false;
	return true;
}

/* Big-endian readers; the caller checked the bounds. */
static int64_t
be32(const unsigned char *p)
{
	uint32_t	v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			    (uint32_t)p[2] << 8 | (uint32_t)p[3];

	return (int32_t)v;
}

static int64_t
be64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (int64_t)v;
}

/* POSIX TZ string scanning. Each returns 0 or -1 and advances *s. */
static int
tz_rule_name(const char **s)
{
	const char	*p = *s;
	size_t		 n = 0;

	if (*p == '<') {
		for (p++; *p != '>'; p++, n++)
			if (*p == '\0')
				return -1;
		p++;
	} else
		for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
		    p++)
			n++;
	if (n < 3)
		return -1;
	*s = p;
	return 0;
}

/* [+-]hh[:mm[:ss]] with hh <= max; stores seconds. */
static int
tz_rule_hms(const char **s, int max, int *out)
{
	const char	*p = *s;
	int		 sign = 1, part[3] = { 0, 0, 0 }, i, n;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	for (i = 0; i < 3; i++) {
		if (i > 0) {
			if (*p != ':')
				break;
			p++;
		}
		for (n = 0; *p >= '0' && *p <= '9' && n < 3; p++, n++)
			part[i] = part[i] * 10 + (*p - '0');
		if (n == 0)
			return -1;
	}
	if (part[0] > max || part[1] > 59 || part[2] > 59)
		return -1;
	*out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
	*s = p;
	return 0;
}

static int
tz_rule_num(const char **s, int lo, int hi, int *out)
{
	const char	*p = *s;
	int		 v = 0, n;

	for (n = 0; *p >= '0' && *p <= '9' && n < 4; p++, n++)
		v = v * 10 + (*p - '0');
	if (n == 0 || v < lo || v > hi)
		return -1;
	*out = v;
	*s = p;
	return 0;
}

static int
tz_rule_date(const char **s, struct tz_date *d)
{
	const char	*p = *s;

	memset(d, 0, sizeof *d);
	if (*p == 'J') {
		p++;
		d->kind = 'J';
		if (tz_rule_num(&p, 1, 365, &d->a) == -1)
			return -1;
	} else if (*p == 'M') {
		p++;
		d->kind = 'M';
		if (tz_rule_num(&p, 1, 12, &d->a) == -1 || *p++ != '.' ||
		    tz_rule_num(&p, 1, 5, &d->b) == -1 || *p++ != '.' ||
		    tz_rule_num(&p, 0, 6, &d->c) == -1)
			return -1;
	} else {
		d->kind = 'D';
		if (tz_rule_num(&p, 0, 365, &d->a) == -1)
			return -1;
	}
	d->secs = 7200;
	if (*p == '/') {
		p++;
		if (tz_rule_hms(&p, 167, &d->secs) == -1)
			return -1;
	}
	*s = p;
	return 0;
}

/* Parse a POSIX TZ string (the TZif footer). An empty one is "absent". */
static int
tz_rule_parse(const char *s, struct tz_rule *r)
{
	int	off;

	memset(r, 0, sizeof *r);
	if (*s == '\0')
		return 0;
	if (tz_rule_name(&s) == -1 || tz_rule_hms(&s, 24, &off) == -1)
		return -1;
	r->present = true;
	r->std_off = -off;
	if (*s == '\0')
		return 0;
	if (tz_rule_name(&s) == -1)
		return -1;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if (tz_rule_hms(&s, 24, &off) == -1)
			return -1;
		r->dst_off = -off;
	}
	if (*s == '\0') {
		/* POSIX leaves the default rule open: use the US one. */
		s = ",M3.2.0,M11.1.0";
	}
	if (*s++ != ',' || tz_rule_date(&s, &r->start) == -1 ||
	    *s++ != ',' || tz_rule_date(&s, &r->end) == -1 || *s != '\0')
		return -1;
	return 0;
}

/* Days since the epoch of a rule date in year y. */
static int64_t
tz_date_day(const struct tz_date *d, int64_t y)
{
	int64_t	jan1 = timefmt_days_from_civil(y, 1, 1), day1, day;
	bool	leap = timefmt_days_in_month(y, 2) == 29;
	int	dim;

	switch (d->kind) {
	case 'J':
		return jan1 + d->a - 1 + (leap && d->a >= 60);
	case 'D':
		return jan1 + d->a;
	default:
		day1 = timefmt_days_from_civil(y, d->a, 1);
		day = day1 + (d->c - timefmt_weekday(day1) + 7) % 7 +
		    (int64_t)(d->b - 1) * 7;
		dim = timefmt_days_in_month(y, d->a);
		while (day >= day1 + dim)
			day -= 7;
		return day;
	}
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The offset a POSIX rule gives at instant t. */
static int
tz_rule_offset(const struct tz_rule *r, int64_t t)
{
	int64_t	y, start, end;
	int	m, d;
	bool	dst;

	if (!r->has_dst)
		return r->std_off;
	timefmt_civil_from_days(floor_div(t + r->std_off, 86400), &y, &m, &d);
	/* the start is given in standard time, the end in daylight time */
	start = tz_date_day(&r->start, y) * 86400 + r->start.secs - r->std_off;
	end = tz_date_day(&r->end, y) * 86400 + r->end.secs - r->dst_off;
	if (start < end)
		dst = t >= start && t < end;
	else
		dst = !(t >= end && t < start);
	return dst ? r->dst_off : r->std_off;
}

static void
tz_init_name(struct tz *z, const char *name)
{
	memset(z, 0, sizeof *z);
	z->name = xstrdup(name);
}

/* Read one TZif data block of the given time size; -1 if malformed. */
static int
tz_read_block(struct tz *z, const unsigned char *p, size_t len,
    size_t tsize, const char **why)
{
	size_t		 timecnt, typecnt, charcnt, i;

	timecnt = (size_t)be32(p + 32);
	typecnt = (size_t)be32(p + 36);
	charcnt = (size_t)be32(p + 40);
	(void)len;
	if (typecnt == 0 || typecnt > 256 || timecnt > 100000 ||
	    charcnt > 100000) {
		*why = "bad counts";
		return -1;
	}
	p += 44;
	z->ntrans = timecnt;
	z->trans = xreallocarray(NULL, timecnt + 1, sizeof *z->trans);
	z->idx = xmalloc(timecnt + 1);
	z->ntypes = typecnt;
	z->offs = xreallocarray(NULL, typecnt, sizeof *z->offs);
	for (i = 0; i < timecnt; i++) {
		z->trans[i] = tsize == 8 ? be64(p + i * 8) : be32(p + i * 4);
		if (i > 0 && z->trans[i] <= z->trans[i - 1]) {
			*why = "transitions out of order";
			return -1;
		}
	}
	p += timecnt * tsize;
	for (i = 0; i < timecnt; i++) {
		z->idx[i] = p[i];
		if (p[i] >= typecnt) {
			*why = "bad type index";
			return -1;
		}
	}
	p += timecnt;
	for (i = 0; i < typecnt; i++) {
		int64_t	off = be32(p + i * 6);

		if (off < -89999 || off > 93599) {
			*why = "bad offset";
			return -1;
		}
		z->offs[i] = (int32_t)off;
	}
	return 0;
}

/* Size of a data block with the counts of the header at p. */
static size_t
tz_block_size(const unsigned char *p, size_t tsize)
{
	size_t	isut = (size_t)be32(p + 20), isstd = (size_t)be32(p + 24),
		leap = (size_t)be32(p + 28), timecnt = (size_t)be32(p + 32),
		typecnt = (size_t)be32(p + 36), charcnt = (size_t)be32(p + 40);

	if (isut > 1000000 || isstd > 1000000 || leap > 1000000 ||
	    timecnt > 1000000 || typecnt > 1000000 || charcnt > 1000000)
		return SIZE_MAX;
	return timecnt * tsize + timecnt + typecnt * 6 + charcnt +
	    leap * (tsize + 4) + isstd + isut;
}

int
tz_parse(const char *name, const void *data, size_t len, struct tz **out,
    struct verr *e)
{
	const unsigned char	*p = data, *v2;
	const char		*why = "truncated";
	struct tz		*z;
	size_t			 b1, b2, flen;
	char			 footer[128];

	*out = NULL;
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return verr_set(e, VERR_DATA, "%s: not a TZif file", name);
	z = xmalloc(sizeof *z);
	tz_init_name(z, name);
	if ((b1 = tz_block_size(p, 4)) == SIZE_MAX || b1 > len - 44)
		goto bad;
	if (p[4] == '\0') {
		if (tz_read_block(z, p, len, 4, &why) == -1)
			goto bad;
	} else {
		v2 = p + 44 + b1;
		if (len - 44 - b1 < 44 || memcmp(v2, "TZif", 4) != 0)
			goto bad;
		b2 = tz_block_size(v2, 8);
		if (b2 == SIZE_MAX || b2 > len - 88 - b1)
			goto bad;
		if (tz_read_block(z, v2, len, 8, &why) == -1)
			goto bad;
		p = v2 + 44 + b2;
		flen = len - (size_t)(p - (const unsigned char *)data);
		why = "bad footer";
		if (flen < 2 || p[0] != '\n')
			goto bad;
		for (b2 = 1; b2 < flen && p[b2] != '\n'; b2++)
			;
		if (b2 == flen || b2 - 1 >= sizeof footer)
			goto bad;
		memcpy(footer, p + 1, b2 - 1);
		footer[b2 - 1] = '\0';
		if (tz_rule_parse(footer, &z->rule) == -1)
			goto bad;
	}
	*out = z;
	return 0;
bad:
	tz_free(&z);
	return verr_set(e, VERR_DATA, "%s: malformed TZif data (%s)", name,
	    why);
}

struct tz *
tz_new_utc(void)
{
	struct tz	*z = xmalloc(sizeof *z);

	tz_init_name(z, "UTC");
	z->ntypes = 1;
	z->offs = xmalloc(sizeof *z->offs);
	z->offs[0] = 0;
	return z;
}

void
tz_free(struct tz **zp)
{
	struct tz	*z;

	if (zp == NULL || (z = *zp) == NULL)
		return;
	free(z->name);
	free(z->trans);
	free(z->idx);
	free(z->offs);
	free(z);
	*zp = NULL;
}

const char *
tz_name(const struct tz *z)
{
	return z->name;
}

int
tz_offset_at(const struct tz *z, int64_t t)
{
	size_t	lo, hi, mid;

	/* keep calendar arithmetic far from overflow: +-34,000 years */
	if (t > TZ_T_LIMIT)
		t = TZ_T_LIMIT;
	else if (t < -TZ_T_LIMIT)
		t = -TZ_T_LIMIT;
	if (z->ntrans == 0)
		return z->rule.present ? tz_rule_offset(&z->rule, t) :
		    z->offs[0];
	if (t < z->trans[0])
		return z->offs[0];
	if (t >= z->trans[z->ntrans - 1] && z->rule.present)
		return tz_rule_offset(&z->rule, t);
	/* the last transition at or before t */
	lo = 0;
	hi = z->ntrans;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (z->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->offs[z->idx[lo]];
}

int64_t
tz_to_local(const struct tz *z, int64_t t)
{
	return t + tz_offset_at(z, t);
}

enum tz_fold
tz_to_utc(const struct tz *z, int64_t local, int64_t *t)
{
	int	before, after;
	bool	ok_before, ok_after;

	/*
	 * Offsets stay within a day of UTC, so the offset a day before and
	 * a day after bracket any single change near this wall-clock time.
	 */
	if (local > TZ_T_LIMIT)
		local = TZ_T_LIMIT;
	else if (local < -TZ_T_LIMIT)
		local = -TZ_T_LIMIT;
	before = tz_offset_at(z, local - 86400);
	after = tz_offset_at(z, local + 86400);
	ok_before = tz_offset_at(z, local - before) == before;
	ok_after = tz_offset_at(z, local - after) == after;
	if (ok_before && ok_after) {
		*t = local - (before > after ? before : after);
		return before == after ? TZ_EXACT : TZ_OVERLAP;
	}
	if (ok_before || ok_after) {
		*t = local - (ok_before ? before : after);
		return TZ_EXACT;
	}
	*t = local - before;
	return TZ_GAP;
}
