/*
 * panes.c: the panes the main view and the incident view share: header,
 * role panels, the notification-deadline panel (one line per clock, the
 * customer clock first), the ladder, the timeline, the recipients (id,
 * name, state, when sent), and the three bottom
 * lines (message, status, hints). Each draws only inside the rectangle it
 * is given, only through draw.c, and reads only what data.c loaded.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-private.h"
#include "vigil/countdown.h"
#include "vigil/milestone.h"
#include "vigil/ops-notify.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* The roles shown: all seven in table order, or the five required. */
static int
panes_role_list(bool all, enum role *out)
{
	static const enum role five[] = {
		ROLE_SIM, ROLE_FORENSICS, ROLE_EIM, ROLE_COMMS, ROLE_SUPPORT,
	};
	int	n = 0, r;

	if (all)
		for (r = 0; r < ROLE__COUNT; r++)
			out[n++] = (enum role)r;
	else
		for (r = 0; r < (int)nitems(five); r++)
			out[n++] = five[r];
	return n;
}

/* "13:02Z" today (UTC), "11-21 13:02Z" otherwise. */
void
panes_time(const struct tui *t, int64_t at, char *out, size_t len)
{
	char	u[TIMEFMT_MAX], n[TIMEFMT_MAX];

	timefmt_utc_short(at, u);		/* 2026-11-22 08:50Z */
	timefmt_utc_short(ops_now(t->ctx), n);
	if (strncmp(u, n, 10) == 0)
		snprintf(out, len, "%s", u + 11);
	else
		snprintf(out, len, "%.5s %s", u + 5, u + 11);
}

/* The viewer's local time: "2026-11-25 09:50 CET". */
void
panes_local(int64_t t, char *out, size_t len)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(out, len, "%Y-%m-%d %H:%M %Z", &tm) == 0)
		snprintf(out, len, "?");
}

/*
 * Whether the viewer's wall clock differs from UTC at t (not in UTC, nor
 * in London in winter): else a "local" line would repeat the UTC one.
 */
static bool
panes_local_differs(int64_t t)
{
	struct tm	l, u;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &l) == NULL || gmtime_r(&tt, &u) == NULL)
		return true;
	return l.tm_hour != u.tm_hour || l.tm_min != u.tm_min ||
	    l.tm_mday != u.tm_mday;
}

/* The right end of the header: "14:02Z  alice  ? help"; its width. */
static int
panes_header_right(struct tui *t, bool draw)
{
	const struct rect	*r = &t->lay.header;
	char			 u[TIMEFMT_MAX], *s, *clean;
	int			 w;

	timefmt_utc_short(ops_now(t->ctx), u);
	xasprintf(&s, "%s  %s  ? help ", u + 11, t->ctx->me.login);
	clean = sanitize_fit(s, r->w / 2, t->san, &w);
	if (draw)
		draw_text(t, r->y, r->x + r->w - w, w, clean,
		    draw_attr(t, SLOT_TITLE), 0);
	free(clean);
	free(s);
	return w;
}

void
panes_header_clock(struct tui *t)
{
	panes_header_right(t, true);
}

void
panes_header(struct tui *t, const char *title)
{
	const struct rect	*r = &t->lay.header;
	struct buf		 b;
	int			 right = panes_header_right(t, false);

	buf_init(&b);
	/* the witness's warning takes the header until acknowledged (red,
	 * reverse, and the word itself: colour never carries it alone) */
	if (t->witness_warn[0] != '\0' && !t->witness_ack) {
		buf_printf(&b, " WARNING: %s  (! or :seen hides this; :messages)",
		    t->witness_warn);
		draw_text(t, r->y, r->x, r->w - right - 1, buf_str(&b),
		    draw_attr(t, SLOT_OVERDUE), DRAW_PAD);
		buf_clear(&b);
		panes_header_clock(t);
		return;
	}
	if (title != NULL)
		buf_printf(&b, " vigil  %s", title);
	else
		buf_printf(&b, " vigil  open %lld  sev1 %lld  mine %lld  "
		    "declared %lld", (long long)t->q.open, (long long)t->q.sev1,
		    (long long)t->q.mine, (long long)t->q.declared);
	/* my tasks due within the hour, and overdue (tasks.c), when any:
	 * "tasks 1<1h 2 LATE" */
	if (title == NULL && (t->mine_soon > 0 || t->mine_overdue > 0)) {
		buf_printf(&b, "  tasks %d<1h", t->mine_soon);
		if (t->mine_overdue > 0)
			buf_printf(&b, " %d LATE", t->mine_overdue);
	}
	/* the inbox's own counter, once alerts are coming in */
	if (title == NULL && t->ib.entries > 0)
		buf_printf(&b, "  inbox %lld", (long long)t->ib.entries);
	draw_text(t, r->y, r->x, r->w - right - 1, buf_str(&b),
	    draw_attr(t, SLOT_TITLE), DRAW_PAD);
	buf_clear(&b);
	panes_header_clock(t);
}

void
panes_roles(struct tui *t, const struct rect *r, bool all)
{
	enum role	 v[ROLE__COUNT];
	char		 since[32], *title;
	int		 n, i, y, x = r->x + 1, w = r->w - 2;
	bool		 focus = t->focus == PANE_ROLES;
	attr_t		 a;

	if (r->h - 2 < ROLE__COUNT)
		all = false;
	xasprintf(&title, "Roles%s%s", t->d.has ? " " : "",
	    t->d.has ? t->d.inc.key : "");
	draw_box(t, r, title, focus);
	free(title);
	if (!t->d.has) {
		draw_text(t, r->y + 1, x + 1, w - 1, "(no incident selected)",
		    draw_attr(t, SLOT_MUTED), 0);
		return;
	}
	n = panes_role_list(all, v);
	for (i = 0; i < n && i < r->h - 2; i++) {
		const char	*h = t->d.inc.holder[v[i]];
		bool		 sel = focus && i == t->d.role_sel;

		y = r->y + 1 + i;
		a = sel ? draw_attr(t, SLOT_SELECTED) : A_NORMAL;
		draw_text(t, y, x, w, sel ? "> " : "  ", a, DRAW_PAD);
		draw_text(t, y, x + 2, 10, role_label(v[i]), a, 0);
		if (h == NULL) {
			draw_text(t, y, x + 12, w - 12, "(vacant)",
			    sel ? a : draw_attr(t, SLOT_MUTED), 0);
		} else {
			draw_text(t, y, x + 12, 10, h, a, 0);
			panes_time(t, t->d.inc.held_since[v[i]], since,
			    sizeof since);
			/* narrow: another day's "11-25 08:50Z" as "11-25" */
			if ((int)strlen(since) + 6 > w - 22 && strlen(since) > 6)
				since[5] = '\0';
			draw_fmt(t, y, x + 22, w - 22, a, 0, "since %s", since);
		}
		if (sel) {
			t->cursor_y = y;
			t->cursor_x = x;
		}
	}
}

enum role
panes_role_at(const struct tui *t)
{
	enum role	v[ROLE__COUNT];
	int		n = panes_role_list(t->lay.all_roles, v);

	return v[t->d.role_sel >= 0 && t->d.role_sel < n ? t->d.role_sel : 0];
}

int
panes_key_roles(struct tui *t, enum tui_action a)
{
	enum role	v[ROLE__COUNT];
	int		n = panes_role_list(t->lay.all_roles, v);

	switch (a) {
	case ACT_UP:
		if (t->d.role_sel > 0)
			t->d.role_sel--;
		return RD_PAINT;
	case ACT_DOWN:
		if (t->d.role_sel < n - 1)
			t->d.role_sel++;
		return RD_PAINT;
	case ACT_HOME:
	case ACT_PGUP:
		t->d.role_sel = 0;
		return RD_PAINT;
	case ACT_END:
	case ACT_PGDN:
		t->d.role_sel = n - 1;
		return RD_PAINT;
	case ACT_OPEN:
		return RD_REQUEST(ACT_ASSIGN);	/* the loop starts it */
	default:
		return RD_NONE;
	}
}

/* The latest occurrence of a milestone, or NULL. */
static const struct milestone *
panes_milestone(const struct detail *d, const char *name)
{
	const struct milestone	*m = NULL;
	size_t			 i;

	for (i = 0; i < d->nms; i++)
		if (strcmp(d->ms[i].name, name) == 0)
			m = &d->ms[i];
	return m;
}

/* One line of the deadline panel; `ticks` lines change every second. */
struct dl_line {
	char	*text;
	attr_t	 attr;
	bool	 ticks;
	char	 label[64];	/* the countdown, in its state's attr */
	int	 label_x;
	attr_t	 label_attr;
	enum clock_state label_state;	/* running: its digits plain */
};

static void
dl_add(struct dl_line *v, int *n, int max, bool ticks, attr_t a,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
dl_add(struct dl_line *v, int *n, int max, bool ticks, attr_t a,
    const char *fmt, ...)
{
	va_list	ap;

	if (*n >= max)
		return;
	memset(&v[*n], 0, sizeof v[*n]);
	va_start(ap, fmt);
	xvasprintf(&v[*n].text, fmt, ap);
	va_end(ap);
	v[*n].attr = a;
	v[*n].ticks = ticks;
	(*n)++;
}

/* A clock's countdown label and its state attribute. */
static void
dl_label(struct tui *t, struct dl_line *l, const struct clock_view *cv,
    int x)
{
	struct deadline	d;

	clock_view_deadline(cv, &d);
	if (d.state == CLOCK_HELD && cv->r.has_due) {
		char	hms[TIMEFMT_MAX];

		timefmt_hms(cv->r.remaining_s, hms);
		snprintf(l->label, sizeof l->label, "HELD %s left", hms);
	} else if (d.state == CLOCK_ERROR) {
		/* the file:line to fix, by its base name: the pane is narrow */
		const char	*m = cv->r.message, *colon = strchr(m, ':');
		const char	*p;

		for (p = m; colon != NULL && p < colon; p++)
			if (*p == '/')
				m = p + 1;
		snprintf(l->label, sizeof l->label, "ERROR %.57s", m);
	}
	else
		countdown_label(&d, l->label, sizeof l->label);
	l->label_x = x;
	l->label_attr = draw_state_attr(t, d.state);
	l->label_state = d.state;
	/* a proposed rule is not law: marked, and never in alarm colours */
	if (cv->rule != NULL && rule_not_law(cv->rule) &&
	    d.state != CLOCK_ERROR) {
		snprintf(l->label + strlen(l->label), sizeof l->label -
		    strlen(l->label), " %s", rule_status_name(
		    cv->rule->status));
		l->label_attr = draw_attr(t, SLOT_MUTED);
		l->label_state = CLOCK_NONE;	/* muted whole */
	}
}

/*
 * The description under the clocks: "about     " then its lines (each
 * line as written, word-wrapped to w cells), as many as fit; when cut,
 * the last one says where the rest is. Sanitized here, so that the wrap
 * measures what is shown.
 */
static void
dl_about(struct tui *t, const char *raw, struct dl_line *v, int *n, int max,
    int w)
{
	char		*clean = sanitize(raw, t->san | SAN_MULTILINE);
	char		*line = NULL, *word, *try;
	const char	*p = clean;
	size_t		 len;
	int		 tw = w - 10 < 10 ? 10 : w - 10, first = *n;

	while (*n < max) {
		len = strcspn(p, " \n");
		if (len > 0) {
			try = xstrndup(p, len);
			word = sanitize_fit(try, tw, t->san, NULL);
			free(try);
			if (line == NULL)
				line = word;
			else {
				xasprintf(&try, "%s %s", line, word);
				if (sanitize_width(try) > tw) {
					free(try);
					dl_add(v, n, max, false, A_NORMAL,
					    "%-10s%s", *n == first ? "about" :
					    "", line);
					free(line);
					line = word;
				} else {
					free(line);
					free(word);
					line = try;
				}
			}
		}
		p += len;
		if (*p == ' ') {
			p++;
			continue;
		}
		/* the end of a line as written, or of the text */
		if (line != NULL || *p == '\n')
			dl_add(v, n, max, false, A_NORMAL, "%-10s%s",
			    *n == first ? "about" : "", line != NULL ? line :
			    "");
		free(line);
		line = NULL;
		if (*p == '\0')
			break;
		p++;
	}
	if ((*p != '\0' || line != NULL) && *n > first) {
		/* cut: the last line shown says where the rest is */
		free(v[*n - 1].text);
		xasprintf(&v[*n - 1].text, "%-10s%s", *n - 1 == first ?
		    "about" : "", "... (all of it: vigil show)");
	}
	free(line);
	free(clean);
}

void
panes_deadline(struct tui *t, const struct rect *r, bool tick)
{
	struct dl_line		 v[32];
	const struct detail	*d = &t->d;
	const struct clock_view	*cv;
	char			 a[TIMEFMT_MAX], b[64];
	int			 n = 0, max, i, w = r->w - 3, x = r->x + 2;
	int			 spare;
	int64_t			 period, pct;
	size_t			 k;

	max = r->h - 2;
	if (max > (int)nitems(v))
		max = (int)nitems(v);
	if (!tick)
		draw_box(t, r, "Notification deadline",
		    t->focus == PANE_DEADLINE);
	if (!d->has || max <= 0)
		return;
	cv = d->nclocks > 0 ? &d->clocks[0] : NULL;
	/*
	 * What must show: declared, due, left and one line per regulator's
	 * clock (or the two "not declared" lines). Local time and the
	 * recipients line come only with room to spare (80x24 is tight).
	 */
	spare = max - (d->inc.declared ? 3 : 2) - (d->nclocks > 0 ?
	    (int)d->nclocks - 1 : 0);
	if (d->inc.declared) {
		timefmt_utc_short(d->inc.declared_at, a);
		dl_add(v, &n, max, false, A_NORMAL, "declared  %s by %s", a,
		    d->inc.declared_by != NULL ? d->inc.declared_by : "?");
		if (cv != NULL && cv->r.has_due) {
			timefmt_utc_short(cv->r.due, a);
			dl_add(v, &n, max, false, A_NORMAL, "due       %s", a);
			if (panes_local_differs(cv->r.due) && spare-- > 0) {
				panes_local(cv->r.due, b, sizeof b);
				dl_add(v, &n, max, false, A_NORMAL,
				    "local     %s", b);
			}
		}
		if (cv != NULL) {
			period = cv->r.due - (cv->r.start + cv->r.held_s);
			pct = period > 0 ? cv->r.remaining_s * 100 / period : 0;
			if (cv->r.sent || cv->r.remaining_s < 0)
				dl_add(v, &n, max, true, A_NORMAL, "%s",
				    cv->r.sent ? "notified" : "left");
			else
				dl_add(v, &n, max, true, A_NORMAL,
				    "%-25s(%lld%% of %lldh)", "left",
				    (long long)pct, (long long)(period / 3600));
			if (n > 0 && v[n - 1].ticks)
				dl_label(t, &v[n - 1], cv, 10);
		}
	} else if (cv != NULL && cv->r.state == CLOCK_RETRACTED &&
	    cv->r.has_due) {
		/* stopped, not reset: a new declaration resumes it */
		timefmt_utc_short(cv->r.due, a);
		dl_add(v, &n, max, false, draw_attr(t, SLOT_MUTED),
		    "customer  RETRACTED");
		dl_add(v, &n, max, false, draw_attr(t, SLOT_MUTED),
		    "resumes, due %s", a);
	} else {
		dl_add(v, &n, max, false, draw_attr(t, SLOT_MUTED),
		    "customer  -  no breach declared");
		dl_add(v, &n, max, false, draw_attr(t, SLOT_MUTED), "%s",
		    d->may_declare && !t->ctx->read_only ?
		    "you are its EIM: D declares" :
		    "only its EIM can declare a breach");
	}
	/* where the notifications stand (the sketch in docs/CONSOLE.md) */
	if (d->nrec > 0 && spare-- > 0)
		dl_add(v, &n, max, false, A_NORMAL, "recipients %zu of %zu "
		    "notified", d->nrec_notified, d->nrec);
	/* the regulators' clocks, one line each */
	for (k = 1; k < d->nclocks; k++) {
		i = n;
		dl_add(v, &n, max, true, A_NORMAL, "%-9.9s", d->clocks[k].id);
		if (n > i)
			dl_label(t, &v[n - 1], &d->clocks[k], 10);
	}
	/* room to spare (tall terminals): the ladder too */
	if (max - n > LADDER_STEPS && view_top(t) != &view_incident) {
		dl_add(v, &n, max, false, A_NORMAL, "%s", "");
		for (i = 0; i < LADDER_STEPS; i++) {
			const struct milestone	*m = panes_milestone(d,
						    milestone_ladder_name(i));

			if (m != NULL)
				timefmt_utc_short(m->at, a);
			dl_add(v, &n, max, false, m != NULL ? A_NORMAL :
			    draw_attr(t, SLOT_MUTED), "%s %-21s%s",
			    m != NULL ? "x" : ".", milestone_ladder_name(i),
			    m != NULL ? a : "");
		}
	}
	/* the incident view: its description in the room left (not on a
	 * tick, which redraws only the countdowns) */
	if (!tick && view_top(t) == &view_incident && max - n >= 1 &&
	    d->inc.description != NULL && d->inc.description[0] != '\0')
		dl_about(t, d->inc.description, v, &n, max, w);
	for (i = 0; i < n; i++) {
		int	y = r->y + 1 + i;

		if (!tick || v[i].ticks)
			draw_text(t, y, x, w, v[i].text, v[i].attr, DRAW_PAD);
		if (v[i].label[0] != '\0' && (!tick || v[i].ticks))
			draw_countdown(t, y, x + v[i].label_x, w -
			    v[i].label_x, v[i].label, v[i].label_state,
			    v[i].label_attr, 0);
		free(v[i].text);
	}
}

void
panes_ladder(struct tui *t, const struct rect *r)
{
	const struct milestone	*m;
	char			 u[TIMEFMT_MAX], gap[TIMEFMT_MAX];
	int			 i, y, w = r->w - 2, x = r->x + 1;
	int64_t			 prev = 0;
	bool			 has_prev = false;

	draw_box(t, r, "Notification ladder", t->focus == PANE_LADDER);
	if (!t->d.has)
		return;
	for (i = 0; i < LADDER_STEPS && i < r->h - 2; i++) {
		y = r->y + 1 + i;
		m = panes_milestone(&t->d, milestone_ladder_name(i));
		draw_text(t, y, x, 2, m != NULL ? "x" : ".",
		    m != NULL ? draw_attr(t, SLOT_OK) :
		    draw_attr(t, SLOT_MUTED), 0);
		draw_text(t, y, x + 2, 20, milestone_ladder_name(i),
		    m != NULL ? A_NORMAL : draw_attr(t, SLOT_MUTED), 0);
		if (m == NULL)
			continue;
		timefmt_utc_short(m->at, u);
		/* narrow: "11-22 08:50Z" */
		draw_text(t, y, x + 22, w - 22, w >= 48 ? u : u + 5, A_NORMAL,
		    0);
		if (has_prev && w >= 44) {
			timefmt_span(m->at - prev, gap);
			draw_fmt(t, y, x + (w >= 48 ? 40 : 35), w -
			    (w >= 48 ? 40 : 35), draw_attr(t, SLOT_MUTED), 0,
			    "%s%s", m->at < prev ? "-" : "+", gap);
		}
		prev = m->at;
		has_prev = true;
	}
}

void
panes_timeline(struct tui *t, const struct rect *r, bool boxed)
{
	const struct detail	*d = &t->d;
	struct rect		 in = *r;
	char			 when[32], *s;
	size_t			 i;
	int			 row;
	bool			 focused = t->focus == PANE_TIMELINE;

	if (boxed) {
		draw_box(t, r, "Timeline", t->focus == PANE_TIMELINE);
		in.y++;
		in.x++;
		in.h -= 2;
		in.w -= 2;
	}
	if (!d->has)
		return;
	if (d->ntl == 0) {
		draw_text(t, in.y, in.x + 1, in.w - 1, "(nothing yet)",
		    draw_attr(t, SLOT_MUTED), 0);
		return;
	}
	for (row = 0, i = (size_t)d->tl_top; i < d->ntl && row < in.h;
	    i++, row++) {
		bool	sel = focused && (int)i == d->tl_sel;

		panes_time(t, d->tl[i].at, when, sizeof when);
		xasprintf(&s, "%s%s %s  %s%s", sel ? ">" : " ", when,
		    d->tl[i].who, d->tl[i].note ? "note: " : "",
		    d->tl[i].text);
		draw_text(t, in.y + row, in.x, in.w, s, sel ?
		    draw_attr(t, SLOT_SELECTED) : A_NORMAL, DRAW_PAD);
		free(s);
		if (sel) {
			t->cursor_y = in.y + row;
			t->cursor_x = in.x;
		}
	}
	if (focused && !boxed && in.h > 0)
		/* the strip has no box to light: say where the focus is */
		draw_text(t, in.y, in.x + in.w - 22, 22, " [timeline: Enter] ",
		    A_REVERSE, DRAW_PAD);
}

int
panes_timeline_open(struct tui *t)
{
	const struct detail	*d = &t->d;
	const struct tl_item	*it;
	char			 when[TIMEFMT_MAX];
	struct buf		 b;

	if (!d->has || d->ntl == 0 || d->tl_sel < 0 ||
	    (size_t)d->tl_sel >= d->ntl)
		return RD_NONE;
	it = &d->tl[d->tl_sel];
	timefmt_utc(it->at, when);
	buf_init(&b);
	buf_printf(&b, "%s  %s  %s\n\n", d->inc.key, when, it->who);
	if (it->note)
		buf_printf(&b, "note by %s:\n%s\n", it->who, it->text);
	else
		buf_printf(&b, "%s %s\n\naction: %s\npayload (raw, as "
		    "journaled):\n%s\n", it->who, it->text, it->action,
		    it->payload);
	free(t->help_entry);
	t->help_entry = buf_steal(&b);
	snprintf(t->help_title, sizeof t->help_title, "Timeline entry");
	t->help_pane = t->focus;
	view_push(t, &view_help);
	t->help_top = 0;
	return RD_LAYOUT | RD_PAINT;
}

int
panes_key_timeline(struct tui *t, enum tui_action a, int height)
{
	int	n = (int)t->d.ntl, top = t->d.tl_top, sel = t->d.tl_sel;

	if (height < 1)
		height = 1;
	switch (a) {
	case ACT_UP:	sel--; break;
	case ACT_DOWN:	sel++; break;
	case ACT_PGUP:	sel -= height; break;
	case ACT_PGDN:	sel += height; break;
	case ACT_HOME:	sel = 0; break;
	case ACT_END:	sel = n - 1; break;
	case ACT_OPEN:	return panes_timeline_open(t);
	default:	return RD_NONE;
	}
	if (sel > n - 1)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	/* the cursor stays in view; the list scrolls under it */
	if (sel < top)
		top = sel;
	if (sel >= top + height)
		top = sel - height + 1;
	t->d.tl_sel = sel;
	t->d.tl_top = top < 0 ? 0 : top;
	return RD_PAINT;
}

/* "R2" and a short state word for narrow panes. */
static const char *
panes_rstate(enum recipient_state s, bool narrow)
{
	if (narrow && s == RSTATE_ACKNOWLEDGED)
		return "acked";
	return recipient_state_name(s);
}

/*
 * The recipients of the incident, one a line: id, name, (kind, channel
 * when wide), state, and when it was sent (or drafted, or waived).
 */
void
panes_recipients(struct tui *t, const struct rect *r)
{
	const struct detail	*d = &t->d;
	const struct recipient	*rc;
	bool			 focus = t->focus == PANE_RECIPIENTS;
	bool			 wide = r->w - 2 >= 60;
	char			 when[32], id[RECIPIENT_ID_MAX], *title;
	int			 x = r->x + 1, w = r->w - 2, h = r->h - 2, i;
	int			 nw, sx, tx, top;
	attr_t			 a;

	xasprintf(&title, "Recipients %zu of %zu notified",
	    d->has ? d->nrec_notified : 0, d->has ? d->nrec : 0);
	draw_box(t, r, title, focus);
	free(title);
	if (!d->has || h <= 0)
		return;
	if (d->nrec == 0) {
		draw_text(t, r->y + 1, x + 1, w - 1, t->ctx->read_only ?
		    "(none)" : "(none yet: A adds one)",
		    draw_attr(t, SLOT_MUTED), 0);
		return;
	}
	/* columns: "> R1 name ... state when" from the right */
	tx = w - 12;			/* "11-22 08:50Z" */
	sx = tx - (wide ? 13 : 8);	/* "acknowledged " or "drafted " */
	nw = sx - 6 - (wide ? 20 : 0);
	top = layout_scroll(d->rec_top, d->rec_sel, (int)d->nrec, h);
	t->d.rec_top = top;
	for (i = 0; i < h && top + i < (int)d->nrec; i++) {
		bool	sel = focus && top + i == d->rec_sel;
		int	y = r->y + 1 + i;

		rc = &d->rec[top + i];
		a = sel ? draw_attr(t, SLOT_SELECTED) : A_NORMAL;
		ops_recipient_id(rc->num, id);
		draw_text(t, y, x, w, sel ? ">" : " ", a, DRAW_PAD);
		draw_text(t, y, x + 1, 4, id, a, 0);
		draw_text(t, y, x + 6, nw - 1, rc->name, a, 0);
		if (wide) {
			draw_text(t, y, x + 6 + nw, 13,
			    recipient_kind_name(rc->kind), a, 0);
			draw_text(t, y, x + 6 + nw + 13, 7,
			    recipient_channel_name(rc->channel), a, 0);
		}
		draw_text(t, y, x + sx, tx - sx, panes_rstate(rc->state,
		    !wide), recipient_state_notified(rc->state) ? a |
		    draw_attr(t, SLOT_OK) : rc->state == RSTATE_WAIVED ?
		    a | draw_attr(t, SLOT_MUTED) : a, 0);
		when[0] = '\0';
		if (rc->has_sent)
			panes_time(t, rc->sent_at, when, sizeof when);
		else if (rc->has_waived)
			panes_time(t, rc->waived_at, when, sizeof when);
		else if (rc->has_drafted)
			panes_time(t, rc->drafted_at, when, sizeof when);
		draw_text(t, y, x + tx, w - tx, when, a, 0);
		if (sel) {
			t->cursor_y = y;
			t->cursor_x = x;
		}
	}
}

const struct recipient *
panes_recipient_at(const struct tui *t)
{
	if (!t->d.has || t->d.rec_sel < 0 || (size_t)t->d.rec_sel >=
	    t->d.nrec)
		return NULL;
	return &t->d.rec[t->d.rec_sel];
}

int
panes_key_recipients(struct tui *t, enum tui_action a, int height)
{
	int	n = (int)t->d.nrec, sel = t->d.rec_sel;

	switch (a) {
	case ACT_UP:	sel--; break;
	case ACT_DOWN:	sel++; break;
	case ACT_PGUP:	sel -= height; break;
	case ACT_PGDN:	sel += height; break;
	case ACT_HOME:	sel = 0; break;
	case ACT_END:	sel = n - 1; break;
	default:	return RD_NONE;
	}
	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	t->d.rec_sel = sel;
	return RD_PAINT;
}

/*
 * A message wider than the screen is not cut: it continues on the status
 * line below it, and what still does not fit ends with a pointer to
 * :messages, which keeps it whole.
 */
static void
panes_long_message(struct tui *t)
{
	char		*clean = sanitize(t->msg, t->san), *rest;
	const char	*p = clean, *brk = NULL;
	attr_t		 a = t->msg_error ? draw_attr(t, SLOT_ERROR) : A_NORMAL;
	uint32_t	 cp;
	size_t		 len = strlen(clean), k;
	int		 w = 0;

	if (sanitize_width(clean) <= t->cols) {
		free(clean);
		return;
	}
	/* the first line: up to the last space that fits */
	while (*p != '\0') {
		k = sanitize_decode((const unsigned char *)p,
		    len - (size_t)(p - clean), &cp);
		if (w + sanitize_cp_width(cp) > t->cols - 1)
			break;
		w += sanitize_cp_width(cp);
		if (*p == ' ')
			brk = p;
		p += k;
	}
	if (brk == NULL || brk - clean < t->cols / 2)
		brk = p;
	draw_fmt(t, t->lay.message.y, 0, t->cols, a, DRAW_PAD, "%.*s",
	    (int)(brk - clean), clean);
	while (*brk == ' ')
		brk++;
	if (sanitize_width(brk) <= t->cols)
		draw_text(t, t->lay.status.y, 0, t->cols, brk, a, DRAW_PAD);
	else {
		rest = sanitize_fit(brk, t->cols - 18, t->san, NULL);
		draw_fmt(t, t->lay.status.y, 0, t->cols, a, DRAW_PAD,
		    "%s (L: in full)", rest);
		free(rest);
	}
	free(clean);
}

void
panes_bottom(struct tui *t)
{
	struct buf		 b;
	const struct incident	*inc = data_selected(t);
	char			 u[TIMEFMT_MAX], held[64];

	/* message line (a long message is drawn last, over the status) */
	if (t->p.kind == PROMPT_NONE)
		draw_text(t, t->lay.message.y, 0, t->cols, t->msg[0] != '\0' ?
		    t->msg : "", t->msg_error ? draw_attr(t, SLOT_ERROR) :
		    A_NORMAL, DRAW_PAD);
	/* status: who, what, where, filter, freshness */
	buf_init(&b);
	held[0] = '\0';
	if (t->d.has && t->d.mine != 0)
		role_format_list(t->d.mine, held, sizeof held);
	buf_printf(&b, " %s%s%s%s", t->ctx->me.login, held[0] ? " (" : "",
	    held, held[0] ? ")" : "");
	if (t->ctx->read_only)
		buf_puts(&b, " [read-only]");
	if (view_shown(t, &view_review_doc) && t->r.has)
		buf_printf(&b, "  review of %s", t->r.key);
	else if (inc != NULL)
		/* the key padded to the queue's key column: a shorter key
		 * does not shift the rest of the line (docs/CONSOLE.md
		 * rule 12) */
		buf_printf(&b, "  %-*s  %lld of %lld", t->q.key_len, inc->key,
		    (long long)t->q.rank + 1, (long long)t->q.count);
	else
		buf_printf(&b, "  0 of %lld", (long long)t->q.count);
	if (t->q.filter[0] != '\0')
		buf_printf(&b, "  filter /%s", t->q.filter);
	pane_evidence_status(t, &b);
	if (t->load_failed)
		buf_puts(&b, "  STALE: cannot read the database");
	else {
		timefmt_utc(t->loaded_at, u);
		buf_printf(&b, "  updated %s", u + 11);
	}
	/*
	 * Plain, with who you are as a reverse-video badge at its start:
	 * the parts that change on a move (roles held, key, position) are
	 * then rewritten with no attribute switched on and off around them
	 * (docs/CONSOLE.md rule 12), and the badge still marks the line.
	 */
	draw_text(t, t->lay.status.y, 0, t->cols, buf_str(&b), A_NORMAL,
	    DRAW_PAD);
	draw_fmt(t, t->lay.status.y, 0, t->cols, draw_attr(t, SLOT_SELECTED),
	    0, " %s", t->ctx->me.login);
	buf_reset(&b);
	keymap_hints(t, &b, t->cols - 1);
	draw_text(t, t->lay.hints.y, 0, t->cols, buf_str(&b),
	    draw_attr(t, SLOT_MUTED), DRAW_PAD);
	buf_clear(&b);
	if (t->p.kind == PROMPT_NONE && t->msg[0] != '\0')
		panes_long_message(t);
}

void
panes_too_small(struct tui *t)
{
	char	*s;
	int	 y = t->rows / 2 - 1;

	xasprintf(&s, "terminal too small: need %dx%d, have %dx%d",
	    LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, t->cols, t->rows);
	if (y < 0)
		y = 0;
	draw_text(t, y, 1, t->cols - 1, s, A_BOLD, 0);
	draw_text(t, y + 1, 1, t->cols - 1, "enlarge the window, or press q "
	    "to quit", A_NORMAL, 0);
	free(s);
	t->cursor_y = y;
	t->cursor_x = 1;
}
