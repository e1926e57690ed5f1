/*
 * recipient.c: the names of recipient kinds, channels and states, and the
 * forward-only state rule. Pure; the ops layer (src/ops/notify.c) asks
 * recipient_check_move() before every change and journals the result.
 */
#include <stdio.h>
#include <string.h>

#include "vigil/recipient.h"
#include "vigil/util.h"

static const char *const kinds[RKIND__COUNT] = {
	"customer", "regulator", "support-org", "service-org",
	"data-subjects",
};

static const char *const channels[RCHAN__COUNT] = {
	"email", "portal", "phone", "letter", "other",
};

static const char *const states[RSTATE__COUNT] = {
	"pending", "drafted", "sent", "acknowledged", "waived",
};

/* Index of s in names[0..n), or -1. */
static int
lookup(const char *const *names, int n, const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
recipient_kind_name(enum recipient_kind k)
{
	return kinds[k];
}

int
recipient_kind_parse(const char *s, enum recipient_kind *k)
{
	int	i = lookup(kinds, RKIND__COUNT, s);

	if (i < 0)
		return -1;
	*k = (enum recipient_kind)i;
	return 0;
}

const char *
recipient_channel_name(enum recipient_channel c)
{
	return channels[c];
}

int
recipient_channel_parse(const char *s, enum recipient_channel *c)
{
	int	i = lookup(channels, RCHAN__COUNT, s);

	if (i < 0)
		return -1;
	*c = (enum recipient_channel)i;
	return 0;
}

const char *
recipient_state_name(enum recipient_state s)
{
	return states[s];
}

int
recipient_state_parse(const char *s, enum recipient_state *st)
{
	int	i = lookup(states, RSTATE__COUNT, s);

	if (i < 0)
		return -1;
	*st = (enum recipient_state)i;
	return 0;
}

int
recipient_id_parse(const char *s, long long *num)
{
	if (s == NULL)
		return -1;
	if (*s == 'R' || *s == 'r')
		s++;
	return util_parse_int(s, 1, 1000000000LL, num);
}

bool
recipient_state_notified(enum recipient_state s)
{
	return s == RSTATE_SENT || s == RSTATE_ACKNOWLEDGED;
}

bool
recipient_state_settled(enum recipient_state s)
{
	return recipient_state_notified(s) || s == RSTATE_WAIVED;
}

int
recipient_check_move(const char *id, enum recipient_state from,
    enum recipient_state to, char *why, size_t whylen)
{
	if (to == RSTATE_PENDING) {
		snprintf(why, whylen, "a recipient cannot go back to pending");
		return -1;
	}
	if (from == RSTATE_WAIVED) {
		snprintf(why, whylen, "%s was waived; a waived recipient "
		    "cannot change", id);
		return -1;
	}
	if (from == to) {
		snprintf(why, whylen, "%s is already %s", id, states[to]);
		return -1;
	}
	if (to == RSTATE_WAIVED) {
		if (recipient_state_notified(from)) {
			snprintf(why, whylen, "%s is already %s; only a "
			    "pending or drafted recipient can be waived", id,
			    states[from]);
			return -1;
		}
		return 0;
	}
	if (to < from) {
		snprintf(why, whylen, "%s is already %s; a recipient's state "
		    "only moves forward (pending, drafted, sent, "
		    "acknowledged)", id, states[from]);
		return -1;
	}
	if (to == RSTATE_ACKNOWLEDGED && from != RSTATE_SENT) {
		snprintf(why, whylen, "%s is %s; mark it sent before "
		    "acknowledged", id, states[from]);
		return -1;
	}
	return 0;
}
