/*
 * filehash.h: hashing a file or a block device as evidence, by streaming
 * it through OpenSSL's EVP digests in large reads (never the whole file in
 * memory). SHA-256 is always computed; SHA-1 and MD5 only when asked (for
 * tools that still need them). The work is done in steps so that a caller
 * can show progress, stay responsive (the console) or stop (Ctrl-C)
 * between two reads. The file is opened without updating its access time
 * where the system allows, and a file that changes while it is being
 * hashed is refused.
 */
#ifndef VIGIL_FILEHASH_H
#define VIGIL_FILEHASH_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "vigil/verr.h"

enum filehash_algo {
	FILEHASH_SHA1 = 1,	/* in addition to SHA-256 */
	FILEHASH_MD5 = 2,
};

#define FILEHASH_HEX_MAX 65	/* 64 hex digits and a NUL */

/* What a finished hash found; strings are "" when not computed. */
struct filehash_result {
	char	 path[4096];	/* absolute, as opened */
	int64_t	 size;
	char	 sha256[FILEHASH_HEX_MAX];
	char	 sha1[FILEHASH_HEX_MAX];
	char	 md5[FILEHASH_HEX_MAX];
	int64_t	 mtime;		/* seconds since the epoch */
	int64_t	 ctime;
	bool	 block_device;
};

struct filehash;

/*
 * Open path for hashing with SHA-256 and the `algos` asked for. A regular
 * file or a block device; anything else is refused. Returns an owned
 * handle, or NULL with e set (VERR_NOINPUT, VERR_DATA, VERR_IOERR).
 */
struct filehash	*filehash_open(const char *path, unsigned algos,
		    struct verr *);
/*
 * Hash at most `budget` more bytes (0: no limit). Returns 1 when the
 * whole file has been read (then filehash_finish()), 0 when there is more,
 * -1 on a read error. Honours $VIGIL_HASH_LIMIT (bytes per second; it
 * sleeps to stay under it), which spares a busy disk.
 */
int		 filehash_step(struct filehash *, int64_t budget,
		    struct verr *);
/* Bytes hashed so far, the total, and the nanoseconds since the start. */
void		 filehash_progress(const struct filehash *, int64_t *done,
		    int64_t *total, int64_t *elapsed_ns);
/*
 * After filehash_step() returned 1: check that the file did not change
 * while it was read (size, modification and change times), and fill out.
 * -1 with e set when it changed.
 */
int		 filehash_finish(struct filehash *, struct filehash_result *,
		    struct verr *);
/* Close and free; accepts NULL and sets it NULL. */
void		 filehash_free(struct filehash **);

/*
 * The whole job: open, step until done, finish. progress (may be NULL)
 * is called about ten times a second with the handle; *stop (may be NULL)
 * is polled between reads, and when it becomes non-zero the hash is
 * abandoned with VERR_INTERRUPTED.
 */
int		 filehash_file(const char *path, unsigned algos,
		    void (*progress)(void *, const struct filehash *),
		    void *arg, volatile sig_atomic_t *stop,
		    struct filehash_result *, struct verr *);

/* The exit status for an act interrupted by the user (128 + SIGINT). */
#define VERR_INTERRUPTED 130

#endif
