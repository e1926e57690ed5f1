/*
 * custody.c: ids, hash and clock-offset arguments of evidence items
 * (custody.h). Pure: parses and formats values, nothing else.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/custody.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const char *const kind_names[CUSTODY__COUNT] = {
	"transfer", "check", "note", "change", "void",
};

/* Only decimal digits, at least one. */
static bool
custody_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

const char *
custody_kind_name(enum custody_kind k)
{
	return kind_names[k];
}

int
custody_kind_parse(const char *s, enum custody_kind *k)
{
	int	i;

	for (i = 0; s != NULL && i < CUSTODY__COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum custody_kind)i;
			return 0;
		}
	return -1;
}

void
custody_id(int64_t num, char id[CUSTODY_ID_MAX])
{
	snprintf(id, CUSTODY_ID_MAX, "E%lld", (long long)num);
}

int
custody_id_parse(const char *s, int64_t *num)
{
	long long	n;

	if (s == NULL)
		return -1;
	if (*s == 'E' || *s == 'e')
		s++;
	if (!custody_digits(s) || util_parse_int(s, 1, 1000000000LL, &n) != 0)
		return -1;
	*num = (int64_t)n;
	return 0;
}

int
custody_hash_parse(const char *s, char out[CUSTODY_HEX_MAX])
{
	size_t	i;

	if (s == NULL)
		return -1;
	if (strncasecmp(s, "sha256:", 7) == 0)
		s += 7;
	if (strlen(s) != 64)
		return -1;
	for (i = 0; i < 64; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[64] = '\0';
	return 0;
}

int
custody_offset_parse(const char *s, int64_t *secs)
{
	long long	n;

	if (s == NULL || !custody_digits(*s == '+' || *s == '-' ? s + 1 : s))
		return -1;
	if (util_parse_int(*s == '+' ? s + 1 : s, -CUSTODY_OFFSET_MAX,
	    CUSTODY_OFFSET_MAX, &n) != 0)
		return -1;
	*secs = (int64_t)n;
	return 0;
}

void
custody_offset_format(int64_t secs, char *out, size_t len)
{
	unsigned long long	a;
	char			sign;

	sign = secs < 0 ? '-' : '+';
	a = secs < 0 ? (unsigned long long)-secs : (unsigned long long)secs;
	if (a == 0)
		snprintf(out, len, "0 s");
	else if (a < 60)
		snprintf(out, len, "%c%llu s", sign, a);
	else if (a < 3600)
		snprintf(out, len, "%c%llu min %02llu s", sign, a / 60, a % 60);
	else
		snprintf(out, len, "%c%llu h %02llu min %02llu s", sign,
		    a / 3600, a % 3600 / 60, a % 60);
}

void
custody_bytes(int64_t n, char *out, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double	v = (double)n;
	int	u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(out, len, "%lld B", (long long)n);
	else
		snprintf(out, len, "%.1f %s", v, units[u]);
}

void
custody_progress(int64_t done, int64_t total, int64_t elapsed_ns, char *out,
    size_t len)
{
	char	d[32], t[32], r[32], left[TIMEFMT_MAX];
	double	secs = (double)elapsed_ns / 1e9;
	double	rate = secs > 0 ? (double)done / secs : 0;
	int	pct;

	pct = total > 0 ? (int)((double)done * 100.0 / (double)total) : 100;
	custody_bytes(done, d, sizeof d);
	custody_bytes(total, t, sizeof t);
	custody_bytes((int64_t)rate, r, sizeof r);
	if (rate > 0 && total > done)
		timefmt_hms((int64_t)((double)(total - done) / rate + 0.5),
		    left);
	else
		snprintf(left, sizeof left, "00:00:00");
	snprintf(out, len, "%3d%% %s of %s, %s/s, %s left", pct, d, t, r, left);
}
