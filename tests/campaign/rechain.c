/*
 * rechain.c: vigil-rechain DB [FROM] — the forger's tool for the tamper
 * tests (FROM: recompute only entries FROM on, chained to the stored hash
 * of the entry before, as a forger who appends an entry would).
 * Recomputes every journal entry's hash with plain SHA-256, as anyone who
 * can write the file and has read docs/ARCHITECTURE.md could: a domain
 * byte 0x00, then each field as "<length>:<bytes>\n" (tag, seq, uuid,
 * incident, at, uid, login, loginuid, action, payload, previous hash, and
 * the changes when the entry has them), each entry chained to the one
 * recomputed before it. After an edit this makes a plain chain hold again;
 * a keyed chain (the setgid installation) must still fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sqlite3.h>

struct out {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
put(struct out *o, const void *s, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2 + 64;
		if ((o->p = realloc(o->p, o->cap)) == NULL)
			exit(70);
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

/* One field of column c (NULL: empty). */
static void
col(struct out *o, sqlite3_stmt *st, int c)
{
	char		 n[32];
	const void	*v;
	int		 len;

	if (sqlite3_column_type(st, c) == SQLITE_BLOB)
		v = sqlite3_column_blob(st, c);
	else
		v = sqlite3_column_text(st, c);
	len = sqlite3_column_type(st, c) == SQLITE_NULL ? 0 :
	    sqlite3_column_bytes(st, c);
	snprintf(n, sizeof n, "%d:", len);
	put(o, n, strlen(n));
	if (len > 0)
		put(o, v, (size_t)len);
	put(o, "\n", 1);
}

static void
text(struct out *o, const char *s)
{
	char	n[32];

	snprintf(n, sizeof n, "%zu:", strlen(s));
	put(o, n, strlen(n));
	put(o, s, strlen(s));
	put(o, "\n", 1);
}

int
main(int argc, char **argv)
{
	static const char	 hex[] = "0123456789abcdef";
	sqlite3			*h;
	sqlite3_stmt		*st, *up;
	struct out		 o = { NULL, 0, 0 };
	unsigned char		 md[32];
	char			 prev[65], hash[65];
	unsigned int		 i, mdlen;
	long long		 from = 1;
	int			 n = 0, c;

	if ((argc != 2 && argc != 3) || (argc == 3 && (from = atoll(argv[2])) <
	    1) || sqlite3_open(argv[1], &h) != SQLITE_OK) {
		fprintf(stderr, "usage: vigil-rechain DB [FROM]\n");
		return 64;
	}
	/* the file's own triggers are no obstacle to an editor */
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	memset(prev, '0', 64);
	prev[64] = '\0';
	if (from > 1) {
		if (sqlite3_prepare_v2(h, "SELECT hash FROM journal WHERE seq = "
		    "?", -1, &st, NULL) != SQLITE_OK)
			return 65;
		sqlite3_bind_int64(st, 1, from - 1);
		if (sqlite3_step(st) != SQLITE_ROW ||
		    sqlite3_column_bytes(st, 0) != 64)
			return 65;
		memcpy(prev, sqlite3_column_text(st, 0), 64);
		sqlite3_finalize(st);
	}
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(h, "SELECT seq, uuid, incident_id, at, uid, "
	    "login, loginuid, action, payload, changes FROM journal WHERE seq "
	    ">= ? ORDER BY seq", -1, &st, NULL) != SQLITE_OK || sqlite3_prepare_v2(h,
	    "UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", -1,
	    &up, NULL) != SQLITE_OK) {
		fprintf(stderr, "vigil-rechain: %s\n", sqlite3_errmsg(h));
		return 65;
	}
	sqlite3_bind_int64(st, 1, from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		o.len = 0;
		put(&o, "", 1);		/* the domain byte 0x00 */
		text(&o, sqlite3_column_type(st, 9) != SQLITE_NULL ?
		    "vigil-journal-v2" : "vigil-journal-v1");
		for (c = 0; c <= 8; c++)
			col(&o, st, c);
		text(&o, prev);
		if (sqlite3_column_type(st, 9) != SQLITE_NULL)
			col(&o, st, 9);
		if (EVP_Digest(o.p, o.len, md, &mdlen, EVP_sha256(), NULL) !=
		    1)
			return 70;
		for (i = 0; i < 32; i++) {
			hash[2 * i] = hex[md[i] >> 4];
			hash[2 * i + 1] = hex[md[i] & 0xf];
		}
		hash[64] = '\0';
		sqlite3_bind_text(up, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(up, 2, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 3, sqlite3_column_int64(st, 0));
		if (sqlite3_step(up) != SQLITE_DONE)
			return 70;
		sqlite3_reset(up);
		memcpy(prev, hash, sizeof prev);
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return 70;
	sqlite3_close(h);
	free(o.p);
	printf("rechained %d entries\n", n);
	return 0;
}
