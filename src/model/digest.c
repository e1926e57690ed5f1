/*
 * digest.c: which journal entries the hand-off digest shows, and in which
 * section (see digest.h). Pure; src/ops/digest.c reads the journal and
 * the clocks and fills the struct.
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/digest.h"

static const char *const digest_titles[DIGEST__COUNT] = {
	"Incidents opened",
	"Declarations and retractions",
	"Your roles",
	"Clocks that turned !, !! or OVERDUE",
	"Recipients notified",
	"Incidents closed",
	"Your tasks that fell due",
	"Tasks given to you",
};

const char *
digest_kind_title(enum digest_kind k)
{
	return k < DIGEST__COUNT ? digest_titles[k] : "?";
}

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int
digest_classify(const char *action, const char *actor, const char *me,
    const char *login, const char *previous)
{
	if (action == NULL || same(actor, me))
		return -1;
	if (strcmp(action, "incident.new") == 0)
		return DIGEST_OPENED;
	if (strcmp(action, "breach.declare") == 0 ||
	    strcmp(action, "breach.retract") == 0)
		return DIGEST_DECLARED;
	if (strcmp(action, "role.assign") == 0)
		return same(login, me) || same(previous, me) ? DIGEST_ROLE :
		    -1;
	if (strcmp(action, "role.release") == 0)
		return same(login, me) ? DIGEST_ROLE : -1;
	if (strcmp(action, "recipient.sent") == 0 ||
	    strcmp(action, "recipient.acknowledged") == 0 ||
	    strcmp(action, "recipient.waive") == 0 ||
	    strcmp(action, "clock.sent") == 0)
		return DIGEST_NOTIFIED;
	if (strcmp(action, "incident.close") == 0)
		return DIGEST_CLOSED;
	if (strcmp(action, "task.assign") == 0)
		return same(login, me) || same(previous, me) ?
		    DIGEST_TASK_MINE : -1;
	return -1;
}

void
digest_clear(struct digest *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

const struct digest_item *
digest_section(const struct digest *d, enum digest_kind k, size_t *n)
{
	size_t	i, j;

	for (i = 0; i < d->n && d->v[i].kind != k; i++)
		;
	for (j = i; j < d->n && d->v[j].kind == k; j++)
		;
	*n = j - i;
	return i < d->n ? &d->v[i] : NULL;
}
