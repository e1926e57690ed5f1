/*
 * plan.c: the parser of response plans (`*.plan`, vigil-plans(5)), the
 * set of plans on offer, and the due times of tasks. Pure: the caller
 * reads the files (src/ops/plan.c) and gathers the facts a due time is
 * counted from; nothing here reads a file, the environment or the clock.
 *
 * A plan with any error is left out whole, with every problem reported as
 * "file:line: message": a plan that silently lost a required task would
 * let an incident close without it.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/plan.h"
#include "vigil/util.h"

static const char *const task_state_names[TASK_STATE__COUNT] = {
	"open", "done", "skipped"
};

const char *
task_state_name(enum task_state s)
{
	return task_state_names[s];
}

int
task_state_parse(const char *s, enum task_state *out)
{
	int	i;

	for (i = 0; s != NULL && i < TASK_STATE__COUNT; i++)
		if (strcmp(s, task_state_names[i]) == 0) {
			*out = (enum task_state)i;
			return 0;
		}
	return -1;
}

void
task_id_format(int64_t num, char out[TASK_ID_MAX])
{
	snprintf(out, TASK_ID_MAX, "T%lld", (long long)num);
}

int
task_id_parse(const char *s, long long *num)
{
	if (s == NULL)
		return -1;
	if (*s == 'T' || *s == 't')
		s++;
	if (*s < '1' || *s > '9')
		return -1;
	return util_parse_int(s, 1, INT64_MAX / 2, num);
}

/* A name of [a-z0-9-], starting with a letter or digit. */
static bool
plan_word(const char *s, size_t max)
{
	size_t	n = 0;

	if (s == NULL || !(islower((unsigned char)*s) ||
	    isdigit((unsigned char)*s)))
		return false;
	for (; *s != '\0'; s++, n++)
		if (!(islower((unsigned char)*s) ||
		    isdigit((unsigned char)*s) || *s == '-' || *s == '_'))
			return false;
	return n < max;
}

/* ---- due specs ---- */

int
task_due_parse(const char *s, struct task_due *out, char *why, size_t whylen)
{
	char		 anchor[MILESTONE_NAME_MAX + 8];
	const char	*p = s, *start;
	size_t		 n;
	long long	 amount;
	int64_t		 unit;
	int		 sign;
	char		*end;

	memset(out, 0, sizeof *out);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || strcmp(p, "none") == 0)
		return 0;
	start = p;
	/* the anchor is a run of [a-z0-9_:-]: a '-' inside it belongs to it
	 * ("gdpr-33"), so a negative offset is written with spaces */
	while (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
	    *p == '_' || *p == ':' || *p == '-')
		p++;
	n = (size_t)(p - start);
	if (n == 0 || n >= sizeof anchor) {
		snprintf(why, whylen, "a due time starts with a milestone, "
		    "'stage:NAME' or a clock id");
		return -1;
	}
	memcpy(anchor, start, n);
	anchor[n] = '\0';
	if (strncmp(anchor, "stage:", 6) == 0) {
		if (stage_parse(anchor + 6, &out->stage) != 0) {
			snprintf(why, whylen, "unknown stage '%s' (detect, "
			    "assess, diagnose, stabilize, close)", anchor + 6);
			return -1;
		}
		out->kind = TASK_DUE_STAGE;
	} else if (strncmp(anchor, "clock:", 6) == 0) {
		if (!plan_word(anchor + 6, sizeof out->ref)) {
			snprintf(why, whylen, "'%s' is not a clock id",
			    anchor + 6);
			return -1;
		}
		out->kind = TASK_DUE_CLOCK;
		memmove(anchor, anchor + 6, strlen(anchor + 6) + 1);
	} else if (milestone_known_name(anchor) ||
	    strcmp(anchor, "declared") == 0 || strcmp(anchor, "created") == 0) {
		out->kind = TASK_DUE_MILESTONE;
	} else if (plan_word(anchor, sizeof out->ref)) {
		out->kind = TASK_DUE_CLOCK;
	} else {
		snprintf(why, whylen, "'%s' is neither a milestone, "
		    "'stage:NAME' nor a clock id", anchor);
		return -1;
	}
	if (out->kind != TASK_DUE_STAGE) {
		if (strlen(anchor) >= sizeof out->ref) {
			snprintf(why, whylen, "the name is too long");
			return -1;
		}
		memcpy(out->ref, anchor, strlen(anchor) + 1);
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return 0;
	if (*p != '+' && *p != '-') {
		snprintf(why, whylen, "expected '+' or '-' after '%s'",
		    anchor);
		return -1;
	}
	sign = *p == '-' ? -1 : 1;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p)) {
		snprintf(why, whylen, "expected an amount such as 12h after "
		    "'%c'", sign < 0 ? '-' : '+');
		return -1;
	}
	amount = strtoll(p, &end, 10);
	p = end;
	switch (*p) {
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	default:
		snprintf(why, whylen, "the unit must be m, h, d or w (as in "
		    "12h)");
		return -1;
	}
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0') {
		snprintf(why, whylen, "unexpected '%s' at the end of the due "
		    "time", p);
		return -1;
	}
	if (amount < 0 || amount > TASK_OFFSET_MAX / unit) {
		snprintf(why, whylen, "the offset is larger than a year");
		return -1;
	}
	out->offset_s = sign * (int64_t)amount * unit;
	return 0;
}

/* The offset in the largest unit that divides it (d, h or m). */
static void
due_offset_text(int64_t s, char *out, size_t len)
{
	int64_t	a = s < 0 ? -s : s;

	if (a % 86400 == 0)
		snprintf(out, len, "%lldd", (long long)(a / 86400));
	else if (a % 3600 == 0)
		snprintf(out, len, "%lldh", (long long)(a / 3600));
	else
		snprintf(out, len, "%lldm", (long long)(a / 60));
}

void
task_due_format(const struct task_due *d, char *out, size_t len)
{
	char	ref[MILESTONE_NAME_MAX + 8], off[32];

	if (len == 0)
		return;
	out[0] = '\0';
	if (d->kind == TASK_DUE_NONE)
		return;
	if (d->kind == TASK_DUE_STAGE)
		snprintf(ref, sizeof ref, "stage:%s", stage_name(d->stage));
	else if (d->kind == TASK_DUE_CLOCK && (milestone_known_name(d->ref) ||
	    strcmp(d->ref, "declared") == 0 || strcmp(d->ref, "created") == 0))
		snprintf(ref, sizeof ref, "clock:%s", d->ref);	/* unambiguous */
	else
		snprintf(ref, sizeof ref, "%s", d->ref);
	if (d->offset_s == 0) {
		snprintf(out, len, "%s", ref);
		return;
	}
	due_offset_text(d->offset_s, off, sizeof off);
	snprintf(out, len, "%s %c %s", ref, d->offset_s < 0 ? '-' : '+', off);
}

/* The first recording of milestone name, or false. */
static bool
facts_milestone(const struct task_facts *f, const char *name, int64_t *at)
{
	size_t	i;
	bool	has = false;

	if (strcmp(name, "created") == 0) {
		*at = f->created_at;
		return true;
	}
	for (i = 0; i < f->nms; i++)
		if (strcmp(f->ms[i].name, name) == 0 &&
		    (!has || f->ms[i].at < *at)) {
			*at = f->ms[i].at;
			has = true;
		}
	return has;
}

/* The first entry into stage s (detect: the incident's creation; close:
 * its closing, which is not a stage change). */
static bool
facts_stage(const struct task_facts *f, enum stage s, int64_t *at)
{
	size_t	i;

	if (s == STAGE_DETECT) {
		*at = f->created_at;
		return true;
	}
	if (s == STAGE_CLOSE) {
		*at = f->closed_at;
		return f->closed;
	}
	for (i = 0; i < f->nch; i++)
		if (f->ch[i].to == s) {
			*at = f->ch[i].at;
			return true;
		}
	return false;
}

void
task_due_eval(const struct task_due *d, const struct task_facts *f,
    int64_t created_at, bool done, int64_t done_at, int64_t now,
    struct task_eval *out)
{
	const struct task_clock	*c = NULL;
	int64_t			 base = 0, start;
	size_t			 i;
	bool			 has = false;

	memset(out, 0, sizeof *out);
	out->state = CLOCK_NONE;
	switch (d->kind) {
	case TASK_DUE_NONE:
		return;
	case TASK_DUE_MILESTONE:
		has = facts_milestone(f, d->ref, &base);
		start = base;
		if (!has)
			snprintf(out->waiting, sizeof out->waiting, "%s",
			    d->ref);
		break;
	case TASK_DUE_STAGE:
		has = facts_stage(f, d->stage, &base);
		start = base;
		if (!has)
			snprintf(out->waiting, sizeof out->waiting,
			    "stage:%s", stage_name(d->stage));
		break;
	case TASK_DUE_CLOCK:
		for (i = 0; i < f->nclocks; i++)
			if (strcmp(f->clocks[i].id, d->ref) == 0)
				c = &f->clocks[i];
		if (c != NULL && c->has_due) {
			has = true;
			base = c->due;
			start = c->has_start ? c->start : created_at;
		} else
			snprintf(out->waiting, sizeof out->waiting, "%s%s",
			    d->ref, c == NULL ? " (not enabled)" : "");
		break;
	}
	if (!has) {
		out->state = CLOCK_PENDING;
		return;
	}
	out->has_due = true;
	out->due = base + d->offset_s;
	/* The period runs from the anchor, or from when the task was added
	 * when that is later but still before the due time. */
	if (created_at > start && created_at < out->due)
		start = created_at;
	if (start >= out->due)
		start = out->due - 1;
	out->start = start;
	out->state = deadline_classify(start, out->due, now, done, done_at);
	out->remaining_s = (done ? done_at : now) < out->due ?
	    out->due - (done ? done_at : now) :
	    -((done ? done_at : now) - out->due);
}

void
task_eval_deadline(const struct task_eval *ev, int64_t done_at,
    struct deadline *d)
{
	memset(d, 0, sizeof *d);
	d->state = ev->state;
	d->has_due = ev->has_due;
	d->due = ev->due;
	d->remaining = ev->remaining_s;
	d->done_at = done_at;
}

/* ---- plans ---- */

struct planset *
planset_new(void)
{
	return xcalloc(1, sizeof(struct planset));
}

static void
strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
plan_clear(struct plan *p)
{
	size_t	i;

	free(p->type);
	free(p->title);
	free(p->summary);
	free(p->source);
	strv_free(p->clocks, p->nclocks);
	free(p->clock_lines);
	for (i = 0; i < p->nrecipients; i++)
		free(p->recipients[i].name);
	free(p->recipients);
	strv_free(p->templates, p->ntemplates);
	free(p->template_lines);
	for (i = 0; i < p->ntasks; i++) {
		free(p->tasks[i].key);
		free(p->tasks[i].title);
	}
	free(p->tasks);
	free(p->file);
	memset(p, 0, sizeof *p);
}

void
planset_free(struct planset **ps)
{
	size_t	i;

	if (*ps == NULL)
		return;
	for (i = 0; i < (*ps)->nplans; i++)
		plan_clear(&(*ps)->plans[i]);
	free((*ps)->plans);
	strv_free((*ps)->errors, (*ps)->nerrors);
	free(*ps);
	*ps = NULL;
}

void
planset_error(struct planset *ps, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	ps->errors = xreallocarray(ps->errors, ps->nerrors + 1,
	    sizeof *ps->errors);
	ps->errors[ps->nerrors++] = msg;
}

/* One file being parsed. */
struct plan_reader {
	struct planset	*ps;
	const char	*fname;
	int		 nerr;
	int		 lineno;
	struct plan	 p;
	struct plan_task *task;		/* the [task] being read, or NULL */
	unsigned	 seen;		/* keys given in the current section */
};

static void __attribute__((format(printf, 2, 3)))
plan_err(struct plan_reader *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	planset_error(r->ps, "%s:%d: %s", r->fname, r->lineno, msg);
	free(msg);
	r->nerr++;
}

/* Strip spaces at both ends, in place. */
static char *
plan_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Split a comma list into words, appended to *v (lines in *lines). */
static void
plan_list(struct plan_reader *r, const char *what, char *value, char ***v,
    int **lines, size_t *n)
{
	char	*w, *save = NULL;

	for (w = strtok_r(value, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		w = plan_trim(w);
		if (!plan_word(w, PLAN_TYPE_MAX + 16)) {
			plan_err(r, "'%s' is not a %s name", w, what);
			continue;
		}
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*v)[*n] = xstrdup(w);
		(*lines)[*n] = r->lineno;
		(*n)++;
	}
}

enum plan_key {
	PK_TYPE, PK_TITLE, PK_SUMMARY, PK_SOURCE, PK_CLOCKS, PK_RECIPIENT,
	PK_TEMPLATES, PK__COUNT
};
static const char *const plan_keys[PK__COUNT] = {
	"type", "title", "summary", "source", "clocks", "recipient",
	"templates"
};
enum task_key { TK_TITLE, TK_STAGE, TK_ROLE, TK_REQUIRED, TK_DUE, TK__COUNT };
static const char *const task_keys[TK__COUNT] = {
	"title", "stage", "role", "required", "due"
};

static int
key_index(const char *const *keys, int n, const char *k)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return i;
	return -1;
}

/* "regulator, portal, Lead supervisory authority" */
static void
plan_recipient(struct plan_reader *r, char *value)
{
	struct plan_recipient	 pr;
	char			*kind, *chan, *name, *c1, *c2;

	c1 = strchr(value, ',');
	c2 = c1 != NULL ? strchr(c1 + 1, ',') : NULL;
	if (c2 == NULL) {
		plan_err(r, "a recipient is 'KIND, CHANNEL, NAME'");
		return;
	}
	*c1 = *c2 = '\0';
	kind = plan_trim(value);
	chan = plan_trim(c1 + 1);
	name = plan_trim(c2 + 1);
	memset(&pr, 0, sizeof pr);
	if (recipient_kind_parse(kind, &pr.kind) != 0) {
		plan_err(r, "unknown recipient kind '%s' (customer, regulator, "
		    "support-org, service-org, data-subjects)", kind);
		return;
	}
	if (recipient_channel_parse(chan, &pr.channel) != 0) {
		plan_err(r, "unknown channel '%s' (email, portal, phone, "
		    "letter, other)", chan);
		return;
	}
	if (*name == '\0' || strlen(name) > RECIPIENT_NAME_MAX) {
		plan_err(r, "a recipient needs a name of at most %d bytes",
		    RECIPIENT_NAME_MAX);
		return;
	}
	pr.name = xstrdup(name);
	pr.line = r->lineno;
	r->p.recipients = xreallocarray(r->p.recipients, r->p.nrecipients + 1,
	    sizeof *r->p.recipients);
	r->p.recipients[r->p.nrecipients++] = pr;
}

static void
plan_header_key(struct plan_reader *r, int k, char *value)
{
	if (k != PK_RECIPIENT && k != PK_CLOCKS && k != PK_TEMPLATES &&
	    (r->seen & (1u << k)) != 0) {
		plan_err(r, "'%s' is given twice", plan_keys[k]);
		return;
	}
	r->seen |= 1u << k;
	switch (k) {
	case PK_TYPE:
		if (!plan_word(value, PLAN_TYPE_MAX)) {
			plan_err(r, "the type must be 1 to %d characters of "
			    "a-z, 0-9 and '-'", PLAN_TYPE_MAX - 1);
			return;
		}
		r->p.type = xstrdup(value);
		r->p.line = r->lineno;
		break;
	case PK_TITLE:
		r->p.title = xstrdup(value);
		break;
	case PK_SUMMARY:
		r->p.summary = xstrdup(value);
		break;
	case PK_SOURCE:
		r->p.source = xstrdup(value);
		break;
	case PK_CLOCKS:
		plan_list(r, "clock", value, &r->p.clocks, &r->p.clock_lines,
		    &r->p.nclocks);
		break;
	case PK_RECIPIENT:
		plan_recipient(r, value);
		break;
	case PK_TEMPLATES:
		plan_list(r, "template", value, &r->p.templates,
		    &r->p.template_lines, &r->p.ntemplates);
		break;
	}
}

static void
plan_task_key(struct plan_reader *r, int k, char *value)
{
	struct plan_task	*t = r->task;
	char			 why[256];

	if ((r->seen & (1u << k)) != 0) {
		plan_err(r, "'%s' is given twice in this task", task_keys[k]);
		return;
	}
	r->seen |= 1u << k;
	switch (k) {
	case TK_TITLE:
		if (*value == '\0' || strlen(value) > TASK_TITLE_MAX) {
			plan_err(r, "a task title is 1 to %d bytes",
			    TASK_TITLE_MAX);
			return;
		}
		t->title = xstrdup(value);
		break;
	case TK_STAGE:
		if (stage_parse(value, &t->stage) != 0)
			plan_err(r, "unknown stage '%s' (detect, assess, "
			    "diagnose, stabilize, close)", value);
		break;
	case TK_ROLE:
		if (role_parse(value, &t->role) != 0)
			plan_err(r, "unknown role '%s' (triage, sim, "
			    "forensics, service, eim, comms, support)", value);
		break;
	case TK_REQUIRED:
		if (strcmp(value, "yes") == 0)
			t->required = true;
		else if (strcmp(value, "no") == 0)
			t->required = false;
		else
			plan_err(r, "required must be yes or no");
		break;
	case TK_DUE:
		if (task_due_parse(value, &t->due, why, sizeof why) != 0)
			plan_err(r, "due: %s", why);
		break;
	}
}

/* The task just finished must have its title, stage and role. */
static void
plan_task_end(struct plan_reader *r, int line)
{
	int	saved = r->lineno;

	if (r->task == NULL)
		return;
	r->lineno = line;
	if ((r->seen & (1u << TK_TITLE)) == 0)
		plan_err(r, "task '%s' has no title", r->task->key);
	if ((r->seen & (1u << TK_STAGE)) == 0)
		plan_err(r, "task '%s' has no stage", r->task->key);
	if ((r->seen & (1u << TK_ROLE)) == 0)
		plan_err(r, "task '%s' has no role", r->task->key);
	r->lineno = saved;
}

static void
plan_section(struct plan_reader *r, char *s)
{
	struct plan_task	*t;
	char			*close, *name;
	size_t			 i;

	close = strchr(s, ']');
	if (close == NULL || close[1] != '\0') {
		plan_err(r, "a section header is '[task KEY]'");
		return;
	}
	*close = '\0';
	s = plan_trim(s + 1);
	if (strncmp(s, "task", 4) != 0 || (s[4] != ' ' && s[4] != '\t')) {
		plan_err(r, "unknown section '[%s]' (only [task KEY])", s);
		return;
	}
	name = plan_trim(s + 4);
	if (!plan_word(name, PLAN_KEY_MAX)) {
		plan_err(r, "a task key is 1 to %d characters of a-z, 0-9 and "
		    "'-'", PLAN_KEY_MAX - 1);
		return;
	}
	for (i = 0; i < r->p.ntasks; i++)
		if (strcmp(r->p.tasks[i].key, name) == 0) {
			plan_err(r, "task '%s' is defined twice (first at "
			    "line %d)", name, r->p.tasks[i].line);
			return;
		}
	r->p.tasks = xreallocarray(r->p.tasks, r->p.ntasks + 1,
	    sizeof *r->p.tasks);
	t = &r->p.tasks[r->p.ntasks++];
	memset(t, 0, sizeof *t);
	t->key = xstrdup(name);
	t->line = r->lineno;
	r->task = t;
	r->seen = 0;
}

static void
plan_line(struct plan_reader *r, char *s)
{
	char	*eq, *k, *v;
	int	 idx;

	s = plan_trim(s);
	if (*s == '\0' || *s == '#')
		return;
	if (*s == '[') {
		if (r->task != NULL)
			plan_task_end(r, r->task->line);
		r->task = NULL;
		plan_section(r, s);
		return;
	}
	if ((eq = strchr(s, '=')) == NULL) {
		plan_err(r, "expected 'key = value'");
		return;
	}
	*eq = '\0';
	k = plan_trim(s);
	v = plan_trim(eq + 1);
	if (r->task != NULL) {
		if ((idx = key_index(task_keys, TK__COUNT, k)) < 0) {
			plan_err(r, "unknown task key '%s' (title, stage, role, "
			    "required, due)", k);
			return;
		}
		plan_task_key(r, idx, v);
		return;
	}
	if ((idx = key_index(plan_keys, PK__COUNT, k)) < 0) {
		plan_err(r, "unknown key '%s' (type, title, summary, source, "
		    "clocks, recipient, templates, or a [task KEY] section)",
		    k);
		return;
	}
	plan_header_key(r, idx, v);
}

int
planset_parse(struct planset *ps, const char *fname, const char *text,
    size_t len)
{
	struct plan_reader	 r;
	char			 line[PLAN_LINE_MAX + 2];
	const char		*p = text, *end = text + len, *nl;
	size_t			 n, i;

	memset(&r, 0, sizeof r);
	r.ps = ps;
	r.fname = fname;
	if (len > PLAN_FILE_MAX) {
		r.lineno = 1;
		plan_err(&r, "the file is larger than %d bytes", PLAN_FILE_MAX);
		return r.nerr;
	}
	while (p < end) {
		r.lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl == NULL ? (size_t)(end - p) : (size_t)(nl - p);
		if (n > PLAN_LINE_MAX) {
			plan_err(&r, "the line is longer than %d bytes",
			    PLAN_LINE_MAX);
		} else if (memchr(p, '\0', n) != NULL) {
			plan_err(&r, "the line holds a NUL byte");
		} else {
			memcpy(line, p, n);
			line[n] = '\0';
			plan_line(&r, line);
		}
		p += n + (nl != NULL ? 1 : 0);
	}
	if (r.task != NULL)
		plan_task_end(&r, r.task->line);
	r.lineno = 1;
	if (r.p.type == NULL)
		plan_err(&r, "the plan has no 'type ='");
	if (r.p.title == NULL)
		plan_err(&r, "the plan has no 'title ='");
	if (r.p.ntasks == 0)
		plan_err(&r, "the plan has no [task KEY] section");
	if (r.nerr > 0) {
		plan_clear(&r.p);
		return r.nerr;
	}
	r.p.file = xstrdup(fname);
	for (i = 0; i < ps->nplans; i++)
		if (strcmp(ps->plans[i].type, r.p.type) == 0) {
			plan_clear(&ps->plans[i]);
			ps->plans[i] = r.p;
			return 0;
		}
	ps->plans = xreallocarray(ps->plans, ps->nplans + 1,
	    sizeof *ps->plans);
	ps->plans[ps->nplans++] = r.p;
	return 0;
}

static bool
name_in(const char *s, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

int
planset_check(struct planset *ps, const char *const *clock_ids,
    size_t nclocks, const char *const *templates, size_t ntemplates)
{
	struct plan	*p;
	size_t		 i, k, keep = 0;
	int		 total = 0, bad;

	for (i = 0; i < ps->nplans; i++) {
		p = &ps->plans[i];
		bad = 0;
		for (k = 0; k < p->nclocks; k++)
			if (!name_in(p->clocks[k], clock_ids, nclocks)) {
				planset_error(ps, "%s:%d: unknown clock '%s' "
				    "(not in the rules loaded)", p->file,
				    p->clock_lines[k], p->clocks[k]);
				bad++;
			}
		for (k = 0; k < p->ntemplates; k++)
			if (!name_in(p->templates[k], templates, ntemplates)) {
				planset_error(ps, "%s:%d: unknown template '%s' "
				    "(no templates/%s.md)", p->file,
				    p->template_lines[k], p->templates[k],
				    p->templates[k]);
				bad++;
			}
		for (k = 0; k < p->ntasks; k++)
			if (p->tasks[k].due.kind == TASK_DUE_CLOCK &&
			    !name_in(p->tasks[k].due.ref, clock_ids,
			    nclocks)) {
				planset_error(ps, "%s:%d: task '%s' is due on "
				    "unknown clock '%s'", p->file,
				    p->tasks[k].line, p->tasks[k].key,
				    p->tasks[k].due.ref);
				bad++;
			}
		total += bad;
		if (bad > 0)
			plan_clear(p);
		else
			ps->plans[keep++] = *p;
	}
	ps->nplans = keep;
	return total;
}

const struct plan *
planset_find(const struct planset *ps, const char *type)
{
	size_t	i;

	for (i = 0; ps != NULL && i < ps->nplans; i++)
		if (strcmp(ps->plans[i].type, type) == 0)
			return &ps->plans[i];
	return NULL;
}
