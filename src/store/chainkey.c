/*
 * chainkey.c: the key of a keyed journal (the setgid installation).
 *
 * A plain hash chain can be recomputed by anyone who can write the file:
 * edit an entry, hash every entry again, and the chain holds. In the
 * setgid installation nobody but vigil's group can read the directory of
 * the database, so a key kept there is vigil's alone: each entry from the
 * first keyed one on is chained with HMAC-SHA-256 under that key (see
 * journal.c), and a chain recomputed without it fails.
 *
 * The key file, "<database>.key" beside the database, is written once
 * (O_EXCL, fsync, linked into place so that it never replaces one) and
 * never changed:
 *
 *	vigil-chain-key 1
 *	database <uuid of the journal's entry 1>
 *	from <sequence of the first keyed entry>
 *	key <64 hex digits: 32 random bytes>
 *
 * mode 0440, owned by the person whose vigil made it, in the directory's
 * group (vigil's): the directory (2770 root:vigil) keeps everyone else
 * out, the owner included. The database says it is keyed by its entry
 * "chain.keyed" (the first keyed entry), found through the partial index
 * journal_keyed that the keying transaction creates, so that a keyed
 * journal whose key cannot be read is refused instead of being checked
 * as a plain chain. The key file names its database and its first keyed
 * entry, so a key file moved beside another database is refused, and a
 * chain rewritten without its "chain.keyed" entry still fails from the
 * entry the key file names. A keying that made its key file but did not
 * commit leaves a key file waiting for the next entry: no plain entry may
 * take that place; the next keying open (or a schema upgrade's baseline,
 * chainkey_finish()) journals "chain.keyed" there first.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store-chain.h"
#include "vigil/util.h"

#define CHAINKEY_MAGIC "vigil-chain-key 1"
#define CHAINKEY_INDEX "journal_keyed"

struct keyfile {
	char		 db[40];	/* uuid of entry 1 */
	int64_t		 from;
	unsigned char	 key[32];
};

char *
chainkey_path(const char *dbpath)
{
	char	*p;

	xasprintf(&p, "%s.key", dbpath);
	return p;
}

void
chainkey_forget(struct db *db)
{
	OPENSSL_cleanse(db->chain_key, sizeof db->chain_key);
	db->has_key = db->key_marked = db->key_made = false;
	db->keyed_from = 0;
}

void
chainkey_state(const struct db *db, int64_t *from, bool *marked)
{
	*from = db->has_key ? db->keyed_from : 0;
	*marked = db->key_marked;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse the file's text; false unless it is exactly a key file. */
static bool
chainkey_parse(char *s, struct keyfile *kf)
{
	char		*line[4], *p = s, *hex;
	long long	 v;
	int		 i, hi, lo;

	for (i = 0; i < 4; i++) {
		line[i] = p;
		if ((p = strchr(p, '\n')) == NULL)
			return false;
		*p++ = '\0';
	}
	if (*p != '\0' || strcmp(line[0], CHAINKEY_MAGIC) != 0 ||
	    strncmp(line[1], "database ", 9) != 0 || strlen(line[1] + 9) !=
	    36 || strncmp(line[2], "from ", 5) != 0 ||
	    util_parse_int(line[2] + 5, 1, INT64_MAX, &v) != 0 ||
	    strncmp(line[3], "key ", 4) != 0 || strlen(line[3] + 4) != 64)
		return false;
	snprintf(kf->db, sizeof kf->db, "%s", line[1] + 9);
	kf->from = v;
	hex = line[3] + 4;
	for (i = 0; i < 32; i++) {
		if ((hi = hexval(hex[2 * i])) < 0 || (lo = hexval(hex[2 * i +
		    1])) < 0)
			return false;
		kf->key[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* Read the key file: 0 ok, 1 not a key file, -1 with *err (errno). */
static int
chainkey_read(const char *path, struct keyfile *kf, int *err)
{
	char	 buf[512];
	ssize_t	 n;
	size_t	 got = 0;
	int	 fd, rc;

	*err = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		*err = errno;
		return -1;
	}
	while (got < sizeof buf - 1 && (n = read(fd, buf + got, sizeof buf -
	    1 - got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	rc = strlen(buf) == got && chainkey_parse(buf, kf) ? 0 : 1;
	OPENSSL_cleanse(buf, sizeof buf);
	return rc;
}

/* Does the schema have an object of this type and name? */
static int
chainkey_has(struct db *db, const char *type, const char *name, bool *has,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM sqlite_schema WHERE type = ? AND "
	    "name = ?", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, type);
	db_bind_text(st, 2, name);
	rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the schema", e);
	return 0;
}

/*
 * The journal's keying entry (0 when none), its newest entry and the
 * uuid of entry 1 ("" when there is none).
 */
static int
chainkey_journal(struct db *db, int64_t *marked, int64_t *head,
    char uuid[40], struct verr *e)
{
	sqlite3_stmt	*st;
	bool		 has;
	int		 rc;

	*marked = *head = 0;
	uuid[0] = '\0';
	if (chainkey_has(db, "table", "journal", &has, e) != 0)
		return -1;
	if (!has)
		return 0;	/* a file being created */
	if (chainkey_has(db, "index", CHAINKEY_INDEX, &has, e) != 0)
		return -1;
	st = db_prepare(db, has ? "SELECT (SELECT min(seq) FROM journal "
	    "WHERE action = '" CHAIN_KEYED_ACTION "'), (SELECT max(seq) FROM "
	    "journal), (SELECT uuid FROM journal WHERE seq = 1)" : "SELECT "
	    "NULL, (SELECT max(seq) FROM journal), (SELECT uuid FROM journal "
	    "WHERE seq = 1)", e);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*marked = sqlite3_column_int64(st, 0);
		*head = sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 2) == SQLITE_TEXT &&
		    sqlite3_column_bytes(st, 2) < 40)
			snprintf(uuid, 40, "%s", (const char *)
			    sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

/* Refuse a key file that is not this database's. */
static int
chainkey_mine(struct db *db, const char *path, const struct keyfile *kf,
    const char *uuid, struct verr *e)
{
	if (strcmp(kf->db, uuid) == 0)
		return 0;
	return verr_set(e, VERR_DATA, "the key file %s belongs to another "
	    "database (it names first entry %.8s..., the journal of %s %s); "
	    "if that database is gone, remove the key file (as root)", path,
	    kf->db, db->path, uuid[0] != '\0' ? "has another" :
	    "has no entries");
}

static void
chainkey_take(struct db *db, const struct keyfile *kf, bool marked)
{
	memcpy(db->chain_key, kf->key, sizeof db->chain_key);
	db->keyed_from = kf->from;
	db->has_key = true;
	db->key_marked = marked;
}

/* Load the key file of a journal; refuse loudly when it cannot be. */
static int
chainkey_use(struct db *db, int64_t marked, const char *uuid, struct verr *e)
{
	struct keyfile	 kf;
	char		*path = chainkey_path(db->path);
	int		 rc, err, ret = -1;

	rc = chainkey_read(path, &kf, &err);
	if (rc < 0 && err == ENOENT && marked == 0)
		ret = 0;	/* a plain chain */
	else if (rc < 0 && err == ENOENT)
		verr_set(e, VERR_NOPERM, "the journal of %s is keyed "
		    "(HMAC-SHA-256 from entry %" PRId64 ") but its key file "
		    "%s is missing: %s; vigil cannot check or extend the chain "
		    "without it (restore it from a backup, as root)", db->path,
		    marked, path, strerror(err));
	else if (rc < 0)
		verr_set(e, VERR_NOPERM, "the key file %s of %s is unreadable: "
		    "%s (in the setgid installation only vigil's group may "
		    "read it)", path, db->path, strerror(err));
	else if (rc > 0)
		verr_set(e, VERR_DATA, "the key file %s of %s is not a vigil "
		    "chain key; refusing to use the database", path, db->path);
	else if (chainkey_mine(db, path, &kf, uuid, e) == 0) {
		chainkey_take(db, &kf, marked > 0);
		ret = 0;
	}
	OPENSSL_cleanse(&kf, sizeof kf);
	free(path);
	return ret;
}

int
chainkey_load(struct db *db, struct verr *e)
{
	int64_t	 marked, head;
	char	 uuid[40];
	int	 rc;

	chainkey_forget(db);
	if (db_begin_read(db, e) != 0)
		return -1;
	rc = chainkey_journal(db, &marked, &head, uuid, e);
	db_end_read(db);
	if (rc != 0)
		return -1;
	return chainkey_use(db, marked, uuid, e);
}

int
chainkey_check_append(struct db *db, int64_t seq, const char *action,
    struct verr *e)
{
	bool	has;

	if (db->has_key && !db->key_marked && seq == db->keyed_from &&
	    strcmp(action, CHAIN_KEYED_ACTION) != 0)
		return verr_set(e, VERR_TEMPFAIL, "the keying of the journal of "
		    "%s was interrupted; nothing was changed: any vigil command "
		    "of the setgid installation finishes it", db->path);
	if (db->has_key)
		return 0;
	if (chainkey_has(db, "index", CHAINKEY_INDEX, &has, e) != 0)
		return -1;
	if (has)
		return verr_set(e, VERR_TEMPFAIL, "the journal of %s was keyed "
		    "(HMAC-SHA-256) after this session opened it; nothing was "
		    "changed: start vigil again", db->path);
	return 0;
}

/* fsync the directory that holds path (the new name survives a crash). */
static void
chainkey_sync_dir(const char *path)
{
	char	*copy = xstrdup(path);
	int	 fd;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Write a new key file for entry `from` of the journal named uuid. */
static int
chainkey_write(const char *path, const char *uuid, int64_t from,
    struct keyfile *kf, struct verr *e)
{
	static const char	 hex[] = "0123456789abcdef";
	char			 text[256], khex[65], *tmp;
	size_t			 got, len;
	ssize_t			 n;
	int			 fd, i, rc = -1;

	for (got = 0; got < sizeof kf->key; got += (size_t)n)
		if ((n = getrandom(kf->key + got, sizeof kf->key - got, 0)) <
		    0) {
			if (errno == EINTR) {
				n = 0;
				continue;
			}
			return verr_set(e, VERR_SOFTWARE, "cannot make the chain "
			    "key: getrandom: %s", strerror(errno));
		}
	for (i = 0; i < 32; i++) {
		khex[2 * i] = hex[kf->key[i] >> 4];
		khex[2 * i + 1] = hex[kf->key[i] & 0xf];
	}
	khex[64] = '\0';
	snprintf(kf->db, sizeof kf->db, "%s", uuid);
	kf->from = from;
	len = (size_t)snprintf(text, sizeof text, CHAINKEY_MAGIC "\ndatabase "
	    "%s\nfrom %" PRId64 "\nkey %s\n", uuid, from, khex);
	xasprintf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0440);
	if (fd < 0)
		verr_set(e, VERR_CANTCREAT, "cannot create the key file %s: %s",
		    tmp, strerror(errno));
	else if (fchmod(fd, 0440) != 0 || write(fd, text, len) !=
	    (ssize_t)len || fsync(fd) != 0)
		verr_set(e, VERR_IOERR, "cannot write the key file %s: %s", tmp,
		    strerror(errno));
	else {
		i = close(fd);
		fd = -1;
		if (i != 0)
			verr_set(e, VERR_IOERR, "cannot write the key file %s: "
			    "%s", tmp, strerror(errno));
		else if (link(tmp, path) != 0)	/* never replaces a key */
			verr_set(e, errno == EEXIST ? VERR_TEMPFAIL :
			    VERR_CANTCREAT, "cannot create the key file %s: %s",
			    path, strerror(errno));
		else
			rc = 0;
	}
	if (fd >= 0)
		close(fd);
	(void)unlink(tmp);
	free(tmp);
	OPENSSL_cleanse(text, sizeof text);
	OPENSSL_cleanse(khex, sizeof khex);
	if (rc == 0)
		chainkey_sync_dir(path);
	return rc;
}

/* The index that finds the keying entry (made with it). */
static int
chainkey_index(struct db *db, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "CREATE INDEX IF NOT EXISTS " CHAINKEY_INDEX
	    " ON journal (seq) WHERE action = '" CHAIN_KEYED_ACTION "'", e);
	if (st == NULL)
		return -1;
	return db_exec_stmt(db, st, "keying the journal", e);
}

int
chainkey_create(struct db *db, bool *already, bool *made, struct verr *e)
{
	struct keyfile	 kf;
	int64_t		 marked, head;
	char		 uuid[40], *path;
	int		 rc, err;

	*already = *made = false;
	if (chainkey_journal(db, &marked, &head, uuid, e) != 0)
		return -1;
	if (uuid[0] == '\0') {
		*already = true;	/* no entries yet: keyed at a later open */
		return 0;
	}
	if (marked > 0) {
		/* another process keyed it after this one opened the file */
		*already = true;
		return chainkey_use(db, marked, uuid, e);
	}
	path = chainkey_path(db->path);
	rc = chainkey_read(path, &kf, &err);
	if (rc == 0) {
		/* made by a keying that did not commit: it waits for us */
		if (chainkey_mine(db, path, &kf, uuid, e) != 0)
			rc = -1;
		else if (kf.from != head + 1) {
			verr_set(e, VERR_DATA, "the key file %s says the "
			    "journal of %s is keyed from entry %" PRId64 ", but "
			    "the journal goes on to entry %" PRId64 " without "
			    "the entry that keys it; run 'vigil verify'", path,
			    db->path, kf.from, head);
			rc = -1;
		}
	} else if (rc > 0) {
		verr_set(e, VERR_DATA, "the key file %s of %s is not a vigil "
		    "chain key; refusing to use the database", path, db->path);
		rc = -1;
	} else if (err != ENOENT) {
		verr_set(e, VERR_NOPERM, "the key file %s of %s is unreadable: "
		    "%s", path, db->path, strerror(err));
	} else if ((rc = chainkey_write(path, uuid, head + 1, &kf, e)) == 0)
		*made = true;
	free(path);
	if (rc == 0) {
		chainkey_take(db, &kf, false);
		db->key_made = *made;
		rc = chainkey_index(db, e);
	}
	OPENSSL_cleanse(&kf, sizeof kf);
	return rc == 0 ? 0 : -1;
}

void
chainkey_payload(const struct db *db, struct buf *b)
{
	struct json	 j;
	char		*path = chainkey_path(db->path);

	json_init(&j, b, false);
	json_obj_open(&j);
	json_kstr(&j, "algorithm", "hmac-sha256");
	json_kint(&j, "from", db->keyed_from);
	json_kstr(&j, "key_file", path);
	json_obj_close(&j);
	free(path);
}

int
chainkey_finish(struct db *db, struct verr *e)
{
	struct actor	 a;
	struct buf	 b;
	int64_t		 marked, head, at = 0;
	char		 uuid[40];
	sqlite3_stmt	*st;
	int		 rc;

	if (!db->has_key || db->key_marked)
		return 0;
	if (chainkey_journal(db, &marked, &head, uuid, e) != 0)
		return -1;
	if (marked > 0 || head + 1 != db->keyed_from)
		return 0;	/* keyed meanwhile, or for verify to name */
	if ((st = db_prepare(db, "SELECT at FROM journal WHERE seq = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, head);
	if (sqlite3_step(st) == SQLITE_ROW)
		at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (chainkey_index(db, e) != 0)
		return -1;
	record_actor(&a);
	buf_init(&b);
	chainkey_payload(db, &b);
	rc = journal_append_changes(db, &a, false, 0, at, CHAIN_KEYED_ACTION,
	    buf_str(&b), NULL, 0, e);
	buf_clear(&b);
	if (rc == 0)
		db->key_marked = true;
	return rc;
}

void
chainkey_discard(struct db *db)
{
	char	*path;

	if (db->key_made) {
		path = chainkey_path(db->path);
		(void)unlink(path);
		chainkey_sync_dir(path);
		free(path);
	}
	chainkey_forget(db);
}
