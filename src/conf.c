/* conf.c: the config file: one setting a line, "name value…", '#' starts a
 * comment.  Every error names the file and the line. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "image.h"
#include "keys.h"
#include "theme.h"
#include "zhscript.h"

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof *c);
	c->ambiguous_width = 1;
	c->mouse = 1;
	c->zh_script = -1;
	c->images = IMAGE_AUTO;
}

void
conf_free(struct conf *c)
{
	for (size_t i = 0; i < c->nfeeds; i++) {
		free(c->feeds[i].url);
		free(c->feeds[i].label);
	}
	free(c->feeds);
	for (size_t i = 0; i < c->nbinds; i++) {
		free(c->binds[i].key);
		free(c->binds[i].action);
	}
	free(c->binds);
	free(c->colors);
	free(c->site);
	free(c->site_url);
	free(c->cache);
	conf_init(c);
}

typedef int (*setter)(struct conf *c, char **argv, int argc, struct err *e);

static int
set_feed(struct conf *c, char **argv, int argc, struct err *e)
{
	struct conf_feed *f;
	struct buf label;

	if (!str_starts(argv[0], "http://") && !str_starts(argv[0], "https://") &&
	    !str_starts(argv[0], "file://"))
		return err_set(e, _("a feed URL starts with http://, https:// or file://"));
	c->feeds = xrealloc(c->feeds, (c->nfeeds + 1) * sizeof *c->feeds);
	f = &c->feeds[c->nfeeds++];
	f->url = xstrdup(argv[0]);
	f->label = NULL;
	if (argc > 1) {
		buf_init(&label, 0);
		for (int i = 1; i < argc; i++)
			buf_addf(&label, "%s%s", i > 1 ? " " : "", argv[i]);
		f->label = buf_steal(&label, NULL);
	}
	return 0;
}

static int
set_ambiguous(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	if (strcmp(argv[0], "1") != 0 && strcmp(argv[0], "2") != 0)
		return err_set(e, _("ambiguous-width must be 1 or 2, not '%s'"), argv[0]);
	c->ambiguous_width = argv[0][0] - '0';
	return 0;
}

static int
set_zh_script(struct conf *c, char **argv, int argc, struct err *e)
{
	int script = zh_script_parse(argv[0]);

	(void)argc;
	if (script < 0)
		return err_set(e, _("zh-script must be simplified, traditional, hk or tw, "
		                    "not '%s'"), argv[0]);
	c->zh_script = script;
	return 0;
}

/* "site none" turns the site off: a reader of feeds only never asks it. */
static int
set_images(struct conf *c, char **argv, int argc, struct err *e)
{
	int mode = image_mode_parse(argv[0]);

	(void)argc;
	if (mode < 0)
		return err_set(e, _("images must be auto, symbols, sixel, kitty, iterm or off, "
		                    "not '%s'"), argv[0]);
	c->images = mode;
	return 0;
}

static int
set_max_page(struct conf *c, char **argv, int argc, struct err *e)
{
	char *end;
	long v = strtol(argv[0], &end, 10);

	(void)argc;
	if (argv[0][0] == '\0' || *end != '\0' || v < 1 || v > CONF_PAGE_MB_MAX)
		return err_set(e, _("max-page-size must be a number of MB from 1 to %d, not '%s'"),
		               CONF_PAGE_MB_MAX, argv[0]);
	c->max_page_mb = (int)v;
	return 0;
}

static int
set_site(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	(void)e;
	c->site_off = strcmp(argv[0], "none") == 0;
	xfree_set(&c->site, c->site_off ? NULL : xstrdup(argv[0]));
	return 0;
}

/* Seconds, whole or not ("2.5"), from lo to hi, as milliseconds. */
static int
seconds(const char *name, const char *v, double lo, double hi, long *ms,
        struct err *e)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || *end != '\0' || !(d >= lo && d <= hi))
		return err_set(e, _("%s takes a number of seconds from %g to %g, not '%s'"),
		               name, lo, hi, v);
	*ms = (long)(d * 1000.0 + 0.5);
	return 0;
}

static int
count(const char *name, const char *v, long lo, long hi, int *out,
      struct err *e)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || *end != '\0' || n < lo || n > hi)
		return err_set(e, _("%s takes a number from %ld to %ld, not '%s'"),
		               name, lo, hi, v);
	*out = (int)n;
	return 0;
}

static int
set_net_timeout(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return seconds("net-timeout", argv[0], 1, 3600, &c->net_timeout_ms, e);
}

static int
set_net_connect(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return seconds("net-connect-timeout", argv[0], 0.1, 3600, &c->net_connect_ms, e);
}

static int
set_net_stall(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return seconds("net-stall-timeout", argv[0], 1, 3600, &c->net_stall_ms, e);
}

static int
set_net_tries(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return count("net-tries", argv[0], 1, 10, &c->net_tries, e);
}

static int
set_sync_pages(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return count("sync-pages", argv[0], 1, 100, &c->sync_pages, e);
}

static int
set_sync_host(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return seconds("sync-host-budget", argv[0], 1, 86400, &c->sync_host_ms, e);
}

static int
set_site_url(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	(void)e;
	xfree_set(&c->site_url, xstrdup(argv[0]));
	return 0;
}

static int
set_cache(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	(void)e;
	xfree_set(&c->cache, xstrdup(argv[0]));
	return 0;
}

static int
set_bind(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	if (keys_parse(argv[0]) < 0)
		return err_set(e, _("unknown key '%s'"), argv[0]);
	if (action_by_name(argv[1]) == ACT_NONE)
		return err_set(e, _("unknown action '%s'"), argv[1]);
	c->binds = xrealloc(c->binds, (c->nbinds + 1) * sizeof *c->binds);
	c->binds[c->nbinds].key = xstrdup(argv[0]);
	c->binds[c->nbinds++].action = xstrdup(argv[1]);
	return 0;
}

/* color ELEMENT FG BG [ATTR...] */
static int
set_color(struct conf *c, char **argv, int argc, struct err *e)
{
	struct theme_color t;

	if (argc < 3)
		return err_set(e, _("color takes ELEMENT FG BG [ATTRIBUTES]"));
	if (theme_parse(argv[0], argv[1], argv[2], argv + 3, argc - 3, &t, e) < 0)
		return -1;
	c->colors = xrealloc(c->colors, (c->ncolors + 1) * sizeof *c->colors);
	c->colors[c->ncolors++] = t;
	return 0;
}

static const struct {
	const char *word;
	int on;
} yes_no[] = {
	{ "yes", 1 }, { "on", 1 }, { "true", 1 }, { "1", 1 },
	{ "no", 0 }, { "off", 0 }, { "false", 0 }, { "0", 0 },
};

static int
set_mouse(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	for (size_t i = 0; i < ARRAY_LEN(yes_no); i++)
		if (strcmp(yes_no[i].word, argv[0]) == 0) {
			c->mouse = yes_no[i].on;
			return 0;
		}
	return err_set(e, _("mouse must be yes or no, not '%s'"), argv[0]);
}

static const struct setting {
	const char *name;
	int nargs;              /* -N: at least N */
	setter set;
	const char *help;
} settings[] = {
	{ "ambiguous-width", 1, set_ambiguous, N_("1 or 2: columns of “ ” · … — ①") },
	{ "zh-script",       1, set_zh_script, N_("simplified, traditional, hk or tw: the script Chinese is shown in") },
	{ "images",          1, set_images,    N_("auto, symbols, sixel, kitty, iterm or off: how pictures are drawn") },
	{ "site",            1, set_site,      N_("site profile name or file; none: feeds only, the site is never fetched") },
	{ "site-url",        1, set_site_url,  N_("read the site's pages from this URL") },
	{ "cache",           1, set_cache,     N_("the cache file") },
	{ "max-page-size",   1, set_max_page,  N_("MB: the largest page or feed read (32)") },
	{ "bind",            2, set_bind,      N_("bind KEY ACTION") },
	{ "color",          -3, set_color,     N_("color ELEMENT FG BG [ATTR]: how a part of the screen looks") },
	{ "mouse",           1, set_mouse,     N_("yes or no: take mouse clicks and the wheel") },
	{ "feed",           -1, set_feed,      N_("feed URL [LABEL]: an RSS or Atom feed as a tab") },
	{ "net-timeout",     1, set_net_timeout, N_("seconds a page may take, every try included (15); the limits below follow from it") },
	{ "net-connect-timeout", 1, set_net_connect, N_("seconds to connect to a server (net-timeout / 3)") },
	{ "net-stall-timeout", 1, set_net_stall, N_("seconds without a byte, or under 100 bytes/s, that end a try (net-timeout / 3)") },
	{ "net-tries",       1, set_net_tries, N_("tries of a page, while net-timeout lasts (3)") },
	{ "sync-pages",      1, set_sync_pages, N_("list pages of each channel --sync fetches (3)") },
	{ "sync-host-budget", 1, set_sync_host, N_("seconds a host may take of a --sync (600)") },
};

static int
split(char *line, char **argv, int max)
{
	int argc = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w != NULL && argc < max;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	return argc;
}

/* One line; where ("FILE:LINE" or "--set") starts every error. */
static int
conf_line(struct conf *c, char *line, const char *where, struct err *e)
{
	char *argv[12];
	int argc;
	struct err sub;

	line[strcspn(line, "#\r\n")] = '\0';
	argc = split(line, argv, (int)ARRAY_LEN(argv));
	if (argc == 0)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		if (strcmp(settings[i].name, argv[0]) != 0)
			continue;
		if (settings[i].nargs >= 0 && argc - 1 != settings[i].nargs)
			return err_set(e, _("%s: %s takes %d value(s)"), where,
			               argv[0], settings[i].nargs);
		if (settings[i].nargs < 0 && argc - 1 < -settings[i].nargs)
			return err_set(e, _("%s: %s takes at least %d value(s)"), where,
			               argv[0], -settings[i].nargs);
		if (settings[i].set(c, argv + 1, argc - 1, &sub) < 0)
			return err_set(e, "%s: %s", where, sub.msg);
		return 0;
	}
	return err_set(e, _("%s: unknown setting '%s'"), where, argv[0]);
}

int
conf_set(struct conf *c, const char *setting, struct err *e)
{
	char *line = xstrdup(setting), *eq = strchr(line, '=');
	int rc;

	if (eq != NULL && eq < line + strcspn(line, " \t"))
		*eq = ' ';
	rc = conf_line(c, line, "--set", e);
	free(line);
	return rc;
}

int
conf_load(struct conf *c, const char *path, struct err *e)
{
	char *text, *p, *next;
	size_t len;
	int ln = 0, rc = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return errno == ENOENT ? 0 : err_set(e, _("cannot read %s: %s"), path,
		                                     strerror(errno));
	fclose(f);
	if (read_file(path, 1 << 20, &text, &len, e) < 0)
		return -1;
	for (p = text; p != NULL && rc == 0; p = next) {
		char *where;

		next = strchr(p, '\n');
		if (next != NULL)
			*next++ = '\0';
		ln++;
		where = xasprintf("%s:%d", path, ln);
		rc = conf_line(c, p, where, e);
		free(where);
	}
	free(text);
	return rc;
}

static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v != NULL && v[0] == '/')
		return path_join(v, "gxnews");
	return xasprintf("%s/%s/gxnews", home ? home : ".", fallback);
}

char *
conf_default_path(void)
{
	char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *p = path_join(dir, "config");

	free(dir);
	return p;
}

char *
conf_cache_dir(void)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache");
}
