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
/* $XDG_CONFIG_HOME/gxnews/config (or ~/.config/…), malloc'd. */
char *conf_default_path(void);
/* $XDG_CACHE_HOME/gxnews (or ~/.cache/gxnews), malloc'd. */
char *conf_cache_dir(void);

#endif
