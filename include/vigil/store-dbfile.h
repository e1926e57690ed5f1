/*
 * store-dbfile.h: the database file and SQLite's companions (-wal, -shm,
 * -journal) as files a group shares. SQLite gives its companions the mode
 * and owner of the database file, so what matters is that the database
 * file itself is created group-shareable and that an existing file, or a
 * companion someone else left, does not lock a member out.
 */
#ifndef VIGIL_STORE_DBFILE_H
#define VIGIL_STORE_DBFILE_H

#include <stdbool.h>
#include <sys/types.h>

#include "vigil/verr.h"

/*
 * Create the empty database file at path with mode 0666 & ~umask, before
 * SQLite opens it (SQLite's own default is 0644). In a directory with the
 * setgid bit (a team's directory) and in the setgid installation the file
 * is made group-readable and writable whatever the umask, and never
 * world-accessible in the setgid installation. *made tells whether this
 * call created it (false when another process did first).
 */
int	 dbfile_create(const char *path, bool *made, struct verr *);

/*
 * Before writing: the database file and every companion that exists must
 * be writable by the caller. A companion narrower than the database file
 * that the caller owns is widened to the database file's mode (so nobody
 * is locked out); one the caller cannot write is reported in one line
 * naming the file, its mode, owner and group, and the fix (VERR_NOPERM).
 */
int	 dbfile_check(const char *path, struct verr *);

/*
 * A file or directory that stat() cannot reach for want of permission:
 * set e (VERR_NOPERM) with the nearest directory that refuses the caller,
 * its group and mode, and what to ask for. Returns -1.
 */
int	 dbfile_unreachable(const char *path, struct verr *);

/*
 * Is the directory holding path one that only group gid reaches: of that
 * group, nothing for others, and not the caller's own (its owner could
 * open it up)? There a key file of vigil's group stays vigil's.
 */
bool	 dbfile_group_only(const char *path, gid_t gid);

/* Mode, owner and group of st as text "0660 alice:ir" (static buffer). */
const char *dbfile_describe(mode_t mode, uid_t uid, gid_t gid);

#endif
