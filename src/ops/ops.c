/*
 * ops.c: the context every action runs in: opening and closing the
 * database (making its creator the first administrator), the clock, the
 * incident key, and ops_may(), the read-only question front ends ask
 * before offering an action. The actions themselves are in lifecycle.c,
 * roster.c, clocks.c, recipients.c, bulletin.c and review.c, all in the
 * shape of op.h. Front ends never write rows themselves.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vigil/buf.h"
#include "vigil/ops.h"
#include "vigil/rules.h"
#include "vigil/store-chain.h"

int64_t
ops_system_clock(void)
{
	return (int64_t)time(NULL);
}

int64_t
ops_now(const struct vigil_ctx *ctx)
{
	return ctx->clock_now != NULL ? ctx->clock_now() : ops_system_clock();
}

int
ops_key(const char *key, int64_t *id, struct verr *e)
{
	if (incident_key_parse(key, id) != 0)
		return verr_set(e, VERR_DATA, "'%s' is not an incident key "
		    "(expected something like IR-42)", key != NULL ? key : "");
	return 0;
}

/*
 * Key the chain from the next entry, in one transaction with its entry:
 * the key file is made (or one left by a keying that did not commit is
 * taken up), then "chain.keyed" is journaled as the first keyed entry. A
 * failure removes the key file this made, so the journal stays plain.
 */
static int
ops_chain_key(struct vigil_ctx *ctx, struct verr *e)
{
	struct buf	 b;
	int64_t		 from;
	bool		 marked, already, made = false;
	int		 rc;

	chainkey_state(ctx->db, &from, &marked);
	if (marked)
		return 0;
	if (db_begin(ctx->db, e) != 0)
		return -1;
	if (chainkey_create(ctx->db, &already, &made, e) != 0)
		goto fail;
	if (already) {
		db_rollback(ctx->db);
		return 0;
	}
	buf_init(&b);
	chainkey_payload(ctx->db, &b);
	rc = journal_append(ctx->db, &ctx->me, false, 0, ops_now(ctx),
	    CHAIN_KEYED_ACTION, buf_str(&b), e);
	buf_clear(&b);
	if (rc == 0 && db_commit(ctx->db, e) == 0)
		return 0;
fail:
	db_rollback(ctx->db);
	if (made)
		chainkey_discard(ctx->db);
	return -1;
}

int
ops_open(struct vigil_ctx *ctx, const char *path, bool create, bool *created,
    struct verr *e)
{
	struct person_row p;
	int64_t		 n;
	char		 last[JOURNAL_HASH_HEX];
	bool		 made = false;

	if (created != NULL)
		*created = false;
	if (db_open(path, (create ? DB_CREATE : 0) |
	    (ctx->read_only ? DB_READONLY : 0), &ctx->db, &made, e) != 0)
		return -1;
	if (created != NULL)
		*created = made;
	if (ctx->witness && !made)
		ops_witness(ctx, ctx->witness_warning,
		    sizeof ctx->witness_warning);
	if (ctx->read_only)
		return 0;
	if (roster_count(ctx->db, &n, e) != 0)
		goto fail;
	/*
	 * Only creating the database (init, or a command allowed to create
	 * it) makes an administrator, and only of a database without a
	 * history: an emptied roster grants nobody anything.
	 */
	if (n > 0 || !create)
		goto keyed;
	/* First use: the creator administers the database. */
	if (db_begin(ctx->db, e) != 0)
		goto fail;
	if (roster_count(ctx->db, &n, e) != 0 ||
	    journal_last_hash(ctx->db, false, 0, last, e) != 0)
		goto rollback;
	if (n == 0 && last[0] == '\0') {
		struct buf	b;
		struct json	j;
		int		rc;

		memset(&p, 0, sizeof p);
		p.login = ctx->me.login;
		p.has_uid = true;
		p.uid = ctx->me.uid;
		p.name = ctx->me.gecos[0] != '\0' ? ctx->me.gecos :
		    ctx->me.login;
		p.contact = "";
		p.roles = ROLE_ALL;
		p.admin = true;
		p.added_at = ops_now(ctx);
		p.added_by = ctx->me.login;
		if (roster_put(ctx->db, &p, e) != 0)
			goto rollback;
		buf_init(&b);
		json_init(&j, &b, false);
		json_obj_open(&j);
		json_kstr(&j, "login", p.login);
		json_kstr(&j, "name", p.name);
		json_kstr(&j, "roles", "triage,sim,forensics,service,eim,comms,"
		    "support");
		json_kbool(&j, "admin", true);
		json_obj_close(&j);
		rc = journal_append(ctx->db, &ctx->me, false, 0, p.added_at,
		    "database.create", buf_str(&b), e);
		buf_clear(&b);
		if (rc != 0)
			goto rollback;
	}
	if (db_commit(ctx->db, e) != 0)
		goto fail;
keyed:
	if (ctx->chain_keying && ops_chain_key(ctx, e) != 0)
		goto fail;
	if (ctx->witness && made)
		ops_witness_reset(ctx);	/* a new database at this path */
	return 0;
rollback:
	db_rollback(ctx->db);
fail:
	db_close(&ctx->db);
	return -1;
}

void
ops_close(struct vigil_ctx *ctx)
{
	db_close(&ctx->db);
	ruleset_free(&ctx->rules);
}

bool
ops_may(struct vigil_ctx *ctx, const struct incident *inc, enum action a,
    enum role target)
{
	struct actor_facts	 f;
	struct person		 p;
	char			 why[256];
	int			 found;

	if (ctx->read_only || ctx->db == NULL)
		return false;
	memset(&f, 0, sizeof f);
	if ((found = roster_get(ctx->db, ctx->me.login, &p, NULL)) < 0)
		return false;
	f.on_roster = found == 1 && (!p.has_uid || p.uid == ctx->me.uid);
	f.admin = f.on_roster && p.admin;
	f.qualified = f.on_roster ? p.roles : 0;
	f.sim_vacant = inc != NULL && inc->holder[ROLE_SIM] == NULL;
	if (found == 1)
		person_clear(&p);
	if (inc != NULL && assignments_held_by(ctx->db, inc->id,
	    ctx->me.login, &f.held, NULL) != 0)
		return false;
	return role_may(a, target, &f, why, sizeof why);
}
