/*
 * tui-evidence.h: the console's evidence (pane-evidence.c): the items of
 * the selected incident as a pane of the incident view, and the one hash
 * in progress. A file is hashed a slice at a time between two keys, so
 * the console stays alive for the minutes a disk image takes; its
 * progress shows in the status line, and the act (register, transfer,
 * check) is written when the hash is done, in one transaction as from
 * the command line. Only one hash runs at a time.
 */
#ifndef VIGIL_TUI_EVIDENCE_H
#define VIGIL_TUI_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "vigil/buf.h"
#include "vigil/filehash.h"
#include "vigil/incident.h"
#include "vigil/store-evidence.h"
#include "vigil/tui-layout.h"

struct tui;

/* The pane's rows, part of the selected incident's detail. */
struct evidence_rows {
	struct evidence_item	*v;
	size_t			 n;
	int			 sel;
	int			 top;
};

enum evidence_job_kind {
	EVJOB_NONE,
	EVJOB_ADD,
	EVJOB_TRANSFER,
	EVJOB_CHECK,
};

/* The hash in progress and the act that waits for it. */
struct evidence_job {
	enum evidence_job_kind	 kind;
	struct filehash		*fh;
	char			 key[INCIDENT_KEY_MAX];
	char			 eid[CUSTODY_ID_MAX];
	char			*s1;	/* add: description; transfer: to */
	char			*s2;	/* transfer: reason */
	char			*name;	/* the file's name (raw: drawn clean) */
	int64_t			 shown_ms;	/* the status line last moved */
};

void	pane_evidence_rows_clear(struct evidence_rows *);
/* Read the items of incident id into rows (inside a read transaction). */
int	pane_evidence_load(struct tui *, int64_t id, struct evidence_rows *,
	    struct verr *);
/* The pane: id, description, custodian, last check, OK/MISMATCH. */
void	pane_evidence_draw(struct tui *, const struct rect *);
/* Movement keys of the pane (an enum tui_action); RD_* bits. */
int	pane_evidence_key(struct tui *, int action, int height);
/* The selected item, or NULL. */
const struct evidence_item *pane_evidence_at(const struct tui *);

/*
 * Start an act that needs a hash: register path as a new item of the
 * selected incident, transfer eid to `to` (hashing its file when it is
 * reachable; at once when not), check eid. Returns RD_* bits; a refusal
 * or an error is on the message line.
 */
int	pane_evidence_add(struct tui *, const char *path, const char *describe);
int	pane_evidence_transfer(struct tui *, const char *eid, const char *to,
	    const char *reason);
int	pane_evidence_check(struct tui *, const char *eid, const char *path);
/* Hash the next slice; when done, write the act. RD_* bits. */
int	pane_evidence_step(struct tui *);
bool	pane_evidence_busy(const struct tui *);
/* Stop the hash: nothing is recorded. */
int	pane_evidence_cancel(struct tui *);
/* "hashing disk.img  42% 512.0 MiB of 1.0 GiB, ..." for the status line. */
void	pane_evidence_status(const struct tui *, struct buf *);
void	pane_evidence_job_clear(struct evidence_job *);

#endif
