/*
 * roster.c: the action that adds a person to the roster or updates one
 * (administrators only), in the shape of op.h. The roster itself is
 * src/store/roster.c.
 */
#include <pwd.h>
#include <string.h>

#include "vigil/ops.h"
#include "op.h"

int
ops_roster_add(struct vigil_ctx *ctx, const struct roster_entry *re,
    struct verr *e)
{
	struct op	 op;
	struct person_row p;
	struct person	 old;
	char		 roles[128];
	int		 found = 0;

	if (!identity_valid_login(re->login))
		return verr_set(e, VERR_USAGE, "'%s' is not a valid login name",
		    re->login);
	if (check_text("the name", re->name, 200, false, e) != 0 ||
	    check_text("the contact", re->contact, 500, false, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_ROSTER, NULL, ROLE_TRIAGE, e) != 0)
		goto fail;
	if ((found = roster_get(ctx->db, re->login, &old, e)) < 0) {
		found = 0;
		goto fail;
	}
	memset(&p, 0, sizeof p);
	p.login = re->login;
	p.name = re->name != NULL ? re->name : found ? old.name : re->login;
	p.contact = re->contact != NULL ? re->contact : found ? old.contact :
	    "";
	p.roles = re->has_roles ? re->roles : found ? old.roles : 0;
	p.admin = re->has_admin ? re->admin : found ? old.admin : false;
	p.has_uid = found && !re->rebind_uid ? old.has_uid : false;
	p.uid = found && !re->rebind_uid ? old.uid : 0;
	if (!p.has_uid) {
		struct passwd	*pw = getpwnam(re->login);

		if (pw != NULL) {
			p.has_uid = true;
			p.uid = (int64_t)pw->pw_uid;
		}
	}
	p.added_at = found ? old.added_at : op.now;
	p.added_by = found ? old.added_by : ctx->me.login;
	if (found && old.admin && !p.admin && strcmp(re->login,
	    ctx->me.login) == 0) {
		op_invalid(&op, e, VERR_DATA, "you cannot remove your own "
		    "administrator flag");
		goto fail;
	}
	if (roster_put(ctx->db, &p, e) != 0)
		goto fail;
	role_format_list(p.roles, roles, sizeof roles);
	json_kstr(&op.j, "login", p.login);
	json_kstr(&op.j, "name", p.name);
	json_kstr(&op.j, "contact", p.contact);
	json_kstr(&op.j, "roles", roles);
	json_kbool(&op.j, "admin", p.admin);
	json_kbool(&op.j, "update", found == 1);
	if (re->rebind_uid && p.has_uid)
		json_kint(&op.j, "rebound_uid", p.uid);
	if (found)
		person_clear(&old);
	return op_finish(&op, found ? "roster.update" : "roster.add", e);
fail:
	if (found)
		person_clear(&old);
	op_abort(&op);
	return -1;
}
