/*
 * pending.c: the console never freezes on another session's lock.
 *
 * The console's connection waits only PENDING_BUSY_MS for the write lock.
 * A write that meets the lock is not lost and does not block the screen:
 * what the act needs (the answered prompt's text and choice, and the flow
 * with the incident key it was started on) is kept, the message line says
 * "waiting for another session's write (3 s)… Esc cancels", and the loop
 * retries it on its tick while the countdown keeps turning and every key
 * keeps working. When the write lands, its own message replaces the
 * waiting one; Esc drops it ("nothing was saved"); after PENDING_GIVE_UP_S
 * the text is given back in its prompt, with what to do.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pending.h"
#include "tui-private.h"
#include "vigil/util.h"

struct pending {
	bool		 active;	/* a write waits for the lock */
	bool		 busy;		/* the act just met the lock */
	bool		 armed;		/* an act is running (before/after) */
	pending_fn	 fn;
	char		*answer;	/* NULL: the prompt was cancelled */
	int		 choice;
	struct flow	 f;		/* deep copy */
	char		 label[256];
	int64_t		 since_ms;
	int64_t		 next_ms;
};

static int64_t
pending_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
pending_flow_copy(struct flow *dst, const struct flow *src)
{
	*dst = *src;
	dst->s1 = src->s1 != NULL ? xstrdup(src->s1) : NULL;
	dst->s2 = src->s2 != NULL ? xstrdup(src->s2) : NULL;
}

static struct pending *
pending_get(struct tui *t)
{
	if (t->pw == NULL) {
		t->pw = xcalloc(1, sizeof *t->pw);
		t->pw->f.role = -1;
	}
	return t->pw;
}

/* Forget the kept act. */
static void
pending_clear(struct pending *pw)
{
	free(pw->answer);
	action_flow_clear(&pw->f);
	memset(pw, 0, sizeof *pw);
	pw->f.role = -1;
}

void
pending_before(struct tui *t, pending_fn fn, const char *answer, int choice,
    const char *label)
{
	struct pending	*pw = pending_get(t);

	if (pw->active)
		return;		/* a retry: keep what is kept */
	pending_clear(pw);
	pw->armed = true;
	pw->fn = fn;
	pw->answer = answer != NULL ? xstrdup(answer) : NULL;
	pw->choice = choice;
	pending_flow_copy(&pw->f, &t->f);
	snprintf(pw->label, sizeof pw->label, "%s", label != NULL ? label :
	    "");
}

bool
pending_busy(struct tui *t)
{
	struct pending	*pw = pending_get(t);

	if (!pw->armed)
		return false;
	pw->busy = true;
	return true;
}

/* The waiting message, with how long it has waited. */
static void
pending_say(struct tui *t)
{
	struct pending	*pw = t->pw;

	action_message(t, false, "waiting for another session's write (%lld "
	    "s)… Esc cancels", (long long)((pending_ms() - pw->since_ms) /
	    1000));
}

int
pending_after(struct tui *t)
{
	struct pending	*pw = pending_get(t);

	pw->armed = false;
	if (!pw->busy) {
		if (!pw->active)
			pending_clear(pw);
		return RD_NONE;
	}
	pw->busy = false;
	if (!pw->active) {
		pw->active = true;
		pw->since_ms = pending_ms();
	}
	pw->next_ms = pending_ms() + 250;
	pending_say(t);
	return RD_PAINT;
}

int
pending_tick(struct tui *t)
{
	struct pending	*pw = t->pw;
	char		*answer, label[256];
	int		 bits;

	if (pw == NULL || !pw->active || pending_ms() < pw->next_ms)
		return RD_NONE;
	if (t->p.kind != PROMPT_NONE)
		return RD_NONE;	/* not under another dialog: after it */
	if (pending_ms() - pw->since_ms >= PENDING_GIVE_UP_S * 1000) {
		/* give the text back, in its prompt, and say what to do */
		answer = pw->answer != NULL ? xstrdup(pw->answer) : NULL;
		snprintf(label, sizeof label, "%s", pw->label);
		action_flow_clear(&t->f);
		pending_flow_copy(&t->f, &pw->f);
		bits = RD_PAINT;
		if (answer != NULL && t->p.kind == PROMPT_NONE && label[0] !=
		    '\0')
			prompt_text(t, label, answer, pw->fn);
		pending_clear(pw);
		action_message(t, true, "Another session has held the write "
		    "lock for %d s; nothing was saved. %s", PENDING_GIVE_UP_S,
		    answer != NULL ? "Your text is back in the prompt: Enter "
		    "tries again, Esc drops it." : "Try again in a moment.");
		free(answer);
		return bits;
	}
	/* run the act again, on the incident it was started on */
	action_flow_clear(&t->f);
	pending_flow_copy(&t->f, &pw->f);
	answer = pw->answer != NULL ? xstrdup(pw->answer) : NULL;
	pw->armed = true;
	bits = pw->fn(t, answer, pw->choice);
	free(answer);
	pw->armed = false;
	if (pw->busy) {
		pw->busy = false;
		pw->next_ms = pending_ms() + 250;
		pending_say(t);
		return bits | RD_PAINT;
	}
	pending_clear(pw);	/* landed (or refused: its message says) */
	return bits | RD_PAINT;
}

bool
pending_key(struct tui *t, int key)
{
	if (t->pw == NULL || !t->pw->active || key != 27 ||
	    t->p.kind != PROMPT_NONE)
		return false;
	pending_clear(t->pw);
	action_flow_clear(&t->f);
	action_message(t, false, "Cancelled the waiting write; nothing was "
	    "saved.");
	return true;
}

bool
pending_active(const struct tui *t)
{
	return t->pw != NULL && t->pw->active;
}

void
pending_free(struct tui *t)
{
	if (t->pw == NULL)
		return;
	pending_clear(t->pw);
	free(t->pw);
	t->pw = NULL;
}
