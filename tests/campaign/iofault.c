/*
 * iofault.c: an LD_PRELOAD shim that makes the Nth write or sync of a
 * process fail, for tests/cli/test_iofault.sh. IOFAULT_N is N (counted
 * from 1 over every write(), pwrite(), pwrite64() -- or, for "fsync",
 * every fsync() and fdatasync() -- the process makes); IOFAULT_KIND is
 * "write" (fails with EIO), "enospc" (write fails with ENOSPC: a full
 * disk) or "fsync" (EIO). Writes to the terminal and pipes (stdout,
 * stderr) are not counted, so the message vigil prints still arrives.
 * IOFAULT_COUNT names a file to which the number of counted calls is
 * written at exit, so the caller knows when N has passed them all.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long	 counted, fail_at = -1;
static int	 kind = -1;	/* 0 write, 1 enospc, 2 fsync */

static void
iofault_init(void)
{
	const char	*n, *k;

	if (kind != -1)
		return;
	kind = 3;
	n = getenv("IOFAULT_N");
	k = getenv("IOFAULT_KIND");
	if (n == NULL || k == NULL)
		return;
	fail_at = atol(n);
	kind = strcmp(k, "write") == 0 ? 0 : strcmp(k, "enospc") == 0 ? 1 :
	    strcmp(k, "fsync") == 0 ? 2 : 3;
}

/* Only regular files count (the database, its -wal, -shm, -journal). */
static int
iofault_regular(int fd)
{
	struct stat	sb;

	return fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
iofault_hit(int fd, int for_sync)
{
	iofault_init();
	if (kind == 3 || (kind == 2) != for_sync || !iofault_regular(fd))
		return 0;
	if (++counted == fail_at) {
		errno = kind == 1 ? ENOSPC : EIO;
		return 1;
	}
	return 0;
}

__attribute__((destructor)) static void
iofault_report(void)
{
	const char	*p = getenv("IOFAULT_COUNT");
	FILE		*f;

	if (p != NULL && (f = fopen(p, "w")) != NULL) {
		fprintf(f, "%ld\n", counted);
		fclose(f);
	}
}

#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

ssize_t
write(int fd, const void *b, size_t n)
{
	REAL(write);
	if (iofault_hit(fd, 0))
		return -1;
	return real_write(fd, b, n);
}

ssize_t
pwrite(int fd, const void *b, size_t n, off_t o)
{
	REAL(pwrite);
	if (iofault_hit(fd, 0))
		return -1;
	return real_pwrite(fd, b, n, o);
}

ssize_t
pwrite64(int fd, const void *b, size_t n, off64_t o)
{
	REAL(pwrite64);
	if (iofault_hit(fd, 0))
		return -1;
	return real_pwrite64(fd, b, n, o);
}

int
fsync(int fd)
{
	REAL(fsync);
	if (iofault_hit(fd, 1))
		return -1;
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (iofault_hit(fd, 1))
		return -1;
	return real_fdatasync(fd);
}
