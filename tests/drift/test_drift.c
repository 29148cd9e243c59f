/* test_drift.c: reading that survives markup drift.
 *
 * Without arguments (a unit test): the demo mirror read with a profile that
 * names only the site's URL and its article URLs, so the generic rules read
 * every page alone; at least GENERIC_MIN percent of the fields the
 * hand-written values hold must come out right.  The figure is printed.
 *
 *   test_drift [--profile FILE] [--name NAME] [--loose-urls] MIRROR
 *
 * reads a copy of the mirror (a variant made by mkvariants.py) with the
 * profile and prints one row: the fields read right per column, of all,
 * and the fields that fell back (a fallback rule: "~", the generic rules:
 * "*").  Exit status 0 when every field reads as on the base mirror. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_check.h"
#include "site.h"
#include "tap.h"
#include "util.h"

#define GENERIC_MIN 90

static const char generic_profile[] =
	"# the site's URL and what its article URLs look like: nothing else\n"
	"[site]\n"
	"url = http://www.chinahightech.com/\n"
	"[article any]\n"
	"match = (/html/[^/]+/[0-9]{4}/[0-9]{4}/[0-9]+(_[0-9]+)?|/[0-9]{4}-[0-9]{2}/[0-9]{2}/content_[0-9]+|/pc/content/[0-9]{6}/[0-9]{2}/content_[0-9]+)\\.html$\n";

/* The row: NAME, then per column good/total with a mark for what read it. */
static void
print_row(const char *name, const struct demo_check *d)
{
	static const int col_field[DC_COUNT] = {
		[DC_CHANNELS] = SF_CHANNELS, [DC_RANK_ALL] = SF_RANK_ALL,
		[DC_RANK_MONTH] = SF_RANK_MONTH, [DC_PICKS] = SF_PICKS,
		[DC_ITEMS] = SF_ITEMS, [DC_DATES] = SF_ITEM_DATE, [DC_LIST_NEXT] = SF_LIST_NEXT,
		[DC_TITLE] = SF_TITLE, [DC_TIME] = SF_TIME, [DC_SOURCE] = SF_SOURCE,
		[DC_AUTHOR] = SF_AUTHOR, [DC_EDITOR] = SF_EDITOR, [DC_COMMENTS] = -1,
		[DC_BODY] = SF_BODY, [DC_ART_NEXT] = SF_ART_NEXT,
	};

	printf("%-16s", name);
	for (int c = 0; c < DC_COUNT; c++) {
		int f = col_field[c];
		const char *mark = f >= 0 && d->layers[f][SITE_GENERIC] ? "*" :
		                   f >= 0 && d->layers[f][SITE_FALLBACK] ? "~" : "";
		char cell[32];

		snprintf(cell, sizeof cell, "%zu/%zu%s", d->good[c], d->total[c], mark);
		printf(" %-10s", cell);
	}
	printf(" %zu/%zu\n", demo_good(d), demo_total(d));
}

static void
print_head(void)
{
	printf("%-16s", "variant");
	for (int c = 0; c < DC_COUNT; c++)
		printf(" %-10s", demo_col_name(c));
	printf(" all\n");
}

static int
read_mirror(const char *profile, const char *text, const char *mirror,
            const char *name, int loose, struct demo_check *d)
{
	struct site *s = NULL;
	struct err e = { "" };
	char *expect = xasprintf("%s/tests/fixtures/demo", tap_srcdir());
	int rc = text ? site_load_mem(&s, text, strlen(text), "generic.site", &e)
	              : site_load(&s, profile, &e);

	if (rc < 0) {
		fprintf(stderr, "test_drift: %s\n", e.msg);
		free(expect);
		return -1;
	}
	memset(d, 0, sizeof *d);
	d->site = s;
	d->mirror = mirror;
	d->expect = expect;
	d->url_loose = loose;
	d->ok = NULL;
	demo_check_run(d);
	print_row(name, d);
	site_free(s);
	free(expect);
	return 0;
}

static int
variant(int argc, char **argv)
{
	char *profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	const char *name = "variant", *mirror = NULL;
	int loose = 0, rc;
	struct demo_check d;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc)
			xfree_set(&profile, xstrdup(argv[++i]));
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--loose-urls") == 0)
			loose = 1;
		else if (strcmp(argv[i], "--head") == 0)
			print_head();
		else
			mirror = argv[i];
	}
	if (mirror == NULL) {
		fprintf(stderr, "usage: test_drift [--profile FILE] [--name NAME] [--loose-urls] MIRROR\n");
		free(profile);
		return 2;
	}
	rc = read_mirror(profile, NULL, mirror, name, loose, &d);
	free(profile);
	if (rc < 0)
		return 2;
	return demo_good(&d) == demo_total(&d) ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct demo_check d;
	char *mirror;
	size_t good, total;

	setlocale(LC_ALL, "C.UTF-8");
	if (argc > 1)
		return variant(argc, argv);
	mirror = xasprintf("%s/data/demo", tap_srcdir());
	print_head();
	if (!ok(read_mirror(NULL, generic_profile, mirror, "generic-only", 0, &d) == 0,
	        "a profile naming only the site and its article URLs loads")) {
		free(mirror);
		return done_testing();
	}
	good = demo_good(&d);
	total = demo_total(&d);
	printf("# generic rules alone: %zu of %zu fields (%.1f%%)\n", good, total,
	       total ? 100.0 * (double)good / (double)total : 0.0);
	ok(total > 0 && good * 100 >= total * GENERIC_MIN,
	   "the generic rules alone read at least %d%% of the demo mirror's fields "
	   "(%zu of %zu)", GENERIC_MIN, good, total);
	ok(d.good[DC_ITEMS] * 100 >= d.total[DC_ITEMS] * GENERIC_MIN &&
	   d.good[DC_BODY] * 100 >= d.total[DC_BODY] * GENERIC_MIN,
	   "lists and articles read by the generic rules alone (items %zu/%zu, text %zu/%zu)",
	   d.good[DC_ITEMS], d.total[DC_ITEMS], d.good[DC_BODY], d.total[DC_BODY]);
	free(mirror);
	return done_testing();
}
