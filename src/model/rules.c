/*
 * rules.c: the parser of rule files (`*.rules`) and the ruleset that holds
 * what they and the calendar files (calendar.c) define, with the line
 * reader both parsers share (rules-private.h). Pure: it parses text in
 * memory, so the fuzzer can drive it; reading the files from disk is
 * src/ops/ruleset-load.c. It never evaluates a clock (clock.c does) and
 * never reads the environment.
 *
 * Every problem is reported as "file:line: message" in rs->errors and the
 * parser carries on: one broken rule or file must not hide the others.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/milestone.h"
#include "vigil/rules.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/util.h"
#include "vigil/verr.h"
#include "rules-private.h"

/* The keys of a rule, in a table so duplicates are found by bit. */
enum rule_key {
	KEY_NAME, KEY_NOTIFY, KEY_SOURCE, KEY_STATUS, KEY_REVIEWED, KEY_START,
	KEY_DUE, KEY_TZ, KEY_CALENDAR, KEY_CUTOFF, KEY_BACKSTOP, KEY_HOLDS,
	KEY_HOLD_MAX, KEY_APPLIES_FROM, KEY_STATE_ZONE, KEY__COUNT
};

static const char *const rule_keys[KEY__COUNT] = {
	"name", "notify", "source", "status", "reviewed", "start", "due", "tz",
	"calendar", "cutoff", "backstop", "holds", "hold_max", "applies_from",
	"state_zone"
};

static const char *const unit_names[] = { "h", "d", "bd", "mo", "asap" };
static const char *const status_names[] = {
	"in-force", "proposed", "contractual", "bill"
};
static const char *const hold_kind_names[] = { "pause", "extend", "after" };
const char *
rule_unit_name(enum rule_unit u)
{
	return unit_names[u];
}

const char *
rule_status_name(enum rule_status s)
{
	return status_names[s];
}

/* Append "file:line: message" to rs->errors. */
void
ruleset_error(struct ruleset *rs, const char *fname, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *full;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		xasprintf(&full, "%s:%d: %s", fname, line, msg);
	else
		xasprintf(&full, "%s: %s", fname, msg);
	free(msg);
	rs->errors = xreallocarray(rs->errors, rs->nerrors + 1,
	    sizeof *rs->errors);
	rs->errors[rs->nerrors++] = full;
}

bool
rules_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The next line, with its comment and surrounding blanks removed, in
 * r->line. Returns 1 for a line to look at, 0 for one to skip (blank or
 * reported as unreadable), -1 at the end of the text.
 */
int
rules_reader_next(struct reader *r)
{
	const char	*nl, *q, *start;
	size_t		 len, i;
	char		*s, *e;

	if (r->p >= r->end)
		return -1;
	r->lineno++;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	q = nl != NULL ? nl : r->end;
	len = (size_t)(q - r->p);
	start = r->p;
	r->p = nl != NULL ? nl + 1 : r->end;
	if (len > 0 && start[len - 1] == '\r')
		len--;
	if (len > RULE_LINE_MAX) {
		READER_ERROR(r, "line longer than %d bytes", RULE_LINE_MAX);
		return 0;
	}
	memcpy(r->line, start, len);
	r->line[len] = '\0';
	/* '#' starts a comment at the start or after a blank */
	for (i = 0; i < len; i++)
		if (r->line[i] == '#' && (i == 0 ||
		    rules_is_space(r->line[i - 1]))) {
			r->line[i] = '\0';
			len = i;
			break;
		}
	for (i = 0; i < len; i++)
		if ((unsigned char)r->line[i] < 0x20 && r->line[i] != '\t') {
			READER_ERROR(r, "control character in line");
			return 0;
		} else if (r->line[i] == 0x7f) {
			READER_ERROR(r, "control character in line");
			return 0;
		}
	s = r->line;
	while (rules_is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && rules_is_space(e[-1]))
		*--e = '\0';
	if (*s == '\0')
		return 0;
	memmove(r->line, s, (size_t)(e - s) + 1);
	return 1;
}

/* Split "key = value" in place; -1 when there is no '='. */
int
rules_split_key(char *line, char **key, char **value)
{
	char	*eq = strchr(line, '='), *e;

	if (eq == NULL)
		return -1;
	*eq = '\0';
	e = eq;
	while (e > line && rules_is_space(e[-1]))
		*--e = '\0';
	*key = line;
	*value = eq + 1;
	while (rules_is_space(**value))
		(*value)++;
	return 0;
}

/* [a-z0-9._-]+, at most RULE_ID_MAX bytes: the form sent:<id> allows. */
bool
rules_valid_id(const char *s)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '.' ||
		    s[n] == '-' || s[n] == '_'))
			return false;
	return n > 0 && n <= RULE_ID_MAX;
}

/* "72h", "4 bd", "1mo", "asap" (when allowed). */
static int
parse_period(const char *v, bool allow_asap, struct rule_period *p)
{
	long long	amount = 0;
	size_t		i, n;

	if (strcmp(v, "asap") == 0) {
		if (!allow_asap)
			return -1;
		p->amount = 0;
		p->unit = RULE_UNIT_ASAP;
		return 0;
	}
	for (n = 0; v[n] >= '0' && v[n] <= '9'; n++) {
		amount = amount * 10 + (v[n] - '0');
		if (amount > RULE_AMOUNT_MAX)
			return -1;
	}
	if (n == 0 || amount < 1)
		return -1;
	while (rules_is_space(v[n]))
		n++;
	for (i = 0; i < RULE_UNIT_ASAP; i++)
		if (strcmp(v + n, unit_names[i]) == 0) {
			p->amount = (int)amount;
			p->unit = (enum rule_unit)i;
			return 0;
		}
	return -1;
}

/* A milestone a rule may start from: a known name, or sent:<id>. */
static bool
valid_trigger(const char *name)
{
	return milestone_known_name(name);
}

static void
rule_clear(struct rule *r)
{
	size_t	i;

	free(r->id);
	free(r->name);
	free(r->notify);
	free(r->source);
	free(r->reviewed);
	free(r->start);
	free(r->tz);
	free(r->calendar);
	free(r->backstop);
	for (i = 0; i < r->nholds; i++)
		free(r->holds[i]);
	free(r->holds);
	free(r->hold_kinds);
	free(r->file);
	free(r->error);
	memset(r, 0, sizeof *r);
	r->cutoff_min = -1;
}

struct ruleset *
ruleset_new(void)
{
	return xcalloc(1, sizeof(struct ruleset));
}

void
ruleset_free(struct ruleset **rsp)
{
	struct ruleset	*rs;
	size_t		 i;

	if (rsp == NULL || (rs = *rsp) == NULL)
		return;
	for (i = 0; i < rs->nrules; i++)
		rule_clear(&rs->rules[i]);
	free(rs->rules);
	for (i = 0; i < rs->ncals; i++)
		calendar_clear(&rs->cals[i]);
	free(rs->cals);
	for (i = 0; i < rs->nzones; i++)
		tz_free(&rs->zones[i]);
	free(rs->zones);
	for (i = 0; i < rs->nerrors; i++)
		free(rs->errors[i]);
	free(rs->errors);
	free(rs);
	*rsp = NULL;
}

/* The rule with this id, writable (for marking it in error). */
static struct rule *
rule_lookup(struct ruleset *rs, const char *id)
{
	size_t	i;

	for (i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

void
ruleset_rule_error(struct ruleset *rs, size_t i, const char *fmt, ...)
{
	struct rule	*r = &rs->rules[i];
	va_list		 ap;
	char		*msg;

	assert(i < rs->nrules);
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	ruleset_error(rs, r->file, r->line, "rule %s: %s", r->id, msg);
	if (r->error == NULL)
		r->error = xstrdup(rs->errors[rs->nerrors - 1]);
	free(msg);
}

const struct rule *
ruleset_find(const struct ruleset *rs, const char *id)
{
	size_t	i;

	for (i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

const struct tz *
ruleset_zone(const struct ruleset *rs, const char *name)
{
	size_t	i;

	for (i = 0; i < rs->nzones; i++)
		if (strcmp(tz_name(rs->zones[i]), name) == 0)
			return rs->zones[i];
	return NULL;
}

void
ruleset_add_zone(struct ruleset *rs, struct tz *z)
{
	rs->zones = xreallocarray(rs->zones, rs->nzones + 1,
	    sizeof *rs->zones);
	rs->zones[rs->nzones++] = z;
}

bool
rule_allows_hold(const struct rule *r, const char *basis)
{
	size_t	i;

	for (i = 0; i < r->nholds; i++)
		if (strcmp(r->holds[i], basis) == 0)
			return true;
	return false;
}

/* Parse "[first|last|year-end] NAME" into the rule. */
static int
parse_start(struct reader *rd, struct rule *r, const char *v)
{
	static const struct {
		const char		*word;
		enum rule_anchor	 anchor;
	} words[] = {
		{ "first", RULE_ANCHOR_FIRST },
		{ "last", RULE_ANCHOR_LAST },
		{ "year-end", RULE_ANCHOR_YEAR_END },
	};
	size_t	i, n;

	r->anchor = RULE_ANCHOR_FIRST;
	for (i = 0; i < nitems(words); i++) {
		n = strlen(words[i].word);
		if (strncmp(v, words[i].word, n) == 0 && rules_is_space(v[n])) {
			r->anchor = words[i].anchor;
			for (v += n; rules_is_space(*v); v++)
				;
			break;
		}
	}
	if (!valid_trigger(v)) {
		READER_ERROR(rd, "start: unknown milestone \"%s\"", v);
		return -1;
	}
	r->start = xstrdup(v);
	return 0;
}

/* Parse "NAME + PERIOD". */
static int
parse_backstop(struct reader *rd, struct rule *r, char *v)
{
	char	*plus = strchr(v, '+'), *e, *p;

	if (plus == NULL) {
		READER_ERROR(rd, "backstop: expected MILESTONE + PERIOD");
		return -1;
	}
	*plus = '\0';
	for (e = plus; e > v && rules_is_space(e[-1]); )
		*--e = '\0';
	for (p = plus + 1; rules_is_space(*p); p++)
		;
	if (!valid_trigger(v)) {
		READER_ERROR(rd, "backstop: unknown milestone \"%s\"", v);
		return -1;
	}
	if (parse_period(p, false, &r->backstop_after) == -1) {
		READER_ERROR(rd, "backstop: bad period \"%s\" (Nh, Nd, Nbd or "
		    "Nmo)", p);
		return -1;
	}
	r->backstop = xstrdup(v);
	return 0;
}

/* "HH:MM" into minutes. */
static int
parse_cutoff(const char *v)
{
	if (strlen(v) != 5 || v[2] != ':' ||
	    v[0] < '0' || v[0] > '2' || v[1] < '0' || v[1] > '9' ||
	    v[3] < '0' || v[3] > '5' || v[4] < '0' || v[4] > '9')
		return -1;
	if ((v[0] - '0') * 10 + (v[1] - '0') > 23)
		return -1;
	return ((v[0] - '0') * 10 + (v[1] - '0')) * 60 +
	    (v[3] - '0') * 10 + (v[4] - '0');
}

/* "YYYY-MM" or "YYYY-MM-DD". */
bool
rules_valid_reviewed(const char *v)
{
	char	tmp[11];
	int64_t	days;

	if (strlen(v) == 7) {
		memcpy(tmp, v, 7);
		memcpy(tmp + 7, "-01", 4);
		return timefmt_parse_date(tmp, &days) == 0;
	}
	return timefmt_parse_date(v, &days) == 0;
}

/*
 * "basis [kind [period]], ..." into the accepted bases and what each does:
 * "law-enforcement", "law-enforcement pause", "ag-delay extend 30d",
 * "fcc-cpni after 7bd".
 */
static int
parse_holds(struct reader *rd, struct rule *r, char *v)
{
	struct rule_hold	 k;
	char			*tok, *save = NULL, *w[3], *x, *wsave = NULL;
	size_t			 n, i;

	for (tok = strtok_r(v, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		n = 0;
		for (x = strtok_r(tok, " \t", &wsave); x != NULL;
		    x = strtok_r(NULL, " \t", &wsave)) {
			if (n == 3) {
				n = 4;	/* too many words */
				break;
			}
			w[n++] = x;
		}
		if (n == 0 || n == 4 || !rules_valid_id(w[0])) {
			READER_ERROR(rd, "holds: bad hold \"%s\" (BASIS [pause "
			    "| extend PERIOD | after PERIOD])", n > 0 ? w[0] :
			    "");
			return -1;
		}
		memset(&k, 0, sizeof k);
		if (n >= 2) {
			for (i = 0; i < nitems(hold_kind_names); i++)
				if (strcmp(w[1], hold_kind_names[i]) == 0)
					break;
			if (i == nitems(hold_kind_names)) {
				READER_ERROR(rd, "holds: %s: kind \"%s\" is not "
				    "pause, extend or after", w[0], w[1]);
				return -1;
			}
			k.kind = (enum rule_hold_kind)i;
		}
		if (k.kind == RULE_HOLD_PAUSE && n == 3) {
			READER_ERROR(rd, "holds: %s: a pause takes no period "
			    "(hold_max caps it)", w[0]);
			return -1;
		}
		if (k.kind != RULE_HOLD_PAUSE && (n != 3 ||
		    parse_period(w[2], false, &k.period) == -1)) {
			READER_ERROR(rd, "holds: %s %s needs a period (Nh, Nd, "
			    "Nbd or Nmo)", w[0], w[1]);
			return -1;
		}
		for (i = 0; i < r->nholds; i++)
			if (strcmp(r->holds[i], w[0]) == 0) {
				READER_ERROR(rd, "holds: %s listed twice", w[0]);
				return -1;
			}
		r->holds = xreallocarray(r->holds, r->nholds + 1,
		    sizeof *r->holds);
		r->hold_kinds = xreallocarray(r->hold_kinds, r->nholds + 1,
		    sizeof *r->hold_kinds);
		r->hold_kinds[r->nholds] = k;
		r->holds[r->nholds++] = xstrdup(w[0]);
	}
	return 0;
}

/* Apply one "key = value" line to the rule being read. */
static int
rule_set(struct reader *rd, struct rule *r, unsigned *seen, const char *key,
    char *v)
{
	struct rule_period	p;
	size_t			k;
	int			m;

	for (k = 0; k < KEY__COUNT; k++)
		if (strcmp(key, rule_keys[k]) == 0)
			break;
	if (k == KEY__COUNT) {
		READER_ERROR(rd, "unknown key \"%s\"", key);
		return -1;
	}
	if (*seen & (1u << k)) {
		READER_ERROR(rd, "%s given twice", key);
		return -1;
	}
	*seen |= 1u << k;
	if (*v == '\0') {
		READER_ERROR(rd, "%s: empty value", key);
		return -1;
	}
	switch ((enum rule_key)k) {
	case KEY_NAME:
		r->name = xstrdup(v);
		break;
	case KEY_NOTIFY:
		r->notify = xstrdup(v);
		break;
	case KEY_SOURCE:
		r->source = xstrdup(v);
		break;
	case KEY_STATUS:
		for (m = 0; m < (int)nitems(status_names); m++)
			if (strcmp(v, status_names[m]) == 0)
				break;
		if (m == (int)nitems(status_names)) {
			READER_ERROR(rd, "status: \"%s\" is not in-force, "
			    "proposed, bill or contractual", v);
			return -1;
		}
		r->status = (enum rule_status)m;
		break;
	case KEY_REVIEWED:
		if (!rules_valid_reviewed(v)) {
			READER_ERROR(rd, "reviewed: bad date \"%s\" "
			    "(YYYY-MM or YYYY-MM-DD)", v);
			return -1;
		}
		r->reviewed = xstrdup(v);
		break;
	case KEY_START:
		return parse_start(rd, r, v);
	case KEY_DUE:
		if (parse_period(v, true, &r->due) == -1) {
			READER_ERROR(rd, "due: bad period \"%s\" (Nh, Nd, Nbd, "
			    "Nmo or asap; N from 1 to %d)", v,
			    RULE_AMOUNT_MAX);
			return -1;
		}
		break;
	case KEY_TZ:
		if (!tz_valid_name(v) || !timefmt_iana_zone(v)) {
			READER_ERROR(rd, "tz: \"%s\" is not an IANA zone name "
			    "such as America/New_York or UTC (a fixed-offset "
			    "name like EST ignores summer time)", v);
			return -1;
		}
		r->tz = xstrdup(v);
		break;
	case KEY_CALENDAR:
		if (!rules_valid_id(v)) {
			READER_ERROR(rd, "calendar: bad calendar id \"%s\"", v);
			return -1;
		}
		r->calendar = xstrdup(v);
		break;
	case KEY_CUTOFF:
		if ((r->cutoff_min = parse_cutoff(v)) == -1) {
			READER_ERROR(rd, "cutoff: bad time \"%s\" (HH:MM)", v);
			return -1;
		}
		break;
	case KEY_BACKSTOP:
		return parse_backstop(rd, r, v);
	case KEY_HOLDS:
		return parse_holds(rd, r, v);
	case KEY_HOLD_MAX:
		if (parse_period(v, false, &p) == -1 ||
		    (p.unit != RULE_UNIT_H && p.unit != RULE_UNIT_D)) {
			READER_ERROR(rd, "hold_max: bad period \"%s\" (Nh or "
			    "Nd)", v);
			return -1;
		}
		r->hold_max_s = (int64_t)p.amount *
		    (p.unit == RULE_UNIT_H ? 3600 : 86400);
		break;
	case KEY_APPLIES_FROM:
		if (timefmt_parse_date(v, &r->applies_from) == -1) {
			READER_ERROR(rd, "applies_from: bad date \"%s\" "
			    "(YYYY-MM-DD)", v);
			return -1;
		}
		r->has_applies_from = true;
		break;
	case KEY_STATE_ZONE:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			READER_ERROR(rd, "state_zone: \"%s\" is not yes or no",
			    v);
			return -1;
		}
		r->state_zone = strcmp(v, "yes") == 0;
		break;
	case KEY__COUNT:
		break;
	}
	return 0;
}

/* An error about a whole rule, reported at its header line. */
static void __attribute__((format(printf, 3, 4)))
rule_error(struct reader *rd, const struct rule *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	ruleset_error(rd->rs, rd->fname, r->line, "rule %s: %s", r->id, msg);
	free(msg);
	rd->nerr++;
}

/* Check a complete rule: required keys and combinations of keys. */
static int
rule_finish(struct reader *rd, struct rule *r, unsigned seen)
{
	size_t	i;
	int	n = rd->nerr;

	if (!(seen & (1u << KEY_START)))
		rule_error(rd, r, "missing start");
	if (!(seen & (1u << KEY_DUE)))
		rule_error(rd, r, "missing due");
	if (!(seen & (1u << KEY_STATUS)))
		rule_error(rd, r, "missing status (in-force, proposed, bill or "
		    "contractual)");
	if (rd->nerr != n)
		return -1;
	if (r->cutoff_min >= 0 && (r->due.unit == RULE_UNIT_H ||
	    r->due.unit == RULE_UNIT_ASAP))
		rule_error(rd, r, "cutoff applies only to d, bd and mo "
		    "periods");
	if (r->due.unit == RULE_UNIT_BD && r->calendar == NULL)
		rule_error(rd, r, "a bd period needs a calendar");
	if (r->backstop != NULL && r->backstop_after.unit == RULE_UNIT_BD &&
	    r->calendar == NULL)
		rule_error(rd, r, "a bd backstop needs a calendar");
	if (r->backstop != NULL && r->due.unit == RULE_UNIT_ASAP)
		rule_error(rd, r, "an asap rule cannot have a backstop");
	if (r->anchor == RULE_ANCHOR_YEAR_END && r->due.unit == RULE_UNIT_ASAP)
		rule_error(rd, r, "year-end needs a period");
	if (r->nholds > 0 && r->due.unit == RULE_UNIT_ASAP)
		rule_error(rd, r, "an asap rule has no due time to hold");
	for (i = 0; i < r->nholds; i++)
		if (r->hold_kinds[i].kind != RULE_HOLD_PAUSE &&
		    r->hold_kinds[i].period.unit == RULE_UNIT_BD &&
		    r->calendar == NULL)
			rule_error(rd, r, "hold %s counts business days: it "
			    "needs a calendar", r->holds[i]);
	if (r->state_zone && r->tz == NULL)
		rule_error(rd, r, "state_zone needs a default tz");
	if (r->name == NULL)
		r->name = xstrdup(r->id);
	return rd->nerr != n ? -1 : 0;
}

int
ruleset_parse_rules(struct ruleset *rs, const char *fname, const char *text,
    size_t len)
{
	struct reader		 rd;
	struct rule		 cur;
	struct rule		*dup;
	bool			 in_rule = false, bad = false;
	unsigned		 seen = 0;
	size_t			 mark = 0;
	int			 st, before;
	char			*key, *value, *id, *e;

	memset(&rd, 0, sizeof rd);
	rd.rs = rs;
	rd.fname = fname;
	rd.p = text;
	rd.end = text + len;
	memset(&cur, 0, sizeof cur);
	cur.cutoff_min = -1;
	for (;;) {
		st = rules_reader_next(&rd);
		if (st == 0)
			continue;
		if (st == -1 || rd.line[0] == '[') {
			/*
			 * a rule ends where the next begins; one with an error
			 * is kept, marked, so that its clocks say so
			 */
			if (in_rule && cur.id != NULL) {
				if (!bad)
					rule_finish(&rd, &cur, seen);
				if (rs->nerrors > mark) {
					cur.error = xstrdup(rs->errors[mark]);
					if (cur.name == NULL)
						cur.name = xstrdup(cur.id);
				}
				rs->rules = xreallocarray(rs->rules,
				    rs->nrules + 1, sizeof *rs->rules);
				rs->rules[rs->nrules++] = cur;
				memset(&cur, 0, sizeof cur);
				cur.cutoff_min = -1;
			} else
				rule_clear(&cur);
			in_rule = false;
			if (st == -1)
				break;
			e = rd.line + strlen(rd.line);
			in_rule = true;
			bad = true;
			seen = 0;
			if (e[-1] != ']' || e - rd.line < 2) {
				READER_ERROR(&rd, "bad section header (expected "
				    "[rule-id])");
				continue;
			}
			e[-1] = '\0';
			for (id = rd.line + 1; rules_is_space(*id); id++)
				;
			for (e = id + strlen(id); e > id && rules_is_space(e[-1]); )
				*--e = '\0';
			if (!rules_valid_id(id)) {
				READER_ERROR(&rd, "bad rule id \"%s\" (a-z, 0-9, "
				    "'.', '-', '_'; at most %d)", id,
				    RULE_ID_MAX);
				continue;
			}
			if ((dup = rule_lookup(rs, id)) != NULL) {
				/* neither wins by file name: both are named
				 * and the clock stops with an error */
				READER_ERROR(&rd, "rule %s is defined twice: "
				    "at %s:%d and here", id, dup->file,
				    dup->line);
				if (dup->error == NULL)
					xasprintf(&dup->error, "%s:%d: rule %s "
					    "is defined twice: here and at "
					    "%s:%d", dup->file, dup->line, id,
					    fname, rd.lineno);
				continue;
			}
			bad = false;
			mark = rs->nerrors;
			cur.id = xstrdup(id);
			cur.file = xstrdup(fname);
			cur.line = rd.lineno;
			continue;
		}
		if (rules_split_key(rd.line, &key, &value) == -1) {
			READER_ERROR(&rd, "expected key = value or [rule-id]");
			bad = true;
			continue;
		}
		if (!in_rule) {
			READER_ERROR(&rd, "\"%s\" outside a rule: missing "
			    "[rule-id] before it", key);
			continue;
		}
		if (bad)
			continue;
		before = rd.nerr;
		if (rule_set(&rd, &cur, &seen, key, value) == -1 ||
		    rd.nerr != before)
			bad = true;
	}
	return rd.nerr;
}

/* A "sent:<id>" reference to a rule that is not loaded. */
static bool
dangling_sent(const struct ruleset *rs, const char *name)
{
	return name != NULL && strncmp(name, "sent:", 5) == 0 &&
	    ruleset_find(rs, name + 5) == NULL;
}

int
ruleset_check(struct ruleset *rs)
{
	size_t	i;
	int	nerr = 0;

	for (i = 0; i < rs->nrules; i++) {
		const struct rule	*r = &rs->rules[i];

		if (r->error != NULL)
			continue;
		if (r->calendar != NULL &&
		    ruleset_calendar(rs, r->calendar) == NULL)
			ruleset_rule_error(rs, i, "no calendar \"%s\" is loaded",
			    r->calendar), nerr++;
		if (dangling_sent(rs, r->start))
			ruleset_rule_error(rs, i, "start names a rule that does "
			    "not exist (%s)", r->start), nerr++;
		if (dangling_sent(rs, r->backstop))
			ruleset_rule_error(rs, i, "backstop names a rule that "
			    "does not exist (%s)", r->backstop), nerr++;
	}
	return nerr;
}
