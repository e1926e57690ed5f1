/*
 * ops-evidence.h: the evidence acts — register an item, transfer its
 * custody, check its hash, note its handling (or an unavoidable change,
 * with a justification), void a mistaken record — and the custody report.
 * Each act is one transaction with one journal entry, like every act of
 * ops.h. Hashing a file takes minutes for a disk image, so it is never
 * done here: the front end hashes first (filehash.h), with no lock held,
 * and passes the result in. A hash that differs from the item's at a
 * transfer or a check is recorded as a failed check and journaled as
 * "evidence.mismatch" (and the journal head sent to syslog); the transfer
 * is refused.
 *
 * Who may: the incident's forensics or sim holder, or an administrator
 * (the role table, role.c); anyone on the roster may read. Evidence stays
 * in custody after the incident closes, so only registering needs an open
 * incident.
 */
#ifndef VIGIL_OPS_EVIDENCE_H
#define VIGIL_OPS_EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/custody.h"
#include "vigil/filehash.h"
#include "vigil/ops.h"
#include "vigil/store-evidence.h"

struct evidence_new {
	const char	*description;		/* required */
	const char	*location;		/* may be NULL */
	const char	*source_host;		/* may be NULL */
	bool		 has_clock_offset;
	int64_t		 clock_offset;		/* source clock minus UTC */
	bool		 has_collected;		/* false: now */
	int64_t		 collected_at;
	int		 collected_offset;
	bool		 has_parent;
	int64_t		 parent_num;
	/* exactly one of: a hashed file, or a hash given by the user */
	const struct filehash_result *file;
	const char	*sha256;		/* "sha256:HEX" */
	bool		 has_size;
	int64_t		 size;
};

/* Register an item; its id ("E3") is written to id. */
int	ops_evidence_add(struct vigil_ctx *, const char *key,
	    const struct evidence_new *, char id[CUSTODY_ID_MAX],
	    struct verr *);

/* What a transfer did. */
struct evidence_outcome {
	bool	external;	/* the new custodian is not on the roster */
	bool	checked;	/* the hash was computed again and matched */
};

/*
 * Transfer custody of eid to `to` (a login on the roster, else the name
 * of an external party) for `reason`. file (may be NULL: not rechecked)
 * is the copy hashed just now; a hash that differs refuses the transfer.
 */
int	ops_evidence_transfer(struct vigil_ctx *, const char *key,
	    const char *eid, const char *to, const char *reason,
	    const struct filehash_result *file, struct evidence_outcome *,
	    struct verr *);
/*
 * Record a check of eid against file. A match returns 0; a mismatch is
 * recorded and journaled, then returned as -1 (VERR_DATA).
 */
int	ops_evidence_check(struct vigil_ctx *, const char *key,
	    const char *eid, const struct filehash_result *file,
	    struct verr *);
/*
 * A handling note on eid. With change, an unavoidable change to the item
 * justified by text; its new hash (file, or sha256 and size) becomes what
 * later checks compare with.
 */
int	ops_evidence_note(struct vigil_ctx *, const char *key, const char *eid,
	    const char *text, bool change, const struct filehash_result *file,
	    const char *sha256, bool has_size, int64_t size, struct verr *);
/* Mark eid void (a mistaken record), with a reason; it stays on record. */
int	ops_evidence_void(struct vigil_ctx *, const char *key, const char *eid,
	    const char *reason, struct verr *);

/* May the current user do action on incident key? Never writes. */
bool	ops_evidence_may(struct vigil_ctx *, const char *key, enum action);

/* Everything the report shows; owned by the struct. */
struct evidence_doc {
	struct incident		 inc;
	struct evidence_item	*items;		/* by number */
	size_t			 nitems;
	struct evidence_event	*events;	/* oldest first */
	size_t			 nevents;
	char			 last_hash[JOURNAL_HASH_HEX];
};

/*
 * Load the evidence of incident key (eid NULL: every item, else that one
 * item and its events), in one read transaction. Anyone on the roster.
 */
int	ops_evidence_load(struct vigil_ctx *, const char *key,
	    const char *eid, struct evidence_doc *, struct verr *);
void	evidence_doc_clear(struct evidence_doc *);

/* ---- the custody report (evidence-report.c): pure formatting --------- */

#define EVIDENCE_REPORT_FORMAT "vigil-custody/1"

void	evidence_report_markdown(const struct evidence_doc *, struct buf *);
void	evidence_report_json(const struct evidence_doc *, struct buf *);
/* The items and their chains as a JSON array value (for the export). */
void	evidence_report_json_items(struct json *, const char *key,
	    const struct evidence_item *, size_t,
	    const struct evidence_event *, size_t);
/* One summary table of the items (for the export), Markdown. */
void	evidence_report_md_summary(struct buf *, const struct evidence_item *,
	    size_t);

#endif
