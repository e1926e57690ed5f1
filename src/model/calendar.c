/*
 * calendar.c: the parser of holiday calendar files (`*.cal`) and the
 * lookups on a parsed calendar: business days, the years it covers. Pure:
 * text in memory, through the line reader of rules-private.h; the files
 * are read by src/ops/ruleset-load.c. The format is in vigil-rules(5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/rules.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "rules-private.h"

static const char *const weekday_names[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};

void
calendar_clear(struct calendar *c)
{
	size_t	i;

	free(c->id);
	free(c->name);
	free(c->source);
	free(c->file);
	free(c->days);
	for (i = 0; i < c->ndays; i++)
		free(c->names[i]);
	free(c->names);
	memset(c, 0, sizeof *c);
}

const struct calendar *
ruleset_calendar(const struct ruleset *rs, const char *id)
{
	size_t	i;

	for (i = 0; i < rs->ncals; i++)
		if (strcmp(rs->cals[i].id, id) == 0)
			return &rs->cals[i];
	return NULL;
}

bool
ruleset_calendar_covers(const struct calendar *cal, int64_t y)
{
	return y >= cal->year_from && y <= cal->year_to;
}

bool
ruleset_business_day(const struct calendar *cal, int64_t day)
{
	size_t	lo = 0, hi = cal->ndays, mid;

	if (cal->weekend & (1u << timefmt_weekday(day)))
		return false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->days[mid] == day)
			return false;
		if (cal->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return true;
}

/* "sat,sun" (or "none") into a weekday mask. */
static int
parse_weekend(char *v, unsigned *mask)
{
	char	*tok, *save = NULL, *e;
	size_t	 i;

	*mask = 0;
	if (strcmp(v, "none") == 0)
		return 0;
	for (tok = strtok_r(v, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (rules_is_space(*tok))
			tok++;
		e = tok + strlen(tok);
		while (e > tok && rules_is_space(e[-1]))
			*--e = '\0';
		for (i = 0; i < nitems(weekday_names); i++)
			if (strcmp(tok, weekday_names[i]) == 0)
				break;
		if (i == nitems(weekday_names))
			return -1;
		*mask |= 1u << i;
	}
	return *mask == 0x7f ? -1 : 0;
}

/* "2025-2028" or "2025". */
static int
parse_years(const char *v, int64_t *from, int64_t *to)
{
	long long	a, b;
	const char	*dash = strchr(v, '-');
	char		 tmp[16];

	if (dash == NULL) {
		if (util_parse_int(v, 1900, 9999, &a) == -1)
			return -1;
		*from = *to = a;
		return 0;
	}
	if ((size_t)(dash - v) >= sizeof tmp)
		return -1;
	memcpy(tmp, v, (size_t)(dash - v));
	tmp[dash - v] = '\0';
	if (util_parse_int(tmp, 1900, 9999, &a) == -1 ||
	    util_parse_int(dash + 1, 1900, 9999, &b) == -1 || b < a)
		return -1;
	*from = a;
	*to = b;
	return 0;
}

/* The calendar id of a file name: its base name without ".cal". */
static char *
calendar_id(const char *fname)
{
	const char	*base = strrchr(fname, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : fname;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".cal") == 0)
		n -= 4;
	return xstrndup(base, n);
}

/*
 * An error at the years line for the years that list no holiday; the
 * holidays are sorted.
 */
static void
calendar_check_years(struct reader *rd, const struct calendar *cal,
    int line)
{
	int64_t	next = cal->year_from, first = 0, y;
	size_t	i, missing = 0;
	int	m, d;

	for (i = 0; i < cal->ndays; i++) {
		timefmt_civil_from_days(cal->days[i], &y, &m, &d);
		if (y < next)
			continue;
		if (y > next) {
			if (missing == 0)
				first = next;
			missing += (size_t)(y - next);
		}
		next = y + 1;
	}
	if (next <= cal->year_to) {
		if (missing == 0)
			first = next;
		missing += (size_t)(cal->year_to - next + 1);
	}
	if (missing == 0)
		return;
	ruleset_error(rd->rs, rd->fname, line, "years %lld-%lld: no holiday "
	    "is listed for %lld%s (list them, or narrow years)",
	    (long long)cal->year_from, (long long)cal->year_to,
	    (long long)first, missing > 1 ? " and other years" : "");
	rd->nerr++;
}

int
ruleset_parse_calendar(struct ruleset *rs, const char *fname,
    const char *text, size_t len)
{
	struct reader	 rd;
	struct calendar	 cal;
	int		*lines = NULL, st, years_line = 0;
	bool		 has_years = false, has_weekend = false;
	char		*key, *value, *p, date[11];
	size_t		 i, j;
	int64_t		 day, y;
	int		 m, d;

	memset(&rd, 0, sizeof rd);
	rd.rs = rs;
	rd.fname = fname;
	rd.p = text;
	rd.end = text + len;
	memset(&cal, 0, sizeof cal);
	cal.id = calendar_id(fname);
	cal.file = xstrdup(fname);
	cal.weekend = 1u << 0 | 1u << 6;
	if (!rules_valid_id(cal.id))
		ruleset_error(rs, fname, 0, "bad calendar id \"%s\" (a-z, 0-9, "
		    "'.', '-', '_')", cal.id), rd.nerr++;
	while ((st = rules_reader_next(&rd)) != -1) {
		if (st == 0)
			continue;
		if (rd.line[0] >= '0' && rd.line[0] <= '9') {
			/* YYYY-MM-DD name */
			memcpy(date, rd.line, 10);
			date[10] = '\0';
			if (strlen(rd.line) < 10 ||
			    timefmt_parse_date(date, &day) == -1 ||
			    (rd.line[10] != '\0' &&
			    !rules_is_space(rd.line[10]))) {
				READER_ERROR(&rd, "bad date \"%.10s\" "
				    "(YYYY-MM-DD name)", rd.line);
				continue;
			}
			for (p = rd.line + 10; rules_is_space(*p); p++)
				;
			if (*p == '\0') {
				READER_ERROR(&rd, "holiday %s has no name",
				    date);
				continue;
			}
			cal.days = xreallocarray(cal.days, cal.ndays + 1,
			    sizeof *cal.days);
			cal.names = xreallocarray(cal.names, cal.ndays + 1,
			    sizeof *cal.names);
			lines = xreallocarray(lines, cal.ndays + 1,
			    sizeof *lines);
			cal.days[cal.ndays] = day;
			cal.names[cal.ndays] = xstrdup(p);
			lines[cal.ndays++] = rd.lineno;
			continue;
		}
		if (rules_split_key(rd.line, &key, &value) == -1) {
			READER_ERROR(&rd, "expected key = value or "
			    "YYYY-MM-DD name");
			continue;
		}
		if (strcmp(key, "weekend") == 0) {
			if (has_weekend ||
			    parse_weekend(value, &cal.weekend) == -1)
				READER_ERROR(&rd, has_weekend ? "weekend given "
				    "twice" : "weekend: expected days such as "
				    "sat,sun (or none)");
			has_weekend = true;
		} else if (strcmp(key, "years") == 0) {
			if (has_years || parse_years(value, &cal.year_from,
			    &cal.year_to) == -1)
				READER_ERROR(&rd, has_years ? "years given "
				    "twice" : "years: expected YYYY-YYYY");
			has_years = true;
			years_line = rd.lineno;
		} else if (strcmp(key, "name") == 0 && cal.name == NULL &&
		    *value != '\0')
			cal.name = xstrdup(value);
		else if (strcmp(key, "source") == 0 && cal.source == NULL &&
		    *value != '\0')
			cal.source = xstrdup(value);
		else if (strcmp(key, "reviewed") == 0 &&
		    rules_valid_reviewed(value))
			;
		else
			READER_ERROR(&rd, "unknown, repeated or empty key "
			    "\"%s\"", key);
	}
	if (!has_years)
		ruleset_error(rs, fname, 0, "missing years = YYYY-YYYY (the "
		    "years the calendar covers)"), rd.nerr++;
	else
		for (i = 0; i < cal.ndays; i++) {
			timefmt_civil_from_days(cal.days[i], &y, &m, &d);
			if (!ruleset_calendar_covers(&cal, y))
				ruleset_error(rs, fname, lines[i], "holiday "
				    "outside the years %lld-%lld",
				    (long long)cal.year_from,
				    (long long)cal.year_to), rd.nerr++;
		}
	/* insertion sort keeps it simple: calendars are short */
	for (i = 1; i < cal.ndays; i++)
		for (j = i; j > 0 && cal.days[j - 1] > cal.days[j]; j--) {
			int64_t	 td = cal.days[j];
			char	*tn = cal.names[j];
			int	 tl = lines[j];

			cal.days[j] = cal.days[j - 1];
			cal.names[j] = cal.names[j - 1];
			lines[j] = lines[j - 1];
			cal.days[j - 1] = td;
			cal.names[j - 1] = tn;
			lines[j - 1] = tl;
		}
	/*
	 * Every year claimed must list holidays: a year in `years` with none
	 * would count its holidays as business days, a deadline too late.
	 * (A calendar of weekends alone lists none at all.)
	 */
	if (has_years && cal.ndays > 0)
		calendar_check_years(&rd, &cal, years_line);
	for (i = 1; i < cal.ndays; i++)
		if (cal.days[i] == cal.days[i - 1])
			ruleset_error(rs, fname, lines[i] > lines[i - 1] ?
			    lines[i] : lines[i - 1], "holiday date listed "
			    "twice"), rd.nerr++;
	free(lines);
	if (rd.nerr > 0) {
		calendar_clear(&cal);
		return rd.nerr;
	}
	for (i = 0; i < rs->ncals; i++)
		if (strcmp(rs->cals[i].id, cal.id) == 0) {
			calendar_clear(&rs->cals[i]);
			rs->cals[i] = cal;
			return 0;
		}
	rs->cals = xreallocarray(rs->cals, rs->ncals + 1, sizeof *rs->cals);
	rs->cals[rs->ncals++] = cal;
	return 0;
}
