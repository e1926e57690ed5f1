/*
 * dbfile.c: creating the database file so a group can share it, and
 * checking the files SQLite keeps beside it before anyone writes.
 *
 * Why vigil creates the file itself instead of relying on SQLite's default
 * permissions: SQLITE_DEFAULT_FILE_PERMISSIONS is fixed when SQLite is
 * built (0644 in Debian's libsqlite3), and vigil links the system library.
 * SQLite gives -wal, -shm and -journal the mode of the database file (and,
 * when run as root, its owner), so a database file created 0666 & ~umask
 * — group-writable in a team's setgid directory whatever the umask — makes
 * every companion shareable too. This file does no SQL.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigil/store-dbfile.h"
#include "vigil/priv.h"
#include "vigil/util.h"

static const char *const dbfile_companions[] = { "-wal", "-shm",
    "-journal" };

const char *
dbfile_describe(mode_t mode, uid_t uid, gid_t gid)
{
	static char	 s[160];
	struct passwd	*pw = getpwuid(uid);
	struct group	*gr = getgrgid(gid);
	char		 u[40], g[40];

	if (pw != NULL)
		snprintf(u, sizeof u, "%.39s", pw->pw_name);
	else
		snprintf(u, sizeof u, "%lu", (unsigned long)uid);
	if (gr != NULL)
		snprintf(g, sizeof g, "%.39s", gr->gr_name);
	else
		snprintf(g, sizeof g, "%lu", (unsigned long)gid);
	snprintf(s, sizeof s, "mode %04o, owner %s, group %s",
	    (unsigned)(mode & 07777), u, g);
	return s;
}

/* The directory that holds path (owned by the caller). */
static char *
dbfile_dir(const char *path)
{
	char	*copy = xstrdup(path), *d = xstrdup(dirname(copy));

	free(copy);
	return d;
}

int
dbfile_create(const char *path, bool *made, struct verr *e)
{
	struct stat	 dsb;
	char		*dir = dbfile_dir(path);
	mode_t		 um, mode;
	int		 fd;

	*made = false;
	um = umask(077);
	umask(um);
	mode = 0666 & ~um;
	if (stat(dir, &dsb) == 0 && (dsb.st_mode & S_ISGID) != 0)
		mode |= 0660;	/* a team's directory: the group shares it */
	if (priv_setgid_mode())
		mode = 0660;	/* only vigil's group, whatever the umask */
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;	/* another process was first */
		return verr_set(e, VERR_CANTCREAT, "cannot create %s: %s",
		    path, strerror(errno));
	}
	if (fchmod(fd, mode) != 0) {
		verr_set(e, VERR_CANTCREAT, "cannot set the mode of %s: %s",
		    path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	*made = true;
	return 0;
}

bool
dbfile_group_only(const char *path, gid_t gid)
{
	struct stat	 sb;
	char		*dir = dbfile_dir(path);
	bool		 yes;

	yes = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_gid == gid &&
	    (sb.st_mode & 0007) == 0 && sb.st_uid != getuid();
	free(dir);
	return yes;
}

/* The one-line refusal for a companion the caller cannot write. */
static int
dbfile_refuse(const char *file, const struct stat *sb, const struct stat *db,
    struct verr *e)
{
	struct passwd	*pw = getpwuid(sb->st_uid);
	struct group	*gr = getgrgid(db->st_gid);
	char		 who[64], chgrp[160] = "";

	snprintf(who, sizeof who, "%s", pw != NULL ? pw->pw_name :
	    "its owner");
	if (sb->st_gid != db->st_gid && gr != NULL)
		snprintf(chgrp, sizeof chgrp, "chgrp %s %s && ", gr->gr_name,
		    file);
	return verr_set(e, VERR_NOPERM, "cannot write %s (%s), so every "
	    "change would fail; fix: as %s or root run '%schmod %04o %s' "
	    "(the mode of the database file)", file,
	    dbfile_describe(sb->st_mode, sb->st_uid, sb->st_gid), who, chgrp,
	    (unsigned)(db->st_mode & 0666), file);
}

int
dbfile_check(const char *path, struct verr *e)
{
	struct stat	 db, sb;
	char		*file;
	mode_t		 want;
	size_t		 i;

	if (stat(path, &db) != 0)
		return 0;	/* the open says what is wrong */
	want = db.st_mode & 0666;
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 && errno ==
	    EACCES)
		return verr_set(e, VERR_NOPERM, "cannot write %s (%s); "
		    "ask its owner or an administrator to make it writable "
		    "for your group, or read it with --read-only", path,
		    dbfile_describe(db.st_mode, db.st_uid, db.st_gid));
	for (i = 0; i < nitems(dbfile_companions); i++) {
		xasprintf(&file, "%s%s", path, dbfile_companions[i]);
		if (lstat(file, &sb) != 0) {
			free(file);
			continue;
		}
		/* Left narrower than the database by an older vigil or a
		 * stray sqlite3 shell: widen it if it is ours. */
		if (sb.st_uid == geteuid() && S_ISREG(sb.st_mode) &&
		    (sb.st_mode & want) != want &&
		    chmod(file, (sb.st_mode & 0777) | want) == 0)
			sb.st_mode |= want;
		if (faccessat(AT_FDCWD, file, R_OK | W_OK, AT_EACCESS) != 0 &&
		    errno == EACCES) {
			dbfile_refuse(file, &sb, &db, e);
			free(file);
			return -1;
		}
		free(file);
	}
	return 0;
}

int
dbfile_unreachable(const char *path, struct verr *e)
{
	char		*dir = dbfile_dir(path), *up;
	struct stat	 sb;
	struct group	*gr;

	/* Walk up to the first directory we may not search. */
	for (;;) {
		if (stat(dir, &sb) == 0 && faccessat(AT_FDCWD, dir, X_OK,
		    AT_EACCESS) != 0) {
			gr = getgrgid(sb.st_gid);
			verr_set(e, VERR_NOPERM, "cannot reach %s: the "
			    "directory %s (%s) does not let you in; %s", path,
			    dir, dbfile_describe(sb.st_mode, sb.st_uid,
			    sb.st_gid), gr != NULL ? "ask an administrator to "
			    "add you to that group (then log in again)" :
			    "ask an administrator for access");
			free(dir);
			return -1;
		}
		if (strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0)
			break;
		up = dbfile_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return verr_set(e, VERR_NOPERM, "cannot reach %s: %s", path,
	    strerror(EACCES));
}
