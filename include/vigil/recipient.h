/*
 * recipient.h: the vocabulary of notification recipients (who is told,
 * through which channel) and the rule of their states. A recipient moves
 * only forward: pending -> drafted -> sent -> acknowledged; drafted may be
 * skipped, acknowledged needs sent. pending or drafted may instead be
 * waived (by the eim, with a reason). Pure: no I/O.
 */
#ifndef VIGIL_RECIPIENT_H
#define VIGIL_RECIPIENT_H

#include <stdbool.h>
#include <stddef.h>

enum recipient_kind {
	RKIND_CUSTOMER,
	RKIND_REGULATOR,
	RKIND_SUPPORT_ORG,
	RKIND_SERVICE_ORG,
	RKIND_DATA_SUBJECTS,
	RKIND__COUNT
};

enum recipient_channel {
	RCHAN_EMAIL,
	RCHAN_PORTAL,
	RCHAN_PHONE,
	RCHAN_LETTER,
	RCHAN_OTHER,
	RCHAN__COUNT
};

enum recipient_state {
	RSTATE_PENDING,
	RSTATE_DRAFTED,
	RSTATE_SENT,
	RSTATE_ACKNOWLEDGED,
	RSTATE_WAIVED,
	RSTATE__COUNT
};

/* The recipient id users type: "R3" (num 3). */
#define RECIPIENT_ID_MAX 24
#define RECIPIENT_NAME_MAX 200
#define RECIPIENT_CONTACT_MAX 500

const char	*recipient_kind_name(enum recipient_kind);
int		 recipient_kind_parse(const char *, enum recipient_kind *);
const char	*recipient_channel_name(enum recipient_channel);
int		 recipient_channel_parse(const char *,
		     enum recipient_channel *);
const char	*recipient_state_name(enum recipient_state);
int		 recipient_state_parse(const char *, enum recipient_state *);

/* "R3", "r3" or "3" -> 3; -1 when not an id. */
int		 recipient_id_parse(const char *, long long *num);
/* Does the state count as notified (sent or acknowledged)? */
bool		 recipient_state_notified(enum recipient_state);
/* Is the state settled for closing: sent, acknowledged or waived? */
bool		 recipient_state_settled(enum recipient_state);

/*
 * May a recipient in state `from` be marked `to` (drafted, sent,
 * acknowledged or waived)? Returns 0, or -1 with a sentence in why
 * (which names the recipient as `id`).
 */
int		 recipient_check_move(const char *id, enum recipient_state from,
		     enum recipient_state to, char *why, size_t whylen);

#endif
