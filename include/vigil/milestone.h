/*
 * milestone.h: the notification ladder and the other named moments that
 * start clocks. A milestone keeps when it happened (`at`, which may be
 * earlier than when it was recorded) and who recorded it.
 */
#ifndef VIGIL_MILESTONE_H
#define VIGIL_MILESTONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MILESTONE_NAME_MAX 96
#define LADDER_STEPS 8

/* One recorded milestone; strings owned by the record. */
struct milestone {
	int64_t	 id;
	char	 name[MILESTONE_NAME_MAX];
	int64_t	 at;
	int	 offset_s;	/* UTC offset it was entered with */
	int64_t	 recorded_at;
	char	*recorded_by;
	char	*note;
};

void		 milestone_clear(struct milestone *);
void		 milestone_list_free(struct milestone **, size_t);

/* The ladder, in order: "event_started" .. "customers_notified". */
const char	*milestone_ladder_name(int step);
/* 0..7 for a ladder step, -1 otherwise. */
int		 milestone_ladder_index(const char *name);
/*
 * A name a user may record by hand: a ladder step, one of the clock
 * triggers (aware, classified_major, materiality_determined, discovered,
 * ransom_paid, assessed_notifiable, handled), or "sent:<rule>". "declared"
 * and "retracted" are recorded only by declare and retract.
 */
bool		 milestone_user_name(const char *name);
bool		 milestone_known_name(const char *name);
/* The list of user-recordable names, space separated (for messages). */
const char	*milestone_user_names(void);
/* Once-only milestones: the ladder steps. */
bool		 milestone_once(const char *name);

/*
 * Check that recording `name` at `at` keeps the ladder in order against
 * the recorded ones: a step may not be earlier than a recorded earlier
 * step, nor later than a recorded later step; a once-only step may not be
 * recorded twice. Returns 0, or -1 with the reason in why.
 */
int		 milestone_check(const char *name, int64_t at,
		     const struct milestone *recorded, size_t n,
		     char *why, size_t whylen);

#endif
