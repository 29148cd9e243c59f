/* conf.c: the config file: one setting a line, "name value…", '#' starts a
 * comment.  Every error names the file and the line. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "conf.h"
#include "image.h"
#include "keys.h"
#include "query.h"
#include "theme.h"
#include "utf8.h"
#include "zhscript.h"

#define READING_SPEED 400       /* characters a minute: a Chinese reader's pace */

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof *c);
	c->ambiguous_width = 1;
	c->mouse = 1;
	c->zh_script = -1;
	c->images = IMAGE_AUTO;
	c->layout = LAYOUT_AUTO;
	c->reading_speed = READING_SPEED;
}

static void
free_argv(char **argv, int argc)
{
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

static char **
copy_argv(char **argv, int argc)
{
	char **v = xcalloc((size_t)argc + 1, sizeof *v);

	for (int i = 0; i < argc; i++)
		v[i] = xstrdup(argv[i]);
	return v;
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
	for (size_t i = 0; i < c->nrules; i++) {
		free(c->rules[i].query);
		free(c->rules[i].where);
	}
	free(c->rules);
	for (size_t i = 0; i < c->ntabs; i++) {
		free(c->tabs[i].label);
		free(c->tabs[i].query);
		free(c->tabs[i].where);
	}
	free(c->tabs);
	for (size_t i = 0; i < c->nscoped; i++) {
		free(c->scoped[i].scope);
		free_argv(c->scoped[i].argv, c->scoped[i].argc);
		free(c->scoped[i].where);
	}
	free(c->scoped);
	free_argv(c->copy_command, c->copy_argc);
	free(c->save_dir);
	free(c->path);
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
yes_or_no(const char *name, const char *v, int *out, struct err *e)
{
	for (size_t i = 0; i < ARRAY_LEN(yes_no); i++)
		if (strcmp(yes_no[i].word, v) == 0) {
			*out = yes_no[i].on;
			return 0;
		}
	return err_set(e, _("%s must be yes or no, not '%s'"), name, v);
}

static int
set_mouse(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return yes_or_no("mouse", argv[0], &c->mouse, e);
}

static int
set_reload(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	return yes_or_no("reload-on-start", argv[0], &c->reload_on_start, e);
}

static const char *const layouts[] = {
	[LAYOUT_AUTO] = "auto", [LAYOUT_SINGLE] = "single", [LAYOUT_SPLIT] = "split",
};

static int
set_layout(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	for (size_t i = 0; i < ARRAY_LEN(layouts); i++)
		if (strcmp(layouts[i], argv[0]) == 0) {
			c->layout = (int)i;
			return 0;
		}
	return err_set(e, _("layout must be auto, single or split, not '%s'"), argv[0]);
}

static int
set_reading_speed(struct conf *c, char **argv, int argc, struct err *e)
{
	char *end;
	long v = strtol(argv[0], &end, 10);

	(void)argc;
	if (end == argv[0] || *end != '\0' || v < 50 || v > 10000)
		return err_set(e, _("reading-speed takes characters a minute, from 50 to "
		                    "10000, not '%s'"), argv[0]);
	c->reading_speed = (int)v;
	return 0;
}

static int
set_save_dir(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)argc;
	(void)e;
	xfree_set(&c->save_dir, xstrdup(argv[0]));
	return 0;
}

static int
set_copy_command(struct conf *c, char **argv, int argc, struct err *e)
{
	(void)e;
	free_argv(c->copy_command, c->copy_argc);
	c->copy_command = copy_argv(argv, argc);
	c->copy_argc = argc;
	return 0;
}

#define REFRESH_MIN 60
#define REFRESH_MAX (30 * 86400)

static int
set_refresh(struct conf *c, char **argv, int argc, struct err *e)
{
	int64_t t;

	(void)argc;
	if (strcmp(argv[0], "off") == 0) {
		c->refresh = 0;
		return 0;
	}
	if (query_age(argv[0], &t) < 0 || t < REFRESH_MIN || t > REFRESH_MAX)
		return err_set(e, _("refresh takes off or a time from 1m to 30d such as "
		                    "30m, 2h or 1d, not '%s'"), argv[0]);
	c->refresh = (int)t;
	return 0;
}

/* ---- lines with a query ------------------------------------------------- */

typedef int (*raw_setter)(struct conf *c, int arg, const char *rest, int col,
                          const char *where, struct err *e);

/* The query at rest (column col of its line), checked, as query_format
 * writes it; NULL and e when it is wrong. */
static char *
checked_query(const char *rest, int col, struct err *e)
{
	struct query q;
	char *text;

	if (query_parse_at(rest, col, &q, NULL, e) < 0)
		return NULL;
	text = query_format(&q);
	query_free(&q);
	return text;
}

static int
set_rule(struct conf *c, int action, const char *rest, int col, const char *where,
         struct err *e)
{
	char *q = checked_query(rest, col, e);
	struct conf_rule *r;

	if (q == NULL)
		return -1;
	if (*q == '\0') {
		free(q);
		return err_set(e, "%s", _("a rule needs a query: what it applies to"));
	}
	c->rules = xrealloc(c->rules, (c->nrules + 1) * sizeof *c->rules);
	r = &c->rules[c->nrules++];
	r->action = action;
	r->query = q;
	r->where = xstrdup(where);
	return 0;
}

/* Characters in s[0, n). */
static int
chars(const char *s, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; k++) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
	}
	return k;
}

/* The next word of a line (quoted or not): 0 and *w, or -1 with e. */
static int
next_word(const char **rest, int *col, char **w, const char *what, struct err *e)
{
	size_t end;
	int rc = query_word_at(*rest, *col, w, &end, NULL, e);

	if (rc < 0)
		return -1;
	if (rc > 0)
		return err_set(e, _("column %d: %s is missing"), *col + chars(*rest, end), what);
	*col += chars(*rest, end);
	*rest += end;
	return 0;
}

/* tab LABEL query QUERY */
static int
set_tab(struct conf *c, int arg, const char *rest, int col, const char *where,
        struct err *e)
{
	char *label = NULL, *kw = NULL, *q = NULL;
	int at, rc = -1;

	(void)arg;
	if (next_word(&rest, &col, &label, _("the tab's label"), e) < 0)
		goto out;
	at = col;
	if (next_word(&rest, &col, &kw, "query", e) < 0)
		goto out;
	if (strcmp(kw, "query") != 0) {
		err_set(e, _("column %d: a tab is \"tab LABEL query QUERY\", not '%s'"),
		        at + 1, kw);
		goto out;
	}
	q = checked_query(rest, col, e);
	if (q == NULL)
		goto out;
	for (size_t i = 0; i < c->ntabs; i++)
		if (strcmp(c->tabs[i].label, label) == 0) {
			err_set(e, _("a tab is called %s already (%s)"), label, c->tabs[i].where);
			goto out;
		}
	c->tabs = xrealloc(c->tabs, (c->ntabs + 1) * sizeof *c->tabs);
	c->tabs[c->ntabs].label = label;
	c->tabs[c->ntabs].query = q;
	c->tabs[c->ntabs++].where = xstrdup(where);
	label = q = NULL;
	rc = 0;
out:
	free(label);
	free(kw);
	free(q);
	return rc;
}

static int set_scoped(struct conf *c, int arg, const char *rest, int col,
                      const char *where, struct err *e);

/* ---- the table ------------------------------------------------------------ */

typedef void (*shower)(const struct conf *c, char *out, size_t outsz);

static void
show_script(const struct conf *c, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", c->zh_script >= 0 ? zh_script_name(c->zh_script)
	                                             : _("as the locale says"));
}

static void
show_images(const struct conf *c, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", image_mode_name(c->images));
}

static void
show_refresh(const struct conf *c, char *out, size_t outsz)
{
	if (c->refresh == 0)
		snprintf(out, outsz, "off");
	else if (c->refresh % 86400 == 0)
		snprintf(out, outsz, "%dd", c->refresh / 86400);
	else if (c->refresh % 3600 == 0)
		snprintf(out, outsz, "%dh", c->refresh / 3600);
	else
		snprintf(out, outsz, "%dm", c->refresh / 60);
}

static void
show_sync_pages(const struct conf *c, char *out, size_t outsz)
{
	if (c->sync_pages > 0)
		snprintf(out, outsz, "%d", c->sync_pages);
	else
		snprintf(out, outsz, "%s", "3");
}

static void
show_reload(const struct conf *c, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", c->reload_on_start ? "yes" : "no");
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
	{ "tab",             0, NULL, N_("tab LABEL query QUERY: a tab of what the query finds in the cache") },
	{ "ignore",          0, NULL, N_("ignore QUERY: articles the query finds are never listed") },
	{ "highlight",       0, NULL, N_("highlight QUERY: articles the query finds stand out in lists") },
	{ "mark-read",       0, NULL, N_("mark-read QUERY: articles the query finds arrive read") },
	{ "source",          0, NULL, N_("source SITE|FEED SETTING VALUE: a setting for one site or feed") },
	{ "refresh",         1, set_refresh, N_("off or a time such as 30m: how often a tab's list is fetched again while shown") },
	{ "reload-on-start", 1, set_reload, N_("yes or no: fetch every tab's list when gxnews starts") },
	{ "layout",          1, set_layout, N_("auto, single or split: the list and the article side by side (auto: from 140 columns)") },
	{ "reading-speed",   1, set_reading_speed, N_("characters read a minute, for the minutes left of an article (400)") },
	{ "save-dir",        1, set_save_dir, N_("the directory articles are saved to as Markdown (~/Downloads)") },
	{ "copy-command",   -1, set_copy_command, N_("a command taking copied text on its standard input, instead of the terminal's clipboard") },
};

/* The settings whose value is the rest of the line as written (a query):
 * what reads it. */
static const struct {
	const char *name;
	raw_setter raw;
	int arg;
} raw_lines[] = {
	{ "tab", set_tab, 0 },
	{ "ignore", set_rule, RULE_IGNORE },
	{ "highlight", set_rule, RULE_HIGHLIGHT },
	{ "mark-read", set_rule, RULE_MARK_READ },
	{ "source", set_scoped, 0 },
};

/* The settings a `source` line may set for one site or feed, and how
 * their value is shown. */
static const struct {
	const char *name;
	shower show;
} scopable[] = {
	{ "refresh", show_refresh },
	{ "reload-on-start", show_reload },
	{ "images", show_images },
	{ "zh-script", show_script },
	{ "sync-pages", show_sync_pages },
};

static shower
shower_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(scopable); i++)
		if (strcmp(scopable[i].name, name) == 0)
			return scopable[i].show;
	return NULL;
}

static const struct setting *
setting_named(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(settings); i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

/* Splits a line at spaces and tabs, in place. */
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

/* Ends the line at a '#' outside double quotes (a quote escaped with a
 * backslash does not count). */
static void
cut_comment(char *line)
{
	int quoted = 0;

	for (char *p = line; *p != '\0'; p++) {
		if (*p == '\\' && quoted && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted) {
			*p = '\0';
			break;
		}
	}
	line[strcspn(line, "\r\n")] = '\0';
}

/* The values of setting st: checked and set on c. */
static int
apply(struct conf *c, const struct setting *st, char **argv, int argc,
      struct err *e)
{
	if (st->nargs >= 0 && argc != st->nargs)
		return err_set(e, _("%s takes %d value(s)"), st->name, st->nargs);
	if (st->nargs < 0 && argc < -st->nargs)
		return err_set(e, _("%s takes at least %d value(s)"), st->name, -st->nargs);
	return st->set(c, argv, argc, e);
}

/* source SCOPE SETTING VALUE...: checked on a scratch config, kept as it
 * was written, applied by conf_for_source. */
static int
set_scoped(struct conf *c, int arg, const char *rest, int col, const char *where,
           struct err *e)
{
	char *scope = NULL, *line = NULL, *argv[12];
	const struct setting *st;
	struct conf scratch;
	struct conf_scoped *sc;
	int argc, rc = -1;

	(void)arg;
	if (next_word(&rest, &col, &scope, _("the site or feed"), e) < 0)
		return -1;
	line = xstrdup(rest);
	argc = split(line, argv, (int)ARRAY_LEN(argv));
	st = argc > 0 ? setting_named(argv[0]) : NULL;
	if (argc == 0) {
		err_set(e, _("source %s: the setting is missing"), scope);
		goto out;
	}
	if (st == NULL || shower_of(st->name) == NULL) {
		err_set(e, _("'%s' cannot be set for one source (refresh, reload-on-start, "
		             "images, zh-script, sync-pages can)"), argv[0]);
		goto out;
	}
	conf_init(&scratch);
	rc = apply(&scratch, st, argv + 1, argc - 1, e);
	conf_free(&scratch);
	if (rc < 0)
		goto out;
	c->scoped = xrealloc(c->scoped, (c->nscoped + 1) * sizeof *c->scoped);
	sc = &c->scoped[c->nscoped++];
	sc->scope = scope;
	sc->setting = (int)(st - settings);
	sc->argv = copy_argv(argv + 1, argc - 1);
	sc->argc = argc - 1;
	sc->where = xstrdup(where);
	scope = NULL;
out:
	free(scope);
	free(line);
	return rc;
}

static int
raw_line(struct conf *c, const char *name, const char *rest, int col,
         const char *where, struct err *e)
{
	for (size_t i = 0; i < ARRAY_LEN(raw_lines); i++)
		if (strcmp(raw_lines[i].name, name) == 0)
			return raw_lines[i].raw(c, raw_lines[i].arg, rest, col, where, e);
	return err_set(e, _("unknown setting '%s'"), name);
}

int
conf_line(struct conf *c, const char *text, const char *where, struct err *e)
{
	char *line = xstrdup(text), *argv[12], *name;
	const struct setting *st;
	size_t skip, len;
	int argc, rc;
	struct err sub;

	cut_comment(line);
	skip = strspn(line, " \t");
	name = line + skip;
	len = strcspn(name, " \t");
	if (len == 0) {
		free(line);
		return 0;
	}
	if (name[len] != '\0')
		name[len++] = '\0';
	st = setting_named(name);
	if (st == NULL)
		rc = err_set(&sub, _("unknown setting '%s'"), name);
	else if (st->set == NULL)
		rc = raw_line(c, st->name, name + len,
		              1 + chars(line, (size_t)(name + len - line)), where, &sub);
	else {
		argc = split(name + len, argv, (int)ARRAY_LEN(argv));
		rc = apply(c, st, argv, argc, &sub);
	}
	if (rc < 0)
		err_set(e, "%s: %s", where, sub.msg);
	free(line);
	return rc;
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

static int
scope_matches(const char *scope, const char *name, const char *url)
{
	const char *host;
	size_t n;

	if ((name != NULL && strcmp(scope, name) == 0) ||
	    (url != NULL && strcmp(scope, url) == 0))
		return 1;
	if (url == NULL || strstr(url, "://") == NULL)
		return 0;
	host = strstr(url, "://") + 3;
	n = strcspn(host, "/:?#");
	if (strlen(scope) == n && strncmp(scope, host, n) == 0)
		return 1;
	return str_starts(host, "www.") && strlen(scope) == n - 4 &&
	       strncmp(scope, host + 4, n - 4) == 0;
}

void
conf_for_source(const struct conf *c, const char *name, const char *url,
                struct conf *out)
{
	*out = *c;
	for (size_t i = 0; i < c->nscoped; i++) {
		const struct conf_scoped *sc = &c->scoped[i];

		if (scope_matches(sc->scope, name, url))
			settings[sc->setting].set(out, sc->argv, sc->argc, NULL);
	}
}

int
conf_source_setting(const struct conf *c, const char *name_, const char *url,
                    size_t i, const char **name, char *value, size_t vsz,
                    char *from, size_t fsz)
{
	struct conf here;

	if (i >= ARRAY_LEN(scopable))
		return 0;
	*name = scopable[i].name;
	conf_for_source(c, name_, url, &here);
	scopable[i].show(&here, value, vsz);
	from[0] = '\0';
	for (size_t k = 0; k < c->nscoped; k++)
		if (strcmp(settings[c->scoped[k].setting].name, *name) == 0 &&
		    scope_matches(c->scoped[k].scope, name_, url))
			snprintf(from, fsz, "%s", c->scoped[k].where);
	return 1;
}

char *
conf_quote(const char *v)
{
	struct buf b;

	if (*v != '\0' && strpbrk(v, " \t\"\\#") == NULL && !str_starts(v, "\xe3\x80\x80") &&
	    strstr(v, "\xe3\x80\x80") == NULL)
		return xstrdup(v);
	buf_init(&b, 0);
	buf_add(&b, "\"", 1);
	for (const char *p = v; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_add(&b, "\\", 1);
		buf_add(&b, p, 1);
	}
	buf_add(&b, "\"", 1);
	return buf_steal(&b, NULL);
}

/* The directory of path, made if missing. */
static int
parent_dir(const char *path, struct err *e)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		rc = mkdir_p(dir, e);
	}
	free(dir);
	return rc;
}

int
conf_append(const char *path, const char *line, int *lineno, struct err *e)
{
	char *old = NULL, *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	size_t len = 0;
	struct buf b;
	int fd = -1, rc = -1;
	struct stat st;
	mode_t mode = 0644;

	/* one line: text from outside (a feed's address, a search) never
	 * writes a second line of its own, such as a copy-command */
	for (const char *p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			err_set(e, _("%s: a config line cannot hold control characters or line breaks"),
			        path);
			goto out;
		}
	if (parent_dir(path, e) < 0)
		goto out;
	if (access(path, F_OK) == 0 && read_file(path, 1 << 20, &old, &len, e) < 0)
		goto out;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	buf_init(&b, 0);
	buf_add(&b, old ? old : "", len);
	if (len > 0 && old[len - 1] != '\n')
		buf_add(&b, "\n", 1);
	buf_addf(&b, "%s\n", line);
	if (lineno != NULL) {
		*lineno = 0;
		for (size_t i = 0; i < b.len; i++)
			*lineno += b.data[i] == '\n';
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0 || write(fd, b.data, b.len) != (ssize_t)b.len || fsync(fd) != 0) {
		err_set(e, _("cannot write %s: %s"), tmp, strerror(errno));
		buf_free(&b);
		goto out;
	}
	buf_free(&b);
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		fd = -1;
		err_set(e, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	free(old);
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
