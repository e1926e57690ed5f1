/*
 * editor.c: handing a text to the user's editor and taking it back. The
 * text goes into a private temporary file (mkstemp, mode 0600) in the
 * user's own temporary directory ($TMPDIR, else $XDG_RUNTIME_DIR, else
 * /tmp), curses is suspended (def_prog_mode, endwin), $VISUAL, else
 * $EDITOR, else vi (then nano) runs with the file as its last argument
 * (fork and exec: no shell; the variable is only split into words at
 * blanks), and curses is restored; the caller repaints everything. An
 * installed vigil may be setgid (the team's group owns the database): the
 * child gives that group up for good through priv_drop() (src/util/priv.c)
 * before exec, and refuses to run the editor if it is still held. What
 * comes back is bounded (the caller's limit), must hold no NUL byte, and
 * is otherwise stored as typed: it reaches a terminal only through the
 * sanitizer, like text from the command line. The file is always removed.
 * It neither reads nor writes the database.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pending.h"
#include "tui-private.h"
#include "vigil/priv.h"
#include "vigil/util.h"

/* The editor to run: $VISUAL, else $EDITOR; NULL: the defaults. */
static const char *
editor_name(void)
{
	const char	*s;

	if ((s = getenv("VISUAL")) != NULL && *s != '\0')
		return s;
	if ((s = getenv("EDITOR")) != NULL && *s != '\0')
		return s;
	return NULL;
}

/* The user's own temporary directory: an absolute $TMPDIR, else
 * $XDG_RUNTIME_DIR (private to the user), else /tmp. */
static const char *
editor_tmpdir(void)
{
	const char	*s;

	if ((s = getenv("TMPDIR")) != NULL && *s == '/')
		return s;
	if ((s = getenv("XDG_RUNTIME_DIR")) != NULL && *s == '/')
		return s;
	return "/tmp";
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

/* Read the edited file (at most max + 1 bytes); owned result. */
static char *
editor_read(const char *path, size_t max, size_t *len)
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
		if (b.len > max)
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

/* The length of s without the final newlines an editor adds. */
static size_t
editor_body(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n;
}

/*
 * In the child: give up the setgid group for good (priv_drop(), which
 * exits when it cannot; the console has normally dropped it already),
 * check that nothing is still held, then exec. The editor variable is
 * split into words at blanks ("emacs -nw", "code --wait"), with no other
 * interpretation: no quotes, no expansion. No variable: vi, then nano.
 */
static void
editor_child(const char *prog, const char *path)
{
	static const char *const dflt[] = { "vi", "nano" };
	char	*argv[18], *words, *save = NULL, *w, *file;
	size_t	 i;
	int	 n = 0;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	priv_drop();
	if (getegid() != getgid() || geteuid() != getuid())
		_exit(126);
	if ((file = strdup(path)) == NULL)
		_exit(127);
	if (prog == NULL) {
		for (i = 0; i < nitems(dflt); i++) {
			argv[0] = (char *)dflt[i];
			argv[1] = file;
			argv[2] = NULL;
			execvp(argv[0], argv);
		}
		_exit(127);
	}
	if ((words = strdup(prog)) == NULL)
		_exit(127);
	for (w = strtok_r(words, " \t", &save); w != NULL && n < 16;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0)
		_exit(127);
	argv[n++] = file;	/* the child's own copy */
	argv[n] = NULL;
	execvp(argv[0], argv);
	_exit(127);
}

int
editor_edit(struct tui *t, const char *what, const char *text, size_t max,
    char **out, struct verr *e)
{
	const char		*dir = editor_tmpdir(), *prog = editor_name();
	const char		*shown = prog != NULL ? prog : "vi", *p;
	char			 path[512], *edited;
	struct sigaction	 ign, old_int, old_quit;
	size_t			 len = strlen(text), elen = 0;
	pid_t			 pid, w;
	int			 fd, n, status = 0, rc = -1;

	*out = NULL;
	/* the file's name says what is edited ("vigil-root-cause-…") */
	n = snprintf(path, sizeof path, "%s/vigil-", dir);
	for (p = what; *p != '\0' && n < (int)sizeof path - 8; p++)
		path[n++] = isalnum((unsigned char)*p) ? *p : '-';
	snprintf(path + n, sizeof path - (size_t)n, "-XXXXXX");
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
	else if (WIFEXITED(status) && (WEXITSTATUS(status) == 126 ||
	    (priv_setgid_mode() && WEXITSTATUS(status) == 71)))
		verr_set(e, VERR_NOPERM, "refused to run the editor: cannot "
		    "drop vigil's group or user privilege");
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		verr_set(e, VERR_USAGE, prog != NULL ? "cannot run the editor "
		    "'%.200s' (set VISUAL or EDITOR); nothing saved" :
		    "no editor runs (%.200s and nano tried): set VISUAL or "
		    "EDITOR; nothing saved", shown);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		verr_set(e, VERR_USAGE, "the editor '%.200s' exited with "
		    "status %d; nothing saved", shown, WIFEXITED(status) ?
		    WEXITSTATUS(status) : 128 + WTERMSIG(status));
	else if ((edited = editor_read(path, max + 2, &elen)) == NULL)
		verr_set(e, VERR_IOERR, "cannot read back %s: %s", path,
		    strerror(errno));
	else if (editor_body(edited, elen) > max) {
		free(edited);
		verr_set(e, VERR_USAGE, "the edited text is longer than %zu "
		    "bytes; nothing saved", max);
	} else if (memchr(edited, '\0', elen) != NULL) {
		free(edited);
		verr_set(e, VERR_DATA, "the edited text holds a NUL byte; "
		    "nothing saved");
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

/* Without the final newlines an editor adds (in place). */
static size_t
editor_chomp(char *s)
{
	size_t	n = editor_body(s, strlen(s));

	s[n] = '\0';
	return n;
}

int
editor_text(struct tui *t, const char *what, const char *text, size_t max,
    char **out, struct verr *e)
{
	char	*now, *edited = NULL;
	int	 rc;

	*out = NULL;
	/* one final newline, as editors expect a text file to end */
	now = xstrdup(text != NULL ? text : "");
	if (editor_chomp(now) > 0) {
		edited = now;
		xasprintf(&now, "%s\n", edited);
		free(edited);
		edited = NULL;
	}
	rc = editor_edit(t, what, now, max, &edited, e);
	free(now);
	if (rc != 0)
		return -1;
	if (edited == NULL)
		return 0;
	editor_chomp(edited);
	now = xstrdup(text != NULL ? text : "");
	editor_chomp(now);
	if (strcmp(now, edited) == 0)
		free(edited);
	else
		*out = edited;
	free(now);
	return 0;
}

int
editor_save(struct tui *t, const char *what, const char *text, size_t max,
    const char *label, prompt_done_fn save)
{
	struct verr	 e;
	char		*edited = NULL;
	int		 bits = RD_FULL | RD_PAINT;

	if (editor_text(t, what, text, max, &edited, &e) != 0) {
		action_message(t, true, "%s: %s", t->f.key, e.msg);
		action_flow_clear(&t->f);
		return bits;
	}
	if (edited == NULL) {
		action_message(t, false, "%s: the %s is %s; nothing saved.",
		    t->f.key, what, text == NULL || *text == '\0' ? "empty" :
		    "unchanged");
		action_flow_clear(&t->f);
		return bits;
	}
	/* a write that meets another session's lock is kept and retried */
	pending_before(t, save, edited, 0, label);
	bits |= save(t, edited, 0);
	bits |= pending_after(t);
	free(edited);
	return bits;
}
