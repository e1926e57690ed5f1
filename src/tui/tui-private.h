/*
 * tui-private.h: what the files of src/tui share: the console state (one
 * struct tui, passed everywhere; no globals except the signal flag and
 * curses' own), the redraw bitmask key handlers return, the view
 * interface, the drawing chokepoint, and the headless session API the
 * in-process tests (tests/tui/test_*.c) drive the console through.
 */
#ifndef VIGIL_TUI_PRIVATE_H
#define VIGIL_TUI_PRIVATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include "vigil/buf.h"
#include "vigil/lineedit.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/ops-rewind.h"
#include "vigil/tui-layout.h"
#include "vigil/ops-notify.h"
#include "vigil/ops.h"
#include "vigil/ops-review.h"
#include "vigil/ops-task.h"
#include "vigil/store.h"
#include "vigil/store-alert.h"
#include "vigil/tui.h"
#include "action-table.h"
#include "pending.h"
#include "tui-evidence.h"

/* What a handler asks the loop to do next (htop's idea). */
enum redraw {
	RD_NONE = 0,
	RD_TICK = 1 << 0,	/* rewrite the cells that depend on "now" */
	RD_PAINT = 1 << 1,	/* repaint the virtual screen */
	RD_QUEUE = 1 << 2,	/* reload the queue window and counts */
	RD_DETAIL = 1 << 3,	/* reload the selected incident */
	RD_LAYOUT = 1 << 4,	/* the size or the view changed */
	RD_FULL = 1 << 5,	/* repaint the terminal from scratch (Ctrl-L) */
	RD_QUIT = 1 << 6,
};
#define RD_RELOAD (RD_QUEUE | RD_DETAIL | RD_PAINT)
/*
 * A view's key handler hands an action back to the loop, as tig's views
 * return a request, instead of starting it itself: it returns
 * RD_REQUEST(ACT_ASSIGN) (with any redraw bits), and the loop runs the
 * action's handler from the action table.
 */
#define RD_REQUEST_SHIFT 16
#define RD_REQUEST(a) ((int)(a) << RD_REQUEST_SHIFT)
#define RD_REQUESTED(bits) \
	((enum tui_action)((unsigned)(bits) >> RD_REQUEST_SHIFT))
#define RD_BITS(bits) ((bits) & ((1 << RD_REQUEST_SHIFT) - 1))

enum pane {
	PANE_QUEUE,
	PANE_ROLES,
	PANE_DEADLINE,
	PANE_TIMELINE,
	PANE_LADDER,
	PANE_RECIPIENTS,
	PANE_REVIEW,		/* the review list and one review */
	PANE_HELP,
	PANE_EVIDENCE,		/* the incident's evidence */
	PANE_TASKS,		/* an incident's tasks, and my tasks */
	PANE_INBOX,		/* the triage inbox */
	PANE__COUNT
};
#define PANE_BIT(p) (1u << (p))

/* Colour slots by meaning (docs/CONSOLE.md rule 9). */
enum slot {
	SLOT_NORMAL,
	SLOT_SEV1,
	SLOT_WARN,
	SLOT_OVERDUE,
	SLOT_OK,
	SLOT_MUTED,
	SLOT_SELECTED,
	SLOT_TITLE,		/* box titles and the header */
	SLOT_ERROR,		/* the message line on a refusal */
	SLOT__COUNT
};

/* Every action of the console: the rows of action-table.h. */
enum tui_action {
	ACT_NONE,
#define X(a, ...) a,
	TUI_ACTIONS(X)
#undef X
	ACT__COUNT
};

struct tui;

/* One row of the action table (action-table.h), as keymap.c holds it. */
struct keydef {
	enum tui_action	 act;
	int		 key;		/* wide char or KEY_* */
	bool		 keycode;	/* key is a KEY_* code */
	int		 alias;
	bool		 alias_keycode;
	const char	*name;		/* for hints: "assign" */
	unsigned	 panes;		/* PANE_BIT()s where it works */
	bool		 writes;	/* hidden in --read-only */
	const char	*verbs;		/* ':' verbs, '|' between; or NULL */
	int		(*run)(struct tui *, enum tui_action);
	int		(*cmd)(struct tui *, const char *verb, char *args);
	const char	*help;
};

/* A line of the timeline: a note or a journal entry. */
struct tl_item {
	int64_t	 at;
	char	*who;
	char	*text;		/* raw: sanitized when drawn */
	bool	 note;
	int64_t	 ord;		/* note id or journal seq: ties */
	char	*action;	/* journal entries: the action, raw payload */
	char	*payload;	/* (NULL for notes) */
};

/*
 * A queue row's deadline: its most urgent running clock (kept as start and
 * due, so a tick re-classifies it without reading the database), else the
 * customer clock's outcome (met, missed, none).
 */
struct row_clock {
	bool		 running;
	char		 id[RULE_ID_MAX + 1];
	int64_t		 start;
	int64_t		 due;
	struct deadline	 outcome;	/* when not running */
};

/*
 * The visible window of the queue (open incidents) or of the review list
 * (closed ones), read by keyset pagination.
 */
struct queue {
	enum incident_set set;
	struct incident	*rows;
	struct row_clock *clk;		/* parallel to rows */
	size_t		 n;
	bool		 has_sel;
	int64_t		 sel_id;
	int		 sel;		/* index of the selection in rows */
	int		 off;		/* where on screen the selection sits */
	int64_t		 count;		/* rows in the set and filter */
	int64_t		 rank;		/* rows before the selection */
	int64_t		 all;		/* incidents in the file, any status */
	char		 filter[256];
	bool		 filtering;	/* the / prompt is live */
	/* header counts (incidents_stats) */
	int64_t		 open, sev1, mine, declared;
	bool		 stale;		/* header counts need reading */
	bool		 count_stale;	/* count needs reading (filter) */
	int		 key_w;		/* the key column (at least "KEY") */
	int		 key_len;	/* the longest key seen, in bytes */
};

/* The selected incident and what its panes show. */
struct detail {
	bool			 has;
	struct incident		 inc;
	struct milestone	*ms;
	size_t			 nms;
	struct clock_view	*clocks;
	size_t			 nclocks;
	struct tl_item		*tl;
	size_t			 ntl;
	int			 tl_top;	/* timeline scroll */
	int			 tl_sel;	/* timeline cursor (focused) */
	int			 role_sel;	/* roles pane cursor */
	unsigned		 mine;		/* ROLE_BIT()s I hold */
	bool			 may[ACTION__COUNT];
	bool			 may_declare;	/* I am its EIM */
	struct recipient	*rec;
	size_t			 nrec;
	size_t			 nrec_notified;	/* sent or acknowledged */
	int			 rec_sel;	/* recipients pane cursor */
	int			 rec_top;
	struct evidence_rows	 ev;		/* the evidence pane */
	struct task_view	*tasks;		/* mine first, overdue first */
	size_t			 ntasks;
	int			 task_sel;	/* tasks pane cursor */
	int			 task_top;
};

/* The review opened from the review list (view-review-doc.c). */
struct review_state {
	bool			 has;
	char			 key[INCIDENT_KEY_MAX];
	struct review_doc	 doc;
	int			 top;		/* scroll */
	bool			 may;		/* ACTION_REVIEW */
	bool			 past;		/* time travel: rw is shown */
	struct rewind_view	 rw;
};

enum prompt_kind { PROMPT_NONE, PROMPT_TEXT, PROMPT_CHOICE };
typedef int	(*prompt_done_fn)(struct tui *, const char *text, int choice);

/* The one question being asked, on the message line or as a list. */
struct prompt {
	enum prompt_kind kind;
	char		 label[256];
	char		 question[512];	/* TEXT: asked in a box above */
	struct lineedit	 le;		/* TEXT: the line being typed */
	char		 error[512];	/* TEXT: why the last answer failed */
	char		**items;	/* CHOICE: owned labels */
	char		**values;	/* CHOICE: owned values (may be NULL) */
	int		 nitems;
	int		 sel;
	int		 top;
	bool		 live;		/* TEXT: called back on every change */
	prompt_done_fn	 done;
	prompt_done_fn	 changed;
};

/* What a multi-step action has collected so far. */
struct flow {
	enum tui_action	 act;
	char		 key[INCIDENT_KEY_MAX];
	int		 role;
	int		 severity;
	int		 resolution;
	int		 stage;
	char		*s1;		/* login, title, name, reason ... */
	char		*s2;
};

/* The triage inbox's window (view-inbox.c). */
struct inbox_view {
	struct inbox_entry	*rows;		/* heads, each then its members */
	bool			*member;	/* parallel to rows */
	size_t			 n;
	int			 sel, top;
	int64_t			 sel_id;
	int64_t			 entries, alerts;	/* the header's counts */
	int64_t			 act_id;	/* the entry being acted on */
};

/* One view: the queue and detail, an incident full screen, the help. */
struct view_ops {
	const char	*name;
	enum layout_view layout;
	unsigned	 panes;		/* panes Tab cycles through */
	void		(*paint)(struct tui *);
	void		(*tick)(struct tui *);	/* "now" cells only */
	int		(*key)(struct tui *, enum tui_action, int key);
};

#define VIEW_STACK_MAX 4

/* Earlier answers, one history per kind of question (its callback). */
#define PROMPT_KINDS_MAX 24
struct prompt_history {
	prompt_done_fn		 fn;
	struct lineedit_history	 h;
};

/* Messages shown, kept for :messages (oldest dropped first). */
#define MSGLOG_MAX 100

struct tui {
	struct vigil_ctx	*ctx;		/* borrowed */
	struct tui_options	 opt;
	SCREEN			*screen;
	FILE			*out;		/* borrowed */
	FILE			*in;		/* borrowed */
	bool			 headless;	/* driven by the session API */
	bool			 utf8;
	int			 san;		/* SAN_ASCII when not UTF-8 */
	bool			 color;
	attr_t			 attr[SLOT__COUNT];
	short			 pair[SLOT__COUNT];
	int			 cols, rows;
	struct layout		 lay;
	const struct view_ops	*view[VIEW_STACK_MAX];
	int			 depth;
	enum pane		 focus;
	struct queue		 q;
	struct detail		 d;
	struct queue		 rv;		/* the review list */
	struct review_state	 r;
	struct inbox_view	 ib;		/* the triage inbox */
	struct prompt		 p;
	struct flow		 f;
	char			 msg[512];
	char			*msglog[MSGLOG_MAX];	/* owned, oldest first */
	int			 nmsglog;
	struct prompt_history	 hist[PROMPT_KINDS_MAX];
	bool			 msg_error;
	/* the witness's warning (ops_witness): a banner in the header
	 * until acknowledged (ACT_ACK), and in :messages */
	char			 witness_warn[768];
	bool			 witness_ack;
	int64_t			 data_version;
	int64_t			 loaded_at;
	bool			 load_failed;
	int			 help_top;
	bool			 help_messages;	/* the help view shows :messages */
	char			*help_entry;	/* ... or this text (owned) */
	char			 help_title[64];	/* ... under this title */
	int			 cursor_y, cursor_x;
	enum pane		 saved_focus[VIEW_STACK_MAX];
	enum pane		 help_pane;
	bool			 quit;
	int			 pending;	/* redraw bits not yet done */
	struct pending		*pw;		/* a write waiting (pending.c) */
	/* my open tasks on open incidents (tasks.c), read with the counts */
	struct task_view	*mine;
	size_t			 nmine;
	int			 mine_sel, mine_top;
	int			 mine_soon;	/* due within the hour */
	int			 mine_overdue;
	bool			 mine_stale;
	int64_t			 frames;
	struct evidence_job	 evjob;		/* the hash in progress */
};

/* ---- ui.c: the terminal ------------------------------------------- */
extern volatile sig_atomic_t tui_signalled;
int	 ui_start(struct tui *, const char *term, FILE *out, FILE *in,
	    struct verr *);
void	 ui_stop(struct tui *);
void	 ui_signals(bool install);

/* ---- draw.c: the one place text reaches curses -------------------- */
#define DRAW_PAD 1		/* fill the rest of the width with spaces */
#define DRAW_RIGHT 2		/* align right in the width */
int	 draw_text(struct tui *, int y, int x, int width, const char *raw,
	    attr_t attr, int flags);
int	 draw_fmt(struct tui *, int y, int x, int width, attr_t attr,
	    int flags, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));
void	 draw_box(struct tui *, const struct rect *, const char *title,
	    bool focused);
void	 draw_hline(struct tui *, int y, int x, int w);
void	 draw_blank(struct tui *, const struct rect *);
attr_t	 draw_attr(const struct tui *, enum slot);
attr_t	 draw_state_attr(const struct tui *, enum clock_state);
/*
 * A countdown label ("!! T-05:12:29 gdpr", "OVERDUE +3h12m") at y, x in
 * width cells: its first word, the state, in attr and the rest plain;
 * with CLOCK_NONE the whole label in attr. Returns the cells drawn.
 */
int	 draw_countdown(struct tui *, int y, int x, int width,
	    const char *label, enum clock_state, attr_t attr, int flags);

/* ---- keymap.c: the action table, for keys, help, hints, verbs ------ */
enum tui_action keymap_lookup(const struct tui *, int key, bool keycode);
const struct keydef *keymap_table(size_t *n);
const struct keydef *keymap_find(enum tui_action);
/* The row a ':' verb ("assign", "ack") names, or NULL. */
const struct keydef *keymap_verb(const char *verb);
void	 keymap_key_name(int key, bool keycode, char *out, size_t len);
/* The hint line for the focused pane ("↑↓/jk move  Enter open ..."). */
void	 keymap_hints(const struct tui *, struct buf *, int width);
/* Help lines for pane p: "KEY ALIAS  description". Owned array. */
char	**keymap_help(const struct tui *, enum pane, size_t *n);

/* ---- data.c: reading what is shown -------------------------------- */
/* Reload q (t->q: the queue and its header counts; t->rv: closed). */
int	 data_queue_load(struct tui *, struct queue *, struct verr *);
int	 data_detail_load(struct tui *, struct verr *);
void	 data_detail_clear(struct detail *);
void	 data_queue_clear(struct queue *);
void	 data_tick(struct tui *);	/* advance running clocks to now */
/* Move the selection of q; true when the window must be reloaded. */
bool	 data_move(struct tui *, struct queue *, int delta);
void	 data_home(struct queue *);
void	 data_end(struct tui *, struct queue *);
/* (Re)load the open review (t->r) of incident t->r.key. */
int	 data_review_load(struct tui *, struct verr *);
void	 data_review_clear(struct review_state *);
void	 data_select_id(struct tui *, int64_t id);
const struct incident *data_selected(const struct tui *);
char	*data_summary(const char *action, const char *payload);

/* ---- views --------------------------------------------------------- */
extern const struct view_ops view_main;
extern const struct view_ops view_incident;
extern const struct view_ops view_help;
extern const struct view_ops view_review;	/* closed incidents */
extern const struct view_ops view_review_doc;	/* one review */
extern const struct view_ops view_inbox;	/* the triage inbox */
/* view-inbox.c: the inbox's window, its counts, its three acts. */
int	 inbox_view_load(struct tui *, struct verr *);
int	 inbox_view_counts(struct tui *, struct verr *);
void	 inbox_view_clear(struct inbox_view *);
int	 inbox_act(struct tui *, enum tui_action);
int	 inbox_do_accept(struct tui *, int64_t id);
int	 inbox_do_attach(struct tui *, int64_t id, const char *key);
int	 inbox_do_dismiss(struct tui *, int64_t id, enum dismiss_reason);
bool	 view_shown(const struct tui *, const struct view_ops *);
void	 view_push(struct tui *, const struct view_ops *);
void	 view_pop(struct tui *);
const struct view_ops *view_top(const struct tui *);
/* Pieces the main and incident views share (panes.c). */
void	 panes_roles(struct tui *, const struct rect *, bool all);
void	 panes_deadline(struct tui *, const struct rect *, bool tick);
void	 panes_ladder(struct tui *, const struct rect *);
void	 panes_timeline(struct tui *, const struct rect *, bool boxed);
void	 panes_recipients(struct tui *, const struct rect *);
int	 panes_key_recipients(struct tui *, enum tui_action, int height);
/* The selected recipient of the recipients pane, or NULL. */
const struct recipient *panes_recipient_at(const struct tui *);
void	 panes_header(struct tui *, const char *title);
void	 panes_header_clock(struct tui *);
void	 panes_bottom(struct tui *);
void	 panes_too_small(struct tui *);
int	 panes_key_roles(struct tui *, enum tui_action);
enum role panes_role_at(const struct tui *);
/* Open the selected timeline entry in full (sentence and raw payload). */
int	 panes_timeline_open(struct tui *);
int	 panes_key_timeline(struct tui *, enum tui_action, int height);
void	 panes_time(const struct tui *, int64_t t, char *out, size_t len);
void	 panes_local(int64_t t, char *out, size_t len);

/* ---- prompt.c ------------------------------------------------------ */
void	 prompt_text(struct tui *, const char *label, const char *initial,
	    prompt_done_fn done);
/* A text prompt whose default dflt shows as a placeholder: typing
 * replaces it, Right or End takes it for editing, Enter answers it. */
void	 prompt_text_default(struct tui *, const char *label,
	    const char *dflt, prompt_done_fn done);
void	 prompt_choice(struct tui *, const char *label, char **items,
	    char **values, int n, prompt_done_fn done);
void	 prompt_confirm(struct tui *, const char *question,
	    const char *label, prompt_done_fn done);
void	 prompt_cancel(struct tui *);
int	 prompt_key(struct tui *, int key, bool keycode);
void	 prompt_paint(struct tui *);

/* ---- actions.c: each calls the src/ops function the CLI calls ------ */
/* The incident actions' handler: new, assign ... close (action table). */
int	 action_start(struct tui *, enum tui_action);
/* The acts themselves, shared by the key flows and the ':' commands. */
int	 action_do_new(struct tui *, const char *title, int severity);
int	 action_do_assign(struct tui *, enum role, const char *login,
	    const char *note);
int	 action_do_release(struct tui *, enum role, const char *note);
int	 action_do_stage(struct tui *, enum stage, const char *reason);
int	 action_do_note(struct tui *, const char *text);
int	 action_do_milestone(struct tui *, const char *name,
	    const char *when);
/* Ask for the typed key, then declare / retract / close. */
int	 action_confirm_declare(struct tui *, const char *reason);
int	 action_confirm_retract(struct tui *, const char *reason);
int	 action_confirm_close(struct tui *, enum resolution,
	    const char *note);
/* The selected incident's key, or NULL (with a message) when none. */
const char *action_key(struct tui *);
void	 action_message(struct tui *, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 action_flow_clear(struct flow *);
/*
 * After an ops call: the message and what to reload; reviews: the review
 * list too. The pieces every action file shares.
 */
int	 action_result(struct tui *, int rc, const struct verr *,
	    bool reviews);
/* "Cancelled; nothing changed." and the flow cleared. */
int	 action_cancelled(struct tui *);
/* In --read-only: say that a is not offered, and return true. */
bool	 action_read_only(struct tui *, enum tui_action a);
/* n + 1 NULL pointers, for prompt_choice() items and values. */
char	**action_strv(size_t n);

/* ---- actions-notify.c: recipients and the bulletin ----------------- */
/* The handler of the recipient and bulletin actions (action table). */
int	 notify_start(struct tui *, enum tui_action);
int	 notify_do_add(struct tui *, const char *name);
/* Mark rid drafted, sent or acknowledged (RSTATE_*). */
int	 notify_do_set(struct tui *, const char *rid, enum recipient_state);
int	 notify_do_waive(struct tui *, const char *rid, const char *reason);
int	 notify_bulletin(struct tui *);

/* ---- actions-evidence.c: evidence (and pane-evidence.c) ------------ */
/* The handler of the evidence actions, and their ':evidence' form. */
int	 evidence_start(struct tui *, enum tui_action);
int	 evidence_command(struct tui *, const char *verb, char *args);

/* ---- actions-review.c: the review ---------------------------------- */
/* The handler of the review actions, ACT_REVIEW opening the list. */
int	 review_start(struct tui *, enum tui_action);
int	 review_do_set(struct tui *, const char *root_cause,
	    const char *lessons);
int	 review_do_repair(struct tui *, const char *text, const char *owner,
	    const char *due);
int	 review_do_done(struct tui *, const char *rid);
/* Open the review list (from any view). */
int	 review_open_list(struct tui *);
/* Time travel in the review: T (a time), [ and ] (step an entry). */
int	 review_travel(struct tui *, enum tui_action);
/* The open review's key, into the flow; NULL (with a message): none. */
const char *review_key(struct tui *);

/* ---- tasks.c: response-plan tasks ---------------------------------- */
extern const struct view_ops view_tasks;	/* my tasks */
/* The handler of the task actions (action table); ACT_MY_TASKS opens
 * the "my tasks" view. */
int	 tasks_start(struct tui *, enum tui_action);
int	 command_task(struct tui *, const char *verb, char *args);
void	 tasks_pane(struct tui *, const struct rect *);
int	 tasks_key(struct tui *, enum tui_action, int height);
const struct task_view *tasks_selected(const struct tui *);
/* "OK 3h12m", "OVERDUE +2h", "late 1h", "PENDING", "skipped" at now. */
void	 tasks_label(const struct task_view *, int64_t now, char *out,
	    size_t len, enum clock_state *state);
int	 tasks_do_done(struct tui *, const char *tid, const char *note);
int	 tasks_do_skip(struct tui *, const char *tid, const char *reason);
int	 tasks_do_add(struct tui *, const char *text, bool has_role,
	    enum role, const char *due);
int	 tasks_do_assign(struct tui *, const char *tid, const char *login);
/* Read my tasks and their counts (inside the caller's read). */
int	 tasks_mine_load(struct tui *, struct verr *);
void	 tasks_mine_clear(struct tui *);
int	 tasks_open_mine(struct tui *);

/* ---- editor.c: $VISUAL / $EDITOR on a temporary file --------------- */
/*
 * Write text to a private temporary file (named after what, "bulletin"),
 * suspend curses, run the user's editor on it, restore curses. *out
 * (owned) is the edited text when it changed, NULL when not. Returns 0,
 * or -1 with a message (the editor did not run or exited non-zero, the
 * file is longer than max bytes, final newlines aside, or holds a NUL
 * byte): nothing to save.
 */
int	 editor_edit(struct tui *, const char *what, const char *text,
	    size_t max, char **out, struct verr *);
/*
 * A field of free text (the description, a note, the root cause) in the
 * editor: editor_edit() with the text ending in one newline, and what
 * comes back without its final newlines. *out (owned) is NULL when the
 * text is unchanged. max: the most bytes the field takes.
 */
int	 editor_text(struct tui *, const char *what, const char *text,
	    size_t max, char **out, struct verr *);
/*
 * The whole flow for the field `what` of the flow's incident (t->f.key):
 * the editor on text, then save(t, edited, 0) when it changed, armed as a
 * pending write (label: its prompt if the lock never comes). Unchanged,
 * or the editor failed: the message line says so, nothing is written.
 * Returns redraw bits (a full repaint: the editor had the terminal).
 */
int	 editor_save(struct tui *, const char *what, const char *text,
	    size_t max, const char *label,
	    prompt_done_fn save);

/* ---- command.c: the ':' prompt ------------------------------------- */
int	 command_run(struct tui *, const char *line);
/* The ':' forms of the action table's rows (cmd). */
int	 command_quit(struct tui *, const char *verb, char *args);
int	 command_filter(struct tui *, const char *verb, char *args);
int	 command_new(struct tui *, const char *verb, char *args);
int	 command_assign(struct tui *, const char *verb, char *args);
int	 command_release(struct tui *, const char *verb, char *args);
int	 command_stage(struct tui *, const char *verb, char *args);
int	 command_note(struct tui *, const char *verb, char *args);
int	 command_milestone(struct tui *, const char *verb, char *args);
int	 command_declare(struct tui *, const char *verb, char *args);
int	 command_retract(struct tui *, const char *verb, char *args);
int	 command_close(struct tui *, const char *verb, char *args);
int	 command_notify(struct tui *, const char *verb, char *args);
int	 command_review(struct tui *, const char *verb, char *args);

/* ---- loop.c -------------------------------------------------------- */
int	 tui_dispatch(struct tui *, int key, bool keycode);
/* The loop's own rows of the action table (run). */
int	 loop_next_pane(struct tui *, enum tui_action);
int	 loop_prev_pane(struct tui *, enum tui_action);
int	 loop_filter(struct tui *, enum tui_action);
int	 loop_command(struct tui *, enum tui_action);
int	 loop_help(struct tui *, enum tui_action);
int	 loop_messages(struct tui *, enum tui_action);
/* Hide the witness's banner (it stays in :messages). */
int	 loop_ack(struct tui *, enum tui_action);
/* Take up the witness's warning, if new: banner and message log. */
void	 loop_witness(struct tui *, const char *warning);
int	 loop_repaint(struct tui *, enum tui_action);
void	 tui_frame(struct tui *, int bits);
int	 tui_poll(struct tui *);

/*
 * The headless session API, for tests: the console on a given terminal
 * type writing to `out` (a pty or /dev/null), of cols x rows, keys fed in
 * by the test and the screen read back as text.
 */
struct tui *tui_session_open(struct vigil_ctx *, const struct tui_options *,
	    const char *term, FILE *out, FILE *in, int cols, int rows,
	    struct verr *);
/* Feed one key (a character, or a KEY_* code) and redraw. */
void	 tui_session_key(struct tui *, int key, bool keycode);
/* Feed each character of a UTF-8 string. */
void	 tui_session_type(struct tui *, const char *utf8);
/* The one-second tick: poll for changes, advance the countdowns. */
void	 tui_session_tick(struct tui *);
void	 tui_session_resize(struct tui *, int cols, int rows);
/* The screen as UTF-8 text, one line per row, box lines as + - |. */
char	*tui_session_screen(struct tui *);
bool	 tui_session_done(const struct tui *);
void	 tui_session_close(struct tui **);

/* ---- actions-team.c: pick-up and edits ------------------------------ */
int	 team_run(struct tui *, enum tui_action);
int	 team_command(struct tui *, const char *verb, char *args);
int	 team_start_pickup(struct tui *);
int	 team_start_set(struct tui *);

#endif
