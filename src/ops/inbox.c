/*
 * inbox.c: what triage does with an inbox entry — accept it (a new
 * incident with the alert's title and severity, the detected milestone at
 * the first alert, the accepting person as triage holder), attach it to an
 * open incident, or dismiss it with a reason — and adding a suppression.
 * An entry that heads a group carries its new members along. Each act is
 * one transaction with one journal entry, through the op machinery.
 *
 * The inbox belongs to no incident, so the permission table is asked with
 * the roles the person is *qualified* for (their roster entry) in place of
 * the roles held on an incident.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "vigil/ops-clocks.h"
#include "vigil/ops-inbox.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "op.h"

int
ops_entry_id(const char *s, int64_t *id, struct verr *e)
{
	long long	n;

	if (s != NULL && (*s == 'E' || *s == 'e'))
		s++;
	if (s == NULL || util_parse_int(s, 1, INT64_MAX, &n) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not an inbox entry "
		    "(expected its number, as 'vigil inbox' shows it)",
		    s != NULL ? s : "");
	*id = n;
	return 0;
}

/*
 * Start an inbox act: the transaction, the permission check, the entry,
 * which must be new. On failure the op is left to the caller to abort.
 */
static int
inbox_start(struct op *op, struct vigil_ctx *ctx, enum action a,
    const char *key, int64_t id, struct inbox_entry *x, struct verr *e)
{
	char	k[INCIDENT_KEY_MAX] = "";
	int	found;

	if (x != NULL)
		memset(x, 0, sizeof *x);
	if (op_start(op, ctx, a, key, e) != 0)
		return -1;
	op->held = op->on_roster ? op->me.roles : 0;
	if (op_authorise(op, ROLE_TRIAGE, e) != 0)
		return -1;
	if (x == NULL)
		return 0;
	if ((found = inbox_get(ctx->db, id, x, e)) < 0)
		return -1;
	if (found == 0)
		return op_invalid(op, e, VERR_NOINPUT, "there is no inbox "
		    "entry %lld", (long long)id);
	if (x->state != ENTRY_NEW) {
		if (x->incident_id > 0)
			incident_key_format(x->incident_id, k);
		return op_invalid(op, e, VERR_DATA, "inbox entry %lld is "
		    "already %s%s%s", (long long)id,
		    entry_state_name(x->state), k[0] != '\0' ? " as " : "", k);
	}
	return 0;
}

/* The common payload of an entry's act. */
static void
inbox_payload(struct op *op, const struct inbox_entry *x, int64_t n,
    int64_t alerts)
{
	json_kint(&op->j, "entry", x->id);
	json_kstr(&op->j, "title", x->title);
	json_kstr(&op->j, "fingerprint", x->fingerprint);
	json_kint(&op->j, "entries", n);
	json_kint(&op->j, "alerts", alerts);
}

/* A title fits an incident's limit, cut on a UTF-8 boundary. */
static char *
inbox_title(const char *t)
{
	size_t	n = strlen(t);

	if (n <= INCIDENT_TITLE_MAX)
		return xstrdup(t);
	n = INCIDENT_TITLE_MAX;
	while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(t, n);
}

int
ops_inbox_accept(struct vigil_ctx *ctx, int64_t entry,
    char key[INCIDENT_KEY_MAX], struct verr *e)
{
	struct op		 op;
	struct inbox_entry	 x;
	struct milestone_row	 m;
	char			 uuid[40];
	char			*title = NULL, *desc = NULL, t1[TIMEFMT_MAX],
				 t2[TIMEFMT_MAX];
	int64_t			 id, n, alerts;

	if (inbox_start(&op, ctx, ACTION_ACCEPT, NULL, entry, &x, e) != 0)
		goto fail;
	title = inbox_title(x.title);
	timefmt_utc(x.first_seen, t1);
	timefmt_utc(x.last_seen, t2);
	xasprintf(&desc, "Accepted from inbox entry %lld (%s). Source %s, "
	    "rule %s, host %s, user %s, addresses %s -> %s; first seen %s, "
	    "last seen %s.", (long long)x.id, x.format, x.source, x.rule,
	    x.host[0] != '\0' ? x.host : "-", x.user[0] != '\0' ? x.user : "-",
	    x.src_ip[0] != '\0' ? x.src_ip : "-",
	    x.dst_ip[0] != '\0' ? x.dst_ip : "-", t1, t2);
	memset(&m, 0, sizeof m);
	m.at = x.first_seen <= op.now ? x.first_seen : op.now;
	m.note = "the first alert of the inbox entry";
	if (op_incident_open(&op, title, desc, x.severity, KIND_SECURITY, &m,
	    uuid, e) != 0)
		goto fail;
	id = op.inc.id;
	if (assignments_insert(ctx->db, id, ROLE_TRIAGE, ctx->me.login, op.now,
	    ctx->me.login, "accepted from the inbox", e) != 0 ||
	    inbox_decide(ctx->db, x.id, ENTRY_ACCEPTED, id, "", op.now,
	    ctx->me.login, &n, &alerts, e) != 0)
		goto fail;
	json_kstr(&op.j, "key", op.inc.key);
	json_kstr(&op.j, "uuid", uuid);
	json_kint(&op.j, "severity", x.severity);
	inbox_payload(&op, &x, n, alerts);
	json_kstr(&op.j, "triage", ctx->me.login);
	snprintf(key, INCIDENT_KEY_MAX, "%s", op.inc.key);
	free(title);
	free(desc);
	inbox_entry_clear(&x);
	return op_finish(&op, "inbox.accept", e);
fail:
	free(title);
	free(desc);
	inbox_entry_clear(&x);
	op_abort(&op);
	return -1;
}

int
ops_inbox_attach(struct vigil_ctx *ctx, int64_t entry, const char *key,
    struct verr *e)
{
	struct op		op;
	struct inbox_entry	x;
	int64_t			n, alerts;

	if (inbox_start(&op, ctx, ACTION_ATTACH, key, entry, &x, e) != 0 ||
	    op_require_open(&op, e) != 0 ||
	    inbox_decide(ctx->db, x.id, ENTRY_ATTACHED, op.inc.id, "", op.now,
	    ctx->me.login, &n, &alerts, e) != 0)
		goto fail;
	json_kstr(&op.j, "key", op.inc.key);
	inbox_payload(&op, &x, n, alerts);
	inbox_entry_clear(&x);
	return op_finish(&op, "inbox.attach", e);
fail:
	inbox_entry_clear(&x);
	op_abort(&op);
	return -1;
}

int
ops_inbox_dismiss(struct vigil_ctx *ctx, int64_t entry,
    enum dismiss_reason r, const char *note, struct verr *e)
{
	struct op		op;
	struct inbox_entry	x;
	int64_t			n, alerts;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (inbox_start(&op, ctx, ACTION_DISMISS, NULL, entry, &x, e) != 0 ||
	    inbox_decide(ctx->db, x.id, ENTRY_DISMISSED, 0,
	    dismiss_reason_name(r), op.now, ctx->me.login, &n, &alerts,
	    e) != 0)
		goto fail;
	inbox_payload(&op, &x, n, alerts);
	json_kstr(&op.j, "reason", dismiss_reason_name(r));
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	inbox_entry_clear(&x);
	return op_finish(&op, "inbox.dismiss", e);
fail:
	inbox_entry_clear(&x);
	op_abort(&op);
	return -1;
}

int
ops_suppress_add(struct vigil_ctx *ctx, const char *pattern,
    const char *reason, int64_t until, int64_t *id, struct verr *e)
{
	struct op	op;
	char		why[160], t[TIMEFMT_MAX];

	if (pattern == NULL || alert_match_check(pattern, why, sizeof why) !=
	    0)
		return verr_set(e, VERR_USAGE, "--match: %s", pattern == NULL ?
		    "required (FIELD=GLOB[,FIELD=GLOB...])" : why);
	if (strlen(pattern) >= ALERT_TEXT_MAX)
		return verr_set(e, VERR_DATA, "--match is too long");
	if (check_text("--reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (inbox_start(&op, ctx, ACTION_SUPPRESS, NULL, 0, NULL, e) != 0)
		goto fail;
	if (until <= op.now) {
		op_invalid(&op, e, VERR_DATA, "--until is in the past; a "
		    "suppression must expire in the future");
		goto fail;
	}
	if (suppressions_insert(ctx->db, pattern, reason, ctx->me.login,
	    op.now, until, id, e) != 0)
		goto fail;
	json_kint(&op.j, "suppression", *id);
	json_kstr(&op.j, "match", pattern);
	json_kstr(&op.j, "reason", reason);
	timefmt_utc(until, t);
	json_kstr(&op.j, "until", t);
	return op_finish(&op, "suppression.add", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_suppress_end(struct vigil_ctx *ctx, int64_t id, const char *reason,
    struct verr *e)
{
	struct suppression	s;
	struct op		op;
	char			t[TIMEFMT_MAX];
	int			found;

	memset(&s, 0, sizeof s);
	if (check_text("--reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (inbox_start(&op, ctx, ACTION_SUPPRESS, NULL, 0, NULL, e) != 0)
		goto fail;
	if ((found = suppressions_get(ctx->db, id, &s, e)) < 0)
		goto fail;
	if (found == 0) {
		op_invalid(&op, e, VERR_NOINPUT, "there is no suppression %lld",
		    (long long)id);
		goto fail;
	}
	if (s.until <= op.now) {
		timefmt_utc(s.until, t);
		op_invalid(&op, e, VERR_DATA, "suppression %lld already ended "
		    "at %s", (long long)id, t);
		goto fail;
	}
	if (suppressions_end(ctx->db, id, op.now, e) != 0)
		goto fail;
	json_kint(&op.j, "suppression", id);
	json_kstr(&op.j, "match", s.pattern);
	json_kstr(&op.j, "reason", reason);
	json_kint(&op.j, "hits", s.hits);
	suppression_clear(&s);
	return op_finish(&op, "suppression.end", e);
fail:
	suppression_clear(&s);
	op_abort(&op);
	return -1;
}
