/*
 * notify.c: the actions on the recipients of a customer notification.
 * Recipients are added, marked drafted / sent / acknowledged (sim, comms,
 * support) or waived (the eim); a change that settles the last recipient
 * records customers_notified in the same transaction. Also the rule a
 * declared breach must meet to close. Every action is in the shape of
 * op.h. Bulletins are bulletin.c.
 */
#include <stdio.h>
#include <string.h>

#include "vigil/ops-notify.h"
#include "vigil/timefmt.h"
#include "op.h"

/* How far in the future a typed time may be (clock skew between hosts). */
#define NOTIFY_SKEW_S 300

void
ops_recipient_id(int64_t num, char id[RECIPIENT_ID_MAX])
{
	snprintf(id, RECIPIENT_ID_MAX, "R%lld", (long long)num);
}

/*
 * The recipient rid of the op's incident into *r (cleared when not found);
 * refuses when missing. The op is left to the caller.
 */
static int
notify_find(struct op *op, const char *rid, struct recipient *r,
    struct verr *e)
{
	long long	num;
	int		found;

	if (recipient_id_parse(rid, &num) != 0)
		return op_invalid(op, e, VERR_USAGE, "'%s' is not a recipient "
		    "id (expected something like R1)", rid);
	if ((found = recipients_get(op->ctx->db, op->inc.id, num, r, e)) < 0)
		return -1;
	if (found == 0)
		return op_invalid(op, e, VERR_NOINPUT, "%s has no recipient R%lld "
		    "(see 'vigil recipient list %s')", op->inc.key, num,
		    op->inc.key);
	return 0;
}

/*
 * After a change: when every recipient is settled (sent, acknowledged or
 * waived) and at least one was sent, record customers_notified at the
 * latest send, unless it is recorded already. On error the op is left
 * for the caller to abort.
 */
static int
notify_complete(struct op *op, const char *rid, bool *notified,
    struct verr *e)
{
	struct recipient	*v = NULL;
	size_t			 n = 0, i;
	bool			 any = false, all = true;
	int64_t			 last = 0;

	if (op->inc.notified)
		return 0;
	if (recipients_list(op->ctx->db, op->inc.id, &v, &n, e) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!recipient_state_settled(v[i].state))
			all = false;
		if (recipient_state_notified(v[i].state) && v[i].has_sent) {
			if (!any || v[i].sent_at > last)
				last = v[i].sent_at;
			any = true;
		}
	}
	recipient_list_free(&v, n);
	if (!all || !any)
		return 0;
	/* the milestone's keys in an object of their own: no duplicate "at" */
	json_key(&op->j, "recorded");
	json_obj_open(&op->j);
	if (op_milestone(op, "customers_notified", last, 0, "every recipient "
	    "notified or waived", e) != 0) {
		char	msg[sizeof e->msg];

		if (e != NULL) {
			snprintf(msg, sizeof msg, "%s", e->msg);
			verr_set(e, e->code, "%s settles the last recipient, "
			    "but customers_notified cannot be recorded at the "
			    "latest send: %.300s", rid, msg);
		}
		return -1;
	}
	json_obj_close(&op->j);
	if (notified != NULL)
		*notified = true;
	return 0;
}

int
ops_notify_close_check(struct vigil_ctx *ctx, const struct incident *inc,
    struct verr *e)
{
	struct recipient	*v = NULL;
	size_t			 n = 0, i, open = 0;
	char			 id[RECIPIENT_ID_MAX] = "";
	enum recipient_state	 st = RSTATE_PENDING;

	if (recipients_list(ctx->db, inc->id, &v, &n, e) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (recipient_state_settled(v[i].state))
			continue;
		if (open++ == 0) {
			ops_recipient_id(v[i].num, id);
			st = v[i].state;
		}
	}
	recipient_list_free(&v, n);
	if (open > 0)
		return verr_set(e, VERR_DATA, "%s is a declared breach and %zu "
		    "recipient%s not notified yet (%s is %s): mark %s sent, or "
		    "the eim waives %s with a reason", inc->key, open,
		    open == 1 ? " is" : "s are", id, recipient_state_name(st),
		    open == 1 ? "it" : "them", open == 1 ? "it" : "them");
	if (n == 0 && !inc->notified)
		return verr_set(e, VERR_DATA, "%s is a declared breach and its "
		    "customers are not notified yet: add the recipients and "
		    "mark them sent, or record customers_notified", inc->key);
	return 0;
}

int
ops_recipient_add(struct vigil_ctx *ctx, const char *key,
    const struct recipient_new *in, char id[RECIPIENT_ID_MAX], struct verr *e)
{
	struct op	op;
	int64_t		num;

	if (check_text("the recipient's name", in->name, RECIPIENT_NAME_MAX,
	    true, e) != 0 || check_text("the contact", in->contact,
	    RECIPIENT_CONTACT_MAX, false, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_RECIPIENT, key, ROLE_COMMS, e) != 0)
		goto fail;
	if (recipients_insert(ctx->db, op.inc.id, in->name, in->kind,
	    in->channel, in->contact, op.now, ctx->me.login, &num, e) != 0)
		goto fail;
	ops_recipient_id(num, id);
	json_kstr(&op.j, "recipient", id);
	json_kstr(&op.j, "name", in->name);
	json_kstr(&op.j, "kind", recipient_kind_name(in->kind));
	json_kstr(&op.j, "channel", recipient_channel_name(in->channel));
	if (in->contact != NULL && *in->contact != '\0')
		json_kstr(&op.j, "contact", in->contact);
	return op_finish(&op, "recipient.add", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_recipient_set(struct vigil_ctx *ctx, const char *key, const char *rid,
    enum recipient_state to, bool has_at, int64_t at, bool *notified,
    struct verr *e)
{
	struct op		op;
	struct recipient	r;
	char			why[256], id[RECIPIENT_ID_MAX], action[40];
	char			t[TIMEFMT_MAX];
	int64_t			version = 0;

	memset(&r, 0, sizeof r);
	if (notified != NULL)
		*notified = false;
	if (to != RSTATE_DRAFTED && to != RSTATE_SENT &&
	    to != RSTATE_ACKNOWLEDGED)
		return verr_set(e, VERR_USAGE, "a recipient is marked drafted, "
		    "sent or acknowledged (waiving is 'recipient waive')");
	if (op_begin(&op, ctx, ACTION_RECIPIENT, key, ROLE_COMMS, e) != 0 ||
	    notify_find(&op, rid, &r, e) != 0)
		goto fail;
	ops_recipient_id(r.num, id);
	if (!has_at)
		at = op.now;
	if (recipient_check_move(id, r.state, to, why, sizeof why) != 0) {
		op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
		goto fail;
	}
	if (at > op.now + NOTIFY_SKEW_S) {
		op_invalid(&op, e, VERR_DATA, "%s: %s cannot be marked %s in "
		    "the future", op.inc.key, id, recipient_state_name(to));
		goto fail;
	}
	if (to == RSTATE_ACKNOWLEDGED && at < r.sent_at) {
		timefmt_utc(r.sent_at, t);
		op_invalid(&op, e, VERR_DATA, "%s: %s cannot be acknowledged "
		    "before it was sent (%s)", op.inc.key, id, t);
		goto fail;
	}
	if (recipients_mark(ctx->db, op.inc.id, r.num, to, at, ctx->me.login,
	    NULL, e) != 0)
		goto fail;
	json_kstr(&op.j, "recipient", id);
	json_kstr(&op.j, "name", r.name);
	json_kstr(&op.j, "state", recipient_state_name(to));
	json_ktime(&op.j, "at", at, true);
	if (to == RSTATE_SENT) {
		/* the version that went to this recipient, for the record */
		if (bulletins_for(ctx->db, op.inc.id, r.num, &version, e) != 0)
			goto fail;
		if (version > 0)
			json_kint(&op.j, "bulletin", version);
	}
	if (notify_complete(&op, id, notified, e) != 0)
		goto fail;
	recipient_clear(&r);
	snprintf(action, sizeof action, "recipient.%s",
	    recipient_state_name(to));
	return op_finish(&op, action, e);
fail:
	recipient_clear(&r);
	op_abort(&op);
	return -1;
}

int
ops_recipient_waive(struct vigil_ctx *ctx, const char *key, const char *rid,
    const char *reason, bool *notified, struct verr *e)
{
	struct op		op;
	struct recipient	r;
	char			why[256], id[RECIPIENT_ID_MAX];

	memset(&r, 0, sizeof r);
	if (notified != NULL)
		*notified = false;
	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_WAIVE, key, ROLE_EIM, e) != 0 ||
	    notify_find(&op, rid, &r, e) != 0)
		goto fail;
	ops_recipient_id(r.num, id);
	if (recipient_check_move(id, r.state, RSTATE_WAIVED, why,
	    sizeof why) != 0) {
		op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
		goto fail;
	}
	if (recipients_mark(ctx->db, op.inc.id, r.num, RSTATE_WAIVED, op.now,
	    ctx->me.login, reason, e) != 0)
		goto fail;
	json_kstr(&op.j, "recipient", id);
	json_kstr(&op.j, "name", r.name);
	json_kstr(&op.j, "state", "waived");
	json_kstr(&op.j, "reason", reason);
	if (notify_complete(&op, id, notified, e) != 0)
		goto fail;
	recipient_clear(&r);
	return op_finish(&op, "recipient.waive", e);
fail:
	recipient_clear(&r);
	op_abort(&op);
	return -1;
}
