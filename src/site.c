/* site.c: site profiles.  Every selector and URL rule of a site is data in
 * a profile file; this file only knows how to read one and apply it. */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "site.h"
#include "utf8.h"
#include "util.h"

#define FIELDS(_) \
	_(F_PAGE,     "page")     \
	_(F_ITEM,     "item")     \
	_(F_LABEL,    "label")    \
	_(F_TITLE,    "title")    \
	_(F_URL,      "url")      \
	_(F_DATE,     "date")     \
	_(F_SUMMARY,  "summary")  \
	_(F_THUMB,    "thumb")    \
	_(F_RANK,     "rank")     \
	_(F_NEXT,     "next")     \
	_(F_PAGES,    "pages")    \
	_(F_PICTURE,  "picture")  \
	_(F_TIME,     "time")     \
	_(F_SOURCE,   "source")   \
	_(F_AUTHOR,   "author")   \
	_(F_COMMENTS, "comments") \
	_(F_EDITOR,   "editor")   \
	_(F_BODY,     "body")     \
	_(F_CUT,      "cut")      \
	_(F_DETECT,   "detect")

#define F_ENUM(id, name) id,
enum field_id { FIELDS(F_ENUM) F_COUNT };
#define F_NAME(id, name) name,
static const char *const field_names[] = { FIELDS(F_NAME) };

#define B(f) (1u << (f))
#define EXTRACT_ANY (B(F_DETECT))

/* The kinds of section, the fields each takes, and the extra keys. */
enum sec_kind { SEC_SITE, SEC_CHANNELS, SEC_LIST, SEC_ARTICLE, SEC_SPECIAL };

static const struct sec_type {
	const char *name;
	enum sec_kind kind;
	int special;            /* enum site_list_kind for SEC_SPECIAL */
	int takes_name;         /* "[list NAME]" */
	unsigned fields;
} sec_types[] = {
	{ "site",     SEC_SITE,     0, 0, 0 },
	{ "channels", SEC_CHANNELS, 0, 0, B(F_ITEM) | B(F_LABEL) | B(F_URL) },
	{ "list",     SEC_LIST,     0, 1, B(F_DETECT) | B(F_ITEM) | B(F_TITLE) |
	  B(F_URL) | B(F_DATE) | B(F_SUMMARY) | B(F_THUMB) | B(F_NEXT) | B(F_PAGES) |
	  B(F_PICTURE) },
	{ "article",  SEC_ARTICLE,  0, 1, B(F_DETECT) | B(F_TITLE) | B(F_TIME) |
	  B(F_SOURCE) | B(F_AUTHOR) | B(F_COMMENTS) | B(F_EDITOR) | B(F_BODY) |
	  B(F_CUT) | B(F_NEXT) },
	{ "rank all",   SEC_SPECIAL, SITE_RANK_ALL,   0, B(F_ITEM) | B(F_TITLE) |
	  B(F_URL) | B(F_RANK) | B(F_DATE) },
	{ "rank month", SEC_SPECIAL, SITE_RANK_MONTH, 0, B(F_ITEM) | B(F_TITLE) |
	  B(F_URL) | B(F_RANK) | B(F_DATE) },
	{ "picks",      SEC_SPECIAL, SITE_PICKS,      0, B(F_ITEM) | B(F_TITLE) |
	  B(F_URL) | B(F_RANK) | B(F_DATE) },
};

struct field {
	xmlXPathCompExprPtr *alt;   /* fallbacks, first non-empty wins */
	size_t nalt;
	regex_t re;
	int has_re;
};

struct section {
	const struct sec_type *type;
	char *name;
	char *page;                 /* page = (a URL, not an XPath) */
	char *label;                /* label = (special lists: the tab's name) */
	regex_t match;
	int has_match;
	struct field f[F_COUNT];
	char **add, **skip;         /* [channels] add = LABEL URL, skip = LABEL */
	size_t nadd, nskip;
	char **rename;              /* [channels] rename = OLD NEW */
	size_t nrename;
	char **order;               /* [channels] order = LABEL LABEL ... */
	size_t norder;
};

struct site {
	char *path;
	char *name, *label, *url, *charset, *mirror;
	char **hosts;               /* names of the main host (aliases) */
	size_t nhosts;
	char **other;               /* other hosts of the site (e-paper) */
	size_t nother;
	struct section *sec;
	size_t nsec;
};

static locale_t utf8_locale;

static void
xml_quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* Regular expressions are matched in a UTF-8 locale so that [：:] and .
 * see characters, whatever the program's own locale. */
static locale_t
re_locale_enter(void)
{
	if (utf8_locale == (locale_t)0)
		utf8_locale = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	return utf8_locale ? uselocale(utf8_locale) : (locale_t)0;
}

static void
re_locale_leave(locale_t old)
{
	if (old != (locale_t)0)
		uselocale(old);
}

static void
field_free(struct field *f)
{
	for (size_t i = 0; i < f->nalt; i++)
		xmlXPathFreeCompExpr(f->alt[i]);
	free(f->alt);
	if (f->has_re)
		regfree(&f->re);
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
site_free(struct site *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nsec; i++) {
		struct section *c = &s->sec[i];

		for (int f = 0; f < F_COUNT; f++)
			field_free(&c->f[f]);
		if (c->has_match)
			regfree(&c->match);
		free(c->name);
		free(c->page);
		free(c->label);
		strv_free(c->add, c->nadd);
		strv_free(c->skip, c->nskip);
		strv_free(c->rename, c->nrename);
		strv_free(c->order, c->norder);
	}
	free(s->sec);
	strv_free(s->hosts, s->nhosts);
	strv_free(s->other, s->nother);
	free(s->path);
	free(s->name);
	free(s->label);
	free(s->url);
	free(s->charset);
	free(s->mirror);
	free(s);
}

/* ---- reading a profile ------------------------------------------------ */

struct reader {
	struct site *s;
	struct section *cur;
	const char *file;
	int line;
	struct err *e;
};

static int
perr(struct reader *r, const char *what, const char *detail)
{
	return err_set(r->e, _("%s:%d: %s: %s"), r->file, r->line, what, detail);
}

static int
open_section(struct reader *r, char *head)
{
	char *name = NULL;

	for (size_t i = 0; i < ARRAY_LEN(sec_types); i++) {
		const struct sec_type *t = &sec_types[i];
		size_t n = strlen(t->name);

		if (strncmp(head, t->name, n) != 0)
			continue;
		if (head[n] == '\0' && !t->takes_name) {
			name = xstrdup("");
		} else if (head[n] == ' ' && t->takes_name) {
			name = xstrdup(str_trim(head + n));
		} else {
			continue;
		}
		r->s->sec = xrealloc(r->s->sec, (r->s->nsec + 1) * sizeof *r->s->sec);
		r->cur = &r->s->sec[r->s->nsec++];
		memset(r->cur, 0, sizeof *r->cur);
		r->cur->type = t;
		r->cur->name = name;
		return 0;
	}
	return perr(r, _("unknown section"), head);
}

#define RE_MAX 512

/* Whether glibc can compile src in bounded memory: not too long, and no
 * quantifier right after another (a++++… makes regcomp's memory grow
 * exponentially; found by fuzzing). */
static int
re_tame(const char *src)
{
	int prev_quant = 0, in_bracket = 0;

	if (strlen(src) > RE_MAX)
		return 0;
	for (const char *p = src; *p != '\0'; p++) {
		int quant = 0;

		if (in_bracket) {
			in_bracket = *p != ']';
			continue;
		}
		if (*p == '\\' && p[1] != '\0') {
			p++;
		} else if (*p == '[') {
			in_bracket = 1;
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;
		} else if (*p == '*' || *p == '+' || *p == '?') {
			quant = 1;
		} else if (*p == '{') {
			quant = 1;
			while (p[1] != '\0' && p[1] != '}')
				p++;
			if (p[1] == '}')
				p++;
		}
		if (quant && prev_quant)
			return 0;
		prev_quant = quant;
	}
	return 1;
}

static int
compile_re(struct reader *r, regex_t *re, const char *src)
{
	locale_t old;
	int rc;
	char msg[256];

	if (!re_tame(src))
		return perr(r, _("bad regular expression"),
		            _("too long, or a repetition of a repetition (like a++)"));
	old = re_locale_enter();
	rc = regcomp(re, src, REG_EXTENDED);
	re_locale_leave(old);
	if (rc == 0)
		return 0;
	regerror(rc, re, msg, sizeof msg);
	regfree(re);
	return perr(r, _("bad regular expression"), msg);
}

static void
strv_add(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static int
site_key(struct reader *r, const char *key, const char *val)
{
	struct site *s = r->s;

	if (strcmp(key, "name") == 0)
		xfree_set(&s->name, xstrdup(val));
	else if (strcmp(key, "label") == 0)
		xfree_set(&s->label, xstrdup(val));
	else if (strcmp(key, "url") == 0)
		xfree_set(&s->url, xstrdup(val));
	else if (strcmp(key, "charset") == 0)
		xfree_set(&s->charset, xstrdup(val));
	else if (strcmp(key, "hosts") == 0 || strcmp(key, "other-hosts") == 0) {
		char *copy = xstrdup(val), *save = NULL;
		int other = key[0] == 'o';

		for (char *h = strtok_r(copy, " \t", &save); h != NULL;
		     h = strtok_r(NULL, " \t", &save))
			strv_add(other ? &s->other : &s->hosts, other ? &s->nother : &s->nhosts, h);
		free(copy);
	} else
		return perr(r, _("unknown key in [site]"), key);
	return 0;
}

static int
field_key(struct reader *r, const char *key, const char *val)
{
	struct section *c = r->cur;
	size_t klen = strlen(key);
	int is_re = klen > 3 && strcmp(key + klen - 3, ".re") == 0;
	char name[64];

	snprintf(name, sizeof name, "%.*s", (int)(is_re ? klen - 3 : klen), key);
	for (int f = 0; f < F_COUNT; f++) {
		struct field *fl = &c->f[f];
		xmlXPathCompExprPtr x;

		if (strcmp(name, field_names[f]) != 0)
			continue;
		if (!(c->type->fields & B(f)))
			break;
		if (is_re) {
			if (fl->has_re)
				return perr(r, _("repeated key"), key);
			if (compile_re(r, &fl->re, val) < 0)
				return -1;
			fl->has_re = 1;
			return 0;
		}
		x = xmlXPathCompile((const xmlChar *)val);
		if (x == NULL)
			return perr(r, _("bad XPath"), val);
		fl->alt = xrealloc(fl->alt, (fl->nalt + 1) * sizeof *fl->alt);
		fl->alt[fl->nalt++] = x;
		return 0;
	}
	return err_set(r->e, _("%s:%d: unknown key '%s' in [%s%s%s]"), r->file,
	               r->line, key, c->type->name, *c->name ? " " : "", c->name);
}

static int
section_key(struct reader *r, const char *key, const char *val)
{
	struct section *c = r->cur;

	if (c == NULL)
		return perr(r, _("key outside a section"), key);
	if (c->type->kind == SEC_SITE)
		return site_key(r, key, val);
	if (strcmp(key, "page") == 0 && c->type->kind != SEC_ARTICLE &&
	    c->type->kind != SEC_LIST) {
		xfree_set(&c->page, xstrdup(val));
		return 0;
	}
	if (strcmp(key, "label") == 0 && c->type->kind == SEC_SPECIAL) {
		xfree_set(&c->label, xstrdup(val));
		return 0;
	}
	if (strcmp(key, "match") == 0 && (c->type->kind == SEC_LIST ||
	                                  c->type->kind == SEC_ARTICLE)) {
		if (c->has_match)
			return perr(r, _("repeated key"), key);
		if (compile_re(r, &c->match, val) < 0)
			return -1;
		c->has_match = 1;
		return 0;
	}
	if (c->type->kind == SEC_CHANNELS && strcmp(key, "add") == 0) {
		if (strchr(val, ' ') == NULL)
			return perr(r, _("add needs a label and a URL"), val);
		strv_add(&c->add, &c->nadd, val);
		return 0;
	}
	if (c->type->kind == SEC_CHANNELS && strcmp(key, "skip") == 0) {
		strv_add(&c->skip, &c->nskip, val);
		return 0;
	}
	if (c->type->kind == SEC_CHANNELS && strcmp(key, "rename") == 0) {
		if (strchr(val, ' ') == NULL)
			return perr(r, _("rename needs the old and the new label"), val);
		strv_add(&c->rename, &c->nrename, val);
		return 0;
	}
	if (c->type->kind == SEC_CHANNELS && strcmp(key, "order") == 0) {
		char *copy = xstrdup(val), *save = NULL;

		for (char *w = strtok_r(copy, " \t", &save); w != NULL;
		     w = strtok_r(NULL, " \t", &save))
			strv_add(&c->order, &c->norder, w);
		free(copy);
		return 0;
	}
	return field_key(r, key, val);
}

static int
parse_line(struct reader *r, char *line)
{
	char *p = str_trim(line), *eq, *key, *val;

	if (*p == '\0' || *p == '#')
		return 0;
	if (*p == '[') {
		char *end = strchr(p, ']');

		if (end == NULL || end[1] != '\0')
			return perr(r, _("bad section header"), p);
		*end = '\0';
		return open_section(r, str_trim(p + 1));
	}
	eq = strchr(p, '=');
	if (eq == NULL)
		return perr(r, _("expected 'key = value'"), p);
	*eq = '\0';
	key = str_trim(p);
	val = str_trim(eq + 1);
	if (*key == '\0' || *val == '\0')
		return perr(r, _("empty key or value"), key);
	return section_key(r, key, val);
}

static int
check_site(struct reader *r)
{
	struct site *s = r->s;

	if (str_empty(s->url))
		return err_set(r->e, _("%s: [site] has no url"), r->file);
	if (!str_starts(s->url, "http://") && !str_starts(s->url, "https://"))
		return err_set(r->e, _("%s: [site] url must start with http:// or https://"),
		               r->file);
	if (!str_ends(s->url, "/"))
		xfree_set(&s->url, xasprintf("%s/", s->url));
	if (str_empty(s->name))
		xfree_set(&s->name, xstrdup(r->file));
	if (str_empty(s->label))
		xfree_set(&s->label, xstrdup(s->name));
	for (size_t i = 0; i < s->nsec; i++) {
		struct section *c = &s->sec[i];
		unsigned need = 0;

		if (c->type->kind == SEC_LIST || c->type->kind == SEC_SPECIAL ||
		    c->type->kind == SEC_CHANNELS)
			need = B(F_ITEM) | B(F_URL);
		if (c->type->kind == SEC_ARTICLE)
			need = B(F_TITLE) | B(F_BODY);
		for (int f = 0; f < F_COUNT; f++)
			if ((need & B(f)) && c->f[f].nalt == 0)
				return err_set(r->e, _("%s: [%s%s%s] needs '%s'"), r->file,
				               c->type->name, *c->name ? " " : "", c->name,
				               field_names[f]);
	}
	return 0;
}

int
site_load_mem(struct site **out, const char *text, size_t len,
              const char *name, struct err *e)
{
	struct reader r = { .file = name, .e = e };
	char *copy = xstrndup(text, len), *save = NULL, *line, *p;
	int rc = -1;

	xmlSetStructuredErrorFunc(NULL, xml_quiet);
	r.s = xcalloc(1, sizeof *r.s);
	r.s->path = xstrdup(name);
	/* strtok_r would skip empty lines and miscount: walk by hand */
	for (p = copy; p != NULL; p = save) {
		line = p;
		save = strchr(p, '\n');
		if (save != NULL)
			*save++ = '\0';
		r.line++;
		if (parse_line(&r, line) < 0)
			goto out;
	}
	if (check_site(&r) < 0)
		goto out;
	*out = r.s;
	r.s = NULL;
	rc = 0;
out:
	site_free(r.s);
	free(copy);
	return rc;
}

int
site_load(struct site **out, const char *path, struct err *e)
{
	char *text;
	size_t len;
	int rc;

	if (read_file(path, 1 << 20, &text, &len, e) < 0)
		return -1;
	rc = site_load_mem(out, text, len, path, e);
	free(text);
	return rc;
}

/* ---- accessors and URLs --------------------------------------------- */

const char *site_name(const struct site *s) { return s->name; }
const char *site_label(const struct site *s) { return s->label; }
const char *site_url(const struct site *s) { return s->url; }
const char *site_fallback_charset(const struct site *s) { return s->charset; }

void
site_set_mirror(struct site *s, const char *base)
{
	if (str_empty(base)) {
		xfree_set(&s->mirror, NULL);
		return;
	}
	xfree_set(&s->mirror, str_ends(base, "/") ? xstrdup(base)
	                                          : xasprintf("%s/", base));
}

/* Splits "scheme://host[:port]/path" into the host and the path. */
static int
url_split(const char *url, char *host, size_t hostsz, const char **path)
{
	const char *h = strstr(url, "://"), *end;
	size_t n;

	if (h == NULL)
		return -1;
	h += 3;
	end = h + strcspn(h, "/?#");
	n = (size_t)(end - h);
	if (memchr(h, '@', n) != NULL) {        /* user@host: not ours */
		return -1;
	}
	snprintf(host, hostsz, "%.*s", (int)n, h);
	host[strcspn(host, ":")] = '\0';
	*path = end;
	return 0;
}

enum { HOST_NONE, HOST_MAIN, HOST_OTHER };

/* Which of the site's hosts url is on; host gets its name. */
static int
host_kind(const struct site *s, const char *url, char *host, size_t hostsz,
          const char **path)
{
	if (!str_starts(url, "http://") && !str_starts(url, "https://"))
		return HOST_NONE;
	if (url_split(url, host, hostsz, path) < 0)
		return HOST_NONE;
	for (size_t i = 0; i < s->nhosts; i++)
		if (strcasecmp(s->hosts[i], host) == 0)
			return HOST_MAIN;
	for (size_t i = 0; i < s->nother; i++)
		if (strcasecmp(s->other[i], host) == 0)
			return HOST_OTHER;
	return HOST_NONE;
}

int
site_owns(const struct site *s, const char *url)
{
	char host[256];
	const char *path;

	return host_kind(s, url, host, sizeof host, &path) != HOST_NONE;
}

/* The mirror of another host: beside the main host's mirror when that one
 * is a directory named after the main host (…/www.chinahightech.com/ ->
 * …/paper.chinahightech.com/), else the same mirror. */
static char *
mirror_of(const struct site *s, const char *host)
{
	char main_host[256];
	const char *path;
	size_t n = strlen(s->mirror), m;

	if (url_split(s->url, main_host, sizeof main_host, &path) < 0)
		return xstrdup(s->mirror);
	m = strlen(main_host);
	if (n > m + 1 && s->mirror[n - 1] == '/' && s->mirror[n - m - 2] == '/' &&
	    strncmp(s->mirror + n - m - 1, main_host, m) == 0)
		return xasprintf("%.*s%s/", (int)(n - m - 1), s->mirror, host);
	return xstrdup(s->mirror);
}

char *
site_fetch_url(const struct site *s, const char *url)
{
	char host[256];
	const char *path;
	char *out, *base;
	int kind;

	if (s->mirror == NULL)
		return xstrdup(url);
	kind = host_kind(s, url, host, sizeof host, &path);
	if (kind == HOST_NONE)
		return xstrdup(url);
	while (*path == '/')
		path++;
	base = kind == HOST_MAIN ? xstrdup(s->mirror) : mirror_of(s, host);
	out = xasprintf("%s%s", base, path);
	free(base);
	if (str_starts(out, "file://")) {
		out[strcspn(out, "?#")] = '\0';
		if (str_ends(out, "/"))
			xfree_set(&out, xasprintf("%sindex.html", out));
	}
	return out;
}

static const struct section *
find_section(const struct site *s, enum sec_kind kind, int special)
{
	for (size_t i = 0; i < s->nsec; i++)
		if (s->sec[i].type->kind == kind && s->sec[i].type->special == special)
			return &s->sec[i];
	return NULL;
}

static char *
page_url(const struct site *s, const struct section *c)
{
	char *u;

	if (c == NULL)
		return NULL;
	u = html_resolve(s->url, c->page ? c->page : "/");
	return u ? u : xstrdup(s->url);
}

char *
site_channels_url(const struct site *s)
{
	return page_url(s, find_section(s, SEC_CHANNELS, 0));
}

int
site_has_special(const struct site *s, int which)
{
	return find_section(s, SEC_SPECIAL, which) != NULL;
}

const char *
site_special_label(const struct site *s, int which)
{
	static const char *const fallback[SITE_NSPECIAL] = {
		N_("Ranking: all"), N_("Ranking: month"), N_("Editor's picks"),
	};
	const struct section *c = find_section(s, SEC_SPECIAL, which);

	if (c != NULL && c->label != NULL)
		return c->label;
	return _(fallback[which]);
}

char *
site_special_url(const struct site *s, int which)
{
	return page_url(s, find_section(s, SEC_SPECIAL, which));
}

/* ---- extracting ----------------------------------------------------- */

/* The value of a field at node: the first fallback that gives a non-empty
 * string after the field's regex.  NULL if none. */
static char *
field_value(const struct field *f, xmlXPathContextPtr ctx, xmlNodePtr node)
{
	for (size_t i = 0; i < f->nalt; i++) {
		char *v = html_xpath_string(ctx, node, f->alt[i]);

		if (*v != '\0' && f->has_re) {
			regmatch_t m[2];
			locale_t old = re_locale_enter();
			int rc = regexec(&f->re, v, 2, m, 0);

			re_locale_leave(old);
			if (rc != 0) {
				*v = '\0';
			} else {
				int g = m[1].rm_so >= 0 ? 1 : 0;
				char *sub = xstrndup(v + m[g].rm_so,
				                     (size_t)(m[g].rm_eo - m[g].rm_so));

				xfree_set(&v, html_squeeze(sub));
			}
		}
		if (*v != '\0')
			return v;
		free(v);
	}
	return NULL;
}

static int
url_matches(const struct section *c, const char *url)
{
	locale_t old;
	int rc;

	if (!c->has_match)
		return 1;
	old = re_locale_enter();
	rc = regexec(&c->match, url, 0, NULL, 0);
	re_locale_leave(old);
	return rc == 0;
}

static int
detected(const struct section *c, xmlXPathContextPtr ctx, xmlDocPtr doc)
{
	const struct field *d = &c->f[F_DETECT];

	for (size_t i = 0; i < d->nalt; i++) {
		xmlXPathObjectPtr o = html_xpath_nodes(ctx, (xmlNodePtr)doc, d->alt[i]);

		if (o != NULL) {
			xmlXPathFreeObject(o);
			return 1;
		}
	}
	return d->nalt == 0;
}

/* The first section of a kind whose match and detect accept the page. */
static const struct section *
pick_template(const struct site *s, enum sec_kind kind, const char *url,
              xmlXPathContextPtr ctx, xmlDocPtr doc)
{
	for (size_t i = 0; i < s->nsec; i++) {
		const struct section *c = &s->sec[i];

		if (c->type->kind != kind || !url_matches(c, url))
			continue;
		if (doc == NULL || detected(c, ctx, doc))
			return c;
	}
	return NULL;
}

int
site_is_article_url(const struct site *s, const char *url)
{
	for (size_t i = 0; i < s->nsec; i++)
		if (s->sec[i].type->kind == SEC_ARTICLE && s->sec[i].has_match &&
		    url_matches(&s->sec[i], url))
			return 1;
	return 0;
}

struct page {
	htmlDocPtr doc;
	xmlXPathContextPtr ctx;
};

static int
page_open(struct page *pg, const struct site *s, const char *html,
          size_t len, const char *url, struct err *e)
{
	xmlSetStructuredErrorFunc(NULL, xml_quiet);
	pg->doc = html_parse(html, len);
	pg->ctx = NULL;
	if (pg->doc == NULL)
		return err_set(e, _("%s: empty page"), url);
	pg->ctx = xmlXPathNewContext(pg->doc);
	if (pg->ctx == NULL) {
		xmlFreeDoc(pg->doc);
		return err_set(e, _("%s: out of memory"), url);
	}
	(void)s;
	return 0;
}

static void
page_close(struct page *pg)
{
	if (pg->ctx != NULL)
		xmlXPathFreeContext(pg->ctx);
	if (pg->doc != NULL)
		xmlFreeDoc(pg->doc);
}

/* A link to one of the site's hosts, on its canonical scheme and host, so
 * that http://, https:// and host aliases name one article once. */
static char *
canonical(const struct site *s, char *url)
{
	char host[256];
	const char *path;
	char *out;
	int kind;

	if (url == NULL)
		return url;
	kind = host_kind(s, url, host, sizeof host, &path);
	if (kind == HOST_NONE)
		return url;
	while (*path == '/')
		path++;
	if (kind == HOST_MAIN)
		out = xasprintf("%s%s", s->url, path);
	else    /* another host: the main host's scheme, its own name */
		out = xasprintf("%.*s%s/%s", (int)(strstr(s->url, "://") + 3 - s->url),
		                s->url, host, path);
	free(url);
	return out;
}

static char *
field_url(const struct site *s, const struct field *f, xmlXPathContextPtr ctx,
          xmlNodePtr node, const char *base)
{
	char *v = field_value(f, ctx, node), *u;

	if (v == NULL)
		return NULL;
	u = html_resolve(base, v);
	free(v);
	return canonical(s, u);
}

#define TITLE_MAX 1000      /* characters, as feed titles */

/* A title cut to TITLE_MAX characters, with "…" if cut. */
static char *
cap_title(char *t)
{
	size_t chars = 0, i;

	if (t == NULL)
		return NULL;
	for (i = 0; t[i] != '\0'; i++)
		if (utf8_lead((unsigned char)t[i]) && ++chars > TITLE_MAX)
			break;
	if (t[i] == '\0')
		return t;
	t[i] = '\0';
	xfree_set(&t, xasprintf("%s…", t));
	return t;
}

/* Items of a list or special section, in document order. */
static void
extract_items(const struct site *s, const struct section *c, struct page *pg,
              const char *url,
              struct item_list *out)
{
	for (size_t a = 0; a < c->f[F_ITEM].nalt; a++) {
		xmlXPathObjectPtr o = html_xpath_nodes(pg->ctx, (xmlNodePtr)pg->doc,
		                                       c->f[F_ITEM].alt[a]);
		xmlNodeSetPtr ns;

		if (o == NULL)
			continue;
		ns = o->nodesetval;
		for (int i = 0; i < ns->nodeNr; i++) {
			xmlNodePtr n = ns->nodeTab[i];
			char *link = field_url(s, &c->f[F_URL], pg->ctx, n, url);
			char *title = field_value(&c->f[F_TITLE], pg->ctx, n);
			struct item *it;

			if (link == NULL || title == NULL || item_list_has(out, link)) {
				free(link);
				free(title);
				continue;
			}
			it = item_list_add(out);
			it->url = link;
			it->title = cap_title(title);
			it->date = field_value(&c->f[F_DATE], pg->ctx, n);
			it->time = time_parse_cn(it->date);
			it->summary = field_value(&c->f[F_SUMMARY], pg->ctx, n);
			it->thumb = field_url(s, &c->f[F_THUMB], pg->ctx, n, url);
			char *rank = field_value(&c->f[F_RANK], pg->ctx, n);
			if (c->type->kind == SEC_SPECIAL)
				it->rank = rank ? atoi(rank) : (int)out->n;
			if (c->type->kind == SEC_SPECIAL && it->rank <= 0)
				it->rank = (int)out->n;
			free(rank);
		}
		xmlXPathFreeObject(o);
		break;      /* the first item XPath that selects anything */
	}
}

/* [channels] rename and order: labels the user prefers, in the order the
 * user prefers (channels not named keep their order, after the named). */
static void
relabel(const struct section *c, struct item_list *l)
{
	size_t placed = 0;

	for (size_t k = 0; k < c->nrename; k++) {
		const char *sp = strchr(c->rename[k], ' ');
		size_t n = (size_t)(sp - c->rename[k]);

		for (size_t i = 0; i < l->n; i++)
			if (strlen(l->v[i].title) == n &&
			    strncmp(l->v[i].title, c->rename[k], n) == 0)
				xfree_set(&l->v[i].title,
				          xstrdup(sp + 1 + strspn(sp + 1, " ")));
	}
	for (size_t k = 0; k < c->norder; k++)
		for (size_t i = placed; i < l->n; i++) {
			if (strcmp(l->v[i].title, c->order[k]) != 0)
				continue;
			struct item it = l->v[i];

			memmove(&l->v[placed + 1], &l->v[placed], (i - placed) * sizeof it);
			l->v[placed++] = it;
			break;
		}
}

int
site_channels(const struct site *s, const char *html, size_t len,
              const char *url, struct channel_list *out, struct err *e)
{
	const struct section *c = find_section(s, SEC_CHANNELS, 0);
	struct page pg;
	struct item_list l = { 0 };
	size_t found;

	if (c == NULL)
		return err_set(e, _("profile %s has no [channels]"), s->path);
	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	for (size_t a = 0; a < c->f[F_ITEM].nalt && l.n == 0; a++) {
		xmlXPathObjectPtr o = html_xpath_nodes(pg.ctx, (xmlNodePtr)pg.doc,
		                                       c->f[F_ITEM].alt[a]);

		if (o == NULL)
			continue;
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNodePtr n = o->nodesetval->nodeTab[i];
			char *link = field_url(s, &c->f[F_URL], pg.ctx, n, url);
			char *label = field_value(&c->f[F_LABEL], pg.ctx, n);
			int skip = link == NULL || label == NULL || item_list_has(&l, link);

			for (size_t k = 0; !skip && k < c->nskip; k++)
				skip = strcmp(c->skip[k], label) == 0;
			if (skip) {
				free(link);
				free(label);
				continue;
			}
			struct item *it = item_list_add(&l);
			it->url = link;
			it->title = label;
		}
		xmlXPathFreeObject(o);
	}
	found = l.n;
	for (size_t k = 0; k < c->nadd; k++) {
		char *sp = strrchr(c->add[k], ' ');
		char *label = str_trim(xstrndup(c->add[k], (size_t)(sp - c->add[k])));
		char *link = canonical(s, html_resolve(s->url, sp + 1));

		if (link != NULL && !item_list_has(&l, link)) {
			struct item *it = item_list_add(&l);
			it->url = link;
			it->title = xstrdup(label);
		} else {
			free(link);
		}
		free(label);
	}
	relabel(c, &l);
	for (size_t i = 0; i < l.n; i++)
		channel_list_add(out, l.v[i].title, l.v[i].url);
	item_list_free(&l);
	page_close(&pg);
	return (int)found;
}

static char *
next_url(const struct site *s, const struct field *f, struct page *pg,
         const char *url)
{
	char *next = field_url(s, f, pg->ctx, (xmlNodePtr)pg->doc, url);

	if (next != NULL && strcmp(next, url) == 0)
		xfree_set(&next, NULL);     /* PHPCMS: 下一页 on the last page */
	return next;
}

int
site_list(const struct site *s, const char *html, size_t len,
          const char *url, struct item_list *out, struct err *e)
{
	const struct section *c;
	struct page pg;
	char *pages;

	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	c = pick_template(s, SEC_LIST, url, pg.ctx, pg.doc);
	if (c == NULL) {
		page_close(&pg);
		return err_set(e, _("%s: no list template of %s fits this page"),
		               url, s->path);
	}
	extract_items(s, c, &pg, url, out);
	xfree_set(&out->next_url, next_url(s, &c->f[F_NEXT], &pg, url));
	xfree_set(&out->picture, field_url(s, &c->f[F_PICTURE], pg.ctx,
	                                   (xmlNodePtr)pg.doc, url));
	pages = field_value(&c->f[F_PAGES], pg.ctx, (xmlNodePtr)pg.doc);
	out->npages = pages ? atoi(pages) : 0;
	free(pages);
	page_close(&pg);
	return 0;
}

int
site_special(const struct site *s, int which, const char *html, size_t len,
             const char *url, struct item_list *out, struct err *e)
{
	const struct section *c = find_section(s, SEC_SPECIAL, which);
	struct page pg;

	if (c == NULL)
		return err_set(e, _("profile %s has no such list"), s->path);
	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	extract_items(s, c, &pg, url, out);
	page_close(&pg);
	return 0;
}

/* Removes the nodes the profile's cut XPaths select below body. */
static void
cut_nodes(const struct field *cut, xmlXPathContextPtr ctx, xmlNodePtr body)
{
	xmlNodePtr *gone = NULL;
	size_t n = 0;

	for (size_t a = 0; a < cut->nalt; a++) {
		xmlXPathObjectPtr o = html_xpath_nodes(ctx, body, cut->alt[a]);

		if (o == NULL)
			continue;
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNodePtr x = o->nodesetval->nodeTab[i];

			if (x == body || (x->type != XML_ELEMENT_NODE &&
			                  x->type != XML_TEXT_NODE &&
			                  x->type != XML_COMMENT_NODE))
				continue;
			gone = xrealloc(gone, (n + 1) * sizeof *gone);
			gone[n++] = x;
		}
		xmlXPathFreeObject(o);
		/* unlink now, so a later XPath cannot select what is gone */
		for (size_t i = 0; i < n; i++)
			xmlUnlinkNode(gone[i]);
		for (size_t i = 0; i < n; i++)
			xmlFreeNode(gone[i]);
		n = 0;
	}
	free(gone);
}

int
site_article(const struct site *s, const char *html, size_t len,
             const char *url, struct article *a, struct err *e)
{
	const struct section *c;
	struct page pg;
	xmlNodePtr root;
	xmlXPathObjectPtr body;
	char *comments;

	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	root = (xmlNodePtr)pg.doc;
	c = pick_template(s, SEC_ARTICLE, url, pg.ctx, pg.doc);
	if (c == NULL) {
		page_close(&pg);
		return err_set(e, _("%s: no article template of %s fits this page"),
		               url, s->path);
	}
	xfree_set(&a->url, xstrdup(url));
	xfree_set(&a->title, cap_title(field_value(&c->f[F_TITLE], pg.ctx, root)));
	xfree_set(&a->time_text, field_value(&c->f[F_TIME], pg.ctx, root));
	a->time = time_parse_cn(a->time_text);
	xfree_set(&a->source, field_value(&c->f[F_SOURCE], pg.ctx, root));
	xfree_set(&a->author, field_value(&c->f[F_AUTHOR], pg.ctx, root));
	xfree_set(&a->editor, field_value(&c->f[F_EDITOR], pg.ctx, root));
	comments = field_value(&c->f[F_COMMENTS], pg.ctx, root);
	a->comments = comments && isdigit((unsigned char)*comments) ? atoi(comments) : -1;
	free(comments);
	xfree_set(&a->next_page, next_url(s, &c->f[F_NEXT], &pg, url));
	for (size_t i = 0; i < c->f[F_BODY].nalt && a->body_html == NULL; i++) {
		body = html_xpath_nodes(pg.ctx, root, c->f[F_BODY].alt[i]);
		if (body == NULL)
			continue;
		xmlNodePtr b = body->nodesetval->nodeTab[0];
		xmlXPathFreeObject(body);
		cut_nodes(&c->f[F_CUT], pg.ctx, b);
		a->body_html = html_serialize(b);
	}
	page_close(&pg);
	if (str_empty(a->title))
		return err_set(e, _("%s: the page has no title where %s expects one"),
		               url, s->path);
	if (a->body_html == NULL)
		a->body_html = xstrdup("");
	return 0;
}
