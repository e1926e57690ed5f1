/*
 * loop.c: the console's event loop and its entry points. One loop: wait
 * for a key or the next whole second; a key goes to the prompt, the
 * global keys or the view, and comes back as a redraw bitmask; the
 * second polls PRAGMA data_version (what other sessions committed) and
 * otherwise rewrites only the countdown cells. Each turn ends in one
 * doupdate(). tui_run() is the real terminal; the tui_session_* functions
 * drive the same code headlessly for the tests. A signal only sets a flag
 * (ui.c); the loop then restores the terminal and returns.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tui-private.h"
#include "vigil/store-team.h"
#include "vigil/ops-digest.h"
#include "vigil/timefmt.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

void
view_push(struct tui *t, const struct view_ops *v)
{
	if (t->depth >= VIEW_STACK_MAX)
		return;
	t->saved_focus[t->depth] = t->focus;
	t->view[t->depth++] = v;
	if (v == &view_help) {
		t->focus = PANE_HELP;
		t->help_top = 0;
	} else if (v == &view_tasks)
		t->focus = PANE_TASKS;
	else if (!(v->panes & PANE_BIT(t->focus)))
		t->focus = (v->panes & PANE_BIT(PANE_ROLES)) ? PANE_ROLES :
		    (v->panes & PANE_BIT(PANE_INBOX)) ? PANE_INBOX :
		    PANE_REVIEW;
}

void
view_pop(struct tui *t)
{
	if (t->depth <= 1)
		return;
	t->depth--;
	t->focus = t->saved_focus[t->depth];
	if (!(view_top(t)->panes & PANE_BIT(t->focus)))
		t->focus = PANE_QUEUE;
}

/* Is v anywhere on the view stack? */
bool
view_shown(const struct tui *t, const struct view_ops *v)
{
	int	i;

	for (i = 0; i < t->depth; i++)
		if (t->view[i] == v)
			return true;
	return false;
}

const struct view_ops *
view_top(const struct tui *t)
{
	return t->view[t->depth - 1];
}

static struct tui *
tui_new(struct vigil_ctx *ctx, const struct tui_options *opt)
{
	struct tui	*t = xcalloc(1, sizeof *t);

	t->ctx = ctx;
	if (opt != NULL)
		t->opt = *opt;
	t->view[0] = &view_main;
	t->depth = 1;
	t->focus = PANE_QUEUE;
	t->q.stale = t->q.count_stale = true;
	t->q.set = INCIDENTS_OPEN;
	t->rv.set = INCIDENTS_CLOSED;
	t->rv.stale = t->rv.count_stale = true;
	lineedit_init(&t->p.le, 0);
	t->f.role = -1;
	if (opt != NULL && opt->notice != NULL) {
		snprintf(t->msg, sizeof t->msg, "%s", opt->notice);
		t->msg_error = true;
	}
	return t;
}

static void
tui_free(struct tui **tp)
{
	struct tui	*t = *tp;
	int		 i;

	if (t == NULL)
		return;
	t->p.done = NULL;
	prompt_cancel(t);
	lineedit_clear(&t->p.le);
	free(t->help_entry);
	for (i = 0; i < PROMPT_KINDS_MAX; i++)
		lineedit_history_clear(&t->hist[i].h);
	for (i = 0; i < t->nmsglog; i++)
		free(t->msglog[i]);
	action_flow_clear(&t->f);
	pending_free(t);
	data_queue_clear(&t->q);
	data_queue_clear(&t->rv);
	data_detail_clear(&t->d);
	data_review_clear(&t->r);
	pane_evidence_job_clear(&t->evjob);	/* a hash not done: nothing */
	tasks_mine_clear(t);
	inbox_view_clear(&t->ib);
	free(t);
	*tp = NULL;
}

/*
 * "Since you last looked": the hand-off digest as a panel over the queue
 * (Esc or q dismisses it), when others changed anything; then this look
 * is recorded in the person's own state file. A digest that cannot be
 * read or recorded is a message, never a reason not to open.
 */
static void
tui_digest(struct tui *t)
{
	const struct digest_item	*it;
	struct digest			 d;
	struct verr			 e = { 0 };
	struct buf			 b;
	char				 when[TIMEFMT_MAX];
	size_t				 total = 0, n, i;
	int				 k;

	if (ops_digest(t->ctx, false, 0, &d, &e) != 0) {
		action_message(t, true, "No digest: %s", e.msg);
		return;
	}
	for (k = 0; k < DIGEST__COUNT; k++)
		total += d.count[k];
	/* a first console has no last session to report on: it only
	 * records this look (vigil digest shows the last 24 hours) */
	if (total > 0 && d.has_point) {
		buf_init(&b);
		timefmt_utc_short(d.since, when);
		buf_printf(&b, "%zu change%s by others since your last look "
		    "(%s). Esc or q closes this; vigil digest prints it "
		    "again.\n", total, total == 1 ? "" : "s", when);
		for (k = 0; k < DIGEST__COUNT; k++) {
			if (d.count[k] == 0)
				continue;
			buf_printf(&b, "\n%s: %zu\n",
			    digest_kind_title((enum digest_kind)k), d.count[k]);
			it = digest_section(&d, (enum digest_kind)k, &n);
			for (i = 0; i < n; i++) {
				timefmt_utc_short(it[i].at, when);
				buf_printf(&b, "  %s  %s\n", when + 11,
				    it[i].text);
			}
			if (d.count[k] > n)
				buf_printf(&b, "  ... and %zu more\n",
				    d.count[k] - n);
		}
		free(t->help_entry);
		t->help_entry = buf_steal(&b);
		snprintf(t->help_title, sizeof t->help_title, "Since you last "
		    "looked");
		t->help_pane = t->focus;
		view_push(t, &view_help);
		t->help_top = 0;
	}
	digest_clear(&d);
	if (ops_digest_mark(t->ctx, &e) != 0)
		action_message(t, true, "This look is not recorded: %s", e.msg);
}

/* The first selection: opt.select_key, or the top of the queue. */
static void
tui_begin(struct tui *t)
{
	int64_t	id;

	if (t->opt.select_key != NULL &&
	    incident_key_parse(t->opt.select_key, &id) == 0)
		data_select_id(t, id);
	t->data_version = db_data_version(t->ctx->db);
	loop_witness(t, t->ctx->witness_warning);
	/* never freeze on another session's lock: wait briefly, then keep
	 * the write and retry it from the tick (pending.c) */
	db_set_busy_ms(t->ctx->db, PENDING_BUSY_MS);
	if (t->opt.digest)
		tui_digest(t);
}

/* Cycle the focus through the panes of the view. */
static int
tui_cycle(struct tui *t, int dir)
{
	unsigned	panes = view_top(t)->panes;
	int		p = (int)t->focus, i;

	for (i = 0; i < PANE__COUNT; i++) {
		p = (p + dir + PANE__COUNT) % PANE__COUNT;
		/* panes the layout left out (no tasks; the ladder giving
		 * way to the tasks at 80 columns) are not visited */
		if ((p == PANE_TASKS && t->lay.tasks.h == 0 &&
		    view_top(t) != &view_tasks) || (p == PANE_LADDER &&
		    view_top(t) == &view_incident && t->lay.ladder.h == 0))
			continue;
		if (panes & PANE_BIT(p)) {
			t->focus = (enum pane)p;
			break;
		}
	}
	return RD_PAINT;
}

static int
tui_filter_changed(struct tui *t, const char *text, int choice)
{
	(void)choice;
	snprintf(t->q.filter, sizeof t->q.filter, "%s", text);
	t->q.count_stale = true;
	return RD_QUEUE | RD_DETAIL | RD_PAINT;
}

static int
tui_filter_done(struct tui *t, const char *text, int choice)
{
	(void)choice;
	if (text == NULL)		/* Esc clears */
		t->q.filter[0] = '\0';
	else
		snprintf(t->q.filter, sizeof t->q.filter, "%s", text);
	t->q.count_stale = true;
	return RD_QUEUE | RD_DETAIL | RD_PAINT;
}

static int
tui_command_done(struct tui *t, const char *text, int choice)
{
	(void)choice;
	if (text == NULL)
		return RD_PAINT;
	return command_run(t, text);
}

/* ---- the loop's rows of the action table ----------------------------- */

int
loop_next_pane(struct tui *t, enum tui_action a)
{
	(void)a;
	return tui_cycle(t, 1);
}

int
loop_prev_pane(struct tui *t, enum tui_action a)
{
	(void)a;
	return tui_cycle(t, -1);
}

int
loop_filter(struct tui *t, enum tui_action a)
{
	(void)a;
	while (t->depth > 1)
		view_pop(t);
	t->focus = PANE_QUEUE;
	prompt_text(t, "/", t->q.filter, tui_filter_done);
	t->p.changed = tui_filter_changed;
	t->p.live = true;
	return RD_LAYOUT | RD_PAINT;
}

int
loop_command(struct tui *t, enum tui_action a)
{
	(void)a;
	prompt_text(t, ":", "", tui_command_done);
	return RD_PAINT;
}

/* Open the help of the focused pane; in the help, the view closes it. */
int
loop_help(struct tui *t, enum tui_action a)
{
	if (view_top(t) == &view_help)
		return view_top(t)->key(t, a, 0);
	t->help_pane = t->focus;
	view_push(t, &view_help);
	return RD_LAYOUT | RD_PAINT;
}

/* The message log (:messages), in the help view; again: close it. */
int
loop_messages(struct tui *t, enum tui_action a)
{
	if (view_top(t) == &view_help)
		return view_top(t)->key(t, a, 0);
	t->help_pane = t->focus;
	view_push(t, &view_help);
	t->help_messages = true;
	t->help_top = 0;
	return RD_LAYOUT | RD_PAINT;
}

void
loop_witness(struct tui *t, const char *warning)
{
	if (warning == NULL || *warning == '\0' || strcmp(warning,
	    t->witness_warn) == 0)
		return;
	snprintf(t->witness_warn, sizeof t->witness_warn, "%s", warning);
	t->witness_ack = false;
	action_message(t, true, "WARNING: %s", warning);
}

int
loop_ack(struct tui *t, enum tui_action a)
{
	(void)a;
	if (t->witness_warn[0] == '\0' || t->witness_ack) {
		action_message(t, false, "No warning to acknowledge.");
		return RD_PAINT;
	}
	t->witness_ack = true;
	action_message(t, false, "Warning acknowledged; :messages still has "
	    "it, and vigil verify fails until it is explained.");
	return RD_LAYOUT | RD_PAINT;
}

int
loop_repaint(struct tui *t, enum tui_action a)
{
	(void)t;
	(void)a;
	return RD_FULL | RD_PAINT;
}

/*
 * Run an action of the table: its handler, or the view's key handler when
 * it has none; then any action the view handed back (RD_REQUEST).
 */
static int
tui_act(struct tui *t, const struct keydef *k, int key)
{
	enum tui_action	req;
	int		bits, n;

	bits = k->run != NULL ? k->run(t, k->act) :
	    view_top(t)->key(t, k->act, key);
	for (n = 0; (req = RD_REQUESTED(bits)) != ACT_NONE && n < 4; n++) {
		bits = RD_BITS(bits);
		if ((k = keymap_find(req)) != NULL && k->run != NULL)
			bits |= k->run(t, req);
	}
	bits = RD_BITS(bits) | t->pending;
	t->pending = 0;
	return bits;
}

int
tui_dispatch(struct tui *t, int key, bool keycode)
{
	enum tui_action		 a;
	const struct keydef	*k;
	int			 bits;

	if (keycode && key == KEY_RESIZE)
		return RD_LAYOUT | RD_PAINT;
	if (t->lay.too_small) {
		/* below the floor only q (and Ctrl-L) work, prompt or not */
		a = keymap_lookup(t, key, keycode);
		if (a == ACT_QUIT)
			return RD_QUIT;
		return a == ACT_REPAINT ? RD_FULL | RD_PAINT : RD_NONE;
	}
	if (t->p.kind != PROMPT_NONE) {
		bits = prompt_key(t, key, keycode) | t->pending;
		t->pending = 0;
		return bits;
	}
	if (!keycode && pending_key(t, key))
		return RD_PAINT;	/* Esc dropped the waiting write */
	a = keymap_lookup(t, key, keycode);
	if (t->msg[0] != '\0' && a != ACT_NONE && a != ACT_REPAINT) {
		t->msg[0] = '\0';	/* a message lasts until the next key */
		t->msg_error = false;
	}
	if (a == ACT_NONE || (k = keymap_find(a)) == NULL)
		return RD_NONE;
	if (!(k->panes & PANE_BIT(t->focus)))
		return RD_NONE;
	if (k->writes && k->run != NULL && pending_active(t)) {
		action_message(t, true, "A write is still waiting for another "
		    "session; Esc cancels it.");
		return RD_PAINT;
	}
	return tui_act(t, k, key);
}

/* Did the loaded selection change since the detail was read? */
static bool
tui_detail_stale(const struct tui *t)
{
	if (!t->q.has_sel || t->q.n == 0)
		return t->d.has;
	return !t->d.has || t->d.inc.id != t->q.sel_id;
}

void
tui_frame(struct tui *t, int bits)
{
	struct verr	e;
	bool		cursor;

	if (bits & RD_QUIT) {
		t->quit = true;
		return;
	}
	if (bits & RD_LAYOUT) {
		getmaxyx(stdscr, t->rows, t->cols);
		layout_compute(view_top(t)->layout, t->cols, t->rows, &t->lay);
		bits |= RD_QUEUE | RD_PAINT;	/* the window height changed */
	}
	if (bits & RD_QUEUE) {
		if (data_queue_load(t, &t->q, &e) != 0) {
			action_message(t, true, "%s", e.msg);
			t->load_failed = true;
		} else {
			t->load_failed = false;
			t->loaded_at = ops_now(t->ctx);
		}
		if (view_shown(t, &view_review) &&
		    data_queue_load(t, &t->rv, &e) != 0)
			action_message(t, true, "%s", e.msg);
		if ((view_shown(t, &view_inbox) ? inbox_view_load(t, &e) :
		    inbox_view_counts(t, &e)) != 0)
			action_message(t, true, "%s", e.msg);
	}
	if ((bits & RD_DETAIL) && view_shown(t, &view_review_doc)) {
		if (data_review_load(t, &e) != 0)
			action_message(t, true, "%s", e.msg);
		bits |= RD_PAINT;
	}
	if ((bits & RD_DETAIL) || tui_detail_stale(t)) {
		if (data_detail_load(t, &e) != 0) {
			action_message(t, true, "%s", e.msg);
			t->load_failed = true;
		}
		bits |= RD_PAINT;
	}
	data_tick(t);
	if (bits & RD_FULL)
		clearok(curscr, TRUE);
	if (bits & (RD_PAINT | RD_FULL)) {
		werase(stdscr);
		if (t->lay.too_small)
			panes_too_small(t);
		else {
			view_top(t)->paint(t);
			panes_bottom(t);
			prompt_paint(t);
		}
	} else if ((bits & RD_TICK) && !t->lay.too_small)
		view_top(t)->tick(t);
	else if (!(bits & RD_TICK))
		return;
	cursor = t->p.kind == PROMPT_TEXT && !t->lay.too_small;
	curs_set(cursor ? 1 : 0);
	wmove(stdscr, t->cursor_y, t->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
	t->frames++;
}

int
tui_poll(struct tui *t)
{
	int64_t	v = db_data_version(t->ctx->db);

	if (v != t->data_version) {
		t->data_version = v;
		t->q.stale = t->q.count_stale = true;
		t->rv.stale = t->rv.count_stale = true;
		/* the console is a witness too: a journal cut or rewritten
		 * while it runs is said at once */
		if (t->ctx->witness && ops_witness(t->ctx,
		    t->ctx->witness_warning, sizeof t->ctx->witness_warning) >
		    0)
			loop_witness(t, t->ctx->witness_warning);
		return RD_RELOAD;
	}
	return RD_TICK;
}

static int64_t
tui_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Whether the terminal has gone: a read that failed before its timeout
 * and an input that polls as hung up. A console whose terminal closed
 * without a SIGHUP reaching it (a session ended under runuser or su)
 * would otherwise spin on failing reads for ever.
 */
static bool
tui_hung_up(const struct tui *t)
{
	struct pollfd	p;

	if (t->in == NULL)
		return false;
	p.fd = fileno(t->in);
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR && errno != EAGAIN;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int
tui_run(struct vigil_ctx *ctx, const struct tui_options *opt, struct verr *e)
{
	struct tui	*t;
	wint_t		 wch;
	int64_t		 next, now;
	int		 rc, bits, wait;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return verr_set(e, VERR_USAGE, "the console needs a terminal "
		    "on stdin and stdout; for scripts use a command (see "
		    "'vigil --help')");
	setlocale(LC_ALL, "");
	t = tui_new(ctx, opt);
	tui_signalled = 0;
	ui_signals(true);
	if (ui_start(t, NULL, stdout, stdin, e) != 0) {
		ui_signals(false);
		tui_free(&t);
		return -1;
	}
	tui_begin(t);
	tui_frame(t, RD_LAYOUT | RD_RELOAD);
	next = (tui_ms() / 250 + 1) * 250;
	while (!t->quit && !tui_signalled) {
		now = tui_ms();
		wait = next > now ? (int)(next - now) : 0;
		if (pane_evidence_busy(t))
			wait = 0;	/* a slice of the hash between keys */
		wtimeout(stdscr, wait);
		rc = wget_wch(stdscr, &wch);
		if (rc == ERR && tui_ms() + 5 < now + wait && tui_hung_up(t))
			break;		/* the terminal is gone: as on SIGHUP */
		bits = RD_NONE;
		if (rc == KEY_CODE_YES)
			bits = tui_dispatch(t, (int)wch, true);
		else if (rc == OK)
			bits = tui_dispatch(t, (int)wch, false);
		if (pane_evidence_busy(t))
			bits |= pane_evidence_step(t);
		/* another session's change shows within a quarter second;
		 * the countdown still turns on whole seconds */
		if (tui_ms() >= next) {
			bits |= tui_poll(t) | pending_tick(t);
			next = (tui_ms() / 250 + 1) * 250;
		}
		tui_frame(t, bits);
	}
	ui_stop(t);
	ui_signals(false);
	tui_free(&t);
	return 0;
}

/* ---- the headless session (tests) ------------------------------------ */

struct tui *
tui_session_open(struct vigil_ctx *ctx, const struct tui_options *opt,
    const char *term, FILE *out, FILE *in, int cols, int rows,
    struct verr *e)
{
	struct tui	*t = tui_new(ctx, opt);

	t->headless = true;
	if (ui_start(t, term, out, in, e) != 0) {
		tui_free(&t);
		return NULL;
	}
	resizeterm(rows, cols);
	tui_begin(t);
	tui_frame(t, RD_LAYOUT | RD_RELOAD);
	return t;
}

void
tui_session_key(struct tui *t, int key, bool keycode)
{
	set_term(t->screen);
	tui_frame(t, tui_dispatch(t, key, keycode));
}

void
tui_session_type(struct tui *t, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;
	uint32_t		 cp;

	while (left > 0) {
		n = sanitize_decode(p, left, &cp);
		tui_session_key(t, (int)cp, false);
		p += n;
		left -= n;
	}
}

void
tui_session_tick(struct tui *t)
{
	int	bits = RD_NONE;

	set_term(t->screen);
	if (pane_evidence_busy(t))
		bits = pane_evidence_step(t);
	tui_frame(t, bits | tui_poll(t) | pending_tick(t));
}

void
tui_session_resize(struct tui *t, int cols, int rows)
{
	set_term(t->screen);
	resizeterm(rows, cols);
	tui_frame(t, RD_LAYOUT | RD_PAINT);
}

/* Line-drawing characters as plain ASCII, for readable goldens. */
static wchar_t
tui_session_plain(wchar_t c, attr_t a)
{
	if (a & A_ALTCHARSET) {
		switch (c) {
		case 'q': return L'-';
		case 'x': return L'|';
		case 'l': case 'k': case 'm': case 'j':
		case 't': case 'u': case 'v': case 'w': case 'n': return L'+';
		default: return c;
		}
	}
	switch (c) {
	case 0x2500: return L'-';
	case 0x2502: return L'|';
	case 0x250c: case 0x2510: case 0x2514: case 0x2518:
	case 0x251c: case 0x2524: case 0x252c: case 0x2534: case 0x253c:
		return L'+';
	default:
		return c;
	}
}

char *
tui_session_screen(struct tui *t)
{
	struct buf	 b;
	cchar_t		 cc;
	wchar_t		 wc[CCHARW_MAX + 1];
	attr_t		 a;
	short		 pair;
	char		 mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
	mbstate_t	 st;
	size_t		 n, lstart, i;
	int		 y, x, w;

	set_term(t->screen);
	buf_init(&b);
	for (y = 0; y < t->rows; y++) {
		lstart = b.len;
		for (x = 0; x < t->cols; x += w > 0 ? w : 1) {
			w = 1;
			if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wc, &a, &pair, NULL) == ERR) {
				buf_putc(&b, ' ');
				continue;
			}
			if (wc[0] == L'\0')
				wc[0] = L' ';
			wc[0] = tui_session_plain(wc[0], a);
			w = wcwidth(wc[0]);
			for (i = 0; i < CCHARW_MAX && wc[i] != L'\0'; i++) {
				memset(&st, 0, sizeof st);
				n = wcrtomb(mb, wc[i], &st);
				if (n == (size_t)-1)
					buf_putc(&b, '?');
				else
					buf_add(&b, mb, n);
			}
		}
		/* trailing blanks are not part of the golden */
		while (b.len > lstart && b.data[b.len - 1] == ' ')
			b.len--;
		buf_putc(&b, '\n');
	}
	return buf_steal(&b);
}

bool
tui_session_done(const struct tui *t)
{
	return t->quit;
}

void
tui_session_close(struct tui **tp)
{
	if (*tp == NULL)
		return;
	ui_stop(*tp);
	tui_free(tp);
}
