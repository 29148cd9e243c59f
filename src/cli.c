/* cli.c: the modes that print instead of drawing: --list, --dump,
 * --format-text, --sync, --vacuum, --import-opml and --export-opml. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "opml.h"
#include "render.h"
#include "text.h"

static char *clean(const char *s);

/* What a refresh that failed leaves: the tab's cached list, and when it
 * was cached, on one line. */
static void
say_cached(struct news *n, long t, const char *why)
{
	const struct store_tab *tab = news_tab(n, (size_t)t);
	char when[17];

	if (tab == NULL || tab->fetched == 0) {
		fprintf(stderr, "gxnews: %s\n", why);
		return;
	}
	time_ymdhm_local(tab->fetched, when);
	fprintf(stderr, _("gxnews: %s; showing the list cached at %s\n"), why, when);
}

/* Refreshes the tabs (unless offline), finds the tab, refreshes its list;
 * what failed goes to stderr in one line.  *failed: the list could not be
 * refreshed. */
static long
find_tab(struct news *n, const char *name, int *failed, struct err *e)
{
	char tabs_said[1024] = "";
	struct err sub = { "" };
	long t;

	*failed = 0;
	if (news_refresh_tabs(n, &sub) < 0)
		snprintf(tabs_said, sizeof tabs_said, "%s", sub.msg);
	else if (news_notice(n) != NULL)
		snprintf(tabs_said, sizeof tabs_said, "%s", news_notice(n));
	t = news_find_tab(n, name);
	if (t >= 0 && news_offline(n) && news_tab(n, (size_t)t)->fetched == 0 &&
	    news_tab(n, (size_t)t)->url != NULL) {
		fprintf(stderr, "gxnews: %s\n",
		        _("offline, and this tab was never fetched; run gxnews --sync while online"));
		*failed = 1;
	} else if (t >= 0 && !news_offline(n)) {
		err_clear(&sub);
		if (news_refresh_list(n, (size_t)t, &sub) < 0) {
			say_cached(n, t, sub.msg);
			*failed = 1;
		} else if (news_notice(n) != NULL) {
			fprintf(stderr, "gxnews: %s\n", news_notice(n));
		} else if (tabs_said[0] != '\0') {
			fprintf(stderr, "gxnews: %s\n", tabs_said);
		}
	}
	if (t < 0 && tabs_said[0] != '\0')
		fprintf(stderr, "gxnews: %s\n", tabs_said);
	if (t < 0) {
		struct buf names;

		buf_init(&names, 0);
		char *what = clean(name), *list;

		for (size_t i = 0; i < news_ntabs(n); i++)
			buf_addf(&names, "%s%s", i ? ", " : "", news_tab(n, i)->label);
		list = clean(names.len ? names.data : _("none cached"));
		err_set(e, _("no tab named '%s'; tabs: %s"), what, list);
		free(what);
		free(list);
		buf_free(&names);
	}
	return t;
}

static void
json_field(struct buf *b, const char *name, const char *value, int comma)
{
	buf_addf(b, "%s\"%s\": ", comma ? ", " : "", name);
	buf_add_json(b, value);
}

static char *
clean(const char *s)
{
	return s ? text_sanitize(s, strlen(s), 0) : NULL;
}

/* One list item as a JSON object. */
static void
json_item(struct buf *b, const struct item *it)
{
	char date[11];
	char *title = clean(it->title), *url = clean(it->url);

	item_day(it, date);
	buf_adds(b, "  {");
	json_field(b, "date", it->time ? date : NULL, 0);
	json_field(b, "title", title, 1);
	json_field(b, "url", url, 1);
	buf_addf(b, ", \"rank\": %d, \"read\": %s, \"starred\": %s}", it->rank,
	         it->read ? "true" : "false", it->starred ? "true" : "false");
	free(title);
	free(url);
}

int
cli_list(struct news *n, const char *tab, int json, FILE *out)
{
	struct err e = { "" };
	struct item_list l = { 0 };
	int failed;
	long t = find_tab(n, tab, &failed, &e);

	if (t < 0 || news_get_list(n, (size_t)t, &l, &e) < 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		return 1;
	}
	if (json) {
		struct buf b;

		buf_init(&b, 0);
		buf_adds(&b, "[\n");
		for (size_t i = 0; i < l.n; i++) {
			json_item(&b, &l.v[i]);
			buf_adds(&b, i + 1 < l.n ? ",\n" : "\n");
		}
		buf_adds(&b, "]\n");
		fputs(b.data, out);
		buf_free(&b);
	}
	for (size_t i = 0; !json && i < l.n; i++) {
		char date[11];
		char *title = clean(l.v[i].title), *url = clean(l.v[i].url);

		item_day(&l.v[i], date);
		fprintf(out, "%s\t%s\t%s\n", date, title, url);
		free(title);
		free(url);
	}
	item_list_free(&l);
	return failed && l.n == 0 ? 1 : 0;
}

/* The article as JSON: its fields, the laid-out lines and the links. */
static void
json_article(FILE *out, const struct article *a, const struct rblocks *b,
             const struct rdoc *d)
{
	static const char *const names[] = { "url", "title", "time", "source",
	                                     "author", "editor" };
	const char *values[] = { a->url, a->title, a->time_text, a->source,
	                         a->author, a->editor };
	struct buf j;

	buf_init(&j, 0);
	buf_adds(&j, "{");
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *v = clean(values[i]);

		json_field(&j, names[i], v, i > 0);
		free(v);
	}
	buf_addf(&j, ", \"comments\": %d,\n \"lines\": [", a->comments);
	for (size_t i = 0; i < d->n; i++) {
		buf_adds(&j, i ? ",\n  " : "\n  ");
		buf_add_json(&j, d->v[i].text);
	}
	buf_adds(&j, "],\n \"links\": [");
	for (size_t i = 0; i < b->nlinks; i++) {
		char *v = clean(b->links[i]);

		buf_adds(&j, i ? ", " : "");
		buf_add_json(&j, v);
		free(v);
	}
	buf_adds(&j, "]}\n");
	fputs(j.data, out);
	buf_free(&j);
}

/* How --dump draws pictures on out: as the images setting says on a
 * terminal, by name (symbols, sixel, …) anywhere, else not at all. */
struct dump_pics {
	enum image_proto proto;
	int ncolors, cell_w, cell_h;
	struct image *v;        /* per block */
};

static void
dump_pics_setup(struct news *n, const char *url, FILE *out, struct dump_pics *p)
{
	extern char **environ;
	const char *term = getenv("TERM");
	int mode = news_images_for(n, url), tty = isatty(fileno(out));

	memset(p, 0, sizeof *p);
	p->ncolors = term != NULL && strcmp(term, "dumb") != 0 ? 256 : 0;
	if (mode == IMAGE_AUTO && !tty)
		mode = IMAGE_OFF;
	p->proto = image_detect(mode, environ, p->ncolors,
	                        strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	/* symbols: what a cell shows of a picture, whatever the terminal says */
	image_cell_size(p->proto == PROTO_SYMBOLS ? -1 : fileno(out), &p->cell_w,
	                &p->cell_h);
}

/* The article's pictures, fetched first if need be (failures said on
 * stderr, the captions saying why), then decoded. */
static void
dump_pics_load(struct news *n, const struct article *a, struct rblocks *b,
               FILE *out, struct dump_pics *p)
{
	struct news_event ev;
	struct winsize ws;

	p->v = xcalloc(b->n + 1, sizeof *p->v);
	if (news_article_pictures(n, a->url, b, p->v) > 0) {
		while (news_poll(n, 200) > 0)
			;
		while (news_next_event(n, &ev)) {
			if (!ev.ok && ev.picture != NULL) {
				char *what = clean(ev.picture);

				fprintf(stderr, "gxnews: %s: %s\n", what, ev.msg);
				free(what);
			}
			news_event_free(&ev);
		}
		news_article_pictures(n, a->url, b, p->v);
	}
	b->img_rows = 12;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 4)
		b->img_rows = ws.ws_row / 2;
	b->cell_w = p->cell_w;
	b->cell_h = p->cell_h;
}

/* A picture's first line: the whole picture (symbols a row a line, each
 * indented; a graphics protocol's bytes at once); its other lines print
 * nothing. */
static void
dump_picture(FILE *out, const struct rline *l, const struct dump_pics *p)
{
	struct buf bytes;
	struct err e = { "" };

	if (l->row > 0)
		return;
	buf_init(&bytes, 0);
	if (image_bytes(&p->v[l->block], p->proto, l->cols, l->rows, 0, l->rows,
	                p->cell_w, p->cell_h, p->ncolors, &bytes, &e) < 0) {
		fprintf(out, "%*s(%s)\n", l->col, "", e.msg);
		buf_free(&bytes);
		return;
	}
	fprintf(out, "%*s", l->col, "");
	for (size_t i = 0; i < bytes.len; i++) {
		fputc(bytes.data[i], out);
		if (bytes.data[i] == '\n')
			fprintf(out, "%*s", l->col, "");
	}
	fputc('\n', out);
	buf_free(&bytes);
}

int
cli_dump(struct news *n, const char *url, int width, int json, FILE *out)
{
	struct err e = { "" };
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct rdoc d = { 0 };
	struct dump_pics p = { 0 };
	int rc = 1;

	if (news_get_article(n, url, &a, &e) < 0 ||
	    news_article_blocks(n, &a, &b, &e) < 0)
		goto out;
	dump_pics_setup(n, a.url, out, &p);     /* the images setting of its source */
	if (p.proto != PROTO_NONE && !json)
		dump_pics_load(n, &a, &b, out, &p);
	if (render_layout(&a, &b, width, &d) < 0) {
		err_set(&e, _("cannot lay out the article"));
		goto out;
	}
	if (json)
		json_article(out, &a, &b, &d);
	for (size_t i = 0; !json && i < d.n; i++) {
		if (d.v[i].kind == RL_PICTURE)
			dump_picture(out, &d.v[i], &p);
		else
			fprintf(out, "%s\n", d.v[i].text);
	}
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "gxnews: %s\n", e.msg);
	for (size_t i = 0; p.v != NULL && i < b.n; i++)
		image_free(&p.v[i]);
	free(p.v);
	rdoc_free(&d);
	rblocks_free(&b);
	article_free(&a);
	return rc;
}

/* Progress: a bar redrawn in place on a terminal, else a plain line when
 * the counts changed, at most every 2 s. */
static void
sync_progress(const struct news_sync *p, int tty, FILE *err, int64_t *last,
              int *shown)
{
	int done = p->lists_done + p->articles_done + p->pictures_done;
	int total = p->lists + p->articles + p->pictures;
	int cols = 30, fill = total > 0 ? done * cols / total : 0;
	int64_t now = (int64_t)time(NULL);
	char size[32];

	size_words(p->bytes, size, sizeof size);
	if (tty) {
		fprintf(err, "\r[%.*s%*s] ", fill, "##############################",
		        cols - fill, "");
		fprintf(err, _("lists %d/%d  articles %d/%d  pictures %d/%d  %s  %-24.24s"),
		        p->lists_done, p->lists, p->articles_done, p->articles,
		        p->pictures_done, p->pictures, size, p->host);
		fflush(err);
	} else if (total > 0 && done != *shown && now - *last >= 2) {
		fprintf(err, _("lists %d/%d, articles %d/%d, pictures %d/%d, %s\n"),
		        p->lists_done, p->lists, p->articles_done, p->articles,
		        p->pictures_done, p->pictures, size);
		*last = now;
		*shown = done;
	}
}

/* The sync's report as it comes: what failed, on a line of its own; off
 * a terminal each page fetched too. */
static void
sync_report(struct news *n, int tty, int *bar, FILE *err)
{
	const char *what, *msg;

	while (news_sync_next(n, &what, &msg)) {
		char *w = clean(what), *m = clean(msg);

		if (msg == NULL && !tty) {
			fprintf(err, _("fetched: %s\n"), w);
		} else if (msg != NULL) {
			if (tty && *bar)
				fputc('\n', err);
			*bar = 0;
			fprintf(err, _("failed: %s: %s\n"), w, m);
		}
		free(w);
		free(m);
	}
}

int
cli_sync(struct news *n, FILE *err)
{
	struct err e = { "" };
	struct news_sync p;
	struct news_event ev;
	char summary[sizeof ev.msg] = "";
	int tty = isatty(fileno(err)), bar = 0, shown = -1, over = 0;
	int64_t last = 0;

	if (news_sync_start(n, &e) < 0) {
		fprintf(err, "gxnews: %s\n", e.msg);
		return 1;
	}
	while (!over) {
		news_poll(n, 100);
		while (news_next_event(n, &ev)) {
			if (ev.job == JOB_SYNC) {
				snprintf(summary, sizeof summary, "%s", ev.msg);
				over = 1;
			}
			news_event_free(&ev);
		}
		sync_report(n, tty, &bar, err);
		if (!over && news_sync_progress(n, &p)) {
			sync_progress(&p, tty, err, &last, &shown);
			bar = tty;
		}
	}
	if (bar && news_sync_progress(n, &p) == 0) {
		p.host[0] = '\0';
		sync_progress(&p, tty, err, &last, &shown);     /* the bar full */
	}
	/* what was fetched for offline reading can be searched at once */
	if (news_index(n, 0, &e) < 0) {
		fprintf(err, "%sgxnews: %s\n", bar ? "\n" : "", e.msg);
		bar = 0;
	}
	if (bar)
		fputc('\n', err);
	fprintf(err, "%s\n", summary);
	return news_sync_status(n);
}

int
cli_vacuum(struct news *n, int days, FILE *out)
{
	struct err e = { "" };
	int gone = news_vacuum(n, days, 0, &e);

	if (gone < 0) {
		fprintf(stderr, "gxnews: %s\n", e.msg);
		return 1;
	}
	fprintf(out, _("%d old articles removed from the cache\n"), gone);
	return 0;
}

int
cli_export_opml(const struct conf *cf, FILE *out)
{
	struct opml_feed *v = xcalloc(cf->nfeeds + 1, sizeof *v);
	int rc;

	for (size_t i = 0; i < cf->nfeeds; i++) {
		v[i].url = cf->feeds[i].url;
		v[i].label = cf->feeds[i].label;
	}
	rc = opml_write(out, v, cf->nfeeds) < 0 || fflush(out) != 0 ? 1 : 0;
	free(v);
	return rc;
}

static int
has_feed(const struct conf *cf, const char *url)
{
	for (size_t i = 0; i < cf->nfeeds; i++)
		if (strcmp(cf->feeds[i].url, url) == 0)
			return 1;
	return 0;
}

/* A label as one config word list: no '#' (it would start a comment). */
static char *
config_label(const char *label)
{
	struct buf b;

	buf_init(&b, 0);
	for (const char *p = label; p != NULL && *p != '\0'; p++) {
		if (*p == '#')
			buf_adds(&b, "＃");
		else
			buf_add(&b, p, 1);
	}
	return buf_steal(&b, NULL);
}

int
cli_import_opml(const struct conf *cf, const char *cfpath, const char *file,
                FILE *out)
{
	struct opml_feed *v = NULL;
	size_t n = 0, added = 0;
	struct err e = { "" };
	char *text = NULL, *dir = xstrdup(cfpath), *slash;
	size_t len;
	FILE *f = NULL;
	int rc = 1;

	if (read_file(file, 16 << 20, &text, &len, &e) < 0 ||
	    opml_parse(text, len, &v, &n, &e) < 0)
		goto out;
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (mkdir_p(dir, &e) < 0)
			goto out;
	}
	f = fopen(cfpath, "a");
	if (f == NULL) {
		err_set(&e, _("cannot write %s: %s"), cfpath, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *label;

		if (has_feed(cf, v[i].url))
			continue;
		label = config_label(v[i].label);
		fprintf(f, "feed %s%s%s\n", v[i].url, *label ? " " : "", label);
		free(label);
		added++;
	}
	if (fclose(f) != 0) {
		f = NULL;
		err_set(&e, _("cannot write %s: %s"), cfpath, strerror(errno));
		goto out;
	}
	f = NULL;
	fprintf(out, _("%zu feeds added to %s (%zu already there)\n"), added, cfpath,
	        n - added);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "gxnews: %s\n", e.msg);
	if (f != NULL)
		fclose(f);
	opml_free(v, n);
	free(text);
	free(dir);
	return rc;
}

int
cli_format_text(FILE *in, FILE *out, int width, struct zh *z, int script)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) >= 0) {
		struct text_lines l = { 0 };
		char *clean;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		clean = text_sanitize(line, (size_t)n, 0);
		zh_convert_in_place(z, script, &clean);
		if (*clean == '\0')
			fputc('\n', out);
		else if (text_wrap(clean, strlen(clean), width, TEXT_KEEP_INDENT, &l) < 0) {
			fprintf(stderr, "gxnews: %s\n", _("line breaking failed"));
			free(clean);
			free(line);
			return 1;
		}
		for (size_t i = 0; i < l.n; i++)
			fprintf(out, "%s\n", l.v[i]);
		text_lines_free(&l);
		free(clean);
	}
	free(line);
	return ferror(in) || fflush(out) != 0 ? 1 : 0;
}
