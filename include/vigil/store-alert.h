/*
 * store-alert.h: the tables of alert intake — alerts (raw JSON kept
 * verbatim), inbox entries, suppressions, the --follow resume point — and
 * the reading of alert JSON with SQLite's JSON functions. Same contract as
 * store.h: writes run inside db_begin()/db_commit() and do not journal
 * (src/ops does); reads copy every string; the caller owns the results.
 */
#ifndef VIGIL_STORE_ALERT_H
#define VIGIL_STORE_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/alert.h"
#include "vigil/store-db.h"
#include "vigil/verr.h"

/* ---- reading JSON (alert-json.c) -------------------------------------- */

/*
 * A reader for one format's paths: one prepared statement that checks a
 * line with json_valid() and extracts every field with json_extract().
 * The paths are borrowed and must outlive the reader.
 */
struct alert_reader;

int	alert_reader_open(struct db *, const struct alert_paths *,
	    struct alert_reader **, struct verr *);
void	alert_reader_free(struct alert_reader **);
/*
 * Read one line. 1: valid JSON, *out filled (strings owned by the reader,
 * valid until its next call); 0: not a JSON object (why says so); -1: e.
 */
int	alert_reader_read(struct alert_reader *, const char *line, size_t len,
	    struct alert_fields *out, char *why, size_t whylen,
	    struct verr *);
/* Which of alert_detect_probes() a line has; 0 when it is not JSON. */
int	alert_json_detect(struct db *, const char *line, size_t len,
	    enum alert_format *, struct verr *);
/*
 * A mapping file: a JSON object from field names (title, severity, time,
 * source, rule, host, user, src_ip, dst_ip) to a JSON path ("$.msg") or,
 * for anything not starting with '$', a constant. On success *out is owned
 * (alert_paths_free); a bad file gives VERR_DATA naming the problem.
 */
int	alert_map_load(struct db *, const char *name, const char *text,
	    struct alert_paths **out, struct verr *);
void	alert_paths_free(struct alert_paths **);

/* ---- the import batch's statements (alerts.c) ------------------------ */

struct alert_store;

int	alert_store_open(struct db *, struct alert_store **, struct verr *);
void	alert_store_free(struct alert_store **);
/* SHA-256 of the raw bytes: the identity of an alert line. */
void	alert_digest(const char *raw, size_t len, unsigned char out[32]);
/* 1 when an alert with this digest is stored, 0 when not, -1 on error. */
int	alert_store_has(struct alert_store *, const unsigned char digest[32],
	    struct verr *);
/* 1 and *id: the entry this fingerprint repeats within the window. */
int	alert_store_repeat(struct alert_store *, const char *fingerprint,
	    int64_t at, int64_t window, int64_t *id, struct verr *);
/*
 * Count one more alert on an entry (times widen, severity the worst; the
 * head of its group, if any, is raised to that severity too).
 */
int	alert_store_bump(struct alert_store *, int64_t id, int64_t at,
	    int severity, struct verr *);
/*
 * The group a new entry joins: a new, ungrouped-or-root entry seen within
 * the window sharing the host, the user or an address (values for which
 * is_stop says true are never used), whose group has fewer than max
 * members. 1 with *root and why ("host web-01"), 0 when none.
 */
int	alert_store_group(struct alert_store *, const struct alert *,
	    int64_t window, bool (*is_stop)(const char *, void *), void *arg,
	    int max, int64_t *root, char *why, size_t whylen, struct verr *);
/* A new entry from one alert; *id its number; a group's head is raised
 * to the entry's severity when that is worse. */
int	alert_store_entry(struct alert_store *, const struct alert *,
	    enum alert_format, const char *fingerprint, int64_t arrived,
	    bool grouped, int64_t root, const char *why, int64_t *id,
	    struct verr *);
/* Store the alert (entry 0: none; suppression 0: none). */
int	alert_store_insert(struct alert_store *, const unsigned char d[32],
	    const char *raw, size_t len, enum alert_format, int64_t at,
	    int64_t received, const char *fingerprint, int64_t entry,
	    int64_t suppression, struct verr *);

/* ---- suppressions (alerts.c) ------------------------------------------ */

struct suppression {
	int64_t	 id;
	char	*pattern;
	char	*reason;
	char	*owner;
	int64_t	 created_at;
	int64_t	 until;
	int64_t	 hits;
	bool	 has_last_hit;
	int64_t	 last_hit;
};

void	suppression_list_free(struct suppression **, size_t);
int	suppressions_insert(struct db *, const char *pattern,
	    const char *reason, const char *owner, int64_t at, int64_t until,
	    int64_t *id, struct verr *);
/* Every suppression (active only: those with until > now), newest first. */
int	suppressions_list(struct db *, bool active_only, int64_t now,
	    struct suppression **out, size_t *n, struct verr *);
int	suppressions_hit(struct db *, int64_t id, int64_t hits, int64_t at,
	    struct verr *);
/*
 * Suppression id as it stands at `now`: 1 and *out filled when it exists
 * (*out's strings are the caller's to free with suppression_clear), 0 when
 * there is none.
 */
int	suppressions_get(struct db *, int64_t id, struct suppression *out,
	    struct verr *);
void	suppression_clear(struct suppression *);
/* End suppression id at `at` (its until becomes at). */
int	suppressions_end(struct db *, int64_t id, int64_t at, struct verr *);

/* ---- the inbox (inbox.c) ---------------------------------------------- */

enum entry_state {
	ENTRY_NEW,
	ENTRY_ACCEPTED,
	ENTRY_ATTACHED,
	ENTRY_DISMISSED,
	ENTRY__COUNT
};

struct inbox_entry {
	int64_t			 id;
	char			*fingerprint;
	char			*format;
	char			*title;
	int			 severity;
	char			*source, *rule, *host, *user, *src_ip, *dst_ip;
	int64_t			 first_seen, last_seen, count, arrived_at;
	enum entry_state	 state;
	int64_t			 group_id;	/* 0: not grouped */
	char			*group_why;
	int64_t			 incident_id;	/* 0: none */
	char			*reason;
	bool			 has_decided;
	int64_t			 decided_at;
	char			*decided_by;
	int64_t			 members;	/* entries grouped under it */
};

const char	*entry_state_name(enum entry_state);
void		 inbox_entry_clear(struct inbox_entry *);
void		 inbox_entry_list_free(struct inbox_entry **, size_t);
/* 1 and *out when found, 0 when not, -1 on error. */
int	inbox_get(struct db *, int64_t id, struct inbox_entry *out,
	    struct verr *);
/*
 * The first `limit` new entries that head a group (or stand alone), most
 * severe first, then most recently seen; each with its member count.
 */
int	inbox_list(struct db *, int limit, struct inbox_entry **out,
	    size_t *n, struct verr *);
/* The new entries grouped under root, most recently seen first. */
int	inbox_members(struct db *, int64_t root, struct inbox_entry **out,
	    size_t *n, struct verr *);
/* New entries (heads and members) and the alerts they count. */
int	inbox_counts(struct db *, int64_t *entries, int64_t *alerts,
	    struct verr *);
/*
 * Decide an entry and the new entries grouped under it: state, the
 * incident (0: none), reason, time, login. *n the entries changed.
 */
int	inbox_decide(struct db *, int64_t id, enum entry_state,
	    int64_t incident, const char *reason, int64_t at, const char *by,
	    int64_t *n, int64_t *alerts, struct verr *);
/* The entries accepted into or attached to an incident, oldest first. */
int	inbox_of_incident(struct db *, int64_t incident,
	    struct inbox_entry **out, size_t *n, struct verr *);

/* One stored alert. */
struct alert_row {
	int64_t	 id;
	int64_t	 entry_id;		/* 0: none (suppressed) */
	int64_t	 suppression_id;	/* 0: none */
	char	*format;
	int64_t	 at, received_at;
	char	*fingerprint;
	char	*raw;
};

void	alert_row_clear(struct alert_row *);
/* 1 when found, 0 when not, -1 on error. */
int	alerts_get(struct db *, int64_t id, struct alert_row *out,
	    struct verr *);
/* The ids of an entry's alerts, oldest first, at most limit. */
int	alerts_of_entry(struct db *, int64_t entry, int limit, int64_t **ids,
	    size_t *n, struct verr *);

/* `vigil report`: alert intake over [since, until). */
struct alert_report {
	int64_t	 received;	/* alerts stored */
	int64_t	 deduplicated;	/* counted on an existing entry */
	int64_t	 suppressed;
	int64_t	 entries;
	int64_t	 accepted, attached, dismissed;
	bool	 has_median;
	int64_t	 median_accept;	/* arrival to acceptance, seconds */
};
int	alerts_report(struct db *, bool has_since, int64_t since,
	    bool has_until, int64_t until, struct alert_report *,
	    struct verr *);

/* ---- the --follow resume point (inbox.c) ----------------------------- */

/* 1 with inode, offset and line number when known, 0 when not. */
int	import_cursor_get(struct db *, const char *path, int64_t *inode,
	    int64_t *offset, int64_t *line, struct verr *);
int	import_cursor_put(struct db *, const char *path, int64_t inode,
	    int64_t offset, int64_t line, int64_t at, struct verr *);

#endif
