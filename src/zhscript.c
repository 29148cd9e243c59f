/* zhscript.c: Simplified to Traditional (and back, for queries) with
 * OpenCC's own configurations and dictionaries.  OpenCC reads its input
 * as NUL-terminated UTF-8 and trusts it: a sequence cut short makes it
 * read past the end.  So only runs of well-formed UTF-8 without NUL reach
 * it; every other byte passes through as it came. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_OPENCC
#include <opencc.h>
#endif

#include "zhscript.h"
#include "utf8.h"

static const char *const names[ZH_NSCRIPTS] = {
	[ZH_SIMPLIFIED] = "simplified",
	[ZH_TRADITIONAL] = "traditional",
	[ZH_HK] = "hk",
	[ZH_TW] = "tw",
};

/* OpenCC's configurations: Simplified to each script, and each back. */
static const char *const to_config[ZH_NSCRIPTS] = {
	[ZH_TRADITIONAL] = "s2t.json",
	[ZH_HK] = "s2hk.json",
	[ZH_TW] = "s2twp.json",
};
static const char *const from_config[ZH_NSCRIPTS] = {
	[ZH_SIMPLIFIED] = "t2s.json",
	[ZH_TRADITIONAL] = "t2s.json",
	[ZH_HK] = "hk2s.json",
	[ZH_TW] = "tw2sp.json",
};

static const char *const labels[ZH_NSCRIPTS] = {
	[ZH_SIMPLIFIED] = N_("Chinese as published, in Simplified characters"),
	[ZH_TRADITIONAL] = N_("Chinese in Traditional characters"),
	[ZH_HK] = N_("Chinese in Traditional characters, Hong Kong forms"),
	[ZH_TW] = N_("Chinese in Traditional characters, Taiwan forms and words"),
};

int
zh_script_parse(const char *name)
{
	for (int i = 0; name != NULL && i < ZH_NSCRIPTS; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *
zh_script_name(int script)
{
	return script >= 0 && script < ZH_NSCRIPTS ? names[script] : names[0];
}

const char *
zh_script_label(int script)
{
	return script >= 0 && script < ZH_NSCRIPTS ? labels[script] : labels[0];
}

int
zh_script_from_locale(void)
{
	static const struct {
		const char *prefix;
		int script;
	} regions[] = {
		{ "zh_TW", ZH_TW }, { "zh_HK", ZH_HK }, { "zh_MO", ZH_HK },
	};
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = NULL;

	for (size_t i = 0; i < ARRAY_LEN(vars) && str_empty(v); i++)
		v = getenv(vars[i]);
	for (size_t i = 0; !str_empty(v) && i < ARRAY_LEN(regions); i++)
		if (str_starts(v, regions[i].prefix))
			return regions[i].script;
	return ZH_SIMPLIFIED;
}

int
zh_script_toggle(int script, int preferred)
{
	if (script != ZH_SIMPLIFIED)
		return ZH_SIMPLIFIED;
	return preferred != ZH_SIMPLIFIED ? preferred : ZH_TRADITIONAL;
}

const char *
zh_version(void)
{
#ifdef HAVE_OPENCC
	return "OpenCC " OPENCC_VERSION;
#else
	return NULL;
#endif
}

/* ---- remembered conversions --------------------------------------------- */

#define CACHE_MAX_LEN 1024      /* longer texts (bodies) convert every time */
#define CACHE_SLOTS   16384     /* a power of two; emptied when 3/4 full */

struct slot {
	uint32_t hash;
	size_t   klen;
	char    *key, *val;
};

struct cache {
	struct slot *v;         /* CACHE_SLOTS, allocated on first use */
	size_t used;
};

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;       /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
cache_clear(struct cache *c)
{
	for (size_t i = 0; c->v != NULL && i < CACHE_SLOTS; i++) {
		free(c->v[i].key);
		free(c->v[i].val);
	}
	free(c->v);
	c->v = NULL;
	c->used = 0;
}

/* The slot holding s, or the empty one where it would go. */
static struct slot *
cache_find(struct cache *c, const char *s, size_t len, uint32_t h)
{
	size_t i = h & (CACHE_SLOTS - 1);

	if (c->v == NULL)
		c->v = xcalloc(CACHE_SLOTS, sizeof *c->v);
	for (;;) {
		struct slot *sl = &c->v[i];

		if (sl->key == NULL ||
		    (sl->hash == h && sl->klen == len && memcmp(sl->key, s, len) == 0))
			return sl;
		i = (i + 1) & (CACHE_SLOTS - 1);
	}
}

/* ---- OpenCC ---------------------------------------------------------------- */

struct conv {
	int   tried;
#ifdef HAVE_OPENCC
	opencc_t cc;            /* NULL: could not be opened */
#endif
	char *why;              /* why it could not, malloc'd */
};

struct zh {
	struct conv to[ZH_NSCRIPTS], from[ZH_NSCRIPTS];
	struct cache cache[ZH_NSCRIPTS];
};

struct zh *
zh_new(void)
{
	return xcalloc(1, sizeof(struct zh));
}

static void
conv_close(struct conv *c)
{
#ifdef HAVE_OPENCC
	if (c->cc != NULL)
		opencc_close(c->cc);
#endif
	free(c->why);
	memset(c, 0, sizeof *c);
}

void
zh_free(struct zh *z)
{
	if (z == NULL)
		return;
	for (int i = 0; i < ZH_NSCRIPTS; i++) {
		conv_close(&z->to[i]);
		conv_close(&z->from[i]);
		cache_clear(&z->cache[i]);
	}
	free(z);
}

/* Opens a configuration once; 0 if it is usable. */
static int
conv_open(struct conv *c, const char *config)
{
	if (c->tried)
		return c->why == NULL ? 0 : -1;
	c->tried = 1;
#ifdef HAVE_OPENCC
	{
		opencc_t cc = opencc_open(config);

		if (cc != (opencc_t)-1 && cc != NULL) {
			c->cc = cc;
			return 0;
		}
		c->why = xasprintf(_("cannot load OpenCC's %s: %s"), config,
		                   opencc_error() ? opencc_error() : "?");
	}
#else
	(void)config;
	c->why = xstrdup(_("this gxnews was built without OpenCC, so Chinese is "
	                   "shown as published (Simplified)"));
#endif
	return -1;
}

/* One run of well-formed UTF-8 without NUL, converted when it holds more
 * than ASCII (copied if OpenCC fails on it). */
static void
convert_run(struct conv *c, const char *s, size_t len, int wide, struct buf *out)
{
#ifdef HAVE_OPENCC
	char *r = wide && len > 0 ? opencc_convert_utf8(c->cc, s, len) : NULL;

	if (r != NULL && r != (char *)-1) {
		buf_adds(out, r);
		opencc_convert_utf8_free(r);
		return;
	}
#else
	(void)c;
	(void)wide;
#endif
	buf_add(out, s, len);
}

/* s[0..len) through an open converter into out. */
static void
convert_with(struct conv *c, const char *s, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t start = i, k;
		int wide = 0;

		for (; i < len && u[i] != '\0'; i += k) {
			k = utf8_valid_len(u + i, len - i);
			if (k == 0)
				break;
			wide |= k > 1;
		}
		convert_run(c, s + start, i - start, wide, out);
		if (i < len) {          /* a NUL or a byte that is not UTF-8 */
			buf_add(out, s + i, 1);
			i++;
		}
	}
}

static char *
convert(struct conv *c, const char *s, size_t len)
{
	struct buf b;

	buf_init(&b, 0);
	convert_with(c, s, len, &b);
	return buf_steal(&b, NULL);
}

int
zh_check(struct zh *z, int script, struct err *e)
{
	if (script < 0 || script >= ZH_NSCRIPTS)
		return err_set(e, _("unknown Chinese script"));
	if (script == ZH_SIMPLIFIED)
		return 0;
	if (conv_open(&z->to[script], to_config[script]) < 0)
		return err_set(e, "%s", z->to[script].why);
	return 0;
}

char *
zh_convert(struct zh *z, int script, const char *s, size_t len)
{
	struct cache *c;
	struct slot *sl;
	uint32_t h;

	if (s == NULL)
		return NULL;
	if (script <= ZH_SIMPLIFIED || script >= ZH_NSCRIPTS ||
	    conv_open(&z->to[script], to_config[script]) < 0)
		return xstrndup(s, len);
	if (len > CACHE_MAX_LEN)
		return convert(&z->to[script], s, len);
	c = &z->cache[script];
	h = hash_bytes(s, len);
	sl = cache_find(c, s, len, h);
	if (sl->key == NULL) {
		if (c->used >= CACHE_SLOTS / 4 * 3) {
			cache_clear(c);
			sl = cache_find(c, s, len, h);
		}
		sl->hash = h;
		sl->klen = len;
		sl->key = xstrndup(s, len);
		sl->val = convert(&z->to[script], s, len);
		c->used++;
	}
	return xstrdup(sl->val);
}

void
zh_convert_in_place(struct zh *z, int script, char **s)
{
	if (*s != NULL && script != ZH_SIMPLIFIED)
		xfree_set(s, zh_convert(z, script, *s, strlen(*s)));
}

char *
zh_to_simplified(struct zh *z, int script, const char *s)
{
	if (script < 0 || script >= ZH_NSCRIPTS)
		script = ZH_SIMPLIFIED;
	if (conv_open(&z->from[script], from_config[script]) < 0)
		return xstrdup(s);
	return convert(&z->from[script], s, strlen(s));
}

static size_t
add_form(char *out[ZH_MAX_FORMS], size_t n, char *form)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i], form) == 0) {
			free(form);
			return n;
		}
	out[n] = form;
	return n + 1;
}

size_t
zh_query_forms(struct zh *z, int script, const char *query,
               char *out[ZH_MAX_FORMS])
{
	int trad = script == ZH_SIMPLIFIED ? ZH_TRADITIONAL : script;
	size_t n = 0;

	n = add_form(out, n, xstrdup(query));
	n = add_form(out, n, zh_to_simplified(z, script, query));
	return add_form(out, n, zh_convert(z, trad, query, strlen(query)));
}
