/* conf.h: the user's config file (named conf, not config, so it never
 * shadows autoconf's config.h). */
#ifndef GX_CONF_H
#define GX_CONF_H

#include "theme.h"
#include "util.h"

struct conf_feed {
	char *url;
	char *label;            /* NULL: the feed's own title */
};

struct conf_bind {
	char *key, *action;     /* as `bind KEY ACTION` names them, checked */
};

/* What a rule does to the articles its query matches (query.h). */
enum conf_rule_action { RULE_IGNORE, RULE_HIGHLIGHT, RULE_MARK_READ };

struct conf_rule {
	int   action;           /* enum conf_rule_action */
	char *query;            /* checked, written as query_format writes it */
	char *where;            /* "FILE:LINE" */
};

/* "tab LABEL query QUERY": a tab listing what the query finds. */
struct conf_tab {
	char *label;
	char *query;            /* checked, as query_format writes it */
	char *where;
};

/* "source SCOPE SETTING VALUE...": a setting for one site or feed. */
struct conf_scoped {
	char  *scope;           /* a site profile's name, a feed's URL or label,
	                           or a host */
	int    setting;         /* which (an index of conf.c's table) */
	char **argv;            /* its values */
	int    argc;
	char  *where;
};

enum conf_layout { LAYOUT_AUTO, LAYOUT_SINGLE, LAYOUT_SPLIT };

struct conf {
	int   ambiguous_width;  /* 1 or 2 */
	int   zh_script;        /* enum zh_script, -1: as the locale says */
	int   images;           /* enum image_mode, IMAGE_AUTO by default */
	struct conf_feed *feeds;    /* "feed URL [LABEL]" lines, in order */
	size_t nfeeds;
	char *site;             /* profile name or path */
	int   site_off;         /* "site none": feeds only, the site untouched */
	char *site_url;         /* mirror of the site */
	char *cache;
	int   mouse;            /* take mouse events (default yes) */
	struct conf_bind *binds;    /* "bind" lines, in order */
	size_t nbinds;
	struct theme_color *colors; /* "color" lines, in order */
	size_t ncolors;
	int   max_page_mb;      /* largest page or feed read, MB; 0: the default */
	/* the network; 0: the default */
	long  net_timeout_ms;   /* net-timeout SECONDS: a page, every try */
	long  net_connect_ms;   /* net-connect-timeout SECONDS */
	long  net_stall_ms;     /* net-stall-timeout SECONDS */
	int   net_tries;        /* net-tries N */
	int   sync_pages;       /* sync-pages N: list pages of a channel */
	long  sync_host_ms;     /* sync-host-budget SECONDS */
	struct conf_rule *rules;    /* ignore, highlight and mark-read lines */
	size_t nrules;
	struct conf_tab *tabs;      /* "tab" lines, in order */
	size_t ntabs;
	struct conf_scoped *scoped; /* "source" lines, in order */
	size_t nscoped;
	int   layout;           /* enum conf_layout */
	int   reading_speed;    /* characters a minute (400) */
	char *save_dir;         /* where articles are saved, NULL: the default */
	char **copy_command;    /* argv taking the text to copy, NULL: OSC 52 */
	int   copy_argc;
	char *path;             /* the user's config file: lines added on the
	                           screen go there (NULL: none) */
	int   refresh;          /* seconds between refreshes of a tab, 0: never */
	int   reload_on_start;  /* fetch every tab at start (default no) */
};

#define CONF_PAGE_MB_MAX 4096   /* max-page-size and --max-page-size: 1..this */

void conf_init(struct conf *c);
void conf_free(struct conf *c);
/* Reads a config file; a missing file is not an error.  Errors name the
 * file and the line. */
int  conf_load(struct conf *c, const char *path, struct err *e);
/* One setting from the command line (--set NAME=VALUE, or NAME VALUE);
 * errors name the setting. */
int  conf_set(struct conf *c, const char *setting, struct err *e);
/* One line of the config, as it would be in the file at where ("FILE:LINE"
 * or a name for errors to start with). */
int  conf_line(struct conf *c, const char *line, const char *where, struct err *e);

/* Adds line at the end of the config file at path (made if missing), the
 * rest kept as it is, comments included: the whole written to a new file
 * beside it, flushed to the disk and renamed over it, so a crash leaves
 * the old file or the new one, never half of one.  *lineno (may be NULL)
 * is the line's number in the file. */
int  conf_append(const char *path, const char *line, int *lineno, struct err *e);
/* A value as one word of a config line: quoted (with \" and \\) when it
 * holds a space, a quote, a backslash or a '#'.  Malloc'd. */
char *conf_quote(const char *v);

/* The settings as they hold for a source (a site by its profile name and
 * address, a feed by its label and URL): c with the `source` lines that
 * name it (by name, URL, or the URL's host with or without "www.")
 * applied over it, in order.  *out shares c's lists: never conf_free it. */
void conf_for_source(const struct conf *c, const char *name, const char *url,
                     struct conf *out);

/* The settings a `source` line may set, one at a time: i from 0 until 0 is
 * returned.  *name is the setting; value gets its value for the source
 * and from where the line that set it ("FILE:LINE"), else "" when it is
 * the global setting. */
int  conf_source_setting(const struct conf *c, const char *name_, const char *url,
                         size_t i, const char **name, char *value, size_t vsz,
                         char *from, size_t fsz);

/* $XDG_CONFIG_HOME/gxnews/config (or ~/.config/…), malloc'd. */
char *conf_default_path(void);
/* $XDG_CACHE_HOME/gxnews (or ~/.cache/gxnews), malloc'd. */
char *conf_cache_dir(void);

#endif
