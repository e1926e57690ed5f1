/*
 * editor.c: handing a text to the user's editor and taking it back. The
 * text goes into a private temporary file (mkstemp, mode 0600), curses is
 * suspended (def_prog_mode, endwin), $VISUAL, else $EDITOR, else vi runs
 * with the file as its last argument (fork and exec: no shell; the
 * variable is only split into words at blanks), and curses is restored;
 * the caller repaints everything. An installed vigil may be setgid (the
 * team's group owns the database): the child drops that privilege before
 * exec, and refuses to run the editor if it cannot. The file is always
 * removed. It neither reads nor writes the database.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui-private.h"
#include "vigil/util.h"

/* The editor to run: $VISUAL, else $EDITOR, else vi. */
static const char *
editor_name(void)
{
	const char	*s;

	if ((s = getenv("VISUAL")) != NULL && *s != '\0')
		return s;
	if ((s = getenv("EDITOR")) != NULL && *s != '\0')
		return s;
	return "vi";
}

/* Write all of len bytes, or fail. */
static int
editor_write(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read the edited file (at most BULLETIN_MAX + 1 bytes); owned result. */
static char *
editor_read(const char *path, size_t *len)
{
	struct buf	 b;
	char		 chunk[8192];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
		if (b.len > BULLETIN_MAX)
			break;
	}
	close(fd);
	if (n < 0) {
		buf_clear(&b);
		return NULL;
	}
	*len = b.len;
	buf_add(&b, "", 0);
	return buf_steal(&b);
}

/*
 * In the child: give up setgid/setuid privilege for good, then exec. The
 * editor variable is split into words at blanks ("emacs -nw", "code
 * --wait"), with no other interpretation: no quotes, no expansion.
 */
static void
editor_child(const char *prog, const char *path)
{
	char	*argv[18], *words = strdup(prog), *save = NULL, *w;
	int	 n = 0;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (getegid() != getgid() && setgid(getgid()) != 0)
		_exit(126);
	if (geteuid() != getuid() && setuid(getuid()) != 0)
		_exit(126);
	if (getegid() != getgid() || geteuid() != getuid())
		_exit(126);
	if (words == NULL)
		_exit(127);
	for (w = strtok_r(words, " \t", &save); w != NULL && n < 16;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0)
		_exit(127);
	argv[n++] = xstrdup(path);	/* the child's own copy */
	argv[n] = NULL;
	execvp(argv[0], argv);
	_exit(127);
}

int
editor_edit(struct tui *t, const char *text, char **out, struct verr *e)
{
	const char		*dir = getenv("TMPDIR"), *prog = editor_name();
	char			 path[512], *edited;
	struct sigaction	 ign, old_int, old_quit;
	size_t			 len = strlen(text), elen = 0;
	pid_t			 pid, w;
	int			 fd, status = 0, rc = -1;

	*out = NULL;
	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/vigil-bulletin-XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0)
		return verr_set(e, VERR_IOERR, "cannot create a temporary file "
		    "in %s: %s", dir, strerror(errno));
	if (fchmod(fd, 0600) != 0 || editor_write(fd, text, len) != 0) {
		verr_set(e, VERR_IOERR, "cannot write %s: %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);

	/* the terminal is the editor's until it exits */
	set_term(t->screen);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0)
		editor_child(prog, path);
	if (pid > 0) {
		do
			w = waitpid(pid, &status, 0);
		while (w < 0 && errno == EINTR);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();

	if (pid < 0)
		verr_set(e, VERR_IOERR, "cannot start the editor: %s",
		    strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
		verr_set(e, VERR_NOPERM, "refused to run the editor: cannot "
		    "drop vigil's group or user privilege");
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		verr_set(e, VERR_USAGE, "cannot run the editor '%.200s' (set "
		    "VISUAL or EDITOR); nothing saved", prog);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		verr_set(e, VERR_USAGE, "the editor '%.200s' failed; nothing "
		    "saved", prog);
	else if ((edited = editor_read(path, &elen)) == NULL)
		verr_set(e, VERR_IOERR, "cannot read back %s: %s", path,
		    strerror(errno));
	else if (elen > BULLETIN_MAX) {
		free(edited);
		verr_set(e, VERR_USAGE, "the edited text is longer than %d "
		    "bytes; nothing saved", BULLETIN_MAX);
	} else {
		if (elen != len || memcmp(edited, text, len) != 0)
			*out = edited;
		else
			free(edited);
		rc = 0;
	}
	unlink(path);
	return rc;
}
