/* main.c: arguments, locale, gettext, and wiring. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "check.h"
#include "cli.h"
#include "html.h"
#include "image.h"
#include "lang.h"
#include "net.h"
#include "store.h"
#include "conf.h"
#include "news.h"
#include "text.h"
#include "reader.h"
#include "screen.h"
#include "zhscript.h"

enum mode { MODE_UI, MODE_LIST, MODE_DUMP, MODE_FORMAT, MODE_SYNC, MODE_VACUUM,
             MODE_IMPORT, MODE_EXPORT, MODE_CHECK };

struct args {
	enum mode mode;
	const char *arg;        /* TAB or URL */
	int width;
	int days;               /* --vacuum */
	int sync_pages;         /* --sync=PAGES, 0: from config */
	const char **sets;      /* --set NAME=VALUE, --net-timeout, in order */
	size_t nsets;
	int ambiguous;          /* 0: from config */
	int zh_script;          /* -1: from config, else the locale */
	int images;             /* enum image_mode, -1: from config */
	int offline;
	int json;
	int demo;
	int max_page_mb;        /* --max-page-size, 0: from config */
	const char *site_url, *cache, *profile, *config, *demo_dir;
};

enum {
	OPT_SITE_URL = 256, OPT_CACHE, OPT_OFFLINE, OPT_LIST, OPT_DUMP, OPT_WIDTH,
	OPT_FORMAT, OPT_AMBIG, OPT_PROFILE, OPT_CONFIG, OPT_DEMO, OPT_DEMO_DIR,
	OPT_HELP, OPT_VERSION, OPT_SYNC, OPT_VACUUM, OPT_JSON, OPT_IMPORT, OPT_EXPORT,
	OPT_ZH_SCRIPT, OPT_IMAGES, OPT_MAX_PAGE, OPT_NET_TIMEOUT, OPT_SET, OPT_CHECK,
};

/* One table: getopt's options and --help's text. */
static const struct option_doc {
	struct option opt;
	const char *arg;
	const char *help;
} options[] = {
	{ { "site-url", required_argument, NULL, OPT_SITE_URL }, "URL",
	  N_("read the site's pages from URL (a mirror, e.g. file:///…/www.chinahightech.com/)") },
	{ { "cache", required_argument, NULL, OPT_CACHE }, "FILE",
	  N_("use FILE as the offline cache") },
	{ { "max-page-size", required_argument, NULL, OPT_MAX_PAGE }, "MB",
	  N_("read pages and feeds up to MB megabytes (default 32)") },
	{ { "offline", no_argument, NULL, OPT_OFFLINE }, NULL,
	  N_("never touch the network; show what is cached") },
	{ { "list", required_argument, NULL, OPT_LIST }, "TAB",
	  N_("print a tab's articles, one a line: date, title, URL") },
	{ { "dump", required_argument, NULL, OPT_DUMP }, "URL",
	  N_("print an article laid out as the pager shows it") },
	{ { "json", no_argument, NULL, OPT_JSON }, NULL,
	  N_("with --list or --dump: print JSON for scripts") },
	{ { "width", required_argument, NULL, OPT_WIDTH }, "N",
	  N_("columns for --dump and --format-text (default 80)") },
	{ { "sync", optional_argument, NULL, OPT_SYNC }, "[=PAGES]",
	  N_("fetch every tab, PAGES list pages of each channel (3), and their articles for reading offline") },
	{ { "net-timeout", required_argument, NULL, OPT_NET_TIMEOUT }, "SECONDS",
	  N_("give up a page after SECONDS, every try included (15); --list and --dump answer within it") },
	{ { "set", required_argument, NULL, OPT_SET }, "NAME=VALUE",
	  N_("a config file setting for this run, e.g. net-stall-timeout=3") },
	{ { "check-site", optional_argument, NULL, OPT_CHECK }, "[=URL]",
	  N_("read the site (at URL) and print which rule of the profile reads each field") },
	{ { "vacuum", optional_argument, NULL, OPT_VACUUM }, "[=DAYS]",
	  N_("remove articles older than DAYS (90), never starred or recent unread ones") },
	{ { "format-text", no_argument, NULL, OPT_FORMAT }, NULL,
	  N_("lay out UTF-8 text from standard input, a paragraph a line") },
	{ { "zh-script", required_argument, NULL, OPT_ZH_SCRIPT }, "SCRIPT",
	  N_("show Chinese in SCRIPT: simplified (as published), traditional, hk, "
	     "tw (default: as the locale says)") },
	{ { "images", required_argument, NULL, OPT_IMAGES }, "MODE",
	  N_("draw pictures as MODE: auto (the terminal's best, the default), "
	     "symbols, sixel, kitty, iterm, off (captions only)") },
	{ { "ambiguous-width", required_argument, NULL, OPT_AMBIG }, "1|2",
	  N_("columns of East Asian ambiguous characters such as “ ” …") },
	{ { "import-opml", required_argument, NULL, OPT_IMPORT }, "FILE",
	  N_("add the feeds of an OPML file to the config file") },
	{ { "export-opml", no_argument, NULL, OPT_EXPORT }, NULL,
	  N_("print the config's feeds as an OPML file") },
	{ { "profile", required_argument, NULL, OPT_PROFILE }, "FILE",
	  N_("use this site profile") },
	{ { "config", required_argument, NULL, OPT_CONFIG }, "FILE",
	  N_("read this config file") },
	{ { "demo", no_argument, NULL, OPT_DEMO }, NULL,
	  N_("read the bundled demo snapshot of the site (its own cache)") },
	{ { "demo-dir", required_argument, NULL, OPT_DEMO_DIR }, "DIR",
	  N_("where the demo snapshot is") },
	{ { "help", no_argument, NULL, OPT_HELP }, NULL,
	  N_("show this help and exit") },
	{ { "version", no_argument, NULL, OPT_VERSION }, NULL,
	  N_("show the version and exit") },
};

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]...\n"), "gxnews");
	fprintf(f, "%s\n\n", _("A terminal reader for 中国高新网 and RSS/Atom feeds, "
	                       "readable offline."));
	for (size_t i = 0; i < ARRAY_LEN(options); i++) {
		char left[64];

		snprintf(left, sizeof left, "--%s%s%s", options[i].opt.name,
		         options[i].arg && options[i].arg[0] != '[' ? " " : "",
		         options[i].arg ? options[i].arg : "");
		fprintf(f, "  %-24s %s\n", left, _(options[i].help));
	}
	fprintf(f, "\n%s\n", _("Keys in the reader: j/k move, Enter opens, q goes back, "
	                      "Tab changes tab, ? shows all keys."));
}

static void
version(void)
{
	char icu[32];

	text_icu_version(icu, sizeof icu);
	printf("gxnews %s\n", PACKAGE_VERSION);
	printf(_("with %s, libxml2 %s, SQLite %s, ICU %s, %s\n"), net_version(),
	       html_version(), store_version(), icu, screen_version());
	if (zh_version() != NULL)
		printf(_("Traditional Chinese by %s\n"), zh_version());
	else
		printf("%s\n", _("without OpenCC: Chinese is shown as published"));
	if (image_supported())
		printf(_("pictures drawn by libchafa %s; formats:%s\n"),
		       image_chafa_version(), image_formats());
	else
		printf("%s\n", _("without libchafa: pictures are shown as captions"));
}

static int
parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_args(int argc, char **argv, struct args *a)
{
	struct option longopts[ARRAY_LEN(options) + 1];
	int c;

	for (size_t i = 0; i < ARRAY_LEN(options); i++)
		longopts[i] = options[i].opt;
	memset(&longopts[ARRAY_LEN(options)], 0, sizeof longopts[0]);
	a->width = 80;
	a->zh_script = -1;
	a->images = -1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SITE_URL: a->site_url = optarg; break;
		case OPT_CACHE:    a->cache = optarg; break;
		case OPT_OFFLINE:  a->offline = 1; break;
		case OPT_LIST:     a->mode = MODE_LIST; a->arg = optarg; break;
		case OPT_DUMP:     a->mode = MODE_DUMP; a->arg = optarg; break;
		case OPT_FORMAT:   a->mode = MODE_FORMAT; break;
		case OPT_SYNC:
			a->mode = MODE_SYNC;
			if (optarg != NULL && parse_int(optarg, 1, 100, &a->sync_pages) < 0) {
				fprintf(stderr, _("gxnews: --sync takes a number of pages from 1 to 100\n"));
				return 2;
			}
			break;
		case OPT_NET_TIMEOUT:
		case OPT_SET:
			a->sets = xrealloc(a->sets, (a->nsets + 1) * sizeof *a->sets);
			a->sets[a->nsets++] = c == OPT_SET ? xstrdup(optarg)
			                                   : xasprintf("net-timeout %s", optarg);
			break;
		case OPT_CHECK:
			a->mode = MODE_CHECK;
			if (optarg != NULL)
				a->site_url = optarg;
			break;
		case OPT_JSON:     a->json = 1; break;
		case OPT_IMPORT:   a->mode = MODE_IMPORT; a->arg = optarg; break;
		case OPT_EXPORT:   a->mode = MODE_EXPORT; break;
		case OPT_VACUUM:
			a->mode = MODE_VACUUM;
			a->days = 90;
			if (optarg != NULL && parse_int(optarg, 1, 100000, &a->days) < 0) {
				fprintf(stderr, _("gxnews: --vacuum takes a number of days\n"));
				return 2;
			}
			break;
		case OPT_PROFILE:  a->profile = optarg; break;
		case OPT_CONFIG:   a->config = optarg; break;
		case OPT_DEMO:     a->demo = 1; break;
		case OPT_DEMO_DIR: a->demo_dir = optarg; break;
		case OPT_WIDTH:
			if (parse_int(optarg, 1, 10000, &a->width) < 0) {
				fprintf(stderr, _("gxnews: --width takes a number from 1 to 10000\n"));
				return 2;
			}
			break;
		case OPT_ZH_SCRIPT:
			a->zh_script = zh_script_parse(optarg);
			if (a->zh_script < 0) {
				fprintf(stderr, _("gxnews: --zh-script takes simplified, "
				                  "traditional, hk or tw\n"));
				return 2;
			}
			break;
		case OPT_IMAGES:
			a->images = image_mode_parse(optarg);
			if (a->images < 0) {
				fprintf(stderr, _("gxnews: --images takes auto, symbols, "
				                  "sixel, kitty, iterm or off\n"));
				return 2;
			}
			break;
		case OPT_MAX_PAGE:
			if (parse_int(optarg, 1, CONF_PAGE_MB_MAX, &a->max_page_mb) < 0) {
				fprintf(stderr, _("gxnews: --max-page-size takes a number of MB "
				                  "from 1 to %d\n"), CONF_PAGE_MB_MAX);
				return 2;
			}
			break;
		case OPT_AMBIG:
			if (parse_int(optarg, 1, 2, &a->ambiguous) < 0) {
				fprintf(stderr, _("gxnews: --ambiguous-width takes 1 or 2\n"));
				return 2;
			}
			break;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			version();
			return 0;
		default:
			fprintf(stderr, _("Try 'gxnews --help' for more information.\n"));
			return 2;
		}
	}
	/* --check-site URL: the site's address may follow as a word */
	if (a->mode == MODE_CHECK && optind + 1 == argc && a->site_url == NULL)
		a->site_url = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, _("gxnews: unexpected argument '%s'\n"), argv[optind]);
		return 2;
	}
	return -1;
}

/* Whether the running binary is the one built in GX_BUILDDIR, not yet
 * installed: it then reads its data from the source tree it was built
 * from, in or out of that tree. */
static int
uninstalled(void)
{
	char exe[PATH_MAX], *slash, *build;
	int same;

	if (realpath("/proc/self/exe", exe) == NULL)
		return 0;
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return 0;
	*slash = '\0';
	build = realpath(GX_BUILDDIR, NULL);
	same = build != NULL && strcmp(build, exe) == 0;
	free(build);
	return same;
}

/* env if set, else the build tree's dir for an uninstalled binary, else
 * the installed one. */
static char *
find_dir(const char *env, const char *built, const char *installed)
{
	const char *v = getenv(env);

	if (v != NULL && *v != '\0')
		return xstrdup(v);
	return xstrdup(uninstalled() ? built : installed);
}

/* Where profiles and the demo are: $GXNEWS_DATADIR, the source tree of an
 * uninstalled binary, else the installed data. */
static char *
data_dir(void)
{
	return find_dir("GXNEWS_DATADIR", GX_SRCDIR "/data", PKGDATADIR);
}

/* Translations: $GXNEWS_LOCALEDIR, the ones staged in the build tree of an
 * uninstalled binary (its locale/), else the installed ones. */
static char *
locale_dir(void)
{
	return find_dir("GXNEWS_LOCALEDIR", GX_BUILDDIR "/locale", LOCALEDIR);
}

/* A profile by name: the user's own ($XDG_DATA_HOME/gxnews/sites, else
 * ~/.local/share/gxnews/sites) before the bundled ones; a name with a
 * slash is a file. */
static char *
profile_path(const char *datadir, const char *name)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *user;
	struct stat st;

	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	if (xdg != NULL && xdg[0] == '/')
		user = xasprintf("%s/gxnews/sites/%s.site", xdg, name);
	else
		user = xasprintf("%s/.local/share/gxnews/sites/%s.site",
		                 home ? home : ".", name);
	if (stat(user, &st) == 0)
		return user;
	free(user);
	return xasprintf("%s/sites/%s.site", datadir, name);
}

/* The script to show Chinese in: --zh-script, the config's, the locale's. */
static int
pick_script(const struct args *a, const struct conf *cf)
{
	if (a->zh_script >= 0)
		return a->zh_script;
	return cf->zh_script >= 0 ? cf->zh_script : zh_script_from_locale();
}

/* The reader on a terminal, in a character set that can show Chinese
 * (*notice says if the locale had to change for it), its text in UTF-8.
 * -1 if it cannot run. */
static int
reader_setup(char *notice, size_t nsz)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("gxnews: the reader needs a terminal; "
		                  "see --list and --dump\n"));
		return -1;
	}
	if (lang_setup(notice, nsz) < 0) {
		fprintf(stderr, "gxnews: %s\n", notice);
		return -1;
	}
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	return 0;
}

static int
reader(struct news *n, const struct conf *cf, const char *notice)
{
	struct err e = { "" };
	int rc = reader_run(n, cf, notice, &e);

	/* what is said after the screen, in the locale's character set */
	bind_textdomain_codeset(PACKAGE, nl_langinfo(CODESET));
	if (rc < 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		return 1;
	}
	return 0;
}

static int
run(struct args *a, struct conf *cf)
{
	char *datadir = data_dir(), *profile, *cache = NULL, *mirror = NULL;
	struct news *n = NULL;
	struct news_opts o = { 0 };
	struct news_feed *feeds = NULL;
	struct err e = { "" };
	char notice[512] = "";
	int rc = 1;

	if (a->mode == MODE_UI && reader_setup(notice, sizeof notice) < 0)
		return 1;
	profile = profile_path(datadir, a->profile ? a->profile :
	                       cf->site ? cf->site : "chinahightech");
	if (a->demo) {
		char *demo = a->demo_dir ? xstrdup(a->demo_dir)
		                         : xasprintf("%s/demo", datadir);

		mirror = xasprintf("file://%s/www.chinahightech.com/", demo);
		free(demo);
	} else if (a->site_url || cf->site_url) {
		mirror = xstrdup(a->site_url ? a->site_url : cf->site_url);
	}
	if (a->cache || cf->cache) {
		cache = xstrdup(a->cache ? a->cache : cf->cache);
	} else {
		char *dir = conf_cache_dir();

		if (mkdir_p(dir, &e) < 0) {
			fprintf(stderr, "gxnews: %s\n", e.msg);
			free(dir);
			goto out;
		}
		cache = path_join(dir, a->demo ? "demo.db" : "cache.db");
		free(dir);
	}
	feeds = xcalloc(cf->nfeeds + 1, sizeof *feeds);
	for (size_t i = 0; i < cf->nfeeds; i++) {
		feeds[i].url = cf->feeds[i].url;
		feeds[i].label = cf->feeds[i].label;
	}
	o.conf = cf;
	o.feeds = feeds;
	o.nfeeds = cf->nfeeds;
	o.profile = profile;
	o.mirror = mirror;
	o.cache = cache;
	o.offline = a->offline;
	o.script = pick_script(a, cf);
	o.images = a->images >= 0 ? a->images : cf->images;
	o.max_page = (size_t)(a->max_page_mb ? a->max_page_mb : cf->max_page_mb) << 20;
	/* a site named on the command line is read even if the config has
	 * "site none" */
	o.site_off = cf->site_off && !a->profile && !a->site_url && !a->demo;
	o.net_timeout_ms = cf->net_timeout_ms;
	o.connect_timeout_ms = cf->net_connect_ms;
	o.stall_ms = cf->net_stall_ms;
	o.tries = cf->net_tries;
	o.sync_pages = a->sync_pages;     /* else the config's, for each source */
	o.sync_host_ms = cf->sync_host_ms;
	if (news_open(&n, &o, &e) < 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		goto out;
	}
	if (news_notice(n) != NULL)
		fprintf(stderr, "gxnews: %s\n", news_notice(n));
	if (a->zh_script >= 0 && news_script(n) != a->zh_script) {
		rc = 2;         /* asked for by name: not shown otherwise */
		goto out;
	}
	/* the command line answers within the budget, from the cache if need be */
	if (a->mode == MODE_LIST || a->mode == MODE_DUMP)
		news_set_deadline(n, news_budget_ms(n));
	switch (a->mode) {
	case MODE_LIST:
		rc = cli_list(n, a->arg, a->json, stdout);
		break;
	case MODE_DUMP:
		rc = cli_dump(n, a->arg, a->width, a->json, stdout);
		break;
	case MODE_SYNC:
		rc = cli_sync(n, stderr);
		break;
	case MODE_VACUUM:
		rc = cli_vacuum(n, a->days, stdout);
		break;
	case MODE_CHECK:
		rc = check_site(n, stdout);
		break;
	default:
		rc = reader(n, cf, notice);
		break;
	}
out:
	news_close(n);
	free(feeds);
	free(profile);
	free(mirror);
	free(cache);
	free(datadir);
	return rc;
}

static int
format_text(const struct args *a, const struct conf *cf)
{
	struct zh *z = zh_new();
	struct err e = { "" };
	int script = pick_script(a, cf), rc = 2;

	if (zh_check(z, script, &e) < 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		if (a->zh_script >= 0)
			goto out;
		script = ZH_SIMPLIFIED;
	}
	rc = cli_format_text(stdin, stdout, a->width, z, script);
out:
	zh_free(z);
	return rc;
}

static void
args_free(struct args *a)
{
	for (size_t i = 0; i < a->nsets; i++)
		free((char *)a->sets[i]);
	free(a->sets);
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	struct conf cf;
	struct err e = { "" };
	char *cfpath, *locales;
	int rc;

	setlocale(LC_ALL, "");
	locales = locale_dir();
	bindtextdomain(PACKAGE, locales);
	free(locales);
	textdomain(PACKAGE);
	rc = parse_args(argc, argv, &a);
	if (rc >= 0) {
		args_free(&a);
		return rc;
	}
	conf_init(&cf);
	cfpath = a.config ? xstrdup(a.config) : conf_default_path();
	cf.path = xstrdup(cfpath);
	/* the system's settings first, the user's over them, the command
	 * line's over both */
	rc = a.config == NULL && conf_load(&cf, SYSCONFDIR "/gxnews/config", &e) < 0;
	if (rc == 0)
		rc = conf_load(&cf, cfpath, &e) < 0;
	for (size_t i = 0; rc == 0 && i < a.nsets; i++)
		rc = conf_set(&cf, a.sets[i], &e) < 0;
	if (rc != 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		rc = 2;
		goto out;
	}
	text_set_ambiguous_width(a.ambiguous ? a.ambiguous : cf.ambiguous_width);
	if (a.mode == MODE_FORMAT)
		rc = format_text(&a, &cf);
	else if (a.mode == MODE_EXPORT)
		rc = cli_export_opml(&cf, stdout);
	else if (a.mode == MODE_IMPORT)
		rc = cli_import_opml(&cf, cfpath, a.arg, stdout);
	else
		rc = run(&a, &cf);
out:
	args_free(&a);
	free(cfpath);
	conf_free(&cf);
	return rc;
}
