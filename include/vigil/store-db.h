/*
 * store-db.h: the database handle (src/store/db.c). Opening applies
 * vigil's pragmas, refuses files that are not vigil databases, and migrates
 * the schema. Every write runs between db_begin() (BEGIN IMMEDIATE, retried
 * while busy) and db_commit(); on any error the caller calls db_rollback()
 * and nothing is left half done.
 * No sqlite3 type appears outside src/store.
 */
#ifndef VIGIL_STORE_DB_H
#define VIGIL_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/verr.h"

struct db;

#define VIGIL_APPLICATION_ID 0x5647494c	/* "VGIL" */

enum db_flags {
	DB_CREATE = 1,		/* create the file (and its directory) if missing */
	DB_READONLY = 2,	/* open read-only; writes fail with VERR_NOPERM */
};

/*
 * Open (and with DB_CREATE create) the database at path. On success *out
 * is an owned handle and *created tells whether the file was new. A file
 * that is not a vigil database, is corrupt, or is of a newer schema is
 * refused with a message.
 */
int	 db_open(const char *path, int flags, struct db **out, bool *created,
	     struct verr *);
void	 db_close(struct db **);
const char *db_path(const struct db *);
bool	 db_readonly(const struct db *);

/* Start a write transaction (BEGIN IMMEDIATE); VERR_TEMPFAIL if busy. */
int	 db_begin(struct db *, struct verr *);
/* Commit; a transaction that changed rows since its last journal entry
 * took them is refused (VERR_SOFTWARE) and rolled back: every write
 * carries its entry. */
int	 db_commit(struct db *, struct verr *);
void	 db_rollback(struct db *);
/* Short read transactions, so a multi-query read sees one snapshot. */
int	 db_begin_read(struct db *, struct verr *);
void	 db_end_read(struct db *);

/* Changes when another connection commits (PRAGMA data_version). */
int64_t	 db_data_version(struct db *);
/* The schema version this build writes. */
int	 db_schema_version(void);

#endif
