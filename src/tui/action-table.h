/*
 * action-table.h: the console's one table of actions. Each row names an
 * action and gives, in one place, its key and letter alias, the hint
 * word, the panes where it works, whether it writes (hidden and refused
 * in --read-only), the ':' verbs that reach it, its handler and its help
 * text. From this table come the enum tui_action (tui-private.h), the key
 * bindings, the help screen and the hint line (keymap.c), and the ':'
 * verb lookup (command.c).
 *
 *	X(action, key, key is KEY_*, alias, alias is KEY_*, hint word,
 *	  panes, writes, verbs, run, cmd, help)
 *
 * verbs	"assign", or "q|quit|q!" for several; NULL: no ':' verb.
 * run		int run(struct tui *, enum tui_action): what the key does;
 *		NULL: the key goes to the view (moving, opening, closing).
 * cmd		int cmd(struct tui *, const char *verb, char *args): the
 *		':' form with its arguments; NULL: the verb takes none and
 *		does what the key does (run).
 *
 * Adding a console action is one row here plus its handlers. The order
 * of the rows is the order of the help screen. Ctrl-S and Ctrl-Q are
 * never bound (flow control freezes terminals).
 */
#ifndef VIGIL_TUI_ACTION_TABLE_H
#define VIGIL_TUI_ACTION_TABLE_H

#define CTRL(c) ((c) & 0x1f)

#define P_Q PANE_BIT(PANE_QUEUE)
#define P_R PANE_BIT(PANE_ROLES)
#define P_D PANE_BIT(PANE_DEADLINE)
#define P_T PANE_BIT(PANE_TIMELINE)
#define P_L PANE_BIT(PANE_LADDER)
#define P_H PANE_BIT(PANE_HELP)
#define P_RC PANE_BIT(PANE_RECIPIENTS)
#define P_RV PANE_BIT(PANE_REVIEW)
#define P_EV PANE_BIT(PANE_EVIDENCE)
#define P_TK PANE_BIT(PANE_TASKS)
#define P_IB PANE_BIT(PANE_INBOX)
#define P_INC (P_Q | P_R | P_D | P_T | P_L | P_RC | P_EV | P_TK)
#define P_ALL (P_INC | P_RV | P_H | P_IB)

#define TUI_ACTIONS(X)							\
	X(ACT_UP, KEY_UP, 1, 'k', 0, "move", P_ALL, 0, NULL, NULL, NULL, \
	    "move up (queue: previous incident; roles: previous role)")	\
	X(ACT_DOWN, KEY_DOWN, 1, 'j', 0, "move", P_ALL, 0, NULL, NULL,	\
	    NULL, "move down")						\
	X(ACT_PGUP, KEY_PPAGE, 1, CTRL('b'), 0, "page", P_ALL, 0, NULL,	\
	    NULL, NULL, "one page up")					\
	X(ACT_PGDN, KEY_NPAGE, 1, CTRL('f'), 0, "page", P_ALL, 0, NULL,	\
	    NULL, NULL, "one page down")				\
	X(ACT_HOME, KEY_HOME, 1, 'g', 0, "first", P_ALL, 0, NULL, NULL,	\
	    NULL, "go to the first line")				\
	X(ACT_END, KEY_END, 1, 'G', 0, "last", P_ALL, 0, NULL, NULL,	\
	    NULL, "go to the last line")				\
	X(ACT_OPEN, KEY_ENTER, 1, 'o', 0, "open", P_Q | P_R | P_T | P_RV | \
	    P_TK, 0,							\
	    NULL, NULL, NULL,						\
	    "open (roles: assign; timeline: the entry in full, raw too)") \
	X(ACT_TAB, '\t', 0, KEY_RIGHT, 1, "pane", P_INC, 0, NULL,	\
	    loop_next_pane, NULL, "next pane")				\
	X(ACT_BTAB, KEY_BTAB, 1, KEY_LEFT, 1, "pane", P_INC, 0, NULL,	\
	    loop_prev_pane, NULL, "previous pane")			\
	X(ACT_FILTER, '/', 0, 0, 0, "filter", P_INC, 0, "filter",	\
	    loop_filter, command_filter,				\
	    "filter the queue by title or key as you type (Esc clears)") \
	X(ACT_COMMAND, ':', 0, 0, 0, "cmd", P_INC | P_RV, 0, NULL,	\
	    loop_command, NULL,						\
	    "run a command by name (:assign eim carol, :evidence add ..., " \
	    ":q; listed below)")					\
	X(ACT_NEW, 'n', 0, 0, 0, "new", P_INC, 1, "new", action_start,	\
	    command_new, "new incident (title, then severity)")		\
	X(ACT_ASSIGN, 'a', 0, 0, 0, "assign", P_INC, 1, "assign",	\
	    action_start, command_assign,				\
	    "assign a role: the role, a qualified person, a hand-off note") \
	X(ACT_RELEASE, 'r', 0, 0, 0, "release", P_INC, 1, "release",	\
	    action_start, command_release,				\
	    "release a role (with a note)")				\
	X(ACT_STAGE, 's', 0, 0, 0, "stage", P_INC, 1, "stage",		\
	    action_start, command_stage,				\
	    "change the stage (back or skipping needs a reason)")	\
	X(ACT_NOTE, 'N', 0, 0, 0, "note", P_INC, 1, "note", action_start, \
	    command_note, "add a note to the timeline")			\
	X(ACT_MILESTONE, 'm', 0, 0, 0, "milestone", P_INC, 1, "milestone", \
	    action_start, command_milestone,				\
	    "record a milestone (time: now, or ISO 8601 with Z or offset)") \
	X(ACT_DECLARE, 'D', 0, 0, 0, "declare", P_INC, 1, "declare",	\
	    action_start, command_declare,				\
	    "declare a customer data breach (the incident's EIM only; "	\
	    "starts the 72-hour clock)")				\
	X(ACT_RETRACT, 'R', 0, 0, 0, "retract", P_INC, 1, "retract",	\
	    action_start, command_retract,				\
	    "retract the breach declaration, with a reason (EIM only)")	\
	X(ACT_CLOSE, 'C', 0, 0, 0, "close", P_INC, 1, "close",		\
	    action_start, command_close,				\
	    "close the incident (resolution and a note)")		\
	X(ACT_RCP_ADD, 'A', 0, 0, 0, "add recipient", P_INC, 1,		\
	    "recipient", notify_start, command_notify,			\
	    "add a notification recipient (name, kind, channel, contact)") \
	X(ACT_RCP_DRAFTED, 'd', 0, 0, 0, "drafted", P_INC, 1, "drafted", \
	    notify_start, command_notify,				\
	    "mark the selected recipient drafted (sim, comms, support)") \
	X(ACT_RCP_SENT, 'S', 0, 0, 0, "sent", P_INC, 1, "sent",		\
	    notify_start, command_notify,				\
	    "mark the selected recipient sent; the last one records "	\
	    "customers_notified")					\
	X(ACT_RCP_ACKED, 'K', 0, 0, 0, "acked", P_INC, 1,		\
	    "ack|acknowledged", notify_start, command_notify,		\
	    "mark the selected recipient acknowledged")			\
	X(ACT_RCP_WAIVE, 'W', 0, 0, 0, "waive", P_INC, 1, "waive",	\
	    notify_start, command_notify,				\
	    "waive the selected recipient, with a reason (EIM only)")	\
	X(ACT_BULLETIN, 'E', 0, 0, 0, "bulletin", P_INC, 1, "bulletin",	\
	    notify_start, command_notify,				\
	    "edit the customer bulletin in $VISUAL or $EDITOR; a changed " \
	    "file is saved as a new version")				\
	X(ACT_PICKUP, 'p', 0, 0, 0, "pick up", P_INC, 1, "pickup",	\
	    team_run, team_command,					\
	    "pick up the incident's vacant triage or sim role yourself") \
	X(ACT_SET, 'e', 0, 0, 0, "edit", P_INC, 1,			\
	    "set|severity|kind|title|description", team_run, team_command, \
	    "change severity, kind (security or privacy), title or "	\
	    "description (the sim; triage while no sim)")		\
	X(ACT_REVIEW, KEY_F(2), 1, 'v', 0, "review", P_INC, 0, "review", \
	    review_start, NULL,						\
	    "the review: closed incidents, newest first")		\
	X(ACT_ROOT_CAUSE, 'c', 0, 0, 0, "root cause", P_RV, 1,		\
	    "rootcause|root-cause", review_start, command_review,	\
	    "review: edit the root cause in $VISUAL or $EDITOR")	\
	X(ACT_LESSONS, 'l', 0, 0, 0, "lessons", P_RV, 1, "lessons",	\
	    review_start, command_review,				\
	    "review: edit the lessons learned in $VISUAL or $EDITOR")	\
	X(ACT_REPAIR_ADD, 'f', 0, 0, 0, "add repair", P_RV, 1, "repair", \
	    review_start, command_review,				\
	    "review: add a repair item (text, owner, due date)")	\
	X(ACT_REPAIR_DONE, 'x', 0, 0, 0, "repair done", P_RV, 1, NULL,	\
	    review_start, NULL,						\
	    "review: mark a repair item done")				\
	X(ACT_EV_ADD, 'I', 0, 0, 0, "evidence", P_INC, 1, "evidence",	\
	    evidence_start, evidence_command,				\
	    "register a file as evidence (path, description); it is "	\
	    "hashed while the console stays usable")			\
	X(ACT_EV_TRANSFER, 't', 0, 0, 0, "transfer", P_EV, 1, NULL,	\
	    evidence_start, NULL,					\
	    "evidence: transfer the selected item (to whom, why); its "	\
	    "file is hashed again")					\
	X(ACT_EV_CHECK, 'H', 0, 0, 0, "check hash", P_EV, 1, NULL,	\
	    evidence_start, NULL,					\
	    "evidence: hash the selected item again and record the check") \
	X(ACT_INBOX, 'i', 0, KEY_F(3), 1, "inbox", P_INC | P_RV, 0,	\
	    "inbox", inbox_act, NULL,					\
	    "the triage inbox: new alerts, most severe first")		\
	X(ACT_IB_ACCEPT, 'Y', 0, 0, 0, "accept", P_IB, 1, NULL,		\
	    inbox_act, NULL,						\
	    "inbox: accept the entry as a new incident (you hold triage)") \
	X(ACT_IB_ATTACH, 'J', 0, 0, 0, "attach", P_IB, 1, NULL,		\
	    inbox_act, NULL,						\
	    "inbox: join (attach) the entry to an incident (its key)")		\
	X(ACT_IB_DISMISS, 'Z', 0, 0, 0, "dismiss", P_IB, 1, NULL,	\
	    inbox_act, NULL,						\
	    "inbox: dismiss the entry (false-positive, benign, duplicate, " \
	    "out-of-scope)")						\
	X(ACT_TRAVEL, '@', 0, 0, 0, "the past", P_RV, 0, "at",		\
	    review_travel, NULL,					\
	    "review: show the incident as it stood at a time (rebuilt "	\
	    "from the journal); Esc comes back to now")			\
	X(ACT_PAST_PREV, '[', 0, 0, 0, "earlier", P_RV, 0, NULL,	\
	    review_travel, NULL,					\
	    "review, in the past: one journal entry earlier")		\
	X(ACT_PAST_NEXT, ']', 0, 0, 0, "later", P_RV, 0, NULL,		\
	    review_travel, NULL,					\
	    "review, in the past: one journal entry later (past the last: "\
	    "now)")							\
	X(ACT_HELP, '?', 0, KEY_F(1), 1, "help", P_ALL, 0, "help|h",	\
	    loop_help, NULL,						\
	    "help for the focused pane (Esc or q closes it)")		\
	X(ACT_MESSAGES, 'L', 0, 0, 0, "messages", P_ALL, 0,		\
	    "messages|mes", loop_messages, NULL,			\
	    "every message of this session in full, newest last (:messages)") \
	X(ACT_REPAINT, CTRL('l'), 0, 0, 0, "repaint", P_ALL, 0, NULL,	\
	    loop_repaint, NULL, "repaint the whole screen")		\
	X(ACT_BACK, 27, 0, 0, 0, "back", P_ALL, 0, NULL, NULL, NULL,	\
	    "back one level: cancel, clear the filter, close the view; " \
	    "never quits")						\
	X(ACT_QUIT, 'q', 0, CTRL('c'), 0, "quit", P_ALL, 0, "q|quit|q!", \
	    NULL, command_quit,						\
	    "close the view; in the queue, quit")			\
	X(ACT_TASK_DONE, 'y', 0, 0, 0, "task done", P_TK, 1, NULL,	\
	    tasks_start, NULL,						\
	    "tasks pane: mark the selected task done, with a note")	\
	X(ACT_TASK_SKIP, 'X', 0, 0, 0, "skip task", P_TK, 1, NULL,	\
	    tasks_start, NULL,						\
	    "tasks pane: skip the selected task, with a reason")	\
	X(ACT_TASK_ASSIGN, 'O', 0, 0, 0, "task owner", P_TK, 1, NULL,	\
	    tasks_start, NULL,						\
	    "tasks pane: give the selected task to someone (- : back to "	\
	    "its role)")						\
	X(ACT_TASK_ADD, 'T', 0, 0, 0, "add task", P_INC, 1, "task",	\
	    tasks_start, command_task,					\
	    "add a task (text, owning role, due time such as gdpr-33 - "	\
	    "12h); :task done TID [NOTE], skip TID REASON, add TEXT, "	\
	    "assign TID LOGIN")						\
	X(ACT_MY_TASKS, 'M', 0, 0, 0, "my tasks", P_INC, 0, "tasks",	\
	    tasks_start, NULL,						\
	    "my open tasks on every open incident, overdue first")	\
	X(ACT_DESCRIBE, 'w', 0, 0, 0, "describe", P_INC, 1, "describe",	\
	    team_run, NULL,						\
	    "write the incident's description in $VISUAL or $EDITOR "	\
	    "(saved when changed; the sim, triage while no sim)")	\
	X(ACT_LONG_NOTE, 'V', 0, 0, 0, "long note", P_INC, 1,		\
	    "longnote|long-note", action_start, NULL,			\
	    "write a long note in $VISUAL or $EDITOR (N asks for one "	\
	    "line; Ctrl-X in a prompt opens the editor too)")	\
	X(ACT_ACK, '!', 0, 0, 0, "seen", P_ALL, 0, "seen|warned",	\
	    loop_ack, NULL,						\
	    "the journal warning in the header seen: hide it (this user's " \
	    "witness saw a longer or other journal); :messages keeps it")

#endif
