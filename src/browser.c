/* browser.c: opening links without a shell (see browser.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "browser.h"

extern char **environ;

struct browser {
	pid_t *children;        /* browsers left running in the background */
	size_t n;
	void (*hand)(int to_browser, void *arg);
	void *arg;
};

struct browser *
browser_new(void (*hand)(int to_browser, void *arg), void *arg)
{
	struct browser *b = xcalloc(1, sizeof *b);

	b->hand = hand;
	b->arg = arg;
	return b;
}

void
browser_free(struct browser *b)
{
	if (b == NULL)
		return;
	free(b->children);
	free(b);
}

/* Whether a browser started now would get a window of its own. */
static int
graphical(void)
{
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");

	return (d != NULL && *d != '\0') || (w != NULL && *w != '\0');
}

/* argv for $BROWSER: its first choice (BROWSER may list several, split by
 * ':'), split at spaces; "%s" in a word becomes the URL, else the URL is
 * the last argument.  Each word is one argument: no shell ever runs. */
static char **
browser_argv(const char *url)
{
	const char *env = getenv("BROWSER");
	char *cmd, *save = NULL, **argv;
	size_t n = 0, cap = 8;
	int placed = 0;

	cmd = xstrdup(env != NULL && *env != '\0' ? env :
	              graphical() ? "xdg-open" : "www-browser");
	cmd[strcspn(cmd, ":")] = '\0';
	argv = xcalloc(cap, sizeof *argv);
	for (char *w = strtok_r(cmd, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		char *pct = strstr(w, "%s");

		if (n + 3 > cap) {
			cap *= 2;
			argv = xrealloc(argv, cap * sizeof *argv);
		}
		if (pct != NULL) {
			argv[n++] = xasprintf("%.*s%s%s", (int)(pct - w), w, url, pct + 2);
			placed = 1;
		} else {
			argv[n++] = xstrdup(w);
		}
	}
	if (n > 0 && !placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	free(cmd);
	if (n == 0) {
		free(argv);
		return NULL;
	}
	return argv;
}

static void
argv_free(char **argv)
{
	for (size_t i = 0; argv != NULL && argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* A terminal browser has the terminal until it ends; a nonzero exit is
 * worth saying. */
static int
wait_terminal(pid_t pid, const char *name, struct err *e)
{
	int st = 0;
	pid_t r;

	do
		r = waitpid(pid, &st, 0);
	while (r < 0 && errno == EINTR);
	if (r == pid && WIFEXITED(st) && WEXITSTATUS(st) != 0)
		return err_set(e, _("%s exited with status %d"), name, WEXITSTATUS(st));
	return 0;
}

/* A window of its own: the browser may keep running; wait a moment for a
 * launcher that hands over and exits, then let it be (reaped later). */
static void
wait_graphical(struct browser *b, pid_t pid)
{
	struct timespec step = { 0, 20 * 1000 * 1000 };
	int st;

	for (int i = 0; i < 50; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return;
		nanosleep(&step, NULL);
	}
	b->children = xrealloc(b->children, (b->n + 1) * sizeof *b->children);
	b->children[b->n++] = pid;
}

void
browser_reap(struct browser *b)
{
	for (size_t i = 0; i < b->n; ) {
		int st;

		if (waitpid(b->children[i], &st, WNOHANG) != 0)
			b->children[i] = b->children[--b->n];
		else
			i++;
	}
}

static int
spawn(pid_t *pid, char **argv, int gui)
{
	posix_spawn_file_actions_t fa;
	int rc;

	posix_spawn_file_actions_init(&fa);
	if (gui) {
		/* its messages must not scribble over the screen */
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	}
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

int
browser_open(struct browser *b, const char *url, char *msg, size_t msgsz,
             struct err *e)
{
	char **argv;
	pid_t pid;
	int gui = graphical(), rc;

	msg[0] = '\0';
	if (url == NULL || url[0] == '-' ||
	    !(str_starts(url, "http://") || str_starts(url, "https://")))
		return err_set(e, _("Not opening %s: only http and https links open "
		                    "in the browser"), url ? url : "");
	argv = browser_argv(url);
	if (argv == NULL)
		return err_set(e, "%s", _("Set $BROWSER to open links"));
	if (!gui)
		b->hand(1, b->arg);
	rc = spawn(&pid, argv, gui);
	if (rc == 0 && !gui)
		rc = wait_terminal(pid, argv[0], e) < 0 ? -1 : 0;
	if (!gui)
		b->hand(0, b->arg);
	if (rc > 0) {
		err_set(e, _("Cannot start the browser %s: %s (set $BROWSER)"), argv[0],
		        strerror(rc));
		argv_free(argv);
		return -1;
	}
	if (rc == 0)
		snprintf(msg, msgsz, _("Opened %s"), url);
	if (rc == 0 && gui)
		wait_graphical(b, pid);
	argv_free(argv);
	return rc;
}

/* ---- handing text to a command ----------------------------------------- */

char **
browser_words(const char *line)
{
	char *copy = xstrdup(line), *save = NULL, **argv = NULL;
	size_t n = 0;

	for (char *w = strtok_r(copy, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		argv = xrealloc(argv, (n + 2) * sizeof *argv);
		argv[n++] = xstrdup(w);
		argv[n] = NULL;
	}
	free(copy);
	return argv;
}

void
browser_words_free(char **argv)
{
	argv_free(argv);
}

/* The text in a file no one else can read, open for reading from its
 * start and already unlinked: a child reads it as its standard input at
 * its own pace, and never blocks the reader. */
static int
text_file(const char *text, size_t len, struct err *e)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/gxnews-XXXXXX", dir != NULL && *dir == '/' ? dir : "/tmp");
	int fd = mkstemp(path);
	int rc = fd;

	if (fd < 0) {
		err_set(e, _("cannot write %s: %s"), path, strerror(errno));
		free(path);
		return -1;
	}
	unlink(path);
	if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
		err_set(e, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		rc = -1;
	}
	free(path);
	return rc;
}

int
browser_pipe(struct browser *b, char *const *argv, const char *text, int terminal,
             struct err *e)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int fd, rc;

	if (argv == NULL || argv[0] == NULL)
		return err_set(e, "%s", _("no command given"));
	fd = text_file(text, strlen(text), e);
	if (fd < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 0);
	if (!terminal) {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	} else {
		b->hand(1, b->arg);
	}
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	if (rc != 0)
		err_set(e, _("Cannot start %s: %s"), argv[0], strerror(rc));
	else if (terminal)
		rc = wait_terminal(pid, argv[0], e);
	else
		wait_graphical(b, pid);        /* a clipboard tool may stay behind */
	if (terminal) {
		char line[16];

		fputs(_("\n[Enter returns to gxnews]"), stdout);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL)
			clearerr(stdin);
		b->hand(0, b->arg);
	}
	return rc != 0 ? -1 : 0;
}
