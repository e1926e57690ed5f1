/*
 * digest.h: the shift hand-off digest, "since you last looked": what
 * changed on the database since a person's last session. The sorting of
 * journal entries into the digest's sections is pure (digest_classify);
 * src/ops/digest.c gathers the entries and the clocks (ops-digest.h).
 */
#ifndef VIGIL_DIGEST_H
#define VIGIL_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


enum digest_kind {
	DIGEST_OPENED,		/* incidents opened */
	DIGEST_DECLARED,	/* declarations and retractions */
	DIGEST_ROLE,		/* roles given to or taken from me */
	DIGEST_CLOCK,		/* clocks that turned !, !! or OVERDUE */
	DIGEST_NOTIFIED,	/* recipients notified (or waived) */
	DIGEST_CLOSED,		/* incidents closed */
	DIGEST_TASK_DUE,	/* my open tasks that fell due */
	DIGEST_TASK_MINE,	/* tasks given to me (or taken from me) */
	DIGEST__COUNT
};

/* Items kept per section; the rest are counted only. */
#define DIGEST_SECTION_MAX 20

struct digest_item {
	enum digest_kind kind;
	int64_t		 incident;	/* the N of IR-N; 0: none */
	int64_t		 at;
	char		*text;		/* owned; raw, sanitize to show */
};

struct digest {
	bool		 has_point;	/* a last-seen point was found */
	bool		 asked;		/* since came from the caller */
	int64_t		 since;		/* the instant it stands for */
	int64_t		 from_seq;	/* entries after this one */
	int64_t		 to_seq;	/* up to this one (the head) */
	size_t		 count[DIGEST__COUNT];	/* all, shown or not */
	struct digest_item *v;		/* owned, by section then time */
	size_t		 n;
};

/* "Incidents opened" */
const char	*digest_kind_title(enum digest_kind);
/*
 * The section an entry by `actor` belongs to in the digest of `me`, or -1
 * when it has none (including everything me did: one knows one's own
 * acts). role, login and previous are the payload's fields (may be NULL;
 * a task.assign's new owner comes as login). DIGEST_CLOCK and
 * DIGEST_TASK_DUE come from evaluating clocks and tasks, not from here.
 */
int		 digest_classify(const char *action, const char *actor,
		     const char *me, const char *login, const char *previous);
void		 digest_clear(struct digest *);
/* Items of one section, in order; *n gets how many. */
const struct digest_item *digest_section(const struct digest *,
		     enum digest_kind, size_t *n);

#endif
