/*
 * db.c: opening a vigil database safely, and transactions.
 *
 * A database file may have been written by someone else's program, so it is
 * opened defensively (no triggers or views run, no untrusted schema
 * functions, cell checks on, no mmap) and refused unless its application_id
 * is vigil's. Writes take the write lock up front (BEGIN IMMEDIATE) so the
 * busy timeout applies; a lock still held after the retries is reported as
 * "busy" (EX_TEMPFAIL), never as a half-done change.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store-dbfile.h"
#include "vigil/util.h"

#define DB_BUSY_TIMEOUT_MS 5000
#define DB_BEGIN_TRIES 3

/* Create the parent directories of path (like mkdir -p). */
static int
db_mkdirs(const char *path, struct verr *e)
{
	char	*copy = xstrdup(path), *p;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			verr_set(e, VERR_CANTCREAT, "cannot create directory "
			    "%s: %s", copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/*
 * WAL needs shared memory and POSIX locks that network filesystems do not
 * provide faithfully: refuse to put a database on NFS, SMB or CIFS rather
 * than corrupt it later. Checks the directory that holds (or will hold)
 * the file.
 */
static int
db_check_fs(const char *path, struct verr *e)
{
	static const struct {
		unsigned long	 magic;
		const char	*name;
	} remote[] = {
		{ 0x6969, "NFS" },
		{ 0x517b, "SMB" },
		{ 0xff534d42, "CIFS" },
		{ 0xfe534d42, "SMB2" },
		{ 0x564c, "NCP" },
		{ 0x5346414f, "AFS" },
		{ 0x73757245, "Coda" },
	};
	struct statfs	 sf;
	char		*copy = xstrdup(path), *dir = dirname(copy);
	size_t		 i;

	if (statfs(dir, &sf) != 0) {
		free(copy);
		return 0;	/* the open itself will say what is wrong */
	}
	for (i = 0; i < nitems(remote); i++) {
		if ((unsigned long)sf.f_type == remote[i].magic) {
			verr_set(e, VERR_NOPERM, "%s is on a network "
			    "filesystem (%s); SQLite's WAL mode needs a local "
			    "disk, so vigil refuses to use it there", path,
			    remote[i].name);
			free(copy);
			return -1;
		}
	}
	free(copy);
	return 0;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct verr *e)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_error(db, rc, "preparing a query", e);
		return NULL;
	}
	return st;
}

int
db_error(struct db *db, int rc, const char *what, struct verr *e)
{
	const char	*msg = sqlite3_errmsg(db->h);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return verr_set(e, VERR_TEMPFAIL, "database %s is busy (%s); "
		    "another session holds the write lock, try again",
		    db->path, what);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return verr_set(e, VERR_NOPERM, "cannot write %s (%s): %s",
		    db->path, what, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return verr_set(e, VERR_SOFTWARE, "database %s is corrupt or "
		    "not a database (%s): %s", db->path, what, msg);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return verr_set(e, VERR_IOERR, "I/O error on %s (%s): %s",
		    db->path, what, msg);
	case SQLITE_CONSTRAINT:
		return verr_set(e, VERR_DATA, "refused by the database (%s): "
		    "%s", what, msg);
	case SQLITE_CANTOPEN:
		return verr_set(e, VERR_NOINPUT, "cannot open %s: %s",
		    db->path, msg);
	default:
		return verr_set(e, VERR_SOFTWARE, "database error on %s (%s): "
		    "%s", db->path, what, msg);
	}
}

char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);
	int			 n = sqlite3_column_bytes(st, i);

	if (s == NULL)
		return xstrdup("");
	return xstrndup((const char *)s, (size_t)n);
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int
db_exec_stmt(struct db *db, sqlite3_stmt *st, const char *what,
    struct verr *e)
{
	int	rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, rc, what, e);
	return 0;
}

static int
db_exec(struct db *db, const char *sql, const char *what, struct verr *e)
{
	int	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return db_error(db, rc, what, e);
	return 0;
}

/*
 * PRAGMA journal_mode=WAL, retried while busy. Switching the mode takes a
 * lock for which SQLite does not always call the busy handler (several
 * processes opening a new file at once see SQLITE_BUSY at once), so the
 * wait is ours: up to DB_BUSY_TIMEOUT_MS, in 10 ms steps.
 */
static int
db_enable_wal(struct db *db, struct verr *e)
{
	const struct timespec	step = { 0, 10 * 1000 * 1000 };
	int			rc, waited;

	for (waited = 0;; waited += 10) {
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL,
		    NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= DB_BUSY_TIMEOUT_MS)
			break;
		nanosleep(&step, NULL);
	}
	if (rc != SQLITE_OK)
		return db_error(db, rc, "enabling WAL", e);
	return 0;
}

static int
db_pragma_int(struct db *db, const char *sql, int64_t *v, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the file header", e);
	return 0;
}

/* Refuse a file that is not ours. An empty file is fine (we create it). */
static int
db_check_identity(struct db *db, struct verr *e)
{
	int64_t	app, objects;
	int	rc;

	/* One snapshot: read apart, another process creating the file could
	 * commit in between (id 0 read before, tables counted after). */
	if (db_begin_read(db, e) != 0)
		return -1;
	rc = db_pragma_int(db, "PRAGMA application_id", &app, e) != 0 ||
	    db_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &objects,
	    e) != 0 ? -1 : 0;
	db_end_read(db);
	if (rc != 0)
		return -1;
	if (app == VIGIL_APPLICATION_ID || (app == 0 && objects == 0))
		return 0;
	return verr_set(e, VERR_DATA, "%s is not a vigil database "
	    "(application id %lld); refusing to use it", db->path,
	    (long long)app);
}

/*
 * A reader opens the file read-only; in WAL mode SQLite then still needs
 * the -shm file, which it cannot create in a directory this person may
 * not write (or on a read-only filesystem, or a full disk). When the
 * first read fails so and there is no -wal with changes in it, the file
 * as it stands is the whole database: reopen it immutable (no locks, no
 * -shm). With a -wal holding changes that cannot be done without losing
 * them: say so.
 */
static int
db_open_unwritable(struct db *db, int oflags, struct verr *e)
{
	struct stat	 sb;
	struct buf	 uri;
	const char	*p;
	char		*wal;
	int		 rc;

	rc = sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_schema", NULL,
	    NULL, NULL);
	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN &&
	    (rc & 0xff) != SQLITE_IOERR && (rc & 0xff) != SQLITE_FULL)
		return 0;	/* fine, or a problem the next steps name */
	xasprintf(&wal, "%s-wal", db->path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		verr_set(e, VERR_NOPERM, "cannot read %s: its newest changes "
		    "are in %s, and reading them needs %s-shm, which you "
		    "cannot create here (%s); someone who can write the "
		    "directory can run any vigil command to fold them in",
		    db->path, wal, db->path, sqlite3_errmsg(db->h));
		free(wal);
		return -1;
	}
	free(wal);
	sqlite3_close_v2(db->h);
	db->h = NULL;
	buf_init(&uri);
	buf_puts(&uri, "file:");
	for (p = db->path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&uri, *p);
	}
	buf_puts(&uri, "?immutable=1");
	rc = sqlite3_open_v2(buf_str(&uri), &db->h, oflags | SQLITE_OPEN_URI,
	    NULL);
	buf_clear(&uri);
	if (rc != SQLITE_OK)
		return verr_set(e, VERR_NOPERM, "cannot open %s read-only: %s",
		    db->path, db->h != NULL ? sqlite3_errmsg(db->h) :
		    "out of memory");
	return 0;
}

/*
 * vigil is one thread: SQLite's global mutexes and its memory statistics
 * are pure cost (several per cent of a verify). Set once, before SQLite
 * initialises; too late is harmless (the calls fail and nothing changes).
 */
static void
db_library(void)
{
	static bool	done;

	if (done)
		return;
	done = true;
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
db_open(const char *path, int flags, struct db **out, bool *created,
    struct verr *e)
{
	struct db	*db;
	struct stat	 sb;
	int		 oflags, rc;
	bool		 exists;

	db_library();

	*out = NULL;
	exists = stat(path, &sb) == 0;
	if (!exists && errno == EACCES)
		return dbfile_unreachable(path, e);
	if (created != NULL)
		*created = false;
	if (!exists && (flags & DB_CREATE) == 0)
		return verr_set(e, VERR_NOINPUT, "no database at %s (create "
		    "one with 'vigil init', or choose another with --db)",
		    path);
	if (exists && S_ISDIR(sb.st_mode))
		return verr_set(e, VERR_NOINPUT, "%s is a directory, not a "
		    "database", path);
	if (!exists && (flags & DB_READONLY) != 0)
		return verr_set(e, VERR_NOINPUT, "no database at %s", path);
	if (!exists && db_mkdirs(path, e) != 0)
		return -1;
	if (db_check_fs(path, e) != 0)
		return -1;
	if (!exists && !(flags & DB_READONLY) &&
	    dbfile_create(path, &(bool){ false }, e) != 0)
		return -1;
	if (exists && !(flags & DB_READONLY) && dbfile_check(path, e) != 0)
		return -1;

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->readonly = (flags & DB_READONLY) != 0;
	oflags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	if (db->readonly)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE |
		    ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_CANTOPEN && exists)
			verr_set(e, VERR_NOPERM, "cannot open %s: %s", path,
			    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		else
			verr_set(e, exists ? VERR_NOINPUT : VERR_CANTCREAT,
			    "cannot open %s: %s", path,
			    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(&db);
		return -1;
	}
	if (db->readonly && db_open_unwritable(db, oflags, e) != 0) {
		db_close(&db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, DB_VALUE_MAX);

	if (db_exec(db, "PRAGMA foreign_keys=ON; PRAGMA cell_size_check=ON; "
	    "PRAGMA mmap_size=0", "setting pragmas", e) != 0 ||
	    db_check_identity(db, e) != 0)
		goto fail;
	if (!db->readonly && db_enable_wal(db, e) != 0)
		goto fail;
	if (db_exec(db, "PRAGMA synchronous=FULL", "setting synchronous",
	    e) != 0)
		goto fail;
	/* the chain's key before anything is journaled (an upgrade is) */
	if (chainkey_load(db, e) != 0 || migrate_run(db, !exists, e) != 0)
		goto fail;
	if (created != NULL)
		*created = !exists;
	*out = db;
	return 0;
fail:
	/* Never unlink here: another process may have created the file
	 * meanwhile. A file left empty by a failed first migration (one
	 * transaction) is still "empty" and is migrated at the next open. */
	db_close(&db);
	return -1;
}

void
db_close(struct db **dbp)
{
	struct db	*db = *dbp;

	if (db == NULL)
		return;
	record_end(db);
	chainkey_forget(db);
	if (db->h != NULL)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db);
	*dbp = NULL;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

bool
db_readonly(const struct db *db)
{
	return db->readonly;
}

int
db_begin(struct db *db, struct verr *e)
{
	int	rc = SQLITE_BUSY, i;

	if (db->readonly)
		return verr_set(e, VERR_NOPERM, "the database is open "
		    "read-only; nothing can be changed");
	for (i = 0; i < DB_BEGIN_TRIES; i++) {
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
	}
	if (rc != SQLITE_OK)
		return db_error(db, rc, "starting a write", e);
	db->in_write = true;
	if (record_begin(db, e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/*
 * Every write carries its journal entry: rows changed since the last
 * entry took its changes (record.c) are a write with none. The session
 * may say "not empty" for changes that cancel out; only a changeset with
 * something in it counts.
 */
static bool
db_unjournaled(struct db *db)
{
	void	*p = NULL;
	int	 n = 0;

	if (db->rec == NULL || sqlite3session_isempty(db->rec))
		return false;
	if (sqlite3session_changeset(db->rec, &n, &p) != SQLITE_OK)
		return true;
	sqlite3_free(p);
	return n > 0;
}

int
db_commit(struct db *db, struct verr *e)
{
	int	rc, i;

	if (db_unjournaled(db)) {
		verr_set(e, VERR_SOFTWARE, "internal error: a change to %s "
		    "without its journal entry; nothing was written", db->path);
		db_rollback(db);
		return -1;
	}
	for (i = 0; i < DB_BEGIN_TRIES; i++) {
		rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
	}
	if (rc != SQLITE_OK) {
		db_error(db, rc, "committing", e);
		db_rollback(db);
		return -1;
	}
	db->in_write = false;
	record_end(db);
	return 0;
}

void
db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_write = false;
	record_end(db);
}

int
db_begin_read(struct db *db, struct verr *e)
{
	/* a read snapshot only: writes always take BEGIN IMMEDIATE */
	int	rc = sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return db_error(db, rc, "starting a read", e);
	return 0;
}

void
db_end_read(struct db *db)
{
	if (sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

int64_t
db_data_version(struct db *db)
{
	int64_t	v = -1;

	if (db_pragma_int(db, "PRAGMA data_version", &v, NULL) != 0)
		return -1;
	return v;
}

int
db_schema_version(void)
{
	return migrate_latest();
}
