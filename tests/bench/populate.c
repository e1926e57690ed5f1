/*
 * populate.c: vigil-populate fills a database with N realistic incidents
 * for the benchmarks: a roster of 30 responders with role qualifications,
 * incidents spread over five years (most closed, the recent ones open),
 * role assignments and hand-overs, stage moves, notes, ladder milestones
 * in order, breach declarations with deadlines in every state (ok, warn,
 * critical and overdue for open ones, met and missed for closed ones),
 * and one chained journal entry for every change, as src/ops would write
 * them. For speed it calls the store functions and journal_append()
 * directly inside large transactions, never src/ops; the result must pass
 * `vigil verify`. A transaction holds 1,000 incidents (~13,000 journal
 * entries): measured, 10,000 per transaction was three times slower, as
 * the transaction outgrows SQLite's page cache and spills to the WAL.
 *
 * usage: vigil-populate --db PATH --incidents N [--seed S]
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <uuid/uuid.h>

#include "vigil/buf.h"
#include "vigil/deadline.h"
#include "vigil/ops-identity.h"
#include "vigil/ops.h"
#include "vigil/store.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

#define PEOPLE 30
#define BATCH 1000	/* incidents per transaction (see below) */
#define HOUR 3600
#define DAY 86400
#define SPAN (5 * 365 * DAY)	/* incidents spread over five years */

struct pop {
	struct db	*db;
	int64_t		 now;
	uint64_t	 rng;
	struct actor	 people[PEOPLE];
	unsigned	 roles[PEOPLE];
	int64_t		 entries;	/* journal entries written */
	int64_t		 rows;		/* other rows written */
	struct buf	 payload;
	struct json	 j;
};

static uint64_t
rnd(struct pop *p)
{
	/* xorshift64*: reproducible for a given --seed */
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return p->rng * 2685821657736338717ULL;
}

/* Uniform in [0, n). */
static int64_t
pick(struct pop *p, int64_t n)
{
	return n <= 0 ? 0 : (int64_t)(rnd(p) % (uint64_t)n);
}

static bool
chance(struct pop *p, int percent)
{
	return pick(p, 100) < percent;
}

static void
die(const struct verr *e)
{
	fprintf(stderr, "vigil-populate: %s\n", e->msg);
	exit(e->code != 0 ? e->code : 70);
}

/* Someone on the roster qualified for role r. */
static const struct actor *
someone(struct pop *p, enum role r)
{
	int	i, start = (int)pick(p, PEOPLE);

	for (i = 0; i < PEOPLE; i++) {
		int	k = (start + i) % PEOPLE;

		if (p->roles[k] & ROLE_BIT(r))
			return &p->people[k];
	}
	abort();
}

static void
payload_start(struct pop *p)
{
	buf_reset(&p->payload);
	json_init(&p->j, &p->payload, false);
	json_obj_open(&p->j);
}

static void
journal(struct pop *p, const struct actor *who, int64_t id, int64_t at,
    const char *action)
{
	struct verr	e;

	json_obj_close(&p->j);
	if (journal_append(p->db, who, id > 0, id, at, action,
	    buf_str(&p->payload), &e) != 0)
		die(&e);
	p->entries++;
}

static void
json_at(struct pop *p, const char *k, int64_t t)
{
	char	s[TIMEFMT_MAX];

	timefmt_offset(t, 0, s);
	json_kstr(&p->j, k, s);
}

static void
check(int rc, const struct verr *e)
{
	if (rc != 0)
		die(e);
}

static void
make_roster(struct pop *p, const struct actor *admin)
{
	/* overlapping qualifications, as in a real team */
	static const struct { int from, to; enum role r; } quals[] = {
		{ 0, 9, ROLE_TRIAGE }, { 6, 15, ROLE_SIM },
		{ 13, 19, ROLE_FORENSICS }, { 18, 23, ROLE_SERVICE },
		{ 22, 25, ROLE_EIM }, { 25, 28, ROLE_COMMS },
		{ 27, 29, ROLE_SUPPORT },
	};
	struct person	old;
	struct person_row pe;
	struct verr	e;
	char		login[LOGIN_MAX], name[64], contact[64], roles[128];
	size_t		q;
	int		i;

	for (i = 0; i < PEOPLE; i++) {
		snprintf(login, sizeof login, "resp%02d", i + 1);
		memset(&p->people[i], 0, sizeof p->people[i]);
		snprintf(p->people[i].login, sizeof p->people[i].login, "%s",
		    login);
		p->people[i].uid = 20000 + i;
		p->roles[i] = 0;
		for (q = 0; q < nitems(quals); q++)
			if (i >= quals[q].from && i <= quals[q].to)
				p->roles[i] |= ROLE_BIT(quals[q].r);
		if (roster_get(p->db, login, &old, &e) == 1) {
			person_clear(&old);
			continue;	/* a database populated before */
		}
		snprintf(name, sizeof name, "Responder %d", i + 1);
		snprintf(contact, sizeof contact, "+1 555 01%02d", i + 1);
		memset(&pe, 0, sizeof pe);
		pe.login = login;
		pe.has_uid = true;
		pe.uid = p->people[i].uid;
		pe.name = name;
		pe.contact = contact;
		pe.roles = p->roles[i];
		pe.added_at = p->now - SPAN - DAY;
		pe.added_by = admin->login;
		check(roster_put(p->db, &pe, &e), &e);
		role_format_list(pe.roles, roles, sizeof roles);
		payload_start(p);
		json_kstr(&p->j, "login", login);
		json_kstr(&p->j, "name", name);
		json_kstr(&p->j, "contact", contact);
		json_kstr(&p->j, "roles", roles);
		json_kbool(&p->j, "admin", false);
		json_kbool(&p->j, "update", false);
		journal(p, admin, 0, pe.added_at, "roster.add");
	}
}

static const char *const what[] = {
	"Suspicious login on bastion", "Phishing wave against finance, wave",
	"Malware beacon from laptop", "Unusual egress from database host",
	"Ransom note on file server", "Public storage bucket, backup set",
	"Credential stuffing on the portal, campaign", "Leaked API key, repo",
	"Insider download spike, case", "Privacy request gone wrong, ticket",
};
static const char *const said[] = {
	"checked the auth logs; pattern matches known botnet",
	"host isolated, memory image taken (sha256 recorded)",
	"customer list may be in scope, asking service owner",
	"false alarm on the second host, first one confirmed",
	"WAF rule deployed; watching for recurrence",
	"legal informed; waiting on scope from forensics",
};

static void
assign(struct pop *p, int64_t id, enum role r, const struct actor *to,
    const struct actor *by, int64_t at)
{
	struct verr	e;

	check(assignments_insert(p->db, id, r, to->login, at, by->login, "",
	    &e), &e);
	p->rows++;
	payload_start(p);
	json_kstr(&p->j, "role", role_name(r));
	json_kstr(&p->j, "login", to->login);
	journal(p, by, id, at, "role.assign");
}

static void
milestone(struct pop *p, int64_t id, const char *name, int64_t at,
    const struct actor *by, int64_t recorded)
{
	struct milestone_row	m;
	struct verr		e;

	memset(&m, 0, sizeof m);
	m.name = name;
	m.at = at;
	m.recorded_at = recorded;
	m.recorded_by = by->login;
	check(milestones_insert(p->db, id, &m, &e), &e);
	p->rows++;
	if (strcmp(name, "customers_notified") == 0)
		check(incidents_set_notified(p->db, id, true, at, &e), &e);
	if (strcmp(name, "declared") == 0)
		return;		/* journaled by the declaration */
	payload_start(p);
	json_kstr(&p->j, "milestone", name);
	json_at(p, "at", at);
	journal(p, by, id, recorded, "milestone.record");
}

/* t moved on by up to `step` seconds, never into the future. */
static int64_t
later(struct pop *p, int64_t t, int64_t step)
{
	t += pick(p, step);
	return t < p->now - 60 ? t : p->now - 60;
}

/* One incident, from detection to (usually) closing. */
static void
incident(struct pop *p, int64_t n, int64_t total)
{
	struct incident_row	 inc;
	struct verr		 e;
	const struct actor	*tri, *sim, *eim = NULL;
	char			 title[128], key[INCIDENT_KEY_MAX], uuid[40];
	int64_t			 id, t, created, age, decl = 0;
	bool			 open, declared;
	int			 stage, target, step, k;
	uuid_t			 u;

	/* in time order, all in the past; later events clamp to now */
	created = p->now - SPAN + (SPAN / (total > 0 ? total : 1)) * n -
	    pick(p, HOUR);
	age = p->now - created;
	open = age < 30 * DAY || chance(p, 1);
	declared = chance(p, 10);
	tri = someone(p, ROLE_TRIAGE);
	sim = someone(p, ROLE_SIM);

	memset(&inc, 0, sizeof inc);
	uuid_generate_random(u);
	uuid_unparse_lower(u, uuid);
	inc.uuid = uuid;
	snprintf(title, sizeof title, "%s %d", what[pick(p, nitems(what))],
	    (int)pick(p, 400));
	inc.title = title;
	inc.description = "";
	inc.severity = 1 + (int)pick(p, 4);
	inc.kind = chance(p, 20) ? KIND_PRIVACY : KIND_SECURITY;
	inc.stage = STAGE_DETECT;
	inc.created_at = created;
	inc.created_by = tri->login;
	check(incidents_insert(p->db, &inc, &id, &e), &e);
	p->rows++;
	incident_key_format(id, key);
	payload_start(p);
	json_kstr(&p->j, "key", key);
	json_kstr(&p->j, "uuid", inc.uuid);
	json_kstr(&p->j, "title", title);
	json_kint(&p->j, "severity", inc.severity);
	json_kstr(&p->j, "kind", kind_name(inc.kind));
	json_at(p, "detected", created);
	journal(p, tri, id, created, "incident.new");

	/* the ladder's first steps */
	milestone(p, id, "event_started", created - pick(p, 6 * HOUR), tri,
	    created);
	milestone(p, id, "detected", created, tri, created);
	t = later(p, created + 60, 30 * 60);
	assign(p, id, ROLE_TRIAGE, tri, tri, t);
	assign(p, id, ROLE_SIM, sim, tri, t + 60);
	milestone(p, id, "oncall_engaged", t, sim, t + 120);
	t = later(p, t + 180, 1);

	/* stage moves and notes, a step every few hours */
	target = open ? (int)pick(p, 4) : 1 + (int)pick(p, 3);
	for (stage = STAGE_DETECT, step = 0; stage < target; stage++, step++) {
		t = later(p, t, 4 * HOUR);
		check(incidents_set_stage(p->db, id, (enum stage)(stage + 1),
		    t, &e), &e);
		payload_start(p);
		json_kstr(&p->j, "from", stage_name((enum stage)stage));
		json_kstr(&p->j, "to", stage_name((enum stage)(stage + 1)));
		journal(p, sim, id, t, "stage.change");
		if (stage == STAGE_ASSESS)
			milestone(p, id, "response_engaged", t, sim, t);
	}
	for (k = (int)pick(p, 4); k >= 0; k--) {
		const struct actor	*who = chance(p, 50) ? sim :
					    someone(p, ROLE_FORENSICS);
		const char		*text = said[pick(p, nitems(said))];

		t = later(p, t, 2 * HOUR);
		check(notes_insert(p->db, id, t, who->login, text, &e), &e);
		p->rows++;
		payload_start(p);
		json_kstr(&p->j, "text", text);
		journal(p, who, id, t, "note.add");
	}
	if (chance(p, 15)) {		/* a hand-over between shifts */
		const struct actor	*next = someone(p, ROLE_SIM);

		if (next != sim) {
			bool	released;

			t = later(p, t, HOUR);
			check(assignments_release(p->db, id, ROLE_SIM, t,
			    sim->login, "end of shift", &released, &e), &e);
			assign(p, id, ROLE_SIM, next, sim, t);
			sim = next;
		}
	}

	/* a declared breach: the eim, the clock, maybe the notification */
	if (declared) {
		eim = someone(p, ROLE_EIM);
		t = later(p, t, HOUR);
		assign(p, id, ROLE_EIM, eim, sim, t);
		milestone(p, id, "incident_confirmed", t, sim, t);
		if (open) {
			/* spread over ok, warn, critical and overdue */
			decl = p->now - pick(p, 90 * HOUR);
			if (decl < t)
				decl = t;
		} else
			decl = later(p, t, 4 * HOUR);
		milestone(p, id, "declared", decl, eim, decl);
		check(incidents_set_declared(p->db, id, true, decl, 0,
		    eim->login, decl, &e), &e);
		payload_start(p);
		json_kstr(&p->j, "milestone", "declared");
		json_at(p, "at", decl);
		json_kstr(&p->j, "note", "customer data accessed");
		json_kstr(&p->j, "reason", "customer data accessed");
		{
			char	due[TIMEFMT_MAX];

			timefmt_utc(decl + DEADLINE_CUSTOMER_S, due);
			json_kstr(&p->j, "due", due);
		}
		journal(p, eim, id, decl, "breach.declare");
		if (open)
			check(incidents_set_queue_due(p->db, id, true,
			    decl + DEADLINE_CUSTOMER_S, &e), &e);
		else {
			/* most notify in time; some miss the 72 hours */
			int64_t	sent = decl + 300 + (chance(p, 85) ?
				    pick(p, 70 * HOUR) : 73 * HOUR +
				    pick(p, 48 * HOUR));

			milestone(p, id, "impact_determined", sent - 120, sim,
			    sent);
			milestone(p, id, "customers_determined", sent - 60,
			    sim, sent);
			milestone(p, id, "customers_notified", sent, sim,
			    sent);
			t = sent;
		}
	}
	if (!open) {
		enum resolution	r = declared ? RESOLUTION_CONFIRMED :
				    (enum resolution)(1 + pick(p, 4));

		t = later(p, t, 24 * HOUR);
		check(incidents_set_closed(p->db, id, r, t, &e), &e);
		payload_start(p);
		json_kstr(&p->j, "resolution", resolution_name(r));
		json_kstr(&p->j, "from", stage_name((enum stage)target));
		journal(p, sim, id, t, "incident.close");
	}
}

static double
seconds(const struct timespec *a)
{
	struct timespec	b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) +
	    (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: vigil-populate --db PATH --incidents N "
	    "[--seed S]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "incidents", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct vigil_ctx	ctx;
	struct pop		p;
	struct verr		e;
	struct timespec		t0;
	struct stat		sb;
	const char		*path = NULL;
	long long		n = -1, seed = 1, i, v;
	int			c;

	while ((c = getopt_long(argc, argv, "d:n:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'n':
			if (util_parse_int(optarg, 0, 100000000, &n) != 0)
				usage();
			break;
		case 's':
			if (util_parse_int(optarg, 0, INT64_MAX, &v) != 0)
				usage();
			seed = v;
			break;
		default:
			usage();
		}
	}
	if (path == NULL || n < 0 || optind != argc)
		usage();

	memset(&ctx, 0, sizeof ctx);
	memset(&p, 0, sizeof p);
	ctx.clock_now = ops_system_clock;
	if (identity_current(&ctx.me, &e) != 0 ||
	    ops_open(&ctx, path, true, NULL, &e) != 0)
		die(&e);
	p.db = ctx.db;
	p.now = ops_system_clock();
	p.rng = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + 1;
	buf_init(&p.payload);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	check(db_begin(p.db, &e), &e);
	make_roster(&p, &ctx.me);
	check(db_commit(p.db, &e), &e);
	for (i = 0; i < n; i += BATCH) {
		long long	k, end = i + BATCH < n ? i + BATCH : n;

		check(db_begin(p.db, &e), &e);
		for (k = i; k < end; k++)
			incident(&p, k, n);
		check(db_commit(p.db, &e), &e);
		fprintf(stderr, "\rpopulate: %lld/%lld incidents, %" PRId64
		    " journal entries, %.1f s", end, n, p.entries,
		    seconds(&t0));
	}
	fprintf(stderr, "\n");
	ops_close(&ctx);
	buf_clear(&p.payload);
	if (stat(path, &sb) != 0)
		sb.st_size = 0;
	printf("populated %s: %lld incidents, %" PRId64 " journal entries, "
	    "%" PRId64 " other rows in %.1f s (%.0f incidents/s); file %.1f "
	    "MB\n", path, n, p.entries, p.rows, seconds(&t0),
	    (double)n / (seconds(&t0) > 0 ? seconds(&t0) : 1),
	    (double)sb.st_size / 1e6);
	return 0;
}
