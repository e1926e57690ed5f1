/*
 * record.c: the whole record, not only the journal, made checkable.
 *
 * While a write transaction is open an SQLite session watches every table
 * but the journal. Each journal entry takes the row changes made since the
 * previous entry (an SQLite changeset) into its `changes` column, which
 * the entry's hash covers. A file's state is then implied by its journal:
 * record_replay() applies the changesets in order to a scratch database
 * built from vigil's own schema and compares every row of every table with
 * the file, naming the first difference. A file that had entries before
 * changesets existed gets one "record.baseline" entry at its upgrade whose
 * changeset inserts every row it held; replay starts from the newest such
 * entry (every schema upgrade of a file with a journal writes one, so the
 * changesets after it always match the current table layouts).
 */
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/util.h"

/* The tables that are not part of the record: the journal itself, and
 * the counters of refusals between the entries of a burst. */
static bool
record_excluded(const char *table)
{
	return strcmp(table, "journal") == 0 || strcmp(table,
	    "denial_burst") == 0;
}

static int
record_filter(void *arg, const char *table)
{
	(void)arg;
	return !record_excluded(table);
}

/* A fresh session on every table of the main database but the journal. */
static int
record_session(sqlite3 *h, sqlite3_session **out)
{
	*out = NULL;
	if (sqlite3session_create(h, "main", out) != SQLITE_OK)
		return -1;
	sqlite3session_table_filter(*out, record_filter, NULL);
	if (sqlite3session_attach(*out, NULL) != SQLITE_OK) {
		sqlite3session_delete(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int
record_begin(struct db *db, struct verr *e)
{
	record_end(db);
	if (record_session(db->h, &db->rec) != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot record the changes "
		    "of %s (SQLite session)", db->path);
	return 0;
}

void
record_end(struct db *db)
{
	if (db->rec != NULL)
		sqlite3session_delete(db->rec);
	db->rec = NULL;
}

int
record_take(struct db *db, void **blob, int *len, struct verr *e)
{
	int	rc;

	*blob = NULL;
	*len = 0;
	if (db->rec == NULL)
		return 0;
	if (!sqlite3session_isempty(db->rec)) {
		rc = sqlite3session_changeset(db->rec, len, blob);
		if (rc != SQLITE_OK)
			return db_error(db, rc, "recording the changes", e);
		if (*len == 0) {
			sqlite3_free(*blob);
			*blob = NULL;
		}
	}
	/* the next entry of this transaction takes only what follows */
	return record_begin(db, e);
}

/* A table of vigil's schema: name, columns, primary key. */
struct rtable {
	char	 *name;
	char	**cols;
	bool	 *pk;		/* part of the primary key */
	int	  ncols;
	char	 *select;	/* every column, in primary-key order */
	char	 *insert;
};

static void
rtable_free(struct rtable *t, size_t n)
{
	size_t	i;
	int	c;

	for (i = 0; i < n; i++) {
		for (c = 0; c < t[i].ncols; c++)
			free(t[i].cols[c]);
		free(t[i].cols);
		free(t[i].pk);
		free(t[i].name);
		free(t[i].select);
		free(t[i].insert);
	}
	free(t);
}

/* Quote an identifier for SQL ("a""b"). */
static void
put_ident(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The tables of the scratch database (vigil's schema), journal excepted. */
static int
rtables(sqlite3 *h, struct rtable **out, size_t *n)
{
	sqlite3_stmt	*st, *ti;
	struct rtable	*t;
	struct buf	 b, ord;
	size_t		 cap = 0;
	int		 rc, npk;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type "
	    "= 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> "
	    "'journal' ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (record_excluded((const char *)sqlite3_column_text(st, 0)))
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->name = xstrdup((const char *)sqlite3_column_text(st, 0));
		buf_init(&b);
		buf_puts(&b, "SELECT pk, name FROM pragma_table_info(?) ORDER "
		    "BY cid");
		if (sqlite3_prepare_v2(h, buf_str(&b), -1, &ti, NULL) !=
		    SQLITE_OK) {
			buf_clear(&b);
			break;
		}
		buf_clear(&b);
		sqlite3_bind_text(ti, 1, t->name, -1, SQLITE_STATIC);
		buf_init(&b);
		buf_init(&ord);
		npk = 0;
		buf_puts(&b, "SELECT ");
		while (sqlite3_step(ti) == SQLITE_ROW) {
			const char *c = (const char *)sqlite3_column_text(ti,
			    1);

			t->cols = xreallocarray(t->cols, (size_t)t->ncols + 1,
			    sizeof *t->cols);
			t->cols[t->ncols] = xstrdup(c);
			t->pk = xreallocarray(t->pk, (size_t)t->ncols + 1,
			    sizeof *t->pk);
			t->pk[t->ncols] = sqlite3_column_int(ti, 0) > 0;
			if (t->ncols > 0)
				buf_puts(&b, ", ");
			put_ident(&b, c);
			t->ncols++;
		}
		sqlite3_finalize(ti);
		/* primary-key order (pk is the 1-based position in the key) */
		if (sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info(?) "
		    "WHERE pk > 0 ORDER BY pk", -1, &ti, NULL) == SQLITE_OK) {
			sqlite3_bind_text(ti, 1, t->name, -1, SQLITE_STATIC);
			while (sqlite3_step(ti) == SQLITE_ROW) {
				buf_puts(&ord, npk++ > 0 ? ", " : "");
				put_ident(&ord, (const char *)
				    sqlite3_column_text(ti, 0));
			}
			sqlite3_finalize(ti);
		}
		buf_puts(&b, " FROM main.");
		put_ident(&b, t->name);
		buf_puts(&b, " ORDER BY ");
		buf_puts(&b, npk > 0 ? buf_str(&ord) : "rowid");
		t->select = xstrdup(buf_str(&b));
		buf_reset(&b);
		buf_puts(&b, "INSERT INTO main.");
		put_ident(&b, t->name);
		buf_puts(&b, " VALUES (");
		for (npk = 0; npk < t->ncols; npk++)
			buf_puts(&b, npk > 0 ? ", ?" : "?");
		buf_puts(&b, ")");
		t->insert = xstrdup(buf_str(&b));
		buf_clear(&b);
		buf_clear(&ord);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rtable_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/*
 * vigil's schema is the same for the life of a process, and building it
 * (every migration in turn) costs far more than a verify of a small file:
 * it is built once, kept as a serialized image, and each scratch database
 * is a copy of that image. Its tables are kept too.
 */
static struct {
	unsigned char	*image;
	sqlite3_int64	 len;
	struct rtable	*t;
	size_t		 n;
	bool		 failed;
} schema;

static int
record_schema(void)
{
	sqlite3	*s = NULL;

	if (schema.image != NULL || schema.failed)
		return schema.failed ? -1 : 0;
	schema.failed = true;
	if (sqlite3_open_v2(":memory:", &s, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK || migrate_schema(s) != 0 ||
	    rtables(s, &schema.t, &schema.n) != 0 ||
	    (schema.image = sqlite3_serialize(s, "main", &schema.len, 0)) ==
	    NULL) {
		rtable_free(schema.t, schema.n);
		schema.t = NULL;
		schema.n = 0;
		sqlite3_close(s);
		return -1;
	}
	sqlite3_close(s);
	schema.failed = false;
	return 0;
}

/* An empty in-memory database with vigil's schema. */
static int
record_scratch(sqlite3 **out)
{
	unsigned char	*copy;

	*out = NULL;
	if (record_schema() != 0)
		return -1;
	if (sqlite3_open_v2(":memory:", out, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    (copy = sqlite3_malloc64((sqlite3_uint64)schema.len)) == NULL) {
		sqlite3_close(*out);
		*out = NULL;
		return -1;
	}
	memcpy(copy, schema.image, (size_t)schema.len);
	if (sqlite3_deserialize(*out, "main", copy, schema.len, schema.len,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
	    SQLITE_OK) {
		sqlite3_close(*out);
		*out = NULL;
		return -1;
	}
	/* the schema's triggers guard the live file; replaying is no edit */
	sqlite3_db_config(*out, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	return 0;
}

/* A part of a snapshot: its bytes are about what its changeset holds. */
#define RECORD_PART_BYTES	(4 * 1024 * 1024)

/* Open a scratch database and a session on it, for the next part. */
static int
snapshot_open(sqlite3 **s, sqlite3_session **ses)
{
	*ses = NULL;
	if (record_scratch(s) != 0)
		return -1;
	if (record_session(*s, ses) != 0) {
		sqlite3_close(*s);
		*s = NULL;
		return -1;
	}
	return 0;
}

/* Hand the part over, then start the next one in a fresh scratch. */
static int
snapshot_flush(sqlite3 **s, sqlite3_session **ses, bool last,
    int (*part)(void *, const void *, int, struct verr *), void *arg,
    struct verr *e)
{
	void	*blob = NULL;
	int	 len = 0, rc;

	if ((rc = sqlite3session_changeset(*ses, &len, &blob)) != SQLITE_OK)
		return verr_set(e, VERR_SOFTWARE, "cannot take a snapshot (%s)",
		    sqlite3_errstr(rc));
	rc = part(arg, blob, len, e);
	sqlite3_free(blob);
	sqlite3session_delete(*ses);
	sqlite3_close(*s);
	*ses = NULL;
	*s = NULL;
	if (rc != 0)
		return -1;
	if (!last && snapshot_open(s, ses) != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot build a scratch "
		    "database");
	return 0;
}

int
record_snapshot(struct db *db, int (*part)(void *, const void *, int,
    struct verr *), void *arg, struct verr *e)
{
	sqlite3		*s = NULL;
	sqlite3_session	*ses = NULL;
	sqlite3_stmt	*rd, *wr;
	struct rtable	*t;
	size_t		 n, i, bytes = 0;
	int		 c, rc = SQLITE_OK;

	if (snapshot_open(&s, &ses) != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot build a scratch "
		    "database");
	t = schema.t;
	n = schema.n;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		rd = wr = NULL;
		if ((rc = sqlite3_prepare_v2(db->h, t[i].select, -1, &rd,
		    NULL)) != SQLITE_OK) {
			break;
		}
		while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
			if (wr == NULL && (rc = sqlite3_prepare_v2(s,
			    t[i].insert, -1, &wr, NULL)) != SQLITE_OK)
				break;
			for (c = 0; c < t[i].ncols; c++) {
				sqlite3_bind_value(wr, c + 1,
				    sqlite3_column_value(rd, c));
				bytes += (size_t)sqlite3_column_bytes(rd, c) + 9;
			}
			if ((rc = sqlite3_step(wr)) != SQLITE_DONE)
				break;
			sqlite3_reset(wr);
			rc = SQLITE_OK;
			if (bytes < RECORD_PART_BYTES)
				continue;
			/* a part is full: the statement belongs to its scratch */
			sqlite3_finalize(wr);
			wr = NULL;
			bytes = 0;
			if (snapshot_flush(&s, &ses, false, part, arg, e) != 0) {
				sqlite3_finalize(rd);
				return -1;
			}
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(rd);
		sqlite3_finalize(wr);
	}
	if (rc != SQLITE_OK) {
		sqlite3session_delete(ses);
		sqlite3_close(s);
		return verr_set(e, VERR_SOFTWARE, "cannot take a snapshot of "
		    "%s (%s)", db->path, sqlite3_errstr(rc));
	}
	return snapshot_flush(&s, &ses, true, part, arg, e);
}

/* Append a value for a message: 'text' (cut), 123, NULL, x'..'. */
static void
put_val(struct buf *b, sqlite3_value *v)
{
	const unsigned char	*p;
	int			 n, i;

	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		buf_puts(b, "NULL");
		break;
	case SQLITE_INTEGER:
		buf_printf(b, "%lld", (long long)sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT:
		buf_printf(b, "%g", sqlite3_value_double(v));
		break;
	case SQLITE_TEXT:
		p = sqlite3_value_text(v);
		n = sqlite3_value_bytes(v);
		buf_putc(b, '\'');
		for (i = 0; i < n && i < 60; i++)
			buf_putc(b, p[i] == '\0' ? '?' : (char)p[i]);
		buf_puts(b, i < n ? "...'" : "'");
		if ((int)strlen((const char *)p) != n)
			buf_puts(b, " (with a NUL byte)");
		break;
	default:
		p = sqlite3_value_blob(v);
		n = sqlite3_value_bytes(v);
		buf_puts(b, "x'");
		for (i = 0; i < n && i < 30; i++)
			buf_printf(b, "%02x", p[i]);
		buf_puts(b, i < n ? "...'" : "'");
		break;
	}
}

static void
put_value(struct buf *b, sqlite3_stmt *st, int c)
{
	put_val(b, sqlite3_column_value(st, c));
}

static int
val_rank(int t)
{
	return t == SQLITE_NULL ? 0 : t == SQLITE_INTEGER || t == SQLITE_FLOAT
	    ? 1 : t == SQLITE_TEXT ? 2 : 3;
}

/*
 * Order two values as SQLite does (NULL, numbers, text, blobs); values of
 * different storage types never compare equal (1 and 1.0 differ).
 */
static int
val_cmp(sqlite3_value *a, sqlite3_value *b)
{
	int		 ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
	int		 na, nb, r;
	const void	*pa, *pb;

	if (val_rank(ta) != val_rank(tb))
		return val_rank(ta) < val_rank(tb) ? -1 : 1;
	switch (val_rank(ta)) {
	case 0:
		return 0;
	case 1:
		if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
			sqlite3_int64 x = sqlite3_value_int64(a);
			sqlite3_int64 y = sqlite3_value_int64(b);

			return x < y ? -1 : x > y;
		}
		if (ta != tb)
			return ta == SQLITE_INTEGER ? -1 : 1;
		{
			double x = sqlite3_value_double(a);
			double y = sqlite3_value_double(b);

			return x < y ? -1 : x > y;
		}
	case 2:
		pa = sqlite3_value_text(a);
		pb = sqlite3_value_text(b);
		break;
	default:
		pa = sqlite3_value_blob(a);
		pb = sqlite3_value_blob(b);
		break;
	}
	na = sqlite3_value_bytes(a);
	nb = sqlite3_value_bytes(b);
	r = na == 0 || nb == 0 ? 0 : memcmp(pa, pb, (size_t)(na < nb ? na :
	    nb));
	if (r != 0)
		return r < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

static int
value_cmp(sqlite3_stmt *a, sqlite3_stmt *b, int c)
{
	return val_cmp(sqlite3_column_value(a, c), sqlite3_column_value(b, c));
}

/* The row's key for a message: the primary-key columns, or every one. */
/* Cut b at the first occurrence of s. */
static void
buf_truncate_at(struct buf *b, const char *s)
{
	const char	*p = strstr(buf_str(b), s);

	if (p != NULL) {
		b->len = (size_t)(p - b->data);
		b->data[b->len] = '\0';
	}
}

static void
put_key(struct buf *b, const struct rtable *t, sqlite3_stmt *st)
{
	int	c, any = 0;

	for (c = 0; c < t->ncols; c++) {
		if (!t->pk[c])
			continue;
		buf_puts(b, any++ ? ", " : "");
		buf_printf(b, "%s=", t->cols[c]);
		put_value(b, st, c);
	}
	if (!any)
		buf_puts(b, "(no key)");
}

/*
 * Compare one table in both databases; 1 when they differ (the problem is
 * written to msg), 0 when equal, -1 on error.
 */
static int
record_cmp_table(sqlite3 *live, sqlite3 *s, const struct rtable *t,
    int64_t *rows, struct buf *msg)
{
	sqlite3_stmt	*a = NULL, *b = NULL;
	int		 ra, rb, c, k, diff = 0;

	if (sqlite3_prepare_v2(live, t->select, -1, &a, NULL) != SQLITE_OK) {
		buf_printf(msg, "table %s does not have vigil's columns: %s",
		    t->name, sqlite3_errmsg(live));
		return 1;
	}
	if (sqlite3_prepare_v2(s, t->select, -1, &b, NULL) != SQLITE_OK) {
		sqlite3_finalize(a);
		return -1;
	}
	for (;;) {
		ra = sqlite3_step(a);
		rb = sqlite3_step(b);
		if (ra != SQLITE_ROW && ra != SQLITE_DONE) {
			buf_printf(msg, "table %s cannot be read: %s", t->name,
			    sqlite3_errmsg(live));
			diff = 1;
			break;
		}
		if (rb != SQLITE_ROW && rb != SQLITE_DONE) {
			diff = -1;
			break;
		}
		if (ra == SQLITE_DONE && rb == SQLITE_DONE)
			break;
		if (ra == SQLITE_ROW)
			(*rows)++;
		/* order by the key: the smaller row is the one missing */
		k = 0;
		if (ra == SQLITE_ROW && rb == SQLITE_ROW) {
			for (c = 0; c < t->ncols && k == 0; c++)
				if (t->pk[c])
					k = value_cmp(a, b, c);
		} else
			k = ra == SQLITE_ROW ? -1 : 1;
		if (k < 0) {
			buf_printf(msg, "table %s: the row ", t->name);
			put_key(msg, t, a);
			buf_puts(msg, " is in the file but no journal entry "
			    "made it");
			diff = 1;
			break;
		}
		if (k > 0) {
			buf_printf(msg, "table %s: the row ", t->name);
			put_key(msg, t, b);
			buf_puts(msg, " that the journal implies is missing "
			    "from the file");
			diff = 1;
			break;
		}
		for (c = 0; c < t->ncols; c++) {
			if (value_cmp(a, b, c) == 0)
				continue;
			buf_printf(msg, "table %s, row ", t->name);
			put_key(msg, t, b);
			buf_printf(msg, ", column %s: the file has ",
			    t->cols[c]);
			put_value(msg, a, c);
			buf_puts(msg, ", the journal implies ");
			put_value(msg, b, c);
			diff = 1;
			break;
		}
		if (diff)
			break;
	}
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	return diff;
}

/* Tables in the file that vigil's schema does not have. */
static int
record_extra_tables(sqlite3 *live, struct buf *msg)
{
	sqlite3_stmt	*st;
	const char	*name;
	size_t		 i;
	int		 found = 0;

	if (sqlite3_prepare_v2(live, "SELECT name FROM sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER "
	    "BY name", -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		if ((name = (const char *)sqlite3_column_text(st, 0)) == NULL)
			name = "";
		for (i = 0; i < schema.n; i++)
			if (strcmp(schema.t[i].name, name) == 0)
				break;
		if (i < schema.n || record_excluded(name))
			continue;
		buf_puts(msg, "the file has a table that is not part of vigil's "
		    "schema: ");
		put_value(msg, st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int
record_filter_one(void *arg, const char *table)
{
	return strcmp(table, arg) == 0;
}

static int
record_conflict(void *arg, int why, sqlite3_changeset_iter *it)
{
	(void)arg;
	(void)why;
	(void)it;
	return SQLITE_CHANGESET_OMIT;
}

/*
 * The file has rows of t that the journal does not imply: rebuild t alone
 * from the changes and walk both in key order to name the first one.
 */
static int
record_find_extra(sqlite3 *live, const struct rtable *t, const void *changes,
    int len, int64_t *rows, struct buf *msg)
{
	sqlite3	*s;
	int	 rc;

	if (record_scratch(&s) != 0)
		return -1;
	if (len > 0 && sqlite3changeset_apply(s, len, (void *)changes,
	    record_filter_one, record_conflict, t->name) != SQLITE_OK) {
		sqlite3_close(s);
		return -1;
	}
	rc = record_cmp_table(live, s, t, rows, msg);
	sqlite3_close(s);
	if (rc == 0)
		buf_printf(msg, "table %s: the file has rows no journal entry "
		    "made", t->name);
	return rc < 0 ? -1 : 0;
}

/* The key of the change under the iterator, for a message. */
static void
put_change_key(struct buf *b, const struct rtable *t,
    sqlite3_changeset_iter *it)
{
	sqlite3_value	*v;
	int		 c, any = 0;

	for (c = 0; c < t->ncols; c++) {
		if (!t->pk[c] || sqlite3changeset_new(it, c, &v) != SQLITE_OK ||
		    v == NULL)
			continue;
		buf_puts(b, any++ ? ", " : "");
		buf_printf(b, "%s=", t->cols[c]);
		put_val(b, v);
	}
}

/* A statement reading one row of t from the file by its key. */
static sqlite3_stmt *
record_lookup(sqlite3 *live, const struct rtable *t)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 b;
	int		 c, k = 0;

	buf_init(&b);
	buf_puts(&b, t->select);
	buf_truncate_at(&b, " ORDER BY ");
	for (c = 0; c < t->ncols; c++) {
		if (!t->pk[c])
			continue;
		buf_puts(&b, k++ == 0 ? " WHERE " : " AND ");
		put_ident(&b, t->cols[c]);
		buf_printf(&b, " IS ?%d", k);
	}
	if (k == 0 || sqlite3_prepare_v2(live, buf_str(&b), -1, &st, NULL) !=
	    SQLITE_OK)
		st = NULL;
	buf_clear(&b);
	return st;
}

/*
 * Every row the changes imply must be in the file, equal in every column;
 * then every table must hold no more rows than that. The changes replayed
 * from an empty database are all inserts.
 */
static int
record_walk(sqlite3 *live, const struct rtable *t, size_t n,
    const void *changes, int len, struct record_check *out, struct buf *msg)
{
	sqlite3_changeset_iter	 *it = NULL;
	sqlite3_stmt		**get, *cnt;
	sqlite3_value		 *v;
	int64_t			 *implied, have;
	const char		 *tab;
	size_t			  cur = n, i;
	int			  nc, op, ind, c, k, rc = 0;

	get = xcalloc(n + 1, sizeof *get);
	implied = xcalloc(n + 1, sizeof *implied);
	if (len > 0 && sqlite3changeset_start(&it, len, (void *)changes) !=
	    SQLITE_OK)
		buf_puts(msg, "the journal's changes cannot be read");
	while (it != NULL && msg->len == 0 && sqlite3changeset_next(it) ==
	    SQLITE_ROW) {
		sqlite3changeset_op(it, &tab, &nc, &op, &ind);
		if (cur == n || strcmp(t[cur].name, tab) != 0) {
			for (cur = 0; cur < n; cur++)
				if (strcmp(t[cur].name, tab) == 0)
					break;
			if (cur == n) {
				buf_printf(msg, "the journal changes a table "
				    "that vigil's schema does not have (%s)",
				    tab);
				break;
			}
			if (get[cur] == NULL &&
			    (get[cur] = record_lookup(live, &t[cur])) == NULL) {
				buf_printf(msg, "table %s does not have "
				    "vigil's columns", tab);
				break;
			}
		}
		if (op != SQLITE_INSERT || nc != t[cur].ncols) {
			buf_printf(msg, "the journal's changes contradict "
			    "each other (a change of table %s that no entry "
			    "made a row for)", tab);
			break;
		}
		for (c = 0, k = 1; c < nc; c++)
			if (t[cur].pk[c] && sqlite3changeset_new(it, c, &v) ==
			    SQLITE_OK)
				sqlite3_bind_value(get[cur], k++, v);
		switch (sqlite3_step(get[cur])) {
		case SQLITE_ROW:
			for (c = 0; c < nc; c++) {
				if (sqlite3changeset_new(it, c, &v) !=
				    SQLITE_OK || v == NULL || val_cmp(
				    sqlite3_column_value(get[cur], c), v) == 0)
					continue;
				buf_printf(msg, "table %s, row ", tab);
				put_change_key(msg, &t[cur], it);
				buf_printf(msg, ", column %s: the file has ",
				    t[cur].cols[c]);
				put_value(msg, get[cur], c);
				buf_puts(msg, ", the journal implies ");
				put_val(msg, v);
				break;
			}
			break;
		case SQLITE_DONE:
			buf_printf(msg, "table %s: the row ", tab);
			put_change_key(msg, &t[cur], it);
			buf_puts(msg, " that the journal implies is missing "
			    "from the file");
			break;
		default:
			buf_printf(msg, "table %s cannot be read: %s", tab,
			    sqlite3_errmsg(live));
			break;
		}
		sqlite3_reset(get[cur]);
		implied[cur]++;
	}
	if (it != NULL && sqlite3changeset_finalize(it) != SQLITE_OK &&
	    msg->len == 0)
		buf_puts(msg, "the journal's changes cannot be read");
	for (i = 0; i < n; i++)
		sqlite3_finalize(get[i]);
	/* no more rows in the file than the journal implies */
	for (i = 0; i < n && msg->len == 0 && rc == 0; i++) {
		struct buf	q;

		out->tables++;
		buf_init(&q);
		buf_puts(&q, "SELECT count(*) FROM main.");
		put_ident(&q, t[i].name);
		cnt = NULL;
		have = -1;
		if (sqlite3_prepare_v2(live, buf_str(&q), -1, &cnt, NULL) ==
		    SQLITE_OK && sqlite3_step(cnt) == SQLITE_ROW)
			have = sqlite3_column_int64(cnt, 0);
		sqlite3_finalize(cnt);
		buf_clear(&q);
		if (have < 0) {
			buf_printf(msg, "table %s cannot be read: %s",
			    t[i].name, sqlite3_errmsg(live));
			break;
		}
		out->rows += have;
		if (have != implied[i]) {
			int64_t	scratch_rows = 0;

			rc = record_find_extra(live, &t[i], changes, len,
			    &scratch_rows, msg);
		}
	}
	free(get);
	free(implied);
	return rc;
}

int
record_replay(struct db *db, const void *changes, int len,
    struct record_check *out, struct verr *e)
{
	struct buf	msg;
	int		rc;

	out->ok = true;
	out->tables = 0;
	out->rows = 0;
	out->problem[0] = '\0';
	if (record_schema() != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot build vigil's schema "
		    "to replay the journal into");
	buf_init(&msg);
	rc = record_extra_tables(db->h, &msg);
	if (rc == 0)
		rc = record_walk(db->h, schema.t, schema.n, changes, len, out,
		    &msg);
	if (msg.len > 0) {
		out->ok = false;
		snprintf(out->problem, sizeof out->problem, "%s",
		    buf_str(&msg));
	}
	buf_clear(&msg);
	if (rc < 0)
		return verr_set(e, VERR_SOFTWARE, "cannot compare the record");
	return 0;
}

int
record_actor(struct actor *a)
{
	struct passwd	*pw;

	memset(a, 0, sizeof *a);
	a->uid = (int64_t)getuid();
	if ((pw = getpwuid(getuid())) != NULL)
		snprintf(a->login, sizeof a->login, "%s", pw->pw_name);
	else
		snprintf(a->login, sizeof a->login, "uid%lld",
		    (long long)a->uid);
	return 0;
}
