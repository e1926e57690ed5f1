/*
 * store-notify.h: the tables of customer notification — recipients,
 * bulletin versions, the after-action review text, repair items — and the
 * read queries of the review and of `vigil report` (stage changes from the
 * journal, one summary row per incident of a period). Same contract as
 * store.h: writes run inside db_begin()/db_commit() and do not journal
 * (src/ops does); reads copy every string; the caller owns the results.
 */
#ifndef VIGIL_STORE_NOTIFY_H
#define VIGIL_STORE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/recipient.h"
#include "vigil/stats.h"
#include "vigil/verr.h"

/* ---- recipients (recipients.c) ---------------------------------------- */

/* One recipient; strings owned by the record ("" when unset). */
struct recipient {
	int64_t			 num;		/* the N of RN, per incident */
	char			*name;
	enum recipient_kind	 kind;
	enum recipient_channel	 channel;
	char			*contact;
	enum recipient_state	 state;
	int64_t			 created_at;
	char			*created_by;
	bool			 has_drafted;
	int64_t			 drafted_at;
	char			*drafted_by;
	bool			 has_sent;
	int64_t			 sent_at;
	char			*sent_by;
	bool			 has_acked;
	int64_t			 acked_at;
	char			*acked_by;
	bool			 has_waived;
	int64_t			 waived_at;
	char			*waived_by;
	char			*waive_reason;
};

void	recipient_clear(struct recipient *);
void	recipient_list_free(struct recipient **, size_t);
/* Insert with the next number of the incident, returned in *num. */
int	recipients_insert(struct db *, int64_t incident, const char *name,
	    enum recipient_kind, enum recipient_channel, const char *contact,
	    int64_t at, const char *by, int64_t *num, struct verr *);
/* Every recipient of the incident by number. */
int	recipients_list(struct db *, int64_t incident, struct recipient **out,
	    size_t *n, struct verr *);
/* 1 and *out filled when found, 0 when not, -1 on error. */
int	recipients_get(struct db *, int64_t incident, int64_t num,
	    struct recipient *out, struct verr *);
/*
 * Set the state to drafted, sent, acknowledged or waived, stamping that
 * state's time and login (and, for waived, the reason). No state check:
 * src/ops asks recipient_check_move() first.
 */
int	recipients_mark(struct db *, int64_t incident, int64_t num,
	    enum recipient_state, int64_t at, const char *by,
	    const char *reason, struct verr *);

/* ---- bulletins (recipients.c) ----------------------------------------- */

struct bulletin {
	int64_t	 version;	/* 1, 2, ... per incident */
	char	*template;
	char	*body;		/* "" when listed without bodies */
	int64_t	 saved_at;
	char	*saved_by;
	int64_t	 recipient;	/* the N of RN it is meant for; 0: none */
};

void	bulletin_list_free(struct bulletin **, size_t);
/* Save a new version (the next number, returned in *version). */
int	bulletins_insert(struct db *, int64_t incident, const char *tmpl,
	    const char *body, int64_t at, const char *by, int64_t recipient,
	    int64_t *version, struct verr *);
/*
 * The version a recipient was sent: the latest one saved for it, else the
 * latest saved for no one in particular; 0 when there is none.
 */
int	bulletins_for(struct db *, int64_t incident, int64_t recipient,
	    int64_t *version, struct verr *);
/* Every version, oldest first; bodies only when with_body. */
int	bulletins_list(struct db *, int64_t incident, bool with_body,
	    struct bulletin **out, size_t *n, struct verr *);

/* ---- the review and repair items (reviews.c) ------------------------- */

struct review_text {
	bool	 has;		/* a review row exists */
	char	*root_cause;	/* "" when none */
	char	*lessons;
	int64_t	 updated_at;
	char	*updated_by;
};

void	review_text_clear(struct review_text *);
/* Always fills *out (has false and empty strings when no row). */
int	reviews_get(struct db *, int64_t incident, struct review_text *out,
	    struct verr *);
/* Insert or update; a NULL field keeps its value (or ""). */
int	reviews_put(struct db *, int64_t incident, const char *root_cause,
	    const char *lessons, int64_t at, const char *by, struct verr *);

#define REPAIR_DUE_MAX 11	/* "YYYY-MM-DD" */

struct repair {
	int64_t	 num;		/* the N of FN, per incident */
	char	*text;
	char	*owner;
	bool	 has_due;
	char	 due[REPAIR_DUE_MAX];
	bool	 done;
	int64_t	 created_at;
	char	*created_by;
	int64_t	 done_at;	/* valid when done */
	char	*done_by;
};

void	repair_list_free(struct repair **, size_t);
int	repairs_insert(struct db *, int64_t incident, const char *text,
	    const char *owner, const char *due, int64_t at, const char *by,
	    int64_t *num, struct verr *);
/* Every repair item of the incident by number. */
int	repairs_list(struct db *, int64_t incident, struct repair **out,
	    size_t *n, struct verr *);
/* 1 when found (*done tells its state), 0 when not, -1 on error. */
int	repairs_state(struct db *, int64_t incident, int64_t num, bool *done,
	    struct verr *);
int	repairs_done(struct db *, int64_t incident, int64_t num, int64_t at,
	    const char *by, struct verr *);

/*
 * The incident's stage changes, oldest first, read from its journal
 * (stage.change entries: the journal time, payload "from" and "to").
 */
int	reviews_stage_changes(struct db *, int64_t incident,
	    struct stage_change **out, size_t *n, struct verr *);

/*
 * One report_input per incident created in [since, until) (the bounds
 * apply when has_since / has_until), oldest first.
 */
int	reviews_report_rows(struct db *, bool has_since, int64_t since,
	    bool has_until, int64_t until, struct report_input **out,
	    size_t *n, struct verr *);

#endif
