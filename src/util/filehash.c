/*
 * filehash.c: streaming a file through OpenSSL's EVP digests (filehash.h).
 * One buffer of FILEHASH_BUF bytes is all the memory a hash of any size
 * needs; the kernel is told the file is read sequentially so it reads
 * ahead. This file does I/O and reads the monotonic clock (for the rate
 * limit and progress); it never touches the database.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vigil/filehash.h"
#include "vigil/util.h"

/*
 * 128 KiB per read: a buffer that stays in the CPU's cache. With 1 MiB the
 * kernel's copy and the hash both miss it and a read costs several times
 * the system time (tests/bench/bench_evidence.sh shows it).
 */
#define FILEHASH_BUF (128 * 1024)

struct filehash {
	int		 fd;
	char		 path[4096];
	struct stat	 st0;
	bool		 block;
	int64_t		 total;
	int64_t		 done;
	int64_t		 t0;		/* monotonic ns at open */
	int64_t		 limit;		/* bytes per second, 0: none */
	EVP_MD_CTX	*md[3];		/* sha256, sha1, md5 (NULL: not asked) */
	unsigned char	*buf;
	bool		 eof;
};

static int64_t
filehash_clock(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* An EVP context for md; NULL only on a library failure. */
static EVP_MD_CTX *
filehash_md(const EVP_MD *md)
{
	EVP_MD_CTX	*c;

	if (md == NULL || (c = EVP_MD_CTX_new()) == NULL)
		return NULL;
	if (EVP_DigestInit_ex(c, md, NULL) != 1) {
		EVP_MD_CTX_free(c);
		return NULL;
	}
	return c;
}

struct filehash *
filehash_open(const char *path, unsigned algos, struct verr *e)
{
	struct filehash	*fh;
	const char	*lim;
	long long	 n;
	off_t		 end;
	int		 fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME);
	if (fd == -1 && errno == EPERM)	/* O_NOATIME: owner only */
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		err = errno;
		verr_set(e, err == ENOENT || err == ENOTDIR ? VERR_NOINPUT :
		    VERR_IOERR, "cannot open %s: %s", path, strerror(err));
		return NULL;
	}
	fh = xcalloc(1, sizeof *fh);
	fh->fd = fd;
	if (fstat(fd, &fh->st0) != 0) {
		err = errno;
		verr_set(e, VERR_IOERR, "cannot read %s: %s", path,
		    strerror(err));
		goto fail;
	}
	if (S_ISBLK(fh->st0.st_mode)) {
		fh->block = true;
		if ((end = lseek(fd, 0, SEEK_END)) < 0 ||
		    lseek(fd, 0, SEEK_SET) != 0) {
			err = errno;
			verr_set(e, VERR_IOERR, "cannot size %s: %s", path,
			    strerror(err));
			goto fail;
		}
		fh->total = (int64_t)end;
	} else if (S_ISREG(fh->st0.st_mode))
		fh->total = (int64_t)fh->st0.st_size;
	else {
		verr_set(e, VERR_DATA, "%s is not a regular file or a block "
		    "device", path);
		goto fail;
	}
	if (realpath(path, fh->path) == NULL)
		snprintf(fh->path, sizeof fh->path, "%s", path);
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	fh->md[0] = filehash_md(EVP_sha256());
	if ((algos & FILEHASH_SHA1) != 0)
		fh->md[1] = filehash_md(EVP_sha1());
	if ((algos & FILEHASH_MD5) != 0)
		fh->md[2] = filehash_md(EVP_md5());
	if (fh->md[0] == NULL || ((algos & FILEHASH_SHA1) && fh->md[1] ==
	    NULL) || ((algos & FILEHASH_MD5) && fh->md[2] == NULL)) {
		verr_set(e, VERR_SOFTWARE, "OpenSSL could not start the "
		    "digests");
		goto fail;
	}
	if ((lim = getenv("VIGIL_HASH_LIMIT")) != NULL && *lim != '\0' &&
	    util_parse_int(lim, 1, LLONG_MAX, &n) == 0)
		fh->limit = (int64_t)n;
	fh->buf = xmalloc(FILEHASH_BUF);
	fh->t0 = filehash_clock();
	return fh;
fail:
	filehash_free(&fh);
	return NULL;
}

/* Sleep as long as needed to stay under the rate limit. */
static void
filehash_throttle(struct filehash *fh)
{
	struct timespec	ts;
	int64_t		due, now;

	if (fh->limit == 0)
		return;
	due = fh->t0 + (int64_t)((double)fh->done / (double)fh->limit * 1e9);
	now = filehash_clock();
	if (due <= now)
		return;
	ts.tv_sec = (time_t)((due - now) / 1000000000);
	ts.tv_nsec = (long)((due - now) % 1000000000);
	(void)nanosleep(&ts, NULL);	/* a signal ends it: the caller looks */
}

int
filehash_step(struct filehash *fh, int64_t budget, struct verr *e)
{
	int64_t	 got = 0;
	size_t	 want;
	ssize_t	 r;
	int	 i, err;

	while (!fh->eof && (budget == 0 || got < budget)) {
		want = FILEHASH_BUF;
		if (fh->limit > 0 && (int64_t)want > fh->limit / 10 + 1)
			want = (size_t)(fh->limit / 10 + 1);
		r = read(fh->fd, fh->buf, want);
		if (r < 0) {
			if (errno == EINTR)
				return 0;
			err = errno;
			return verr_set(e, VERR_IOERR, "cannot read %s: %s",
			    fh->path, strerror(err));
		}
		if (r == 0) {
			fh->eof = true;
			break;
		}
		for (i = 0; i < 3; i++)
			if (fh->md[i] != NULL && EVP_DigestUpdate(fh->md[i],
			    fh->buf, (size_t)r) != 1)
				return verr_set(e, VERR_SOFTWARE, "OpenSSL "
				    "failed to hash %s", fh->path);
		fh->done += r;
		got += r;
		filehash_throttle(fh);
		if (fh->limit > 0)
			break;	/* one paced read per step */
	}
	return fh->eof ? 1 : 0;
}

void
filehash_progress(const struct filehash *fh, int64_t *done, int64_t *total,
    int64_t *elapsed_ns)
{
	if (done != NULL)
		*done = fh->done;
	if (total != NULL)
		*total = fh->total > fh->done ? fh->total : fh->done;
	if (elapsed_ns != NULL)
		*elapsed_ns = filehash_clock() - fh->t0;
}

/* The digest of md as lower-case hex into out ("" when md is NULL). */
static int
filehash_hex(EVP_MD_CTX *md, char out[FILEHASH_HEX_MAX])
{
	unsigned char	v[EVP_MAX_MD_SIZE];
	unsigned	n = 0, i;

	out[0] = '\0';
	if (md == NULL)
		return 0;
	if (EVP_DigestFinal_ex(md, v, &n) != 1 || n * 2 >= FILEHASH_HEX_MAX)
		return -1;
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", v[i]);
	return 0;
}

int
filehash_finish(struct filehash *fh, struct filehash_result *out,
    struct verr *e)
{
	struct stat	st;
	int		err;

	if (fstat(fh->fd, &st) != 0) {
		err = errno;
		return verr_set(e, VERR_IOERR, "cannot read %s: %s", fh->path,
		    strerror(err));
	}
	if (!fh->block && (st.st_size != fh->st0.st_size ||
	    st.st_mtim.tv_sec != fh->st0.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != fh->st0.st_mtim.tv_nsec ||
	    st.st_ctim.tv_sec != fh->st0.st_ctim.tv_sec ||
	    st.st_ctim.tv_nsec != fh->st0.st_ctim.tv_nsec ||
	    fh->done != fh->total))
		return verr_set(e, VERR_DATA, "%s changed while it was being "
		    "hashed; nothing recorded (hash a copy nobody writes to)",
		    fh->path);
	memset(out, 0, sizeof *out);
	snprintf(out->path, sizeof out->path, "%s", fh->path);
	out->size = fh->done;
	out->mtime = (int64_t)fh->st0.st_mtim.tv_sec;
	out->ctime = (int64_t)fh->st0.st_ctim.tv_sec;
	out->block_device = fh->block;
	if (filehash_hex(fh->md[0], out->sha256) != 0 ||
	    filehash_hex(fh->md[1], out->sha1) != 0 ||
	    filehash_hex(fh->md[2], out->md5) != 0)
		return verr_set(e, VERR_SOFTWARE, "OpenSSL failed to finish "
		    "the hash of %s", fh->path);
	return 0;
}

void
filehash_free(struct filehash **fhp)
{
	struct filehash	*fh = *fhp;
	int		 i;

	if (fh == NULL)
		return;
	if (fh->fd != -1)
		close(fh->fd);
	for (i = 0; i < 3; i++)
		EVP_MD_CTX_free(fh->md[i]);
	free(fh->buf);
	free(fh);
	*fhp = NULL;
}

int
filehash_file(const char *path, unsigned algos,
    void (*progress)(void *, const struct filehash *), void *arg,
    volatile sig_atomic_t *stop, struct filehash_result *out, struct verr *e)
{
	struct filehash	*fh;
	int64_t		 last = 0, now;
	int		 rc;

	if ((fh = filehash_open(path, algos, e)) == NULL)
		return -1;
	for (;;) {
		if (stop != NULL && *stop) {
			rc = verr_set(e, VERR_INTERRUPTED, "interrupted while "
			    "hashing %s; nothing recorded", fh->path);
			break;
		}
		if ((rc = filehash_step(fh, 64 * FILEHASH_BUF, e)) < 0)
			break;
		now = filehash_clock();
		if (progress != NULL && (rc == 1 || now - last >= 100000000)) {
			progress(arg, fh);
			last = now;
		}
		if (rc == 1) {
			rc = filehash_finish(fh, out, e);
			break;
		}
	}
	filehash_free(&fh);
	return rc;
}
