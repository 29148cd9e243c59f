/* site.c: site profiles.  Every selector and URL rule of a site is data in
 * a profile file; this file only knows how to read one and apply it. */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "generic.h"
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

/* A field's XPaths in the order they are tried, the first non-empty
 * winning: rule[i] is 0 for the first key of the field (the profile's
 * rule: its alternatives written "A || B"), 1.. for the keys repeated
 * after it (the profile's fallbacks). */
struct field {
	xmlXPathCompExprPtr *alt;
	int *rule;
	size_t nalt;
	int nrules;
	regex_t re;
	int has_re;
};

struct section {
	const struct sec_type *type;
	char *name;
	char **pages;               /* page = (URLs, not XPaths), tried in order */
	size_t npages;
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
	free(f->rule);
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
		strv_free(c->pages, c->npages);
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

/* Where " || " separates a rule's alternatives (outside quotes), or NULL. */
static const char *
alt_split(const char *v)
{
	char quote = 0;

	for (const char *p = v; *p != '\0'; p++) {
		if (quote != 0) {
			quote = *p == quote ? 0 : quote;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (p[0] == '|' && p[1] == '|') {
			return p;
		}
	}
	return NULL;
}

/* One key's XPaths: "A || B || C" are alternatives of one rule. */
static int
add_rule(struct reader *r, struct field *fl, const char *val)
{
	char *copy = xstrdup(val), *p = copy;
	int rc = 0;

	while (p != NULL && rc == 0) {
		char *bar = (char *)alt_split(p), *one;
		xmlXPathCompExprPtr x;

		if (bar != NULL)
			*bar = '\0';
		one = str_trim(p);
		x = *one != '\0' ? xmlXPathCompile((const xmlChar *)one) : NULL;
		if (x == NULL) {
			rc = perr(r, _("bad XPath"), *one ? one : val);
			break;
		}
		fl->alt = xrealloc(fl->alt, (fl->nalt + 1) * sizeof *fl->alt);
		fl->rule = xrealloc(fl->rule, (fl->nalt + 1) * sizeof *fl->rule);
		fl->alt[fl->nalt] = x;
		fl->rule[fl->nalt++] = fl->nrules;
		p = bar != NULL ? bar + 2 : NULL;
	}
	fl->nrules++;
	free(copy);
	return rc;
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
		return add_rule(r, fl, val);
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
		strv_add(&c->pages, &c->npages, val);
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
	if (s->nhosts == 0) {           /* the url's own host */
		const char *h = strstr(s->url, "://") + 3;
		char *host = xstrndup(h, strcspn(h, "/:"));

		strv_add(&s->hosts, &s->nhosts, host);
		free(host);
	}
	if (str_empty(s->name))
		xfree_set(&s->name, xstrdup(r->file));
	if (str_empty(s->label))
		xfree_set(&s->label, xstrdup(s->name));
	/* fields read at an item are nothing without the item */
	for (size_t i = 0; i < s->nsec; i++) {
		const struct section *c = &s->sec[i];
		unsigned per_item = B(F_LABEL) | B(F_TITLE) | B(F_URL) | B(F_DATE) |
		                    B(F_SUMMARY) | B(F_THUMB) | B(F_RANK);

		if (c->type->kind == SEC_ARTICLE || c->f[F_ITEM].nalt > 0)
			continue;
		for (int f = 0; f < F_COUNT; f++)
			if ((per_item & B(f)) && c->f[f].nalt > 0)
				return err_set(r->e, _("%s: [%s%s%s] needs '%s'"), r->file,
				               c->type->name, *c->name ? " " : "", c->name,
				               field_names[F_ITEM]);
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
page_url(const struct site *s, const struct section *c, size_t i)
{
	char *u;

	if ((c == NULL || c->npages == 0) && i == 0)
		return xstrdup(s->url);
	if (c == NULL || i >= c->npages)
		return NULL;
	u = html_resolve(s->url, c->pages[i]);
	return u ? u : xstrdup(s->url);
}

char *
site_channels_url(const struct site *s, size_t i)
{
	return page_url(s, find_section(s, SEC_CHANNELS, 0), i);
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
site_special_url(const struct site *s, int which, size_t i)
{
	return page_url(s, find_section(s, SEC_SPECIAL, which), i);
}

/* ---- what read each field ----------------------------------------------- */

#define SF_INFO(id, page, name, words) { page, name, words },
static const struct site_field_info field_info[SF_COUNT] = { SITE_FIELDS(SF_INFO) };

const struct site_field_info *
site_field_info(int field)
{
	return field >= 0 && field < SF_COUNT ? &field_info[field] : NULL;
}

void
site_read_free(struct site_read *rd)
{
	if (rd == NULL)
		return;
	for (int f = 0; f < SF_COUNT; f++)
		free(rd->sample[f]);
	free(rd->tmpl);
	memset(rd, 0, sizeof *rd);
}

/* A value of field f was read by layer: the page's field is as good as
 * the worst of its values; the first value is its sample. */
static void
note(struct site_read *rd, int f, int layer, const char *value)
{
	if (rd == NULL || layer == SITE_MISSING)
		return;
	if (layer > rd->layer[f])
		rd->layer[f] = layer;
	if (rd->sample[f] == NULL && !str_empty(value))
		rd->sample[f] = xstrdup(value);
}

/* ---- extracting ----------------------------------------------------- */

static char *
apply_re(const struct field *f, char *v)
{
	regmatch_t m[2];
	locale_t old;
	int rc, g;

	if (*v == '\0' || !f->has_re)
		return v;
	old = re_locale_enter();
	rc = regexec(&f->re, v, 2, m, 0);
	re_locale_leave(old);
	if (rc != 0) {
		*v = '\0';
		return v;
	}
	g = m[1].rm_so >= 0 ? 1 : 0;
	char *sub = xstrndup(v + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));

	free(v);
	return html_squeeze(sub);
}

/* The value of a field at node: the first XPath that gives a non-empty
 * string after the field's regex.  NULL if none; *layer says whether the
 * profile's rule or a fallback gave it. */
static char *
field_value(const struct field *f, xmlXPathContextPtr ctx, xmlNodePtr node,
            int *layer)
{
	for (size_t i = 0; i < f->nalt; i++) {
		char *v = apply_re(f, html_xpath_string(ctx, node, f->alt[i]));

		if (*v != '\0') {
			if (layer != NULL)
				*layer = f->rule[i] == 0 ? SITE_PROFILE : SITE_FALLBACK;
			return v;
		}
		free(v);
	}
	if (layer != NULL)
		*layer = SITE_MISSING;
	return NULL;
}

/* The first node a field's XPaths select (the element holding a value). */
static xmlNodePtr
field_node(const struct field *f, xmlXPathContextPtr ctx, xmlNodePtr node,
           int *layer)
{
	for (size_t i = 0; i < f->nalt; i++) {
		xmlXPathObjectPtr o = html_xpath_nodes(ctx, node, f->alt[i]);
		xmlNodePtr n;

		if (o == NULL)
			continue;
		n = o->nodesetval->nodeTab[0];
		xmlXPathFreeObject(o);
		if (n->type == XML_ATTRIBUTE_NODE)
			n = n->parent;
		if (n != NULL && (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE)) {
			if (layer != NULL)
				*layer = f->rule[i] == 0 ? SITE_PROFILE : SITE_FALLBACK;
			return n->type == XML_TEXT_NODE ? n->parent : n;
		}
	}
	if (layer != NULL)
		*layer = SITE_MISSING;
	return NULL;
}

/* Whether a section's match accepts url, or url without its query and
 * fragment (a link's ?from=list or #top changes no page's kind). */
static int
url_matches(const struct section *c, const char *url)
{
	locale_t old;
	char *bare;
	int rc;

	if (!c->has_match)
		return 1;
	old = re_locale_enter();
	rc = regexec(&c->match, url, 0, NULL, 0);
	if (rc != 0 && url[strcspn(url, "?#")] != '\0') {
		bare = xstrndup(url, strcspn(url, "?#"));
		rc = regexec(&c->match, bare, 0, NULL, 0);
		free(bare);
	}
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

/* The section of a kind that reads the page: the first whose match and
 * detect accept it, else (the page's markup changed) the first whose
 * match accepts its URL, else NULL (generic rules only). */
static const struct section *
pick_template(const struct site *s, enum sec_kind kind, const char *url,
              xmlXPathContextPtr ctx, xmlDocPtr doc)
{
	const struct section *by_url = NULL;

	for (size_t i = 0; i < s->nsec; i++) {
		const struct section *c = &s->sec[i];

		if (c->type->kind != kind || !url_matches(c, url))
			continue;
		if (doc == NULL || detected(c, ctx, doc))
			return c;
		if (by_url == NULL)
			by_url = c;
	}
	return by_url;
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

const char *
site_article_template(const struct site *s, const char *url)
{
	for (size_t i = 0; i < s->nsec; i++)
		if (s->sec[i].type->kind == SEC_ARTICLE && s->sec[i].has_match &&
		    url_matches(&s->sec[i], url))
			return s->sec[i].name;
	return NULL;
}

/* Whether the profile says what an article URL looks like. */
static int
knows_articles(const struct site *s)
{
	for (size_t i = 0; i < s->nsec; i++)
		if (s->sec[i].type->kind == SEC_ARTICLE && s->sec[i].has_match)
			return 1;
	return 0;
}

struct page {
	const struct site *s;
	const char *url;
	htmlDocPtr doc;
	xmlNodePtr root;
	xmlXPathContextPtr ctx;
	int guess;              /* article URLs by their look, not the profile */
};

static int
page_open(struct page *pg, const struct site *s, const char *html,
          size_t len, const char *url, struct err *e)
{
	memset(pg, 0, sizeof *pg);
	pg->s = s;
	pg->url = url;
	xmlSetStructuredErrorFunc(NULL, xml_quiet);
	pg->doc = html_parse(html, len);
	if (pg->doc == NULL)
		return err_set(e, _("%s: empty page"), url);
	pg->root = (xmlNodePtr)pg->doc;
	pg->ctx = xmlXPathNewContext(pg->doc);
	if (pg->ctx == NULL) {
		xmlFreeDoc(pg->doc);
		return err_set(e, _("%s: out of memory"), url);
	}
	pg->guess = !knows_articles(s);
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

/* A link to one of the site's hosts (or to the mirror it is read from),
 * on its canonical scheme and host, so that http://, https://, host
 * aliases and the mirror name one article once. */
static char *
canonical(const struct site *s, char *url)
{
	char host[256];
	const char *path;
	char *out;
	int kind;

	if (url == NULL)
		return url;
	if (s->mirror != NULL && !str_starts(s->mirror, "file:") &&
	    str_starts(url, s->mirror)) {
		out = xasprintf("%s%s", s->url, url + strlen(s->mirror));
		free(url);
		return out;
	}
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
resolve(const struct site *s, const char *base, const char *href)
{
	return canonical(s, html_resolve(base, href));
}

static char *
field_url(const struct site *s, const struct field *f, xmlXPathContextPtr ctx,
          xmlNodePtr node, const char *base, int *layer)
{
	char *v = field_value(f, ctx, node, layer), *u;

	if (v == NULL)
		return NULL;
	u = resolve(s, base, v);
	free(v);
	if (u == NULL && layer != NULL)
		*layer = SITE_MISSING;
	return u;
}

/* The generic rules' view of a link on the page (gen_url_fn). */
static char *
gen_url(void *arg, const char *href, int *article)
{
	const struct page *pg = arg;
	char *u = resolve(pg->s, pg->url, href);

	if (u == NULL || str_starts(u, "file:")) {
		free(u);
		return NULL;
	}
	*article = pg->guess ? gen_article_like(u) : site_is_article_url(pg->s, u);
	return u;
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

/* ---- lists ------------------------------------------------------------ */

/* The fields of one item a profile's item XPath selected; what the
 * profile's rules miss is read by the generic rules at the item. */
static int
profile_item(struct page *pg, const struct section *c, xmlNodePtr n,
             struct item *it, int fields[3], int layer[3])
{
	const struct site *s = pg->s;
	char *gurl = NULL, *gtitle = NULL;

	it->url = field_url(s, &c->f[F_URL], pg->ctx, n, pg->url, &layer[0]);
	it->title = field_value(&c->f[F_TITLE], pg->ctx, n, &layer[1]);
	if ((it->url == NULL || it->title == NULL) &&
	    gen_link_in(n, gen_url, pg, &gurl, &gtitle) == 0) {
		if (it->url == NULL) {
			it->url = gurl, layer[0] = SITE_GENERIC;
			gurl = NULL;
		}
		if (it->title == NULL) {
			it->title = gtitle, layer[1] = SITE_GENERIC;
			gtitle = NULL;
		}
	}
	free(gurl);
	free(gtitle);
	if (it->url == NULL || it->title == NULL)
		return -1;
	it->date = field_value(&c->f[F_DATE], pg->ctx, n, &layer[2]);
	if (it->date == NULL && fields[2]) {
		struct gen_items one = { 0 };
		struct gen_item gi = { .node = n, .url = it->url, .title = it->title };
		char d[11];

		one.v = &gi;
		one.n = 1;
		if (gen_item_date(&one, 0, 0, d)) {
			it->date = xstrdup(d);
			layer[2] = SITE_GENERIC;
		}
	}
	it->summary = field_value(&c->f[F_SUMMARY], pg->ctx, n, NULL);
	it->thumb = field_url(s, &c->f[F_THUMB], pg->ctx, n, pg->url, NULL);
	return 0;
}

/* A date as time_parse_cn reads it: the profile's text when it reads,
 * else the date found in it in any form. */
static void
item_time(struct item *it)
{
	char norm[32];
	size_t at, len;

	it->time = time_parse_cn(it->date);
	if (it->time == 0 && it->date != NULL &&
	    gen_find_date(it->date, gen_url_year(it->url), &at, &len, norm)) {
		norm[10] = '\0';
		xfree_set(&it->date, xstrdup(norm));
		it->time = time_parse_cn(it->date);
	}
}

/* Items by the profile's item XPaths: the first rule selecting any. */
static int
profile_items(struct page *pg, const struct section *c, struct item_list *out,
              struct site_read *rd, int fitem, int ftitle, int fdate)
{
	const struct field *fi = &c->f[F_ITEM];
	int items_layer = SITE_MISSING;

	for (size_t a = 0; a < fi->nalt && out->n == 0; a++) {
		xmlXPathObjectPtr o = html_xpath_nodes(pg->ctx, pg->root, fi->alt[a]);

		if (o == NULL)
			continue;
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			struct item it = { 0 };
			int fields[3] = { 1, 1, fdate >= 0 }, layer[3] = { 0, 0, 0 };

			if (profile_item(pg, c, o->nodesetval->nodeTab[i], &it, fields, layer) < 0 ||
			    item_list_has(out, it.url)) {
				item_free(&it);
				continue;
			}
			it.title = cap_title(it.title);
			item_time(&it);
			if (c->type->kind == SEC_SPECIAL) {
				char *rank = field_value(&c->f[F_RANK], pg->ctx,
				                         o->nodesetval->nodeTab[i], NULL);

				it.rank = rank ? atoi(rank) : 0;
				if (it.rank <= 0)
					it.rank = (int)out->n + 1;
				free(rank);
			}
			*item_list_add(out) = it;
			note(rd, ftitle, layer[1], it.title);
			if (fdate >= 0)
				note(rd, fdate, layer[2], it.date);
		}
		items_layer = fi->rule[a] == 0 ? SITE_PROFILE : SITE_FALLBACK;
		xmlXPathFreeObject(o);
	}
	if (out->n > 0)
		note(rd, fitem, items_layer, out->v[0].url);
	return (int)out->n;
}

/* Items by the generic rules: the page's main list, or (special) the
 * list under its heading.  Article URLs as the profile says, else by
 * their look. */
static void
generic_items(struct page *pg, int special, struct item_list *out,
              struct site_read *rd, int fitem, int ftitle, int fdate)
{
	struct gen_items g = { 0 };

	for (int pass = pg->guess; pass < 2 && g.n == 0; pass++) {
		pg->guess = pass;
		if (special >= 0)
			gen_headed_list(pg->root, special, gen_url, pg, &g);
		else
			gen_main_list(pg->root, gen_url, pg, &g);
	}
	pg->guess = !knows_articles(pg->s);
	for (size_t i = 0; i < g.n; i++) {
		struct item *it;
		char d[11], *thumb;

		if (item_list_has(out, g.v[i].url))
			continue;
		it = item_list_add(out);
		it->url = xstrdup(g.v[i].url);
		it->title = cap_title(xstrdup(g.v[i].title));
		if (special >= 0) {
			it->rank = (int)out->n;
		} else {
			if (gen_item_date(&g, i, 1, d))
				it->date = xstrdup(d);
			thumb = gen_item_thumb(&g.v[i]);
			it->thumb = resolve(pg->s, pg->url, thumb);
			free(thumb);
		}
		item_time(it);
		note(rd, ftitle, SITE_GENERIC, it->title);
		if (fdate >= 0)
			note(rd, fdate, it->date ? SITE_GENERIC : SITE_MISSING, it->date);
	}
	if (out->n > 0)
		note(rd, fitem, SITE_GENERIC, out->v[0].url);
	gen_items_free(&g);
}

/* The list the generic rules see, when it holds every item the profile
 * read and more: items the profile's rules miss (a link written another
 * way) are not lost.  The profile's reading of an item is kept. */
static void
complete(struct page *pg, struct item_list *l, struct site_read *rd)
{
	struct item_list g = { 0 };
	struct site_read grd = { 0 };
	size_t shared = 0;

	generic_items(pg, -1, &g, &grd, SF_ITEMS, SF_ITEM_TITLE, SF_ITEM_DATE);
	for (size_t i = 0; i < l->n; i++)
		shared += item_list_has(&g, l->v[i].url);
	if (g.n > l->n && shared == l->n) {
		for (size_t i = 0; i < g.n; i++) {
			for (size_t k = 0; k < l->n; k++)
				if (strcmp(l->v[k].url, g.v[i].url) == 0) {
					item_free(&g.v[i]);
					g.v[i] = l->v[k];
					memset(&l->v[k], 0, sizeof l->v[k]);
					l->v[k].url = xstrdup("");
					break;
				}
		}
		for (size_t i = 0; i < l->n; i++)
			item_free(&l->v[i]);
		free(l->v);
		l->v = g.v;
		l->n = g.n;
		l->cap = g.cap;
		g.v = NULL;
		g.n = g.cap = 0;
		note(rd, SF_ITEMS, SITE_GENERIC, NULL);
		note(rd, SF_ITEM_TITLE, grd.layer[SF_ITEM_TITLE], NULL);
		note(rd, SF_ITEM_DATE, grd.layer[SF_ITEM_DATE], NULL);
	}
	item_list_free(&g);
	site_read_free(&grd);
}

static char *
next_url(const struct site *s, const struct field *f, struct page *pg,
         int article, int *layer)
{
	char *next = field_url(s, f, pg->ctx, pg->root, pg->url, layer);

	if (next != NULL && strcmp(next, pg->url) == 0) {
		xfree_set(&next, NULL);     /* PHPCMS: 下一页 on the last page */
		*layer = SITE_MISSING;
	}
	if (next == NULL) {
		next = gen_next(pg->root, pg->url, article, gen_url, pg);
		*layer = next ? SITE_GENERIC : SITE_MISSING;
	}
	return next;
}

static void
set_tmpl(struct site_read *rd, const struct section *c)
{
	if (rd != NULL)
		xfree_set(&rd->tmpl, xstrdup(c ? c->name : ""));
}

int
site_list(const struct site *s, const char *html, size_t len,
          const char *url, struct item_list *out, struct site_read *rd,
          struct err *e)
{
	const struct section *c;
	struct page pg;
	char *pages;
	int layer;

	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	c = pick_template(s, SEC_LIST, url, pg.ctx, pg.doc);
	set_tmpl(rd, c);
	if (c != NULL && profile_items(&pg, c, out, rd, SF_ITEMS, SF_ITEM_TITLE, SF_ITEM_DATE) > 0)
		complete(&pg, out, rd);
	if (out->n == 0)
		generic_items(&pg, -1, out, rd, SF_ITEMS, SF_ITEM_TITLE, SF_ITEM_DATE);
	if (c != NULL) {
		xfree_set(&out->next_url, next_url(s, &c->f[F_NEXT], &pg, 0, &layer));
		xfree_set(&out->picture, field_url(s, &c->f[F_PICTURE], pg.ctx, pg.root,
		                                   url, NULL));
		pages = field_value(&c->f[F_PAGES], pg.ctx, pg.root, NULL);
		out->npages = pages ? atoi(pages) : 0;
		free(pages);
	} else {
		xfree_set(&out->next_url, gen_next(pg.root, url, 0, gen_url, &pg));
		layer = out->next_url ? SITE_GENERIC : SITE_MISSING;
	}
	note(rd, SF_LIST_NEXT, layer, out->next_url);
	page_close(&pg);
	return 0;
}

static const int special_field[SITE_NSPECIAL] = {
	[SITE_RANK_ALL] = SF_RANK_ALL,
	[SITE_RANK_MONTH] = SF_RANK_MONTH,
	[SITE_PICKS] = SF_PICKS,
};

int
site_special(const struct site *s, int which, const char *html, size_t len,
             const char *url, struct item_list *out, struct site_read *rd,
             struct err *e)
{
	const struct section *c;
	struct page pg;
	int f;

	if (which < 0 || which >= SITE_NSPECIAL)
		return err_set(e, _("profile %s has no such list"), s->path);
	c = find_section(s, SEC_SPECIAL, which);
	f = special_field[which];
	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	set_tmpl(rd, c);
	if (c != NULL)
		profile_items(&pg, c, out, rd, f, f, -1);
	if (out->n == 0)
		generic_items(&pg, which, out, rd, f, f, -1);
	page_close(&pg);
	return 0;
}

/* ---- channels ------------------------------------------------------------ */

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

static int
skipped(const struct section *c, const char *label)
{
	for (size_t k = 0; c != NULL && k < c->nskip; k++)
		if (strcmp(c->skip[k], label) == 0)
			return 1;
	return 0;
}

/* The channels by the profile's item XPaths (the first selecting any). */
static int
profile_channels(struct page *pg, const struct section *c, struct item_list *l)
{
	int layer = SITE_MISSING;

	for (size_t a = 0; a < c->f[F_ITEM].nalt && l->n == 0; a++) {
		xmlXPathObjectPtr o = html_xpath_nodes(pg->ctx, pg->root, c->f[F_ITEM].alt[a]);

		if (o == NULL)
			continue;
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNodePtr n = o->nodesetval->nodeTab[i];
			char *link = field_url(pg->s, &c->f[F_URL], pg->ctx, n, pg->url, NULL);
			char *label = field_value(&c->f[F_LABEL], pg->ctx, n, NULL);

			if (link == NULL || label == NULL || item_list_has(l, link) ||
			    skipped(c, label)) {
				free(link);
				free(label);
				continue;
			}
			struct item *it = item_list_add(l);
			it->url = link;
			it->title = label;
		}
		xmlXPathFreeObject(o);
		layer = c->f[F_ITEM].rule[a] == 0 ? SITE_PROFILE : SITE_FALLBACK;
	}
	return l->n > 0 ? layer : SITE_MISSING;
}

/* The generic view of a channel link: a page of the site, no article. */
static char *
gen_channel_url(void *arg, const char *href, int *article)
{
	const struct page *pg = arg;
	char *u = resolve(pg->s, pg->url, href);

	if (u == NULL || !site_owns(pg->s, u)) {
		free(u);
		return NULL;
	}
	*article = site_is_article_url(pg->s, u) || gen_article_like(u);
	return u;
}

int
site_channels(const struct site *s, const char *html, size_t len,
              const char *url, struct channel_list *out, struct site_read *rd,
              struct err *e)
{
	const struct section *c = find_section(s, SEC_CHANNELS, 0);
	struct page pg;
	struct item_list l = { 0 };
	size_t found;
	int layer = SITE_MISSING;

	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	set_tmpl(rd, c);
	if (c != NULL)
		layer = profile_channels(&pg, c, &l);
	if (l.n == 0) {
		struct item_list g = { 0 };

		gen_channels(pg.root, gen_channel_url, &pg, &g);
		for (size_t i = 0; i < g.n; i++)
			if (!skipped(c, g.v[i].title)) {
				struct item *it = item_list_add(&l);

				it->url = g.v[i].url;
				it->title = g.v[i].title;
				g.v[i].url = g.v[i].title = NULL;
			}
		item_list_free(&g);
		layer = l.n > 0 ? SITE_GENERIC : SITE_MISSING;
	}
	found = l.n;
	note(rd, SF_CHANNELS, layer, l.n ? l.v[0].title : NULL);
	for (size_t k = 0; c != NULL && k < c->nadd; k++) {
		char *sp = strrchr(c->add[k], ' ');
		char *label = str_trim(xstrndup(c->add[k], (size_t)(sp - c->add[k])));
		char *link = resolve(s, s->url, sp + 1);

		if (link != NULL && !item_list_has(&l, link)) {
			struct item *it = item_list_add(&l);
			it->url = link;
			it->title = xstrdup(label);
		} else {
			free(link);
		}
		free(label);
	}
	if (c != NULL)
		relabel(c, &l);
	for (size_t i = 0; i < l.n; i++)
		channel_list_add(out, l.v[i].title, l.v[i].url);
	item_list_free(&l);
	page_close(&pg);
	return (int)found;
}

/* ---- articles ------------------------------------------------------------- */

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

/* Whether a body shows anything: text or a picture. */
static int
has_content(xmlNodePtr body)
{
	char *t = gen_text(body, 64);
	int yes = *t != '\0';

	free(t);
	for (xmlNodePtr n = body; n != NULL && !yes; ) {
		yes = n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "img") == 0;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != body && n->next == NULL)
			n = n->parent;
		n = n == NULL || n == body ? NULL : n->next;
	}
	return yes;
}

/* What the generic rules read of an article's header, in the text
 * between its title and its body. */
struct header {
	xmlNodePtr title_node, body_start;
	char *between;          /* text between title and body */
	char *before;           /* text before the title */
	char *body_text;        /* the body's text (its 责任编辑 line) */
	char *after;            /* text right after the body */
};

static void
header_free(struct header *h)
{
	free(h->between);
	free(h->before);
	free(h->body_text);
	free(h->after);
}

static void
header_read(struct page *pg, struct header *h, xmlNodePtr *blocks, size_t nblocks)
{
	xmlNodePtr root = pg->root;

	if (h->title_node != NULL && h->body_start != NULL &&
	    xmlXPathCmpNodes(h->title_node, h->body_start) == 1 &&
	    !gen_contains(h->body_start, h->title_node))
		h->between = gen_text_between(root, h->title_node, h->body_start, 2000);
	else if (h->title_node != NULL && h->body_start != NULL &&
	         gen_contains(h->body_start, h->title_node))
		h->between = gen_text_between(root, h->title_node, NULL, 400);
	else if (h->body_start != NULL)
		h->between = gen_text_before(root, h->body_start, 600);
	else
		h->between = gen_text_between(root, h->title_node, NULL, 600);
	h->before = gen_text_before(root, h->title_node ? h->title_node : h->body_start, 1500);
	if (nblocks > 0) {
		struct buf b;

		buf_init(&b, 0);
		for (size_t i = 0; i < nblocks; i++) {
			char *t = gen_text(blocks[i], 1 << 20);

			buf_addf(&b, "%s ", t);
			free(t);
		}
		h->body_text = buf_steal(&b, NULL);
		h->after = gen_text_between(root, blocks[nblocks - 1], NULL, 300);
	}
}

/* The time: a date after the title, else before it, else in the page's
 * metadata, else in the URL.  As the page writes it, in one form. */
static char *
generic_time(struct page *pg, const struct header *h)
{
	static const char *const metas[][2] = {
		{ "property", "article:published_time" }, { "name", "pubdate" },
		{ "name", "publishdate" }, { "itemprop", "datePublished" },
	};
	const char *texts[] = { h->between, h->before };
	char norm[32];
	size_t at, len;

	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		if (gen_find_date(texts[i], 0, &at, &len, norm))
			return xstrdup(norm);
	for (size_t i = 0; i < ARRAY_LEN(metas); i++) {
		char *c = gen_meta(pg->root, metas[i][0], metas[i][1]);
		int found = c != NULL && gen_find_date(c, 0, &at, &len, norm);

		free(c);
		if (found)
			return xstrdup(norm);
	}
	return gen_url_date(pg->url, norm) ? xstrdup(norm) : NULL;
}

/* One header field: the profile's, else the generic reading; *layer says
 * which.  A labelled value (来源, 作者, 责任编辑) loses the brackets and
 * punctuation of the line it was cut from ([来源:X] read by 来源:(.+)). */
static char *
header_field(struct page *pg, const struct field *f, int sf, char *generic,
             struct site_read *rd, int *layer)
{
	char *v = field_value(f, pg->ctx, pg->root, layer);

	if (sf != SF_TIME) {
		gen_trim_value(v);
		gen_trim_value(generic);
		if (v != NULL && *v == '\0')
			xfree_set(&v, NULL);
	}
	if (v == NULL && generic != NULL && *generic != '\0') {
		v = generic;
		generic = NULL;
		*layer = SITE_GENERIC;
	}
	free(generic);
	note(rd, sf, *layer, v);
	return v;
}

/* The profile's body and the blocks after it that go on with its text
 * (a body split by an advertisement): those are moved into it.  Whether
 * any was. */
static int
goes_on(xmlNodePtr body)
{
	xmlNodePtr c = body->next, next;
	int more = 0;

	for (; c != NULL && !extract_is_notice(c); c = next) {
		next = c->next;
		if (!extract_goes_on(c))
			continue;
		xmlUnlinkNode(c);
		xmlAddChild(body, c);
		more = 1;
	}
	return more;
}

/* The 责任编辑 line the generic rules read the editor from: not text. */
static void
cut_editor_line(xmlNodePtr body, const char *editor)
{
	xmlNodePtr last = NULL;

	if (editor == NULL)
		return;
	for (xmlNodePtr n = body->children; n != NULL; ) {
		if (n->type == XML_ELEMENT_NODE) {
			char *t = gen_text(n, 200);

			if (strstr(t, editor) != NULL && strstr(t, "编") != NULL &&
			    utf8_count(t, strlen(t)) < 40)
				last = n;
			free(t);
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL && last != n) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != body && n->next == NULL)
			n = n->parent;
		n = n == NULL || n == body ? NULL : n->next;
	}
	if (last != NULL) {
		xmlUnlinkNode(last);
		xmlFreeNode(last);
	}
}

static const struct field no_field;

#define FIELD(c, id) ((c) != NULL ? &(c)->f[id] : &no_field)

/* The body element the profile names, or the blocks the generic
 * extractor finds. */
static xmlNodePtr
find_body(struct page *pg, const struct section *c, struct extract_blocks *blocks,
          int *layer)
{
	xmlNodePtr b = field_node(FIELD(c, F_BODY), pg->ctx, pg->root, layer);

	memset(blocks, 0, sizeof *blocks);
	if (b != NULL)
		return b;
	*layer = SITE_MISSING;
	if (extract_find(pg->doc, blocks) < 0)
		return NULL;
	*layer = SITE_GENERIC;
	return blocks->v[0];
}

int
site_article(const struct site *s, const char *html, size_t len,
             const char *url, struct article *a, struct site_read *rd,
             struct err *e)
{
	const struct section *c;
	struct page pg;
	struct header h = { 0 };
	struct extract_blocks blocks;
	xmlNodePtr body;
	char *comments, *sample = NULL;
	int layer, body_layer, editor_layer, rc = -1;

	if (page_open(&pg, s, html, len, url, e) < 0)
		return -1;
	c = pick_template(s, SEC_ARTICLE, url, pg.ctx, pg.doc);
	set_tmpl(rd, c);
	xfree_set(&a->url, xstrdup(url));
	/* the title, and the element showing it */
	xfree_set(&a->title, field_value(FIELD(c, F_TITLE), pg.ctx, pg.root, &layer));
	if (a->title != NULL && gen_site_name(pg.root, a->title, s->label))
		xfree_set(&a->title, NULL);     /* a logo's h1, not the title */
	if (a->title != NULL) {
		h.title_node = field_node(FIELD(c, F_TITLE), pg.ctx, pg.root, NULL);
	} else {
		a->title = gen_title(pg.root, s->label, &h.title_node);
		layer = a->title ? SITE_GENERIC : SITE_MISSING;
	}
	a->title = cap_title(a->title);
	note(rd, SF_TITLE, layer, a->title);
	body = find_body(&pg, c, &blocks, &body_layer);
	if (body_layer != SITE_GENERIC && body != NULL && goes_on(body))
		body_layer = SITE_GENERIC;      /* its text goes on after it */
	h.body_start = body;
	header_read(&pg, &h, blocks.n > 0 ? blocks.v : &body, blocks.n > 0 ? blocks.n : body != NULL);
	xfree_set(&a->time_text, header_field(&pg, FIELD(c, F_TIME), SF_TIME,
	                                      generic_time(&pg, &h), rd, &layer));
	a->time = time_parse_cn(a->time_text);
	xfree_set(&a->source, header_field(&pg, FIELD(c, F_SOURCE), SF_SOURCE,
	                                   gen_labelled(h.between, GL_SOURCE), rd, &layer));
	xfree_set(&a->author, header_field(&pg, FIELD(c, F_AUTHOR), SF_AUTHOR,
	                                   gen_labelled(h.between, GL_AUTHOR), rd, &layer));
	{
		char *ed = gen_last_labelled(h.body_text, GL_EDITOR);

		if (ed == NULL)
			ed = gen_labelled(h.after, GL_EDITOR);
		if (ed == NULL)
			ed = gen_labelled(h.between, GL_EDITOR);
		xfree_set(&a->editor, header_field(&pg, FIELD(c, F_EDITOR), SF_EDITOR, ed, rd,
		                                   &editor_layer));
	}
	comments = field_value(FIELD(c, F_COMMENTS), pg.ctx, pg.root, NULL);
	a->comments = comments && isdigit((unsigned char)*comments) ? atoi(comments)
	                                                            : gen_comments(h.between);
	free(comments);
	xfree_set(&a->next_page, next_url(s, FIELD(c, F_NEXT), &pg, 1, &layer));
	note(rd, SF_ART_NEXT, layer, a->next_page);
	/* the body, last: the generic extractor moves its blocks together */
	if (blocks.n > 0)
		body = extract_take(&blocks, url, a->title, h.title_node);
	if (body != NULL) {
		cut_nodes(FIELD(c, F_CUT), pg.ctx, body);
		gen_cut_pagers(body);
	}
	if (body != NULL && editor_layer == SITE_GENERIC)
		cut_editor_line(body, a->editor);
	if (body != NULL && has_content(body))
		xfree_set(&a->body_html, body_layer == SITE_GENERIC ? extract_serialize(body)
		                                                   : html_serialize(body));
	else
		body_layer = SITE_MISSING;
	if (a->body_html != NULL)
		sample = gen_text(body, 200);
	note(rd, SF_BODY, body_layer, sample);
	free(sample);
	if (str_empty(a->title))
		err_set(e, _("%s: the page has no title (neither %s nor the generic rules find one)"),
		        url, s->path);
	else if (body_layer == SITE_MISSING)
		err_set(e, _("%s: the page has no article text (neither %s nor the generic rules find it)"),
		        url, s->path);
	else
		rc = 0;
	extract_blocks_free(&blocks);
	header_free(&h);
	page_close(&pg);
	return rc;
}
