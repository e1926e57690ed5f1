/*
 * demo.c: the demo database. Every incident is made with the ops functions
 * (as the current user, who is the database's administrator and holds
 * every role), backdating milestones and declarations with their `at`
 * times, so deadlines land in each state relative to now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-clocks.h"
#include "vigil/ops-demo.h"
#include "vigil/util.h"

#define H 3600

static const struct demo_person {
	const char	*login, *name, *contact, *roles;
} people[] = {
	{ "alice", "Alice Moreau", "alice@example.org", "sim,triage" },
	{ "bob", "Bob Okafor", "bob@example.org", "sim,forensics" },
	{ "carol", "Carol Lindqvist", "+1 555 0100", "eim" },
	{ "dave", "Dave Nakamura", "dave@example.org", "forensics" },
	{ "erin", "Erin Walsh", "erin@example.org", "support,comms" },
	{ "frank", "Frank Idowu", "frank@example.org", "service,triage" },
	{ "grace", "Grace Haddad", "grace@example.org", "comms" },
	{ "heidi", "Heidi Novak", "heidi@example.org", "triage" },
	{ "ivan", "Ivan Petrov", "ivan@example.org", "eim,sim" },
};

/*
 * One demo incident: how long ago things happened (hours before now; 0 for
 * "not recorded"), its stage, and who holds which role ("me" is the user).
 */
static const struct demo_incident {
	const char	*title, *description;
	int		 severity;
	enum kind	 kind;
	enum stage	 stage;		/* STAGE_CLOSE: closed */
	const char	*resolution;
	int		 started_h, detected_h;
	int		 declared_h;	/* declared this many hours ago */
	int		 notified_h;	/* customers notified hours ago */
	const char	*sim, *forensics, *eim, *comms, *support, *triage,
			*service;
	const char	*note;
	/* regulators' clocks: enabled rules, a trigger and a report sent */
	const char	*clocks, *trigger;
	int		 trigger_h;
	const char	*sent;
	int		 sent_h;
} incidents[] = {
	{ "Ransomware on file-srv-3", "Encrypted shares on file-srv-3; "
	    "ransom note found in \\\\fs3\\finance.", 1, KIND_SECURITY,
	    STAGE_DIAGNOSE, NULL, 70, 68, 66, 0, "alice", "dave", "me",
	    "grace", "erin", "heidi", "frank",
	    "isolated VLAN 40 (file-srv-3); backups from 02:00 intact",
	    "gdpr-33,nis2-early,nis2-notify", "aware", 69, "nis2-early", 50 },
	{ "Okta admin token misuse", "Admin API token used from an unknown "
	    "ASN to export user profiles.", 1, KIND_PRIVACY, STAGE_STABILIZE,
	    NULL, 60, 58, 56, 0, "bob", "dave", "me", "me", "erin", "heidi",
	    NULL, "token revoked; sessions of 41 admins reset",
	    "dora-initial,dora-intermediate", "classified_major", 2, NULL, 0 },
	{ "Customer DB snapshot shared publicly", "Snapshot of orders-db "
	    "made public for 5 hours.", 2, KIND_PRIVACY, STAGE_DIAGNOSE, NULL,
	    14, 12, 10, 0, "me", "bob", "me", "grace", NULL, "alice",
	    "frank", "snapshot made private; access logs requested",
	    "sec-8k", "materiality_determined", 9, NULL, 0 },
	{ "Payroll export sent to wrong tenant", "Monthly payroll CSV "
	    "delivered to another customer's SFTP.", 2, KIND_PRIVACY,
	    STAGE_STABILIZE, NULL, 80, 78, 76, 0, "alice", NULL, "me", "erin",
	    "erin", "heidi", NULL, "recipient confirmed deletion in writing", NULL, NULL, 0,
	    NULL, 0 },
	{ "Credential stuffing on login API", "Spike of failed logins from "
	    "residential proxies.", 2, KIND_SECURITY, STAGE_ASSESS, NULL, 3,
	    2, 0, 0, "me", NULL, "carol", NULL, NULL, "heidi", NULL,
	    "rate limits tightened on /v2/login", NULL, NULL, 0,
	    NULL, 0 },
	{ "Phishing wave, finance", "Lookalike domain targeting accounts "
	    "payable.", 3, KIND_SECURITY, STAGE_ASSESS, NULL, 6, 5, 0, 0,
	    NULL, NULL, NULL, NULL, NULL, "me", NULL,
	    "12 reports so far; domain submitted for takedown", NULL, NULL, 0,
	    NULL, 0 },
	{ "Exposed storage bucket", "Scanner reports a world-readable "
	    "bucket: logs-archive-eu.", 3, KIND_SECURITY, STAGE_DETECT, NULL,
	    1, 1, 0, 0, NULL, NULL, NULL, NULL, NULL, "heidi", NULL, NULL, NULL, NULL, 0,
	    NULL, 0 },
	{ "EDR alert: credential dumping on build-07", "LSASS access by an "
	    "unsigned binary.", 2, KIND_SECURITY, STAGE_DETECT, NULL, 0, 0, 0,
	    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0,
	    NULL, 0 },
	{ "Support portal XSS reported", "Bug bounty report: stored XSS in "
	    "ticket subject.", 3, KIND_SECURITY, STAGE_STABILIZE, NULL, 30,
	    28, 0, 0, "bob", NULL, NULL, NULL, "erin", "frank", "frank",
	    "fix deployed to staging", NULL, NULL, 0,
	    NULL, 0 },
	{ "Leaked API keys in public repo", "Three production keys pushed to "
	    "a public fork.", 1, KIND_SECURITY, STAGE_DIAGNOSE, NULL, 62, 61,
	    60, 20, "ivan", "dave", "me", "grace", "erin", "heidi", NULL,
	    "keys rotated; usage from 2 foreign IPs", NULL, NULL, 0,
	    NULL, 0 },
	{ "Misrouted invoices (billing batch 118)", "Invoices emailed to the "
	    "wrong customers.", 2, KIND_PRIVACY, STAGE_CLOSE, "confirmed", 130,
	    128, 100, 10, "alice", NULL, "me", "grace", "erin", "heidi", NULL,
	    "all 23 customers notified; template bug fixed", NULL, NULL, 0,
	    NULL, 0 },
	{ "Suspicious OAuth app consent", "Tenant-wide consent granted to an "
	    "unverified app.", 3, KIND_SECURITY, STAGE_CLOSE, "benign", 200,
	    199, 0, 0, "bob", NULL, NULL, NULL, NULL, "heidi", NULL,
	    "app belongs to the marketing team; approved", NULL, NULL, 0,
	    NULL, 0 },
	{ "DDoS on status page", "Volumetric attack against status.example.",
	    4, KIND_SECURITY, STAGE_CLOSE, "false-positive", 300, 299, 0, 0,
	    "alice", NULL, NULL, NULL, NULL, "frank", "frank",
	    "load test by a vendor, not announced", NULL, NULL, 0,
	    NULL, 0 },
	{ "Laptop stolen, disk encrypted", "Sales laptop stolen from a car; "
	    "FileVault on.", 4, KIND_PRIVACY, STAGE_CLOSE, "confirmed", 400,
	    398, 0, 0, "ivan", NULL, NULL, NULL, "erin", "heidi", NULL,
	    "device wiped remotely; no data at risk", NULL, NULL, 0,
	    NULL, 0 },
};

/* "me" stands for the current user. */
static const char *
who(const struct vigil_ctx *ctx, const char *login)
{
	return login != NULL && strcmp(login, "me") == 0 ? ctx->me.login :
	    login;
}

static int
demo_one(struct vigil_ctx *ctx, const struct demo_incident *d, int64_t now,
    struct verr *e)
{
	struct incident_new	 in;
	char			 key[INCIDENT_KEY_MAX];
	const char		*holders[ROLE__COUNT] = { 0 };
	int			 r;
	enum stage		 s;

	memset(&in, 0, sizeof in);
	in.title = d->title;
	in.description = d->description;
	in.severity = d->severity;
	in.kind = d->kind;
	if (d->detected_h > 0) {
		in.has_detected = true;
		in.detected_at = now - (int64_t)d->detected_h * H;
	}
	if (ops_incident_new(ctx, &in, key, e) != 0)
		return -1;
	holders[ROLE_SIM] = d->sim;
	holders[ROLE_FORENSICS] = d->forensics;
	holders[ROLE_EIM] = d->eim;
	holders[ROLE_COMMS] = d->comms;
	holders[ROLE_SUPPORT] = d->support;
	holders[ROLE_TRIAGE] = d->triage;
	holders[ROLE_SERVICE] = d->service;
	for (r = 0; r < ROLE__COUNT; r++) {
		/* opening the incident made its creator triage already */
		if (r == ROLE_TRIAGE && holders[r] != NULL &&
		    strcmp(who(ctx, holders[r]), ctx->me.login) == 0)
			continue;
		if (holders[r] != NULL && ops_assign(ctx, key, (enum role)r,
		    who(ctx, holders[r]), NULL, e) != 0)
			return -1;
	}
	if (d->started_h > 0 && ops_milestone(ctx, key, "event_started", true,
	    now - (int64_t)d->started_h * H, 0, NULL, e) != 0)
		return -1;
	for (s = STAGE_ASSESS; s <= d->stage && s < STAGE_CLOSE; s++)
		if (ops_stage(ctx, key, s, NULL, e) != 0)
			return -1;
	if (d->declared_h > 0) {
		if (ops_milestone(ctx, key, "incident_confirmed", true,
		    now - (int64_t)d->declared_h * H - 1800, 0, NULL, e) != 0 ||
		    ops_declare(ctx, key, "customer data was accessed without "
		    "authorisation", true, now - (int64_t)d->declared_h * H, 0,
		    e) != 0)
			return -1;
	}
	if (d->notified_h > 0 && ops_milestone(ctx, key, "customers_notified",
	    true, now - (int64_t)d->notified_h * H, 0, NULL, e) != 0)
		return -1;
	if (d->note != NULL && ops_note(ctx, key, d->note, e) != 0)
		return -1;
	if (d->clocks != NULL && (ops_clocks_enable(ctx, key, d->clocks, true,
	    e) != 0 || ops_milestone(ctx, key, d->trigger, true,
	    now - (int64_t)d->trigger_h * H, 0, NULL, e) != 0))
		return -1;
	if (d->sent != NULL && ops_clock_sent(ctx, key, d->sent, true,
	    now - (int64_t)d->sent_h * H, 0, e) != 0)
		return -1;
	if (d->stage == STAGE_CLOSE) {
		enum resolution	res;

		if (resolution_parse(d->resolution, &res) != 0)
			return verr_set(e, VERR_SOFTWARE, "demo resolution");
		if (ops_incident_close(ctx, key, res, NULL, e) != 0)
			return -1;
	}
	return 0;
}

int
demo_is_demo(const char *path, const char *me, struct verr *e)
{
	struct incident_query	 q = { .set = INCIDENTS_ALL, .limit = 1000 };
	struct incident		*inc = NULL;
	struct person		*p = NULL;
	struct db		*db = NULL;
	size_t			 np = 0, ni = 0, i, k;
	int			 demo = 1;

	if (db_open(path, DB_READONLY, &db, NULL, e) != 0)
		return -1;
	if (roster_list(db, &p, &np, e) != 0 ||
	    incidents_list(db, &q, &inc, &ni, e) != 0) {
		db_close(&db);
		return -1;
	}
	/* every person and every incident is one of the demo's own */
	for (i = 0; i < np && demo; i++) {
		for (k = 0; k < nitems(people); k++)
			if (strcmp(p[i].login, people[k].login) == 0)
				break;
		if (k == nitems(people) && strcmp(p[i].login, me) != 0)
			demo = 0;
	}
	for (i = 0; i < ni && demo; i++) {
		for (k = 0; k < nitems(incidents); k++)
			if (strcmp(inc[i].title, incidents[k].title) == 0)
				break;
		if (k == nitems(incidents))
			demo = 0;
	}
	if (np == 0 || ni > nitems(incidents))
		demo = 0;
	person_list_free(&p, np);
	incident_list_free(&inc, ni);
	db_close(&db);
	return demo;
}

int
demo_populate(struct vigil_ctx *ctx, struct verr *e)
{
	struct roster_entry	re;
	char			bad[32];
	size_t			i;
	int64_t			now = ops_now(ctx);

	for (i = 0; i < nitems(people); i++) {
		if (strcmp(people[i].login, ctx->me.login) == 0)
			continue;	/* the user is already admin, all roles */
		memset(&re, 0, sizeof re);
		re.login = people[i].login;
		re.name = people[i].name;
		re.contact = people[i].contact;
		re.has_roles = true;
		if (role_parse_list(people[i].roles, &re.roles, bad,
		    sizeof bad) != 0)
			return verr_set(e, VERR_SOFTWARE, "demo roles");
		if (ops_roster_add(ctx, &re, e) != 0)
			return -1;
	}
	for (i = 0; i < nitems(incidents); i++)
		if (demo_one(ctx, &incidents[i], now, e) != 0)
			return -1;
	return (int)nitems(incidents);
}
