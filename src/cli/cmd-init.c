/*
 * cmd-init.c: vigil init [--group GROUP] — create the database, making
 * the caller its administrator. With --group (and always in the setgid
 * installation) it first checks the directory a team will share: owned
 * by the group, setgid so new files stay in it, group-writable, on a
 * local disk; it repairs what the caller may repair, refuses with the
 * command that fixes the rest, and prints the config line that makes the
 * file every member's default.
 */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/store-chain.h"
#include "vigil/store-dbfile.h"
#include "vigil/priv.h"
#include "vigil/util.h"

/* Is the caller in group gid (or root, or vigil's setgid group)? */
static bool
init_member(gid_t gid)
{
	gid_t	list[NGROUPS_MAX];
	int	n, i;

	if (getuid() == 0 || getgid() == gid || priv_group() == gid)
		return true;
	n = getgroups(NGROUPS_MAX, list);
	for (i = 0; i < n; i++)
		if (list[i] == gid)
			return true;
	return false;
}

/* Create the team's directory: group gid, mode 2770. */
static int
init_mkdir(const char *dir, gid_t gid, const char *gname, struct verr *e)
{
	char	*copy = xstrdup(dir), *p;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
			verr_set(e, VERR_CANTCREAT, "cannot create directory "
			    "%s: %s", copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	if (mkdir(dir, 0770) != 0 && errno != EEXIST)
		return verr_set(e, VERR_CANTCREAT, "cannot create directory "
		    "%s: %s (create it as root: 'sudo install -d -g %s -m 2770 "
		    "%s')", dir, strerror(errno), gname, dir);
	if (chown(dir, (uid_t)-1, gid) != 0 || chmod(dir, 02770) != 0)
		return verr_set(e, VERR_NOPERM, "cannot give %s to group %s: "
		    "%s (as root: 'sudo chgrp %s %s && sudo chmod 2770 %s')",
		    dir, gname, strerror(errno), gname, dir, dir);
	printf("created directory %s: group %s, mode 2770 (setgid: files "
	    "made in it stay in group %s)\n", dir, gname, gname);
	return 0;
}

/* Check (and where the caller owns it, repair) an existing directory. */
static int
init_check_dir(const char *dir, const struct stat *sb, gid_t gid,
    const char *gname, struct verr *e)
{
	bool	mine = sb->st_uid == getuid() || getuid() == 0;
	mode_t	want = (sb->st_mode & 07777) | 02070, now = sb->st_mode & 07777;

	if (!S_ISDIR(sb->st_mode))
		return verr_set(e, VERR_USAGE, "%s is not a directory", dir);
	if (sb->st_gid != gid) {
		if (!mine || chown(dir, (uid_t)-1, gid) != 0)
			return verr_set(e, VERR_NOPERM, "directory %s (%s) is "
			    "not group %s; fix: 'sudo chgrp %s %s && sudo chmod "
			    "2770 %s'", dir, dbfile_describe(sb->st_mode,
			    sb->st_uid, sb->st_gid), gname, gname, dir, dir);
		printf("set the group of %s to %s\n", dir, gname);
	}
	if ((sb->st_mode & 02070) != 02070) {
		if (!mine || chmod(dir, want) != 0)
			return verr_set(e, VERR_NOPERM, "directory %s (%s) "
			    "needs the setgid bit and group rwx so every file "
			    "in it stays shared; fix: 'sudo chmod 2770 %s'",
			    dir, dbfile_describe(sb->st_mode, sb->st_uid,
			    sb->st_gid), dir);
		printf("set the mode of %s to %04o (setgid, group rwx)\n",
		    dir, (unsigned)want);
		now = want;
	}
	printf("directory %s: group %s, setgid, group-writable\n", dir, gname);
	if ((now & 0007) != 0)
		printf("note: people outside group %s can reach %s (mode "
		    "%04o); 'chmod o= %s' keeps them out\n", gname, dir,
		    (unsigned)now, dir);
	return 0;
}

/* Absolute path of the database, for the config line. */
static char *
init_abspath(const char *path)
{
	char	*copy = xstrdup(path), *base = xstrdup(basename(copy)), *dir,
		*real, *out;

	free(copy);
	copy = xstrdup(path);
	dir = dirname(copy);
	if ((real = realpath(dir, NULL)) == NULL) {
		free(base);
		return copy;
	}
	xasprintf(&out, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	free(real);
	free(base);
	free(copy);
	return out;
}

/* Set up the shared directory for group gname (before the open). */
static int
init_team_dir(struct cli *cli, const char *gname, gid_t *gidp,
    struct verr *e)
{
	struct group	*gr;
	struct stat	 sb;
	char		*copy, *dir;
	int		 rc;

	if ((gr = getgrnam(gname)) == NULL)
		return verr_set(e, VERR_USAGE, "init: no group '%s' on this "
		    "host (create it: 'sudo groupadd %s')", gname, gname);
	*gidp = gr->gr_gid;
	if (!init_member(gr->gr_gid))
		return verr_set(e, VERR_NOPERM, "init: you (%s) are not in "
		    "group %s; fix: 'sudo adduser %s %s', then log in again",
		    cli->ctx.me.login, gname, cli->ctx.me.login, gname);
	copy = xstrdup(cli->db_path);
	dir = dirname(copy);
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT) {
			verr_set(e, VERR_NOPERM, "cannot reach %s: %s", dir,
			    strerror(errno));
			free(copy);
			return -1;
		}
		rc = init_mkdir(dir, gr->gr_gid, gname, e);
	} else
		rc = init_check_dir(dir, &sb, gr->gr_gid, gname, e);
	free(copy);
	return rc;
}

/* The setgid installation's keyed chain: say where its key is. */
static void
init_chain_key(struct cli *cli, const char *gname)
{
	struct stat	 sb;
	int64_t		 from;
	bool		 marked;
	char		*key;

	chainkey_state(cli->ctx.db, &from, &marked);
	if (from == 0) {
		printf("note: the journal's chain is not keyed (the directory "
		    "is not one only group %s reaches); verify relies on "
		    "witnesses and anchors\n", gname);
		return;
	}
	key = chainkey_path(cli->db_path);
	if (stat(key, &sb) == 0)
		printf("chain key %s: %s; the journal is keyed (HMAC-SHA-256) "
		    "from entry %lld; keep a copy with the backups\n", key,
		    dbfile_describe(sb.st_mode, sb.st_uid, sb.st_gid),
		    (long long)from);
	free(key);
}

/* After the open: the file itself is the group's and group-writable. */
static int
init_team_file(struct cli *cli, gid_t gid, const char *gname,
    struct verr *e)
{
	struct stat	 sb;
	struct group	*gr = getgrgid(gid);
	char		*abs;
	size_t		 i;

	if (stat(cli->db_path, &sb) != 0)
		return verr_set(e, VERR_IOERR, "cannot stat %s: %s",
		    cli->db_path, strerror(errno));
	if ((sb.st_gid != gid || (sb.st_mode & 0060) != 0060) &&
	    sb.st_uid == getuid()) {
		if (chown(cli->db_path, (uid_t)-1, gid) == 0 &&
		    chmod(cli->db_path, (sb.st_mode & 0777) | 0660) == 0)
			stat(cli->db_path, &sb);
	}
	if (sb.st_gid != gid || (sb.st_mode & 0060) != 0060)
		return verr_set(e, VERR_NOPERM, "%s (%s) is not writable by "
		    "group %s; fix: 'sudo chgrp %s %s && sudo chmod 0660 %s'",
		    cli->db_path, dbfile_describe(sb.st_mode, sb.st_uid,
		    sb.st_gid), gname, gname, cli->db_path, cli->db_path);
	printf("database file %s: %s; local filesystem (SQLite's WAL "
	    "works here)\n", cli->db_path,
	    dbfile_describe(sb.st_mode, sb.st_uid, sb.st_gid));
	if (priv_setgid_mode()) {
		printf("setgid installation: members reach the file only "
		    "through vigil\n");
		init_chain_key(cli, gname);
	}
	else if (gr != NULL && gr->gr_mem[0] != NULL) {
		printf("members of group %s:", gname);
		for (i = 0; gr->gr_mem[i] != NULL; i++)
			printf(" %s", gr->gr_mem[i]);
		printf(" (each needs 'umask 007' or looser; vigil keeps the "
		    "file group-writable whatever the umask)\n");
	}
	abs = init_abspath(cli->db_path);
	printf("make it every member's default: put this line in "
	    "/etc/vigil/config\ndb = %s\n", abs);
	free(abs);
	return 0;
}

static int
cmd_init(struct cli *cli, int argc, char **argv, struct verr *e)
{
	static const struct option lo[] = {
		{ "group", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*gname = NULL;
	struct group	*gr;
	gid_t		 gid = 0;
	int64_t		 n = 0;
	int		 c;

	while ((c = cli_getopt(cli, argc, argv, "", lo, e)) != -1) {
		if (c == -2)
			return -1;
		if (c == 'g')
			gname = optarg;
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	/* The setgid installation's directory belongs to vigil's group. */
	if (gname == NULL && priv_setgid_mode() &&
	    (gr = getgrgid(priv_group())) != NULL)
		gname = gr->gr_name;
	if (gname != NULL) {
		char	*g = xstrdup(gname);

		priv_raise();
		c = init_team_dir(cli, g, &gid, e);
		priv_lower();
		if (c == 0 && cli_open(cli, true, e) == 0) {
			priv_raise();
			c = init_team_file(cli, gid, g, e);
		} else
			c = -1;
		priv_drop();
		free(g);
		if (c != 0)
			return -1;
	} else if (cli_open(cli, true, e) != 0)
		return -1;
	priv_drop();
	if (!cli->created) {
		struct incident_query	q = { .set = INCIDENTS_ALL };

		if (incidents_count(cli->ctx.db, &q, &n, e) != 0)
			return -1;
		printf("%s already exists (%lld incidents); nothing changed\n",
		    cli->db_path, (long long)n);
		return 0;
	}
	printf("created %s; you (%s) are its administrator, qualified for "
	    "every role\nnext: add people with 'vigil roster add LOGIN "
	    "--roles ROLE,...', open an incident with 'vigil new TITLE'\n",
	    cli->db_path, cli->ctx.me.login);
	return 0;
}

const struct cmd_entry cmd_init_entry = {
	"init", "[--group GROUP]",
	"create the database (you become its administrator)",
	"Creates the database file (and its directory) if it does not exist.\n"
	"The person who creates it is its administrator, qualified for all\n"
	"seven roles. Running it again changes nothing.\n"
	"\n"
	"  --group GROUP  set up a database a team shares: the directory must\n"
	"                 be (or is made) group GROUP, setgid and group-\n"
	"                 writable (2770), on a local disk; the file is made\n"
	"                 group-writable whatever your umask. Prints what it\n"
	"                 did and the 'db =' line for /etc/vigil/config, the\n"
	"                 team's default. You must be in GROUP.\n"
	"\n"
	"In the setgid installation the group is vigil's own and is implied.\n",
	CMD_OPENS, cmd_init
};
