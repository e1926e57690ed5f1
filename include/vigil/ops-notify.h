/*
 * ops-notify.h: the actions of notifying customers — recipients and their
 * states, bulletins rendered from templates and saved in versions. Each
 * action is one transaction with one journal entry (see ops.h).
 *
 * Who may: adding a recipient and marking one drafted, sent or
 * acknowledged, and saving a bulletin: the incident's sim, comms or
 * support (ACTION_RECIPIENT, ACTION_BULLETIN in role.c); waiving: only the
 * incident's eim (ACTION_WAIVE). Rendering a draft only reads.
 *
 * When a change leaves every recipient sent, acknowledged or waived, with
 * at least one sent, the customers_notified milestone is recorded in the
 * same transaction, at the latest send time (unless it is already
 * recorded); that makes the customer deadline met or missed.
 */
#ifndef VIGIL_OPS_NOTIFY_H
#define VIGIL_OPS_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/ops.h"
#include "vigil/recipient.h"
#include "vigil/store-notify.h"

#define BULLETIN_MAX (256 * 1024)	/* bytes of a saved bulletin */
#define BULLETIN_DEFAULT_TEMPLATE "customer"

struct recipient_new {
	const char		*name;		/* required */
	enum recipient_kind	 kind;
	enum recipient_channel	 channel;
	const char		*contact;	/* may be NULL */
};

/* Add a recipient (pending); its id ("R3") is written to id. */
int	ops_recipient_add(struct vigil_ctx *, const char *key,
	    const struct recipient_new *, char id[RECIPIENT_ID_MAX],
	    struct verr *);
/*
 * Mark recipient rid ("R3") drafted, sent or acknowledged at `at` (now
 * when !has_at; not in the future; acknowledged not before sent). States
 * only move forward (recipient_check_move). *notified (may be NULL) tells
 * whether this recorded customers_notified.
 */
int	ops_recipient_set(struct vigil_ctx *, const char *key, const char *rid,
	    enum recipient_state, bool has_at, int64_t at, bool *notified,
	    struct verr *);
/* Waive a pending or drafted recipient (the eim, with a reason). */
int	ops_recipient_waive(struct vigil_ctx *, const char *key,
	    const char *rid, const char *reason, bool *notified, struct verr *);

/*
 * Render the bulletin draft of incident key from template tmpl (NULL:
 * "customer"), addressed to recipient rid (NULL: a visible "[recipient]"
 * marker). The template is templates/NAME.md in the user's directory
 * (ctx->user_dir) if there, else in the shipped data (ctx->share_dir).
 * Placeholders: key, title, severity, declared_at, due_at (UTC, "YYYY-MM-DD
 * HH:MM UTC"), summary (the description, else the title), recipient,
 * comms_name, comms_contact (the incident's comms holder from the roster).
 * *out is owned by the caller; *unknown (may be NULL) counts placeholders
 * left as written, the first named in first (may be NULL). Reads only.
 */
int	ops_bulletin_render(struct vigil_ctx *, const char *key,
	    const char *tmpl, const char *rid, char **out, int *unknown,
	    char *first, size_t firstlen, struct verr *);
/*
 * The same with a customer-facing summary (NULL: the description). The
 * internal title never stands in for it: with neither, {{summary}} is
 * BULLETIN_NO_SUMMARY (it starts with BULLETIN_NO_SUMMARY_TAG, which
 * wrapping never splits). Also {{recipient_name}}, {{recipient_kind}},
 * {{recipient_contact}} of rid; the rendered text is re-wrapped at the
 * template's width (template_wrap()).
 */
#define BULLETIN_NO_SUMMARY_TAG "[NO-CUSTOMER-SUMMARY:"
#define BULLETIN_NO_SUMMARY BULLETIN_NO_SUMMARY_TAG " write what happened, " \
	"in words the customer can use]"
int	ops_bulletin_render_for(struct vigil_ctx *, const char *key,
	    const char *tmpl, const char *rid, const char *summary, char **out,
	    int *unknown, char *first, size_t firstlen, struct verr *);
/*
 * Save body (edited text, at most BULLETIN_MAX bytes) as the next version
 * of the incident's bulletin, noting the template it came from (NULL:
 * "customer"). The journal entry carries the version, template, size and
 * SHA-256 of the body. The version number goes to *version (may be NULL).
 */
int	ops_bulletin_save(struct vigil_ctx *, const char *key, const char *tmpl,
	    const char *body, int64_t *version, struct verr *);
/* The same, the version meant for recipient rid (NULL: for no one in
 * particular); the journal entry names the recipient. */
int	ops_bulletin_save_for(struct vigil_ctx *, const char *key,
	    const char *tmpl, const char *rid, const char *body,
	    int64_t *version, struct verr *);

/*
 * The rule ops_incident_close() applies to a declared breach (inc): with
 * recipients, every one must be sent, acknowledged or waived; with none,
 * customers_notified must be recorded. Returns 0, or -1 with VERR_DATA and
 * a message naming what is missing. Reads only; call it inside the
 * closing transaction.
 */
int	ops_notify_close_check(struct vigil_ctx *, const struct incident *,
	    struct verr *);

/* "R3" for num 3. */
void	ops_recipient_id(int64_t num, char id[RECIPIENT_ID_MAX]);

#endif
