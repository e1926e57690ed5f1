/*
 * witness.c: every reader is a witness of the journal it has seen.
 *
 * A hash chain shows an edited entry, but not a journal cut short (its
 * newest entries removed) nor one recomputed from an edit onwards. So each
 * vigil process remembers, for the person running it, the newest entry it
 * has seen of each database: one line per database in
 * $XDG_STATE_HOME/vigil/witness, outside the shared file and writable only
 * by that person:
 *
 *	<uuid of entry 1> TAB <seq> TAB <hash> TAB <path>
 *
 * A database is known by the uuid of its first entry (the same database
 * copied or moved elsewhere is still itself), and by its path when it has
 * no first entry any more. At every open the file's journal is compared
 * with the line: shorter than what was seen, or a different hash at the
 * sequence seen, is reported; otherwise the line moves forward. A warning
 * keeps its line unchanged, so it is repeated until someone looks.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigil/buf.h"
#include "vigil/config.h"
#include "vigil/ops.h"
#include "vigil/store-record.h"
#include "vigil/util.h"

struct wline {
	char	 uuid[40];
	int64_t	 seq;
	char	 hash[JOURNAL_HASH_HEX];
	char	*path;
};

/* Parse one line; false when it is not one of ours. */
static bool
witness_parse(char *s, struct wline *w)
{
	char	*f[4], *p = s;
	int	 i;
	long long v;

	for (i = 0; i < 4; i++) {
		f[i] = p;
		if (i < 3) {
			if ((p = strchr(p, '\t')) == NULL)
				return false;
			*p++ = '\0';
		}
	}
	f[3][strcspn(f[3], "\n")] = '\0';
	if (strlen(f[0]) >= sizeof w->uuid || strlen(f[2]) !=
	    JOURNAL_HASH_HEX - 1 || util_parse_int(f[1], 0, INT64_MAX, &v) != 0)
		return false;
	snprintf(w->uuid, sizeof w->uuid, "%s", f[0]);
	w->seq = v;
	snprintf(w->hash, sizeof w->hash, "%s", f[2]);
	w->path = f[3];
	return true;
}

char *
ops_witness_path(void)
{
	char	*dir = config_state_dir(), *p;

	xasprintf(&p, "%s/witness", dir);
	free(dir);
	return p;
}

/* Rewrite the witness file with line `me` in place of old (atomic). */
static void
witness_store(const char *file, const char *me_uuid, const char *me_path,
    int64_t seq, const char *line)
{
	struct buf	 out;
	FILE		*f;
	char		*tmp, *dir, *s, buf[4096];
	struct wline	 w;
	bool		 placed = false;

	buf_init(&out);
	if ((f = fopen(file, "r")) != NULL) {
		while (fgets(buf, sizeof buf, f) != NULL) {
			char copy[sizeof buf];

			snprintf(copy, sizeof copy, "%s", buf);
			if (witness_parse(copy, &w) && ((me_uuid[0] != '\0' &&
			    strcmp(w.uuid, me_uuid) == 0) || strcmp(w.path,
			    me_path) == 0)) {
				/* another process of this person may have
				 * seen more meanwhile: keep the newest */
				if (!placed)
					buf_puts(&out, strcmp(w.uuid, me_uuid) ==
					    0 && w.seq > seq ? buf : line);
				placed = true;
				continue;
			}
			buf_puts(&out, buf);
		}
		fclose(f);
	}
	if (!placed)
		buf_puts(&out, line);
	dir = xstrdup(file);
	if ((s = strrchr(dir, '/')) != NULL) {
		*s = '\0';
		(void)config_make_private_dir(dir);	/* checked by fopen */
	}
	free(dir);
	xasprintf(&tmp, "%s.%ld", file, (long)getpid());
	if ((f = fopen(tmp, "w")) != NULL) {
		fputs(buf_str(&out), f);
		if (fclose(f) == 0 && rename(tmp, file) == 0) {
			free(tmp);
			buf_clear(&out);
			return;
		}
		(void)unlink(tmp);
	}
	/* best effort: a reader with no writable home is still a reader */
	free(tmp);
	buf_clear(&out);
}

void
ops_witness_reset(struct vigil_ctx *ctx)
{
	char	 hash[JOURNAL_HASH_HEX], uuid[40], line[4096], *file, *real;
	int64_t	 seq;

	if (ctx->db == NULL || journal_head_info(ctx->db, &seq, hash, uuid,
	    NULL) != 0 || seq == 0)
		return;
	if ((real = realpath(db_path(ctx->db), NULL)) == NULL)
		real = xstrdup(db_path(ctx->db));
	if (strpbrk(real, "\t\n") == NULL) {
		file = ops_witness_path();
		snprintf(line, sizeof line, "%s\t%" PRId64 "\t%s\t%s\n", uuid,
		    seq, hash, real);
		witness_store(file, uuid, real, seq, line);
		free(file);
	}
	free(real);
}

int
ops_witness(struct vigil_ctx *ctx, char *warn, size_t len)
{
	struct wline	 w, found;
	FILE		*f;
	char		 hash[JOURNAL_HASH_HEX], uuid[40], at[JOURNAL_HASH_HEX];
	char		 line[4096], *file, *real, *seen_path = NULL;
	int64_t		 seq;
	bool		 have = false, exists, bad = false;

	warn[0] = '\0';
	if (ctx->db == NULL || journal_head_info(ctx->db, &seq, hash, uuid,
	    NULL) != 0)
		return 0;
	if ((real = realpath(db_path(ctx->db), NULL)) == NULL)
		real = xstrdup(db_path(ctx->db));
	if (strpbrk(real, "\t\n") != NULL) {
		free(real);
		return 0;
	}
	file = ops_witness_path();
	memset(&found, 0, sizeof found);
	if ((f = fopen(file, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			if (!witness_parse(line, &w))
				continue;
			/* by identity first; by path when it has none */
			if ((uuid[0] != '\0' && strcmp(w.uuid, uuid) == 0) ||
			    (!have && strcmp(w.path, real) == 0)) {
				free(seen_path);
				found = w;
				seen_path = xstrdup(w.path);
				found.path = seen_path;
				have = true;
				if (uuid[0] != '\0' && strcmp(w.uuid, uuid) ==
				    0)
					break;
			}
		}
		fclose(f);
	}
	/*
	 * The head again, read after the witness: a process of this person
	 * that committed and wrote its witness after our first read must
	 * not look like a journal cut short.
	 */
	if (journal_head_info(ctx->db, &seq, hash, uuid, NULL) != 0) {
		free(seen_path);
		free(file);
		free(real);
		return 0;
	}
	if (have && found.seq > 0) {
		if (found.uuid[0] != '\0' && uuid[0] != '\0' &&
		    strcmp(found.uuid, uuid) != 0) {
			snprintf(warn, len, "the journal of %s is not the one "
			    "you saw there: its first entry differs (you saw "
			    "its entry %" PRId64 ", hash %.16s...); the file "
			    "was replaced (the witness is %s)", real,
			    found.seq, found.hash, file);
			bad = true;
		} else if (seq < found.seq) {
			snprintf(warn, len, "the journal of %s is shorter "
			    "than you have seen: it ends at entry %" PRId64
			    ", you saw entry %" PRId64 " (hash %.16s...); "
			    "entries were removed (the witness is %s)", real,
			    seq, found.seq, found.hash, file);
			bad = true;
		} else if (journal_hash_at(ctx->db, found.seq, at, &exists,
		    NULL) == 0 && exists && strcmp(at, found.hash) != 0) {
			snprintf(warn, len, "the journal of %s differs from "
			    "what you have seen: entry %" PRId64 " had hash "
			    "%.16s..., it now has %.16s...; the journal was "
			    "rewritten (the witness is %s)", real, found.seq,
			    found.hash, at, file);
			bad = true;
		}
	}
	if (!bad && seq > 0 && (!have || seq > found.seq || strcmp(found.uuid,
	    uuid) != 0)) {
		snprintf(line, sizeof line, "%s\t%" PRId64 "\t%s\t%s\n", uuid,
		    seq, hash, real);
		witness_store(file, uuid, real, seq, line);
	}
	free(seen_path);
	free(file);
	free(real);
	return bad ? 1 : 0;
}

int
ops_anchor_check(struct vigil_ctx *ctx, const char *anchor, char *msg,
    size_t len, struct verr *e)
{
	char		 want[JOURNAL_HASH_HEX], at[JOURNAL_HASH_HEX];
	const char	*colon = anchor != NULL ? strchr(anchor, ':') : NULL;
	char		 num[24];
	long long	 seq;
	bool		 found;
	size_t		 i;

	if (colon == NULL || (size_t)(colon - anchor) >= sizeof num ||
	    strlen(colon + 1) != JOURNAL_HASH_HEX - 1)
		return verr_set(e, VERR_USAGE, "--anchor: expected SEQ:HASH "
		    "(as 'vigil anchor' prints it)");
	memcpy(num, anchor, (size_t)(colon - anchor));
	num[colon - anchor] = '\0';
	if (util_parse_int(num, 1, INT64_MAX, &seq) != 0)
		return verr_set(e, VERR_USAGE, "--anchor: '%s' is not an entry "
		    "number", num);
	for (i = 0; i < JOURNAL_HASH_HEX - 1; i++) {
		char c = colon[1 + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F')))
			return verr_set(e, VERR_USAGE, "--anchor: the hash "
			    "must be 64 hex digits");
		want[i] = (char)(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
	}
	want[JOURNAL_HASH_HEX - 1] = '\0';
	if (journal_hash_at(ctx->db, seq, at, &found, e) != 0)
		return -1;
	if (!found) {
		snprintf(msg, len, "the anchor names entry %lld, which the "
		    "journal no longer has: entries were removed", seq);
		return 1;
	}
	if (strcmp(at, want) != 0) {
		snprintf(msg, len, "entry %lld has hash %.16s..., the anchor "
		    "says %.16s...: the journal was rewritten", seq, at, want);
		return 1;
	}
	snprintf(msg, len, "anchor %lld matches", seq);
	return 0;
}
