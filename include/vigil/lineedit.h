/*
 * lineedit.h: the console's line editor, without the terminal. One line
 * of UTF-8 text with a cursor; the editing keys of readline's emacs mode
 * (Left/Right, Home/End, Ctrl-A/E/B/F, Ctrl-W/U/K, Delete, Backspace); a
 * default shown as a placeholder that typing replaces; a history per kind
 * of question (Up/Down). Pure: src/tui maps curses keys to lineedit_key()
 * and draws what lineedit_view() returns.
 */
#ifndef VIGIL_LINEEDIT_H
#define VIGIL_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/buf.h"

#define LINEEDIT_HISTORY_MAX 50

/* Earlier answers to one kind of question, oldest first. */
struct lineedit_history {
	char	*v[LINEEDIT_HISTORY_MAX];	/* owned */
	size_t	 n;
};

struct lineedit {
	struct buf		 text;		/* raw, as typed */
	size_t			 cur;		/* byte offset, on a boundary */
	size_t			 max;		/* bytes */
	char			*placeholder;	/* owned; NULL when none */
	struct lineedit_history	*hist;		/* borrowed; may be NULL */
	size_t			 hpos;		/* == hist->n: the new line */
	char			*stash;		/* owned: the new line */
};

enum lineedit_key {
	LE_LEFT, LE_RIGHT, LE_HOME, LE_END,
	LE_BACKSPACE, LE_DELETE,
	LE_KILL_WORD,		/* Ctrl-W: the word before the cursor */
	LE_KILL_START,		/* Ctrl-U: from the start to the cursor */
	LE_KILL_END,		/* Ctrl-K: from the cursor to the end */
	LE_UP, LE_DOWN,		/* history */
};

/* An empty line of at most max bytes (0: 4096). */
void	 lineedit_init(struct lineedit *, size_t max);
/* Free everything; the editor may be initialised again. */
void	 lineedit_clear(struct lineedit *);
/* Editable text, cursor at its end (NULL: empty). */
void	 lineedit_set(struct lineedit *, const char *text);
/* The default, shown dimmed while the line is empty and answered by an
 * empty line (NULL: none). Typing replaces it, never appends to it. */
void	 lineedit_placeholder(struct lineedit *, const char *text);
/* Attach a history (borrowed) for Up/Down. */
void	 lineedit_history(struct lineedit *, struct lineedit_history *);
/*
 * Insert len bytes of s at the cursor (a typed character or a pasted
 * run); bytes that are not valid UTF-8 are kept (the sanitizer shows
 * them). Stops at max on a code point boundary. Returns true when the
 * text changed.
 */
bool	 lineedit_insert(struct lineedit *, const char *s, size_t len);
/* Insert one code point. */
bool	 lineedit_insert_cp(struct lineedit *, uint32_t cp);
/* Apply an editing key; true when the text or the cursor moved. */
bool	 lineedit_key(struct lineedit *, enum lineedit_key);
/* The text as typed (borrowed, "" when empty). */
const char *lineedit_text(const struct lineedit *);
/* The answer: the text, or the placeholder when the text is empty
 * (borrowed). */
const char *lineedit_answer(const struct lineedit *);
/* Is the placeholder what is showing? */
bool	 lineedit_showing_placeholder(const struct lineedit *);
/*
 * What to draw in `cells` columns: *out (owned) is the sanitized window
 * of the text around the cursor, with an ellipsis where it is cut, and
 * *col the cursor's column in it. O(length), so a long paste stays fast.
 * flags are sanitize()'s.
 */
void	 lineedit_view(const struct lineedit *, int cells, int flags,
	    char **out, int *col);

/* Remember an answer (not an empty one, not a repeat of the last). */
void	 lineedit_history_add(struct lineedit_history *, const char *);
void	 lineedit_history_clear(struct lineedit_history *);

#endif
