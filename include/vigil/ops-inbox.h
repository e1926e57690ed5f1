/*
 * ops-inbox.h: the actions of alert intake. An import batch (many lines) is
 * one transaction with one journal entry giving its counts; accepting,
 * attaching and dismissing an inbox entry, and adding a suppression, are
 * one transaction and one journal entry each. Same contract as ops.h.
 */
#ifndef VIGIL_OPS_INBOX_H
#define VIGIL_OPS_INBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/alert.h"
#include "vigil/ops.h"

#define IMPORT_WINDOW_DEFAULT 3600	/* a repeat within an hour */
#define IMPORT_GROUP_MAX 50		/* entries in one group at most */
#define IMPORT_PROBLEMS_MAX 100		/* reported per batch, then counted */

struct import_opts {
	enum alert_format	 format;	/* AUTO: from the first line */
	const struct alert_paths *map;		/* JSONL: borrowed */
	unsigned		 fp_mask;	/* 0: the format's default */
	int64_t			 window;	/* seconds */
	const char *const	*stop;		/* extra stop-values, borrowed */
	size_t			 nstop;
	const char		*name;		/* the file, for the journal */
};

/* One line of a feed. A too-long line comes with its length only. */
struct import_line {
	const char	*text;
	size_t		 len;
	int64_t		 lineno;
	bool		 too_long;
};

struct import_problem {
	int64_t	lineno;
	char	why[160];
};

struct import_counts {
	int64_t			lines;
	int64_t			stored;		/* new alerts kept */
	int64_t			entries;	/* new inbox entries */
	int64_t			repeats;	/* counted on an entry */
	int64_t			grouped;	/* new entries that joined a group */
	int64_t			suppressed;
	int64_t			already;	/* imported before */
	int64_t			skipped;	/* not alerts (flow, dns, ...) */
	int64_t			malformed;	/* bad JSON, no title, too long */
	struct import_problem	problems[IMPORT_PROBLEMS_MAX];
	size_t			nproblems;
};

/* Where --follow stands after a batch: saved in the same transaction. */
struct import_position {
	const char	*path;
	int64_t		 inode;
	int64_t		 offset;
	int64_t		 line;		/* the last line read */
};

struct importer;

/* Prepare an import; *out owned (ops_import_close). */
int	ops_import_open(struct vigil_ctx *, const struct import_opts *,
	    struct importer **out, struct verr *);
/*
 * Import lines as one transaction with one journal entry
 * ("alerts.import", the counts). Bad lines are counted and described in
 * c->problems, the rest imported; c is reset first. pos, when not NULL,
 * is saved with the batch. A refusal (not on the roster) is journaled.
 */
int	ops_import_batch(struct importer *, const struct import_line *,
	    size_t n, const struct import_position *pos,
	    struct import_counts *c, struct verr *);
/* The format in use (AUTO until a line told). */
enum alert_format ops_import_format(const struct importer *);
void	ops_import_close(struct importer **);

/* Accept an entry (and its group) as a new incident; key written. */
int	ops_inbox_accept(struct vigil_ctx *, int64_t entry,
	    char key[INCIDENT_KEY_MAX], struct verr *);
/* Attach an entry (and its group) to an open incident. */
int	ops_inbox_attach(struct vigil_ctx *, int64_t entry, const char *key,
	    struct verr *);
/* Dismiss an entry (and its group) with a reason and an optional note. */
int	ops_inbox_dismiss(struct vigil_ctx *, int64_t entry,
	    enum dismiss_reason, const char *note, struct verr *);
/* Hide alerts matching pattern until `until`; *id its number. */
int	ops_suppress_add(struct vigil_ctx *, const char *pattern,
	    const char *reason, int64_t until, int64_t *id, struct verr *);
/* End suppression id now, before its --until, with a reason. */
int	ops_suppress_end(struct vigil_ctx *, int64_t id, const char *reason,
	    struct verr *);

/* Parse an entry number ("12" or "E12") with a message users see. */
int	ops_entry_id(const char *s, int64_t *id, struct verr *);

#endif
