/*
 * pending.h: a write the console could not make because another session
 * held the write lock (src/tui/pending.c). Private to src/tui.
 */
#ifndef VIGIL_TUI_PENDING_H
#define VIGIL_TUI_PENDING_H

#include <stdbool.h>
#include <stdint.h>

struct tui;
typedef int	(*pending_fn)(struct tui *, const char *text, int choice);

/* How long the console waits for another session's lock, per attempt. */
#define PENDING_BUSY_MS 20
/* After this long the console stops retrying and gives the text back. */
#define PENDING_GIVE_UP_S 30

/*
 * A prompt was answered: fn(t, answer, choice) is about to run the act.
 * Remember what it needs to run again (answer, choice, t->f, the
 * prompt's label) in case it meets a lock.
 */
void	 pending_before(struct tui *, pending_fn, const char *answer,
	    int choice, const char *label);
/*
 * An ops call failed because the database was busy: true when it belongs
 * to an act pending_before() armed (it will be retried; say nothing),
 * false for an act that cannot be retried (say it failed).
 */
bool	 pending_busy(struct tui *);
/* The act returned: keep it for a retry if it met a lock, else forget. */
int	 pending_after(struct tui *);
/* The loop's tick (every quarter second): retry when due. Redraw bits. */
int	 pending_tick(struct tui *);
/* Esc while a write waits cancels it; true when the key was used. */
bool	 pending_key(struct tui *, int key);
/* Is a write waiting? */
bool	 pending_active(const struct tui *);
/* Free what is kept (the console is closing). */
void	 pending_free(struct tui *);

#endif
