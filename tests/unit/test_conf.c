/* test_conf.c: the config's lines with a query (tab, ignore, highlight,
 * mark-read), settings scoped to a source (source lines), the reader's
 * settings, and lines added from the screen: what each line sets, what a
 * wrong one says, and the file written whole with its comments kept. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "conf.h"
#include "image.h"
#include "tap.h"
#include "util.h"
#include "zhscript.h"

/* Lines refused, and what the error says. */
static const struct {
	const char *line, *says, *what;
} refused[] = {
	{ "tab x query titel=y", "cfg:1: column 13: unknown field 'titel'", "a tab's wrong query: line and column" },
	{ "tab \"园区·未读\" query 园区 newer=7x", "cfg:1: column 28: newer takes an age",
	  "columns count characters, not bytes" },
	{ "tab x 园区", "column 7: a tab is \"tab LABEL query QUERY\"", "a tab without query" },
	{ "tab", "column 4: the tab's label is missing", "a tab without a label" },
	{ "tab \"x query y", "column 5: the quote is not closed", "an open quote in a label" },
	{ "ignore", "a rule needs a query", "a rule without a query" },
	{ "highlight -", "column 11: '-' must come", "a rule's wrong query" },
	{ "source chinahightech layout split", "'layout' cannot be set for one source",
	  "a setting no source can have" },
	{ "source chinahightech refresh 10s", "refresh takes off or a time", "a scoped value is checked" },
	{ "source chinahightech", "the setting is missing", "a source line without a setting" },
	{ "source chinahightech colour x", "'colour' cannot be set", "an unknown setting in a source line" },
	{ "layout sideways", "layout must be auto, single or split", "a layout there is not" },
	{ "reading-speed 49", "reading-speed takes characters a minute", "a reading speed too slow" },
	{ "reading-speed 400x", "reading-speed takes characters a minute", "a reading speed not a number" },
	{ "refresh 31d", "refresh takes off or a time", "a refresh past 30 days" },
	{ "reload-on-start maybe", "reload-on-start must be yes or no", "reload-on-start yes or no" },
	{ "save-dir", "save-dir takes 1 value(s)", "save-dir needs a directory" },
	{ "copy-command", "copy-command takes at least 1 value(s)", "copy-command needs a program" },
};

static void
test_refused(void)
{
	for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
		struct conf c;
		struct err e = { "" };

		conf_init(&c);
		ok(conf_line(&c, refused[i].line, "cfg:1", &e) < 0, "refused: %s", refused[i].what);
		ok(strstr(e.msg, refused[i].says) != NULL && str_starts(e.msg, "cfg:1: "),
		   "says where and what: %s (%s)", refused[i].what, e.msg);
		ok(c.ntabs == 0 && c.nrules == 0 && c.nscoped == 0, "keeps nothing: %s",
		   refused[i].what);
		conf_free(&c);
	}
}

static void
test_lines(void)
{
	struct conf c;
	struct err e = { "" };
	const char *lines[] = {
		"tab \"园区·未读\" query \"园区\" unread source=chinahightech newer=7d  # the example",
		"tab 全部 query",
		"ignore title=\"a # b\"   # a '#' in quotes is not a comment",
		"highlight author=张",
		"mark-read 作者=新华社 -starred",
		"layout split", "reading-speed 250", "save-dir ~/notes",
		"copy-command xclip -selection clipboard", "refresh 90m", "reload-on-start yes",
	};
	int bad = 0;

	conf_init(&c);
	is_int(c.layout, LAYOUT_AUTO, "layout: auto by default");
	is_int(c.reading_speed, 400, "reading-speed: 400 characters a minute by default");
	is_int(c.refresh, 0, "refresh: off by default");
	is_int(c.reload_on_start, 0, "reload-on-start: no by default");
	ok(c.save_dir == NULL && c.copy_command == NULL, "no save-dir, no copy-command by default");
	for (size_t i = 0; i < ARRAY_LEN(lines); i++)
		if (conf_line(&c, lines[i], "cfg:1", &e) < 0) {
			bad++;
			printf("#   %s: %s\n", lines[i], e.msg);
		}
	is_int(bad, 0, "every line is taken");
	is_int(c.ntabs, 2, "two tabs");
	is_str(c.tabs[0].label, "园区·未读", "a quoted label");
	is_str(c.tabs[0].query, "园区 unread source=chinahightech newer=7d",
	       "the query kept as query_format writes it, the comment cut");
	is_str(c.tabs[1].query, "", "a query without conditions: every article");
	is_int(c.nrules, 3, "three rules");
	is_str(c.rules[0].query, "title=\"a # b\"", "a '#' in quotes stays");
	ok(c.rules[0].action == RULE_IGNORE && c.rules[1].action == RULE_HIGHLIGHT &&
	   c.rules[2].action == RULE_MARK_READ, "each rule's action");
	is_str(c.rules[2].query, "author=新华社 -starred", "Chinese field names read as English ones");
	is_str(c.rules[1].where, "cfg:1", "a rule knows its line");
	ok(conf_line(&c, "tab 全部 query 园区", "cfg:9", &e) < 0 &&
	   strstr(e.msg, "a tab is called 全部 already (cfg:1)") != NULL,
	   "a second tab of the same name is refused, naming the first's line (%s)", e.msg);
	is_int(c.layout, LAYOUT_SPLIT, "layout split");
	is_int(c.reading_speed, 250, "reading-speed 250");
	is_str(c.save_dir, "~/notes", "save-dir as written (~ is read when saving)");
	ok(c.copy_argc == 3 && strcmp(c.copy_command[0], "xclip") == 0 &&
	   strcmp(c.copy_command[2], "clipboard") == 0, "copy-command: its words");
	is_int(c.refresh, 90 * 60, "refresh 90m");
	is_int(c.reload_on_start, 1, "reload-on-start yes");
	conf_free(&c);
}

/* What conf_for_source gives a source, by the lines that name it. */
static void
test_scoped(void)
{
	struct conf c, s;
	struct err e = { "" };
	char value[64], from[64];
	const char *name;
	const char *lines[] = {
		"images symbols", "refresh 1h",
		"source chinahightech images off",
		"source www.example.com refresh 10m",
		"source \"奇客 Solidot\" zh-script tw",
		"source https://lwn.net/headlines/rss reload-on-start yes",
		"source chinahightech images kitty",
	};

	conf_init(&c);
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		char *where = xasprintf("cfg:%zu", i + 1);

		if (conf_line(&c, lines[i], where, &e) < 0)
			printf("#   %s: %s\n", lines[i], e.msg);
		free(where);
	}
	is_int(c.nscoped, 5, "five source lines");
	conf_for_source(&c, "chinahightech", "http://www.chinahightech.com/", &s);
	is_int(s.images, IMAGE_KITTY, "by the profile's name, the later line winning");
	is_int(s.refresh, 3600, "what no line of the source sets stays global");
	conf_for_source(&c, "other", "https://www.example.com/rss.xml", &s);
	is_int(s.refresh, 600, "by the host (of a feed's URL)");
	conf_for_source(&c, "other", "https://example.com/rss.xml", &s);
	is_int(s.refresh, 3600, "a host with www. is not the host without it");
	conf_for_source(&c, "x", "http://xwww.example.com/", &s);
	is_int(s.refresh, 3600, "nor one merely ending in it");
	conf_for_source(&c, "奇客 Solidot", "https://www.solidot.org/index.rss", &s);
	is_int(s.zh_script, ZH_TW, "by a feed's label (quoted, with a space)");
	conf_for_source(&c, "LWN", "https://lwn.net/headlines/rss", &s);
	is_int(s.reload_on_start, 1, "by a feed's URL");
	is_int(c.images, IMAGE_SYMBOLS, "the global settings are left as they are");
	ok(conf_source_setting(&c, "chinahightech", "http://www.chinahightech.com/", 2, &name,
	                       value, sizeof value, from, sizeof from), "the third scoped setting");
	is_str(name, "images", "is images");
	is_str(value, "kitty", "its value for the source");
	is_str(from, "cfg:7", "and the line that set it");
	conf_source_setting(&c, "chinahightech", "http://www.chinahightech.com/", 0, &name,
	                    value, sizeof value, from, sizeof from);
	ok(strcmp(name, "refresh") == 0 && strcmp(value, "1h") == 0 && from[0] == '\0',
	   "refresh: 1h for every source, no line of its own");
	ok(!conf_source_setting(&c, "chinahightech", NULL, 5, &name, value, sizeof value,
	                        from, sizeof from), "five settings can be scoped");
	conf_free(&c);
}

static void
test_quote(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "园区", "园区" }, { "园区 未读", "\"园区 未读\"" }, { "a#b", "\"a#b\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" }, { "back\\slash", "\"back\\\\slash\"" },
		{ "", "\"\"" }, { "全角\u3000空格", "\"全角\u3000空格\"" },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char *q = conf_quote(t[i].in), *line = xasprintf("tab %s query x", q);
		struct conf c;

		is_str(q, t[i].out, "quoted for a config line: '%s'", t[i].in);
		conf_init(&c);
		if (t[i].in[0] != '\0')
			ok(conf_line(&c, line, "x", NULL) == 0 && c.ntabs == 1 &&
			   strcmp(c.tabs[0].label, t[i].in) == 0, "and read back as it was: '%s'", t[i].in);
		conf_free(&c);
		free(line);
		free(q);
	}
}

static char *
slurp(const char *path)
{
	char *s = NULL;
	size_t n;

	return read_file(path, 1 << 20, &s, &n, NULL) == 0 ? s : NULL;
}

static void
test_append(void)
{
	char dir[] = "/tmp/gxnews-conf.XXXXXX", *path, *sub, *got;
	struct err e = { "" };
	struct stat st;
	int line = 0;
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a scratch directory");
		return;
	}
	path = path_join(dir, "config");
	f = fopen(path, "w");
	fputs("# mine\nmouse no   # a comment\n\n# last, no newline", f);
	fclose(f);
	chmod(path, 0600);
	ok(conf_append(path, "ignore title=广告", &line, &e) == 0, "a line is added (%s)", e.msg);
	got = slurp(path);
	is_str(got, "# mine\nmouse no   # a comment\n\n# last, no newline\nignore title=广告\n",
	       "at the end, the rest as it was, a newline put before it");
	free(got);
	is_int(line, 5, "its line number");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "the file keeps its mode");
	conf_append(path, "feed https://x.example/rss", &line, &e);
	is_int(line, 6, "the next line after that");
	got = slurp(path);
	ok(got != NULL && str_ends(got, "广告\nfeed https://x.example/rss\n"), "a second line follows it");
	free(got);
	got = slurp(path);
	ok(conf_append(path, "feed https://x.example/a\ncopy-command sh -c evil", &line, &e) < 0 &&
	   strstr(e.msg, "line breaks") != NULL, "a line holding a line break is refused (%s)", e.msg);
	ok(conf_append(path, "tab \"a\033[2Jb\" query x", &line, &e) < 0,
	   "and one holding an escape character");
	sub = slurp(path);
	is_str(sub, got, "the file unchanged by either");
	free(sub);
	free(got);
	sub = path_join(dir, "new/dir/config");
	ok(conf_append(sub, "tab x query y", &line, &e) == 0 && line == 1,
	   "a missing file and its directories are made");
	free(sub);
	chmod(dir, 0500);
	if (access(dir, W_OK) == 0) {
		ok(1, "# SKIP a directory root can write into");
	} else {
		got = slurp(path);
		ok(conf_append(path, "ignore x", NULL, &e) < 0 && strstr(e.msg, "cannot write") != NULL,
		   "a directory it cannot write in: an error (%s)", e.msg);
		sub = slurp(path);
		is_str(sub, got, "and the file unchanged");
		free(sub);
		free(got);
	}
	chmod(dir, 0700);
	sub = xasprintf("rm -rf '%s'", dir);
	if (system(sub) != 0)
		printf("#   could not remove %s\n", dir);
	free(sub);
	free(path);
}

int
main(void)
{
	test_refused();
	test_lines();
	test_scoped();
	test_quote();
	test_append();
	return done_testing();
}
