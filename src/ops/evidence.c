/*
 * evidence.c: the evidence acts (ops-evidence.h), each in the op_begin ..
 * op_finish shape of op.h: one BEGIN IMMEDIATE transaction, the
 * permission check (a refusal journaled as "denied"), validation, the
 * rows and one journal entry; every failure ends in op_abort(). Files are
 * hashed by the caller before the transaction begins, so no lock is held
 * for the minutes a disk image takes; here a hash is only compared and
 * recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "op.h"
#include "vigil/ops-evidence.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* Parse eid and load the live item (not void) inside op. */
static int
ev_item(struct op *op, const char *eid, struct evidence_item *it,
    struct verr *e)
{
	int64_t	num;
	char	id[CUSTODY_ID_MAX];
	int	found;

	if (custody_id_parse(eid, &num) != 0)
		return op_invalid(op, e, VERR_USAGE, "'%s' is not an evidence "
		    "id (expected something like E1)", eid != NULL ? eid : "");
	if ((found = evidence_get(op->ctx->db, op->inc.id, num, it, e)) < 0)
		return -1;
	custody_id(num, id);
	if (found == 0)
		return op_invalid(op, e, VERR_NOINPUT, "%s has no evidence %s "
		    "(see 'vigil evidence list %s')", op->inc.key, id,
		    op->inc.key);
	if (it->voided)
		return op_invalid(op, e, VERR_DATA, "%s %s is void; a void "
		    "record is kept but not handled further", op->inc.key, id);
	return 0;
}

/* The parent named by --parent: in the incident and not void. */
static int
ev_parent(struct op *op, int64_t num, struct verr *e)
{
	struct evidence_item	p;
	char			id[CUSTODY_ID_MAX];
	int			found;
	bool			voided;

	custody_id(num, id);
	if ((found = evidence_get(op->ctx->db, op->inc.id, num, &p, e)) < 0)
		return -1;
	if (found == 0)
		return op_invalid(op, e, VERR_NOINPUT, "--parent: %s has no "
		    "evidence %s", op->inc.key, id);
	voided = p.voided;
	evidence_item_clear(&p);
	if (voided)
		return op_invalid(op, e, VERR_DATA, "--parent: %s is void", id);
	return 0;
}

int
ops_evidence_add(struct vigil_ctx *ctx, const char *key,
    const struct evidence_new *in, char id[CUSTODY_ID_MAX], struct verr *e)
{
	struct evidence_item	 it;
	struct op		 op;
	uuid_t			 u;
	char			 hex[CUSTODY_HEX_MAX], pid[CUSTODY_ID_MAX];
	int64_t			 num;

	if (check_text("the description", in->description, CUSTODY_TEXT_MAX,
	    true, e) != 0 || check_text("the location", in->location,
	    CUSTODY_TEXT_MAX, false, e) != 0 || check_text("the source host",
	    in->source_host, CUSTODY_PARTY_MAX, false, e) != 0)
		return -1;
	memset(&it, 0, sizeof it);
	if (op_begin(&op, ctx, ACTION_EVIDENCE_ADD, key, ROLE_FORENSICS,
	    e) != 0)
		goto fail;
	if (in->file != NULL) {
		snprintf(it.sha256, sizeof it.sha256, "%s", in->file->sha256);
		it.size = in->file->size;
		it.path = (char *)in->file->path;
		it.sha1 = (char *)in->file->sha1;
		it.md5 = (char *)in->file->md5;
		it.has_file_times = true;
		it.file_mtime = in->file->mtime;
		it.file_ctime = in->file->ctime;
	} else {
		if (in->sha256 == NULL || !in->has_size) {
			op_invalid(&op, e, VERR_USAGE, "evidence needs --file "
			    "PATH, or --hash sha256:HEX with --size N");
			goto fail;
		}
		if (custody_hash_parse(in->sha256, hex) != 0) {
			op_invalid(&op, e, VERR_USAGE, "--hash: '%s' is not a "
			    "SHA-256 (sha256: and 64 hex digits)", in->sha256);
			goto fail;
		}
		if (in->size < 0) {
			op_invalid(&op, e, VERR_USAGE, "--size must not be "
			    "negative");
			goto fail;
		}
		snprintf(it.sha256, sizeof it.sha256, "%s", hex);
		it.size = in->size;
	}
	if (in->has_collected && in->collected_at > op.now + 300) {
		op_invalid(&op, e, VERR_DATA, "the collection time is in the "
		    "future");
		goto fail;
	}
	if (in->has_parent) {
		if (ev_parent(&op, in->parent_num, e) != 0)
			goto fail;
		custody_id(in->parent_num, pid);
		it.has_parent = true;
		it.parent_num = in->parent_num;
	}
	uuid_generate_random(u);
	uuid_unparse_lower(u, it.uuid);
	it.description = (char *)in->description;
	it.location = (char *)in->location;
	it.source_host = (char *)in->source_host;
	it.has_clock_offset = in->has_clock_offset;
	it.clock_offset = in->clock_offset;
	it.collected_at = in->has_collected ? in->collected_at : op.now;
	it.collected_offset = in->has_collected ? in->collected_offset : 0;
	it.registered_at = op.now;
	it.registered_by = ctx->me.login;
	it.custodian = ctx->me.login;
	if (evidence_insert(ctx->db, op.inc.id, &it, &num, e) != 0)
		goto fail;
	custody_id(num, id);
	json_kstr(&op.j, "evidence", id);
	json_kstr(&op.j, "uuid", it.uuid);
	if (it.has_parent)
		json_kstr(&op.j, "parent", pid);
	json_kstr(&op.j, "description", in->description);
	if (in->location != NULL && *in->location != '\0')
		json_kstr(&op.j, "location", in->location);
	if (in->source_host != NULL && *in->source_host != '\0')
		json_kstr(&op.j, "source_host", in->source_host);
	if (in->has_clock_offset)
		json_kint(&op.j, "clock_offset_s", in->clock_offset);
	json_ktime_offset(&op.j, "collected", it.collected_at,
	    it.collected_offset);
	if (it.path != NULL)
		json_kstr(&op.j, "path", it.path);
	json_kint(&op.j, "size", it.size);
	json_kstr(&op.j, "sha256", it.sha256);
	if (it.sha1 != NULL && *it.sha1 != '\0')
		json_kstr(&op.j, "sha1", it.sha1);
	if (it.md5 != NULL && *it.md5 != '\0')
		json_kstr(&op.j, "md5", it.md5);
	json_kstr(&op.j, "custodian", ctx->me.login);
	return op_finish(&op, "evidence.add", e);
fail:
	op_abort(&op);	/* it holds only borrowed strings */
	return -1;
}

/*
 * Compare file with the item's reference hash: 0 when they match. On a
 * mismatch record the failed check, journal it loudly and commit (op
 * ends), then return -1 with a message for the user.
 */
static int
ev_compare(struct op *op, const struct evidence_item *it,
    const struct filehash_result *file, const char *during, const char *to,
    struct verr *e)
{
	struct evidence_event	 ev;
	struct vigil_ctx	*ctx = op->ctx;
	char			 id[CUSTODY_ID_MAX], key[INCIDENT_KEY_MAX];

	if (strcmp(file->sha256, it->ref_sha256) == 0 &&
	    file->size == it->ref_size)
		return 0;
	custody_id(it->num, id);
	snprintf(key, sizeof key, "%s", op->inc.key);
	memset(&ev, 0, sizeof ev);
	ev.num = it->num;
	ev.kind = CUSTODY_CHECK;
	ev.at = op->now;
	ev.by = ctx->me.login;
	ev.text = strcmp(during, "transfer") == 0 ? "hash mismatch: the "
	    "transfer was refused" : "hash mismatch";
	ev.path = (char *)file->path;
	ev.has_hash = true;
	ev.size = file->size;
	snprintf(ev.sha256, sizeof ev.sha256, "%s", file->sha256);
	ev.has_result = true;
	ev.ok = false;
	if (evidence_event_insert(ctx->db, op->inc.id, &ev, e) != 0)
		return -1;
	json_kstr(&op->j, "evidence", id);
	json_kstr(&op->j, "during", during);
	if (to != NULL)
		json_kstr(&op->j, "refused_transfer_to", to);
	json_kstr(&op->j, "path", file->path);
	json_kstr(&op->j, "expected_sha256", it->ref_sha256);
	json_kint(&op->j, "expected_size", it->ref_size);
	json_kstr(&op->j, "found_sha256", file->sha256);
	json_kint(&op->j, "found_size", file->size);
	if (op_finish(op, "evidence.mismatch", e) != 0)
		return -1;
	ops_anchor(ctx, "an evidence hash mismatch");
	return verr_set(e, VERR_DATA, "HASH MISMATCH: %s %s: %s has SHA-256 "
	    "%s (%lld bytes), the record says %s (%lld bytes); %s, and the "
	    "mismatch is journaled", key, id, file->path, file->sha256,
	    (long long)file->size, it->ref_sha256, (long long)it->ref_size,
	    strcmp(during, "transfer") == 0 ? "the transfer is refused" :
	    "recorded as a failed check");
}

/* The "ok" check written with a transfer or a check. */
static void
ev_check_fields(struct evidence_event *ev, const struct filehash_result *f)
{
	ev->path = (char *)f->path;
	ev->has_hash = true;
	ev->size = f->size;
	snprintf(ev->sha256, sizeof ev->sha256, "%s", f->sha256);
	ev->has_result = true;
	ev->ok = true;
}

int
ops_evidence_transfer(struct vigil_ctx *ctx, const char *key, const char *eid,
    const char *to, const char *reason, const struct filehash_result *file,
    struct evidence_outcome *out, struct verr *e)
{
	struct evidence_item	 it;
	struct evidence_event	 ev;
	struct person		 p;
	struct op		 op;
	char			 id[CUSTODY_ID_MAX];
	int			 found;
	bool			 external;

	memset(out, 0, sizeof *out);
	if (check_text("the new custodian (--to)", to, CUSTODY_PARTY_MAX, true,
	    e) != 0 || check_text("the reason", reason, CUSTODY_TEXT_MAX, true,
	    e) != 0)
		return -1;
	memset(&it, 0, sizeof it);
	if (op_start(&op, ctx, ACTION_EVIDENCE_TRANSFER, key, e) != 0 ||
	    op_authorise(&op, ROLE_FORENSICS, e) != 0 ||
	    ev_item(&op, eid, &it, e) != 0)
		goto fail;
	custody_id(it.num, id);
	if ((found = roster_get(ctx->db, to, &p, e)) < 0)
		goto fail;
	if (found)
		person_clear(&p);
	external = found == 0;
	if (strcmp(it.custodian, to) == 0 && it.custodian_external ==
	    external) {
		op_invalid(&op, e, VERR_DATA, "%s %s is already in the custody "
		    "of %s", op.inc.key, id, to);
		goto fail;
	}
	if (file != NULL && ev_compare(&op, &it, file, "transfer", to, e) != 0)
		goto fail;
	memset(&ev, 0, sizeof ev);
	ev.num = it.num;
	ev.kind = CUSTODY_TRANSFER;
	ev.at = op.now;
	ev.by = ctx->me.login;
	ev.from_party = it.custodian;
	ev.from_external = it.custodian_external;
	ev.to_party = (char *)to;
	ev.to_external = external;
	ev.text = (char *)reason;
	if (file != NULL)
		ev_check_fields(&ev, file);
	if (evidence_event_insert(ctx->db, op.inc.id, &ev, e) != 0 ||
	    evidence_set_custodian(ctx->db, op.inc.id, it.num, to, external,
	    e) != 0)
		goto fail;
	json_kstr(&op.j, "evidence", id);
	json_kstr(&op.j, "from", it.custodian);
	json_kbool(&op.j, "from_external", it.custodian_external);
	json_kstr(&op.j, "to", to);
	json_kbool(&op.j, "to_external", external);
	json_kstr(&op.j, "reason", reason);
	if (file != NULL) {
		json_kstr(&op.j, "checked_path", file->path);
		json_kstr(&op.j, "sha256", file->sha256);
	}
	json_kbool(&op.j, "rechecked", file != NULL);
	evidence_item_clear(&it);
	out->external = external;
	out->checked = file != NULL;
	return op_finish(&op, "evidence.transfer", e);
fail:
	evidence_item_clear(&it);
	op_abort(&op);
	return -1;
}

int
ops_evidence_check(struct vigil_ctx *ctx, const char *key, const char *eid,
    const struct filehash_result *file, struct verr *e)
{
	struct evidence_item	 it;
	struct evidence_event	 ev;
	struct op		 op;
	char			 id[CUSTODY_ID_MAX];

	memset(&it, 0, sizeof it);
	if (op_start(&op, ctx, ACTION_EVIDENCE_CHECK, key, e) != 0 ||
	    op_authorise(&op, ROLE_FORENSICS, e) != 0)
		goto fail;
	if (file == NULL) {
		op_invalid(&op, e, VERR_USAGE, "a check needs the copy to "
		    "hash");
		goto fail;
	}
	if (ev_item(&op, eid, &it, e) != 0 ||
	    ev_compare(&op, &it, file, "check", NULL, e) != 0)
		goto fail;
	custody_id(it.num, id);
	memset(&ev, 0, sizeof ev);
	ev.num = it.num;
	ev.kind = CUSTODY_CHECK;
	ev.at = op.now;
	ev.by = ctx->me.login;
	ev_check_fields(&ev, file);
	if (evidence_event_insert(ctx->db, op.inc.id, &ev, e) != 0)
		goto fail;
	evidence_item_clear(&it);
	json_kstr(&op.j, "evidence", id);
	json_kstr(&op.j, "path", file->path);
	json_kint(&op.j, "size", file->size);
	json_kstr(&op.j, "sha256", file->sha256);
	json_kstr(&op.j, "result", "ok");
	return op_finish(&op, "evidence.check", e);
fail:
	evidence_item_clear(&it);
	op_abort(&op);
	return -1;
}

int
ops_evidence_note(struct vigil_ctx *ctx, const char *key, const char *eid,
    const char *text, bool change, const struct filehash_result *file,
    const char *sha256, bool has_size, int64_t size, struct verr *e)
{
	struct evidence_item	 it;
	struct evidence_event	 ev;
	struct op		 op;
	char			 id[CUSTODY_ID_MAX], hex[CUSTODY_HEX_MAX];

	if (check_text(change ? "the justification" : "the note", text,
	    CUSTODY_TEXT_MAX, true, e) != 0)
		return -1;
	if (!change && (file != NULL || sha256 != NULL))
		return verr_set(e, VERR_USAGE, "a hash goes with --change "
		    "only");
	memset(&it, 0, sizeof it);
	if (op_start(&op, ctx, ACTION_EVIDENCE_NOTE, key, e) != 0 ||
	    op_authorise(&op, ROLE_FORENSICS, e) != 0)
		goto fail;
	if (change && file == NULL) {
		if (sha256 == NULL || !has_size) {
			op_invalid(&op, e, VERR_USAGE, "a change needs the new "
			    "hash: --file PATH, or --hash sha256:HEX with "
			    "--size N");
			goto fail;
		}
		if (custody_hash_parse(sha256, hex) != 0) {
			op_invalid(&op, e, VERR_USAGE, "--hash: '%s' is not a "
			    "SHA-256 (sha256: and 64 hex digits)", sha256);
			goto fail;
		}
		if (size < 0) {
			op_invalid(&op, e, VERR_USAGE, "--size must not be "
			    "negative");
			goto fail;
		}
	}
	if (ev_item(&op, eid, &it, e) != 0)
		goto fail;
	custody_id(it.num, id);
	memset(&ev, 0, sizeof ev);
	ev.num = it.num;
	ev.kind = change ? CUSTODY_CHANGE : CUSTODY_NOTE;
	ev.at = op.now;
	ev.by = ctx->me.login;
	ev.text = (char *)text;
	if (change) {
		ev.has_hash = true;
		if (file != NULL) {
			ev.path = (char *)file->path;
			ev.size = file->size;
			snprintf(ev.sha256, sizeof ev.sha256, "%s",
			    file->sha256);
		} else {
			ev.size = size;
			snprintf(ev.sha256, sizeof ev.sha256, "%s", hex);
		}
	}
	if (evidence_event_insert(ctx->db, op.inc.id, &ev, e) != 0 ||
	    (change && evidence_set_reference(ctx->db, op.inc.id, it.num,
	    ev.sha256, ev.size, e) != 0))
		goto fail;
	json_kstr(&op.j, "evidence", id);
	json_kstr(&op.j, change ? "justification" : "text", text);
	if (change) {
		json_kstr(&op.j, "previous_sha256", it.ref_sha256);
		json_kstr(&op.j, "sha256", ev.sha256);
		json_kint(&op.j, "size", ev.size);
	}
	evidence_item_clear(&it);
	return op_finish(&op, change ? "evidence.change" : "evidence.note", e);
fail:
	evidence_item_clear(&it);
	op_abort(&op);
	return -1;
}

int
ops_evidence_void(struct vigil_ctx *ctx, const char *key, const char *eid,
    const char *reason, struct verr *e)
{
	struct evidence_item	 it;
	struct evidence_event	 ev;
	struct op		 op;
	char			 id[CUSTODY_ID_MAX];

	if (check_text("the reason", reason, CUSTODY_TEXT_MAX, true, e) != 0)
		return -1;
	memset(&it, 0, sizeof it);
	if (op_start(&op, ctx, ACTION_EVIDENCE_VOID, key, e) != 0 ||
	    op_authorise(&op, ROLE_FORENSICS, e) != 0 ||
	    ev_item(&op, eid, &it, e) != 0)
		goto fail;
	custody_id(it.num, id);
	memset(&ev, 0, sizeof ev);
	ev.num = it.num;
	ev.kind = CUSTODY_VOID;
	ev.at = op.now;
	ev.by = ctx->me.login;
	ev.text = (char *)reason;
	if (evidence_event_insert(ctx->db, op.inc.id, &ev, e) != 0 ||
	    evidence_set_void(ctx->db, op.inc.id, it.num, op.now, e) != 0)
		goto fail;
	evidence_item_clear(&it);
	json_kstr(&op.j, "evidence", id);
	json_kstr(&op.j, "reason", reason);
	return op_finish(&op, "evidence.void", e);
fail:
	evidence_item_clear(&it);
	op_abort(&op);
	return -1;
}


bool
ops_evidence_may(struct vigil_ctx *ctx, const char *key, enum action a)
{
	struct incident	inc;
	int64_t		id;
	bool		may;

	if (ctx->db == NULL || ops_key(key, &id, NULL) != 0 ||
	    incidents_get(ctx->db, id, &inc, NULL) != 0)
		return false;
	may = ops_may(ctx, &inc, a, ROLE_FORENSICS);
	incident_clear(&inc);
	return may;
}

void
evidence_doc_clear(struct evidence_doc *d)
{
	incident_clear(&d->inc);
	evidence_items_free(&d->items, d->nitems);
	evidence_events_free(&d->events, d->nevents);
	memset(d, 0, sizeof *d);
}

/* Reading needs a place on the roster (ACTION_EVIDENCE_READ). */
static int
ev_may_read(struct vigil_ctx *ctx, struct verr *e)
{
	struct actor_facts	 f;
	struct person		 p;
	char			 why[256];
	int			 found;

	if ((found = roster_get(ctx->db, ctx->me.login, &p, e)) < 0)
		return -1;
	memset(&f, 0, sizeof f);
	f.on_roster = found == 1;
	f.admin = found == 1 && p.admin;
	if (found == 1)
		person_clear(&p);
	if (!role_may(ACTION_EVIDENCE_READ, ROLE_FORENSICS, &f, why,
	    sizeof why))
		return verr_set(e, VERR_NOPERM, "%s", why);
	return 0;
}

int
ops_evidence_load(struct vigil_ctx *ctx, const char *key, const char *eid,
    struct evidence_doc *d, struct verr *e)
{
	int64_t	id, num = 0;
	size_t	i;
	char	sid[CUSTODY_ID_MAX];
	int	rc = -1;

	memset(d, 0, sizeof *d);
	if (ops_key(key, &id, e) != 0)
		return -1;
	if (eid != NULL && custody_id_parse(eid, &num) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not an evidence id "
		    "(expected something like E1)", eid);
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (ev_may_read(ctx, e) != 0 ||
	    incidents_get(ctx->db, id, &d->inc, e) != 0 ||
	    evidence_list(ctx->db, id, &d->items, &d->nitems, e) != 0 ||
	    evidence_events(ctx->db, id, num, &d->events, &d->nevents,
	    e) != 0 ||
	    journal_last_hash(ctx->db, true, id, d->last_hash, e) != 0)
		goto out;
	if (num > 0) {
		for (i = 0; i < d->nitems && d->items[i].num != num; i++)
			;
		if (i == d->nitems) {
			custody_id(num, sid);
			verr_set(e, VERR_NOINPUT, "%s has no evidence %s (see "
			    "'vigil evidence list %s')", d->inc.key, sid,
			    d->inc.key);
			goto out;
		}
		if (i > 0) {
			struct evidence_item t = d->items[0];

			d->items[0] = d->items[i];
			d->items[i] = t;
		}
		for (i = 1; i < d->nitems; i++)
			evidence_item_clear(&d->items[i]);
		d->nitems = 1;
	}
	rc = 0;
out:
	db_end_read(ctx->db);
	if (rc != 0)
		evidence_doc_clear(d);
	return rc;
}
