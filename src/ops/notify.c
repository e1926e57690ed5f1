/*
 * notify.c: the actions of notifying customers. Recipients are added,
 * marked drafted / sent / acknowledged (sim, comms, support) or waived
 * (the eim); a change that settles the last recipient records
 * customers_notified in the same transaction. Bulletins are rendered from
 * templates (src/model/template.c does the substitution; this file reads
 * the file and gathers the values) and saved as numbered versions.
 * Nothing here writes outside the op_start .. op_finish shape of
 * ops-private.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "ops-private.h"
#include "vigil/clocks.h"
#include "vigil/deadline.h"
#include "vigil/notify.h"
#include "vigil/template.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* How far in the future a typed time may be (clock skew between hosts). */
#define NOTIFY_SKEW_S 300

void
ops_recipient_id(int64_t num, char id[RECIPIENT_ID_MAX])
{
	snprintf(id, RECIPIENT_ID_MAX, "R%lld", (long long)num);
}

/* The recipient rid of the op's incident into *r; refuses when missing. */
static int
notify_find(struct op *op, const char *rid, struct recipient *r,
    struct verr *e)
{
	long long	num;
	int		found;

	if (recipient_id_parse(rid, &num) != 0)
		return op_invalid(op, e, VERR_USAGE, "'%s' is not a recipient "
		    "id (expected something like R1)", rid);
	if ((found = recipients_get(op->ctx->db, op->inc.id, num, r, e)) < 0) {
		op_abort(op);
		return -1;
	}
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
	if (op_start(&op, ctx, ACTION_RECIPIENT, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_COMMS, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (recipients_insert(ctx->db, op.inc.id, in->name, in->kind,
	    in->channel, in->contact, op.now, ctx->me.login, &num, e) != 0) {
		op_abort(&op);
		return -1;
	}
	ops_recipient_id(num, id);
	json_kstr(&op.j, "recipient", id);
	json_kstr(&op.j, "name", in->name);
	json_kstr(&op.j, "kind", recipient_kind_name(in->kind));
	json_kstr(&op.j, "channel", recipient_channel_name(in->channel));
	if (in->contact != NULL && *in->contact != '\0')
		json_kstr(&op.j, "contact", in->contact);
	return op_finish(&op, "recipient.add", e);
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

	if (notified != NULL)
		*notified = false;
	if (to != RSTATE_DRAFTED && to != RSTATE_SENT &&
	    to != RSTATE_ACKNOWLEDGED)
		return verr_set(e, VERR_USAGE, "a recipient is marked drafted, "
		    "sent or acknowledged (waiving is 'recipient waive')");
	if (op_start(&op, ctx, ACTION_RECIPIENT, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_COMMS, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (notify_find(&op, rid, &r, e) != 0)
		return -1;
	ops_recipient_id(r.num, id);
	if (!has_at)
		at = op.now;
	if (recipient_check_move(id, r.state, to, why, sizeof why) != 0) {
		recipient_clear(&r);
		return op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
	}
	if (at > op.now + NOTIFY_SKEW_S) {
		recipient_clear(&r);
		return op_invalid(&op, e, VERR_DATA, "%s: %s cannot be marked %s "
		    "in the future", op.inc.key, id, recipient_state_name(to));
	}
	if (to == RSTATE_ACKNOWLEDGED && at < r.sent_at) {
		timefmt_utc(r.sent_at, t);
		recipient_clear(&r);
		return op_invalid(&op, e, VERR_DATA, "%s: %s cannot be "
		    "acknowledged before it was sent (%s)", op.inc.key, id, t);
	}
	if (recipients_mark(ctx->db, op.inc.id, r.num, to, at, ctx->me.login,
	    NULL, e) != 0)
		goto fail;
	json_kstr(&op.j, "recipient", id);
	json_kstr(&op.j, "name", r.name);
	json_kstr(&op.j, "state", recipient_state_name(to));
	json_ktime(&op.j, "at", at, true);
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

	if (notified != NULL)
		*notified = false;
	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_WAIVE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_EIM, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (notify_find(&op, rid, &r, e) != 0)
		return -1;
	ops_recipient_id(r.num, id);
	if (recipient_check_move(id, r.state, RSTATE_WAIVED, why,
	    sizeof why) != 0) {
		recipient_clear(&r);
		return op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
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

/* "2026-11-22 08:50 UTC": how a bulletin states a time. */
static void
notify_time(int64_t t, char out[TIMEFMT_MAX])
{
	char	iso[TIMEFMT_MAX];

	timefmt_utc(t, iso);	/* 2026-11-22T08:50:00Z */
	snprintf(out, TIMEFMT_MAX, "%.10s %.5s UTC", iso, iso + 11);
}

/* Read templates/NAME.md from dir into *out; 0, 1 when absent, -1. */
static int
notify_read_template(const char *dir, const char *name, char **out,
    struct verr *e)
{
	struct buf	 b;
	char		*path, chunk[4096];
	size_t		 n;
	FILE		*f;
	int		 err;

	xasprintf(&path, "%s/templates/%s.md", dir, name);
	if ((f = fopen(path, "r")) == NULL) {
		err = errno;
		if (err == ENOENT || err == ENOTDIR) {
			free(path);
			return 1;
		}
		verr_set(e, VERR_IOERR, "cannot read %s: %s", path,
		    strerror(err));
		free(path);
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > BULLETIN_MAX) {
			fclose(f);
			buf_clear(&b);
			verr_set(e, VERR_DATA, "%s is larger than %d bytes",
			    path, BULLETIN_MAX);
			free(path);
			return -1;
		}
	}
	err = ferror(f);
	fclose(f);
	if (err) {
		buf_clear(&b);
		verr_set(e, VERR_IOERR, "cannot read %s", path);
		free(path);
		return -1;
	}
	free(path);
	*out = buf_steal(&b);
	return 0;
}

/* The template text: the user's copy first, then the shipped one. */
static int
notify_template(struct vigil_ctx *ctx, const char *name, char **out,
    struct verr *e)
{
	int	rc = 1;

	if (ctx->user_dir != NULL &&
	    (rc = notify_read_template(ctx->user_dir, name, out, e)) <= 0)
		return rc;
	if (ctx->share_dir != NULL &&
	    (rc = notify_read_template(ctx->share_dir, name, out, e)) <= 0)
		return rc;
	return verr_set(e, VERR_NOINPUT, "no bulletin template '%s' (looked "
	    "for templates/%s.md in %s%s%s)", name, name,
	    ctx->user_dir != NULL ? ctx->user_dir : "",
	    ctx->user_dir != NULL ? " and " : "",
	    ctx->share_dir != NULL ? ctx->share_dir : "(no data directory)");
}

int
ops_bulletin_render(struct vigil_ctx *ctx, const char *key, const char *tmpl,
    const char *rid, char **out, int *unknown, char *first, size_t firstlen,
    struct verr *e)
{
	struct incident		 inc;
	struct recipient	 r;
	struct person		 comms;
	struct template_var	 vars[10];
	char			*text = NULL, declared[TIMEFMT_MAX];
	char			 due[TIMEFMT_MAX], sev[8];
	long long		 num = 0;
	int64_t			 id;
	int			 found, rc = -1;
	bool			 has_r = false, has_comms = false;
	size_t			 nv = 0;

	*out = NULL;
	if (tmpl == NULL)
		tmpl = BULLETIN_DEFAULT_TEMPLATE;
	if (!template_name_valid(tmpl))
		return verr_set(e, VERR_USAGE, "'%s' is not a template name "
		    "(letters, digits, '-' and '_')", tmpl);
	if (rid != NULL && recipient_id_parse(rid, &num) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not a recipient id "
		    "(expected something like R1)", rid);
	if (ops_key(key, &id, e) != 0)
		return -1;
	if (notify_template(ctx, tmpl, &text, e) != 0)
		return -1;
	if (db_begin_read(ctx->db, e) != 0) {
		free(text);
		return -1;
	}
	if (incidents_get(ctx->db, id, &inc, e) != 0)
		goto out;
	if (rid != NULL) {
		if ((found = recipients_get(ctx->db, id, num, &r, e)) < 0)
			goto out_inc;
		if (found == 0) {
			verr_set(e, VERR_NOINPUT, "%s has no recipient R%lld",
			    inc.key, num);
			goto out_inc;
		}
		has_r = true;
	}
	if (inc.holder[ROLE_COMMS] != NULL) {
		if ((found = roster_get(ctx->db, inc.holder[ROLE_COMMS], &comms,
		    e)) < 0)
			goto out_r;
		has_comms = found == 1;
	}
	if (inc.declared) {
		struct clock_view	*cv = NULL;
		struct deadline		 d;
		size_t			 ncv = 0;

		/* the customer clock as configured (a rule may override 72 h) */
		if (ops_clocks_eval(ctx, &inc, NULL, 0, ops_now(ctx), &cv, &ncv,
		    e) != 0)
			goto out_comms;
		clock_views_customer(cv, ncv, &d);
		clock_views_free(&cv, ncv);
		notify_time(inc.declared_at, declared);
		notify_time(d.has_due ? d.due : inc.declared_at +
		    DEADLINE_CUSTOMER_S, due);
	} else {
		snprintf(declared, sizeof declared, "[not declared]");
		snprintf(due, sizeof due, "[no deadline]");
	}
	snprintf(sev, sizeof sev, "%d", inc.severity);
	vars[nv++] = (struct template_var){ "key", inc.key };
	vars[nv++] = (struct template_var){ "title", inc.title };
	vars[nv++] = (struct template_var){ "severity", sev };
	vars[nv++] = (struct template_var){ "declared_at", declared };
	vars[nv++] = (struct template_var){ "due_at", due };
	vars[nv++] = (struct template_var){ "summary",
	    inc.description[0] != '\0' ? inc.description : inc.title };
	vars[nv++] = (struct template_var){ "recipient",
	    has_r ? r.name : "[recipient]" };
	vars[nv++] = (struct template_var){ "comms_name",
	    has_comms ? comms.name : inc.holder[ROLE_COMMS] != NULL ?
	    inc.holder[ROLE_COMMS] : "[communications contact]" };
	vars[nv++] = (struct template_var){ "comms_contact",
	    has_comms && comms.contact[0] != '\0' ? comms.contact :
	    "[contact details]" };
	*out = template_render(text, vars, nv, unknown, first, firstlen);
	rc = 0;
out_comms:
	if (has_comms)
		person_clear(&comms);
out_r:
	if (has_r)
		recipient_clear(&r);
out_inc:
	incident_clear(&inc);
out:
	db_end_read(ctx->db);
	free(text);
	return rc;
}

/* Lower-case hex SHA-256 of s into out (65 bytes). */
static int
notify_sha256(const char *s, char out[65], struct verr *e)
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	len = 0, i;

	if (EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL) != 1 ||
	    len != 32)
		return verr_set(e, VERR_SOFTWARE, "SHA-256 failed");
	for (i = 0; i < len; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

int
ops_bulletin_save(struct vigil_ctx *ctx, const char *key, const char *tmpl,
    const char *body, int64_t *version, struct verr *e)
{
	struct op	op;
	char		sum[65];
	int64_t		v;

	if (tmpl == NULL)
		tmpl = BULLETIN_DEFAULT_TEMPLATE;
	if (!template_name_valid(tmpl))
		return verr_set(e, VERR_USAGE, "'%s' is not a template name "
		    "(letters, digits, '-' and '_')", tmpl);
	if (check_text("the bulletin", body, BULLETIN_MAX, true, e) != 0)
		return -1;
	if (body[strspn(body, " \t\r\n")] == '\0')
		return verr_set(e, VERR_USAGE, "the bulletin must not be empty");
	if (notify_sha256(body, sum, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_BULLETIN, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_COMMS, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (bulletins_insert(ctx->db, op.inc.id, tmpl, body, op.now,
	    ctx->me.login, &v, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kint(&op.j, "version", v);
	json_kstr(&op.j, "template", tmpl);
	json_kint(&op.j, "bytes", (int64_t)strlen(body));
	json_kstr(&op.j, "sha256", sum);
	if (version != NULL)
		*version = v;
	return op_finish(&op, "bulletin.save", e);
}
