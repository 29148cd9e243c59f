/* cli.c: the modes that print instead of drawing: --list, --dump,
 * --format-text, --sync, --vacuum, --import-opml and --export-opml. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "opml.h"
#include "render.h"
#include "text.h"

static char *clean(const char *s);

/* Refreshes the tabs (unless offline), finds the tab, refreshes its list;
 * *failed: the list could not be refreshed (what is cached still shows). */
static long
find_tab(struct news *n, const char *name, int *failed, struct err *e)
{
	long t;

	if (!news_offline(n) && news_refresh_tabs(n, e) < 0) {
		if (news_ntabs(n) == 0)
			return -1;
		fprintf(stderr, "gxnews: %s\n", e->msg);
		err_clear(e);
	}
	t = news_find_tab(n, name);
	if (t >= 0 && !news_offline(n) && news_refresh_list(n, (size_t)t, e) < 0) {
		fprintf(stderr, "gxnews: %s\n", e->msg);
		err_clear(e);
		*failed = 1;
	}
	if (t < 0 && e->msg[0] == '\0') {
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
	int failed = 0;
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
	if (news_notice(n) != NULL)
		fprintf(stderr, "gxnews: %s\n", news_notice(n));
	item_list_free(&l);
	return failed;
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
dump_pics_setup(struct news *n, FILE *out, struct dump_pics *p)
{
	extern char **environ;
	const char *term = getenv("TERM");
	int mode = news_images(n), tty = isatty(fileno(out));

	memset(p, 0, sizeof *p);
	p->ncolors = term != NULL && strcmp(term, "dumb") != 0 ? 256 : 0;
	if (mode == IMAGE_AUTO && !tty)
		mode = IMAGE_OFF;
	p->proto = image_detect(mode, environ, p->ncolors,
	                        strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	image_cell_size(fileno(out), &p->cell_w, &p->cell_h);
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
	struct dump_pics p;
	int rc = 1;

	dump_pics_setup(n, out, &p);
	if (news_get_article(n, url, &a, &e) < 0 ||
	    news_article_blocks(n, &a, &b, &e) < 0)
		goto out;
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

struct sync {
	FILE *err;
	int tty;
	int done, total, failed;
};

static void
sync_progress(struct sync *y, const struct news *n)
{
	char host[64] = "";
	int d, t, cols = 30, fill;

	if (!y->tty)
		return;
	news_busy(n, &d, &t, host, sizeof host);
	fill = y->total ? y->done * cols / y->total : 0;
	fprintf(y->err, "\r[%.*s%*s] %d/%d %-30.30s", fill,
	        "##############################", cols - fill, "", y->done, y->total, host);
	fflush(y->err);
}

/* Waits for every job, counting what failed. */
static void
sync_wait(struct sync *y, struct news *n)
{
	struct news_event ev;

	for (;;) {
		int running = news_poll(n, 100);

		while (news_next_event(n, &ev)) {
			const char *what = ev.picture ? ev.picture : ev.url ? ev.url :
			                   ev.tab_key ? ev.tab_key : "";

			y->done++;
			if (!ev.ok) {
				y->failed++;
				if (y->tty)
					fputc('\n', y->err);
				fprintf(y->err, _("failed: %s: %s\n"), what, ev.msg);
			} else if (!y->tty) {
				fprintf(y->err, _("fetched: %s\n"), what);
			}
			news_event_free(&ev);
		}
		sync_progress(y, n);
		if (running == 0)
			break;
	}
}

/* Whether url is new to seen (then it is added): an article listed in
 * two tabs is one job, counted once in the progress. */
static int
first_time(struct item_list *seen, const char *url)
{
	if (item_list_has(seen, url))
		return 0;
	item_list_add(seen)->url = xstrdup(url);
	return 1;
}

/* The pictures of every article listed and of the list pages (an
 * e-paper's 版面图), those not cached yet. */
static int
sync_pictures(struct news *n)
{
	struct item_list seen = { 0 };
	int started = 0;

	for (size_t t = 0; t < news_ntabs(n); t++) {
		struct item_list l = { 0 };
		struct news_section *sec = NULL;
		size_t nsec = 0;

		if (news_get_list(n, t, &l, NULL) == 0)
			for (size_t i = 0; i < l.n; i++)
				if (first_time(&seen, l.v[i].url))
					started += news_fetch_pictures(n, l.v[i].url);
		item_list_free(&l);
		if (news_tab_sections(n, t, &sec, &nsec, NULL) == 0)
			for (size_t i = 0; i < nsec; i++)
				started += news_picture(n, sec[i].picture, NULL, NULL) == 1;
		news_sections_free(sec, nsec);
	}
	item_list_free(&seen);
	return started;
}

int
cli_sync(struct news *n, FILE *err)
{
	struct sync y = { .err = err, .tty = isatty(fileno(err)) };
	struct item_list started = { 0 };
	struct err e = { "" };

	if (news_offline(n)) {
		fprintf(err, "gxnews: %s\n", _("--sync needs the network; drop --offline"));
		return 1;
	}
	if (news_refresh_tabs(n, &e) < 0) {
		fprintf(err, "gxnews: %s\n", e.msg);
		y.failed++;
	}
	for (size_t t = 0; t < news_ntabs(n); t++)
		if (news_tab(n, t)->url != NULL) {
			news_start(n, JOB_LIST, t, NULL);
			y.total++;
		}
	sync_wait(&y, n);
	for (size_t t = 0; t < news_ntabs(n); t++) {
		struct item_list l = { 0 };

		if (news_get_list(n, t, &l, NULL) < 0)
			continue;
		for (size_t i = 0; i < l.n; i++)
			if (!news_has_article(n, l.v[i].url) && first_time(&started, l.v[i].url)) {
				news_start(n, JOB_ARTICLE, 0, l.v[i].url);
				y.total++;
			}
		item_list_free(&l);
	}
	item_list_free(&started);
	sync_wait(&y, n);
	y.total += sync_pictures(n);
	sync_wait(&y, n);
	/* what was fetched for offline reading can be searched at once */
	if (news_index(n, 0, &e) < 0)
		fprintf(err, "\ngxnews: %s\n", e.msg);
	if (y.tty)
		fputc('\n', err);
	fprintf(err, _("%d fetched, %d failed\n"), y.done - y.failed, y.failed);
	return y.failed ? 1 : 0;
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
