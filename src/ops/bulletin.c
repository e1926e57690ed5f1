/*
 * bulletin.c: the customer bulletin. A draft is rendered from a template
 * (src/model/template.c does the substitution; this file reads the file
 * and gathers the values, and only reads the database); an edited draft is
 * saved as the next numbered version, an action in the shape of op.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/deadline.h"
#include "vigil/ops-notify.h"
#include "vigil/template.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "op.h"

/* "2026-11-22 08:50 UTC": how a bulletin states a time. */
static void
bulletin_time(int64_t t, char out[TIMEFMT_MAX])
{
	char	iso[TIMEFMT_MAX];

	timefmt_utc(t, iso);	/* 2026-11-22T08:50:00Z */
	snprintf(out, TIMEFMT_MAX, "%.10s %.5s UTC", iso, iso + 11);
}

/* Read templates/NAME.md from dir into *out; 0, 1 when absent, -1. */
static int
bulletin_read_template(const char *dir, const char *name, char **out,
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
bulletin_template(struct vigil_ctx *ctx, const char *name, char **out,
    struct verr *e)
{
	int	rc = 1;

	if (ctx->user_dir != NULL &&
	    (rc = bulletin_read_template(ctx->user_dir, name, out, e)) <= 0)
		return rc;
	if (ctx->share_dir != NULL &&
	    (rc = bulletin_read_template(ctx->share_dir, name, out, e)) <= 0)
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
	return ops_bulletin_render_for(ctx, key, tmpl, rid, NULL, out, unknown,
	    first, firstlen, e);
}

int
ops_bulletin_render_for(struct vigil_ctx *ctx, const char *key,
    const char *tmpl, const char *rid, const char *summary, char **out,
    int *unknown, char *first, size_t firstlen, struct verr *e)
{
	struct incident		 inc;
	struct recipient	 r;
	struct person		 comms;
	struct template_var	 vars[14];
	char			*text = NULL, *flat, declared[TIMEFMT_MAX];
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
	if (bulletin_template(ctx, tmpl, &text, e) != 0)
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
		bulletin_time(inc.declared_at, declared);
		bulletin_time(d.has_due ? d.due : inc.declared_at +
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
	/* the customer reads the summary: never the internal title, which
	 * may be an alert's name; without one, a marker nobody can miss */
	vars[nv++] = (struct template_var){ "summary",
	    summary != NULL && *summary != '\0' ? summary :
	    inc.description[0] != '\0' ? inc.description :
	    BULLETIN_NO_SUMMARY };
	vars[nv++] = (struct template_var){ "recipient",
	    has_r ? r.name : "[recipient]" };
	vars[nv++] = (struct template_var){ "recipient_name",
	    has_r ? r.name : "[recipient]" };
	vars[nv++] = (struct template_var){ "recipient_kind",
	    has_r ? recipient_kind_name(r.kind) : "[recipient kind]" };
	vars[nv++] = (struct template_var){ "recipient_contact",
	    has_r && r.contact[0] != '\0' ? r.contact :
	    "[recipient contact]" };
	vars[nv++] = (struct template_var){ "comms_name",
	    has_comms ? comms.name : inc.holder[ROLE_COMMS] != NULL ?
	    inc.holder[ROLE_COMMS] : "[communications contact]" };
	vars[nv++] = (struct template_var){ "comms_contact",
	    has_comms && comms.contact[0] != '\0' ? comms.contact :
	    "[contact details]" };
	flat = template_render(text, vars, nv, unknown, first, firstlen);
	/* substituted text re-wrapped to the template's own width */
	*out = template_wrap(flat, template_width(text));
	free(flat);
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
bulletin_sha256(const char *s, char out[65], struct verr *e)
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
	return ops_bulletin_save_for(ctx, key, tmpl, NULL, body, version, e);
}

int
ops_bulletin_save_for(struct vigil_ctx *ctx, const char *key,
    const char *tmpl, const char *rid, const char *body, int64_t *version,
    struct verr *e)
{
	struct op		op;
	struct recipient	r;
	char			sum[65], id[RECIPIENT_ID_MAX];
	int64_t			v;
	long long		num = 0;
	int			found;

	if (tmpl == NULL)
		tmpl = BULLETIN_DEFAULT_TEMPLATE;
	if (!template_name_valid(tmpl))
		return verr_set(e, VERR_USAGE, "'%s' is not a template name "
		    "(letters, digits, '-' and '_')", tmpl);
	if (rid != NULL && recipient_id_parse(rid, &num) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not a recipient id "
		    "(expected something like R1)", rid);
	if (check_text("the bulletin", body, BULLETIN_MAX, true, e) != 0)
		return -1;
	if (body[strspn(body, " \t\r\n")] == '\0')
		return verr_set(e, VERR_USAGE, "the bulletin must not be empty");
	if (bulletin_sha256(body, sum, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_BULLETIN, key, ROLE_COMMS, e) != 0)
		goto fail;
	memset(&r, 0, sizeof r);
	if (rid != NULL) {
		if ((found = recipients_get(ctx->db, op.inc.id, num, &r,
		    e)) < 0)
			goto fail;
		if (found == 0) {
			verr_set(e, VERR_NOINPUT, "%s has no recipient R%lld",
			    op.inc.key, num);
			goto fail;
		}
	}
	if (bulletins_insert(ctx->db, op.inc.id, tmpl, body, op.now,
	    ctx->me.login, rid != NULL ? num : 0, &v, e) != 0) {
		if (rid != NULL)
			recipient_clear(&r);
		goto fail;
	}
	json_kint(&op.j, "version", v);
	json_kstr(&op.j, "template", tmpl);
	json_kint(&op.j, "bytes", (int64_t)strlen(body));
	json_kstr(&op.j, "sha256", sum);
	if (rid != NULL) {
		/* which version is meant for whom: the record of what was
		 * sent to each recipient (recipient.sent names the version) */
		ops_recipient_id(num, id);
		json_kstr(&op.j, "recipient", id);
		json_kstr(&op.j, "recipient_name", r.name);
		recipient_clear(&r);
	}
	if (version != NULL)
		*version = v;
	return op_finish(&op, "bulletin.save", e);
fail:
	op_abort(&op);
	return -1;
}
