/*
 * store-private.h: what the files of src/store share and nothing else may
 * see: the handle's layout and statement helpers.
 */
#ifndef VIGIL_STORE_PRIVATE_H
#define VIGIL_STORE_PRIVATE_H

#include <sqlite3.h>

#include "vigil/store-db.h"
#include "vigil/verr.h"

struct db {
	sqlite3		*h;
	char		*path;
	bool		 readonly;
	bool		 in_write;
};

/* Prepare sql; on failure set e (VERR_SOFTWARE) and return NULL. */
sqlite3_stmt	*db_prepare(struct db *, const char *sql, struct verr *);
/* Map a failed sqlite call to a verr (busy -> TEMPFAIL, etc.). */
int		 db_error(struct db *, int rc, const char *what, struct verr *);
/* A copy of column i as text ("" for NULL); owned by the caller. */
char		*db_col_text(sqlite3_stmt *, int i);
/* Bind text or NULL. */
int		 db_bind_text(sqlite3_stmt *, int i, const char *);
/* Run a statement that returns no rows; finalizes it. */
int		 db_exec_stmt(struct db *, sqlite3_stmt *, const char *what,
		     struct verr *);

/* migrate.c */
int		 migrate_run(struct db *, bool created, struct verr *);
int		 migrate_latest(void);

#endif
