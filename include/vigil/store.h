/*
 * store.h: the tables of a vigil database, one function family per table.
 * These are the only way to reach the rows: callers never see SQL. Write
 * functions must be called inside db_begin()/db_commit(); they do not
 * journal (src/ops does, in the same transaction). Read functions copy every
 * string they return; the caller owns the results.
 */
#ifndef VIGIL_STORE_H
#define VIGIL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/actor.h"
#include "vigil/incident.h"
#include "vigil/milestone.h"
#include "vigil/role.h"
#include "vigil/store-db.h"
#include "vigil/verr.h"

/* ---- roster -------------------------------------------------------- */

struct person {
	char	*login;
	bool	 has_uid;
	int64_t	 uid;
	char	*name;
	char	*contact;
	unsigned roles;		/* ROLE_BIT()s the person is qualified for */
	bool	 admin;
	int64_t	 added_at;
	char	*added_by;
};

void	person_clear(struct person *);
void	person_list_free(struct person **, size_t);
/* 1 and *out filled when found, 0 when not, -1 on error. */
int	roster_get(struct db *, const char *login, struct person *out,
	    struct verr *);
int	roster_list(struct db *, struct person **out, size_t *n,
	    struct verr *);
/* People qualified for role, by login. */
int	roster_qualified(struct db *, enum role, struct person **out,
	    size_t *n, struct verr *);
int	roster_count(struct db *, int64_t *n, struct verr *);
/* What roster_put() writes; the strings are borrowed. */
struct person_row {
	const char	*login;		/* required */
	bool		 has_uid;
	int64_t		 uid;
	const char	*name;		/* required */
	const char	*contact;	/* NULL: "" */
	unsigned	 roles;		/* ROLE_BIT()s */
	bool		 admin;
	int64_t		 added_at;
	const char	*added_by;	/* required */
};
/* Insert or replace the person with this login. */
int	roster_put(struct db *, const struct person_row *, struct verr *);

/* ---- incidents ----------------------------------------------------- */

/* What incidents_insert() writes; the strings are borrowed. */
struct incident_row {
	const char	*uuid;		/* required */
	const char	*title;		/* required */
	const char	*description;	/* NULL: "" */
	int		 severity;	/* SEVERITY_MIN .. SEVERITY_MAX */
	enum kind	 kind;
	enum stage	 stage;
	int64_t		 created_at;
	const char	*created_by;	/* required */
};
/* Insert; id assigned by the store, returned in *id. */
int	incidents_insert(struct db *, const struct incident_row *,
	    int64_t *id, struct verr *);
/* Fill *out (with current role holders). VERR_NOINPUT when missing. */
int	incidents_get(struct db *, int64_t id, struct incident *out,
	    struct verr *);
int	incidents_exists(struct db *, int64_t id, struct verr *);
int	incidents_set_stage(struct db *, int64_t id, enum stage, int64_t now,
	    struct verr *);
int	incidents_set_closed(struct db *, int64_t id, enum resolution,
	    int64_t now, struct verr *);
int	incidents_set_declared(struct db *, int64_t id, bool declared,
	    int64_t at, int offset_s, const char *by, int64_t now,
	    struct verr *);
int	incidents_set_notified(struct db *, int64_t id, bool notified,
	    int64_t at, struct verr *);
/* The due time of the most urgent running clock (and, until
 * incidents_set_queue_key, the queue's order key too). */
int	incidents_set_queue_due(struct db *, int64_t id, bool has,
	    int64_t due, struct verr *);
/* The queue's order key (see queue.h): has false sorts last. */
int	incidents_set_queue_key(struct db *, int64_t id, bool has,
	    int64_t key, struct verr *);
int	incidents_touch(struct db *, int64_t id, int64_t now, struct verr *);

enum incident_set { INCIDENTS_OPEN, INCIDENTS_CLOSED, INCIDENTS_ALL };

/*
 * A window of the queue. Open incidents are ordered most urgent first
 * (queue_key, then severity, then id; see queue.h); closed ones newest closed first;
 * all, newest first. The window starts after (or, with backward, before)
 * the row `anchor_id` when has_anchor; filter is a case-insensitive
 * substring of the title or key (may be NULL). Reads only the window.
 */
struct incident_query {
	enum incident_set	 set;
	const char		*filter;
	int			 limit;
	bool			 has_anchor;
	int64_t			 anchor_id;
	bool			 backward;	/* rows before the anchor */
	bool			 with_roles;	/* fill holder[] */
};

int	incidents_list(struct db *, const struct incident_query *,
	    struct incident **out, size_t *n, struct verr *);
void	incident_list_free(struct incident **, size_t);
/* How many rows the query's set and filter hold (anchor ignored). */
int	incidents_count(struct db *, const struct incident_query *,
	    int64_t *n, struct verr *);
/* The header's counts of open incidents, in two indexed queries. */
struct incident_stats {
	int64_t	all;		/* every incident */
	int64_t	open;
	int64_t	sev1;		/* open, severity 1 */
	int64_t	declared;	/* open, with a declaration in force */
	int64_t	mine;		/* open, where login holds a role */
};
int	incidents_stats(struct db *, const char *login,
	    struct incident_stats *out, struct verr *);

/* How many rows of the set come before incident id in its order. */
int	incidents_rank(struct db *, const struct incident_query *,
	    int64_t id, int64_t *rank, struct verr *);

/* ---- assignments --------------------------------------------------- */

struct assignment {
	int64_t	 id;
	enum role role;
	char	*login;
	int64_t	 assigned_at;
	char	*assigned_by;
	char	*note;
	bool	 released;
	int64_t	 released_at;
	char	*released_by;
	char	*release_note;
};

void	assignment_list_free(struct assignment **, size_t);
int	assignments_insert(struct db *, int64_t incident, enum role,
	    const char *login, int64_t at, const char *by, const char *note,
	    struct verr *);
/* Release the current holder; *released false when the role was vacant. */
int	assignments_release(struct db *, int64_t incident, enum role,
	    int64_t at, const char *by, const char *note, bool *released,
	    struct verr *);
/* Every tenure of the incident, oldest first. */
int	assignments_list(struct db *, int64_t incident,
	    struct assignment **out, size_t *n, struct verr *);
/* ROLE_BIT()s login currently holds on the incident. */
int	assignments_held_by(struct db *, int64_t incident, const char *login,
	    unsigned *mask, struct verr *);

/* ---- milestones ---------------------------------------------------- */

/* All of the incident's milestones ordered by time, then id. */
int	milestones_list(struct db *, int64_t incident, struct milestone **out,
	    size_t *n, struct verr *);
/* What milestones_insert() writes; the strings are borrowed. */
struct milestone_row {
	const char	*name;		/* required */
	int64_t		 at;
	int		 offset_s;	/* UTC offset it was entered with */
	int64_t		 recorded_at;
	const char	*recorded_by;	/* required */
	const char	*note;		/* NULL: "" */
};
int	milestones_insert(struct db *, int64_t incident,
	    const struct milestone_row *, struct verr *);

/* ---- notes --------------------------------------------------------- */

struct note {
	int64_t	 id;
	int64_t	 at;
	char	*author;
	char	*text;
};

void	note_list_free(struct note **, size_t);
int	notes_insert(struct db *, int64_t incident, int64_t at,
	    const char *author, const char *text, struct verr *);
/* Newest first, at most limit (0: all). */
int	notes_list(struct db *, int64_t incident, int limit,
	    struct note **out, size_t *n, struct verr *);

/* ---- clocks (enabled rules, holds) --------------------------------- */

/* Rule ids explicitly enabled on the incident (owned array of owned ids). */
int	clocks_enabled(struct db *, int64_t incident, char ***ids, size_t *n,
	    struct verr *);
void	clocks_ids_free(char ***ids, size_t n);
int	clocks_set(struct db *, int64_t incident, const char *rule,
	    bool enabled, int64_t at, const char *by, struct verr *);

struct hold_rec {
	int64_t	 id;
	char	*rule;
	char	*basis;
	int64_t	 from;
	bool	 has_until;
	int64_t	 until;
	int64_t	 created_at;
	char	*created_by;
};

void	hold_list_free(struct hold_rec **, size_t);
/* Every hold of the incident, oldest first. */
int	holds_list(struct db *, int64_t incident, struct hold_rec **out,
	    size_t *n, struct verr *);
int	holds_insert(struct db *, int64_t incident, const char *rule,
	    const char *basis, int64_t from, bool has_until, int64_t until,
	    int64_t at, const char *by, struct verr *);
/* End the open holds of a rule at `at`; *n gets how many were open. */
int	holds_release(struct db *, int64_t incident, const char *rule,
	    int64_t at, const char *by, int *n, struct verr *);

/* ---- journal ------------------------------------------------------- */

#define JOURNAL_HASH_HEX 65

struct journal_entry {
	int64_t	 seq;
	char	 uuid[40];
	bool	 has_incident;
	int64_t	 incident;
	int64_t	 at;
	int64_t	 uid;
	char	*login;
	bool	 has_loginuid;
	int64_t	 loginuid;
	char	*action;
	char	*payload;	/* canonical JSON */
	char	 prev_hash[JOURNAL_HASH_HEX];
	char	 hash[JOURNAL_HASH_HEX];
	/* the byte lengths the hash covers (a field may hold a NUL) */
	size_t	 login_len, action_len, payload_len;
	/* the row changes of the entry (an SQLite changeset), or NULL */
	const void *changes;
	size_t	 changes_len;
};

void	journal_list_free(struct journal_entry **, size_t);
/*
 * Append one entry chained to the last one. Must run inside the write
 * transaction of the change it records. payload must be canonical JSON
 * (the JSON writer's compact output).
 */
int	journal_append(struct db *, const struct actor *, bool has_incident,
	    int64_t incident, int64_t at, const char *action,
	    const char *payload, struct verr *);

struct journal_query {
	bool	 has_incident;
	int64_t	 incident;
	bool	 newest_first;
	int	 limit;		/* 0: all */
};
int	journal_list(struct db *, const struct journal_query *,
	    struct journal_entry **out, size_t *n, struct verr *);

struct journal_check {
	int64_t	 entries;	/* entries read */
	bool	 ok;
	int64_t	 bad_seq;	/* first entry that does not match (if !ok) */
	char	 problem[256];
	char	 head[JOURNAL_HASH_HEX];	/* hash of the last entry */
	bool	 db_checked;	/* the file checks ran (full) */
	bool	 db_ok;		/* quick_check and foreign_key_check */
	char	 db_problem[256];
	/* the record: every table replayed from the journal's changes */
	bool	 rec_checked;	/* the replay ran (the chain was intact) */
	bool	 rec_ok;
	int64_t	 rec_from;	/* first entry replayed */
	int64_t	 rec_tables, rec_rows;
	char	 rec_problem[512];
	/* the chain is keyed (HMAC-SHA-256) from this entry on; 0: not */
	int64_t	 keyed_from;
};
/*
 * Recompute the chain; with full, also run SQLite's quick_check and
 * foreign_key_check over the whole file (O(file size): minutes on a file
 * of gigabytes, where the chain takes seconds). Fills *out; -1 only on
 * error.
 */
int	journal_verify(struct db *, bool full, struct journal_check *out,
	    struct verr *);
/* Hash of the newest entry about the incident ("" if none). */
int	journal_last_hash(struct db *, bool has_incident, int64_t incident,
	    char out[JOURNAL_HASH_HEX], struct verr *);

#endif
