/* query.c: the query language (see query.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"
#include "utf8.h"

#define MAX_AGE_DAYS (366 * 100)

/* Field names as written, English and Chinese. */
static const struct {
	const char *name;
	int kind, field;
} fields[] = {
	{ "title", QC_TEXT, QF_TITLE }, { "text", QC_TEXT, QF_TEXT },
	{ "author", QC_TEXT, QF_AUTHOR }, { "source", QC_TEXT, QF_SOURCE },
	{ "newer", QC_NEWER, 0 }, { "older", QC_OLDER, 0 },
	{ "标题", QC_TEXT, QF_TITLE }, { "正文", QC_TEXT, QF_TEXT },
	{ "作者", QC_TEXT, QF_AUTHOR }, { "来源", QC_TEXT, QF_SOURCE },
};

static const struct {
	const char *word;
	int kind;
} flags[] = {
	{ "unread", QC_UNREAD }, { "read", QC_READ }, { "starred", QC_STARRED },
};

static const struct {
	char unit;
	int64_t seconds;
} units[] = {
	{ 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 7 * 86400 },
};

/* The lexer: where it is in the text, in bytes and in characters. */
struct lex {
	const char *s;
	size_t at;
	int col;                /* the character at s[at], from 1 */
	struct err *e;
	int *ecol;
};

static size_t
separator(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	return strncmp(p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;      /* U+3000 */
}

/* One character on. */
static void
step(struct lex *x)
{
	uint32_t cp;
	size_t len = strlen(x->s + x->at);

	if (len == 0)
		return;
	x->at += utf8_decode(x->s + x->at, len, &cp);
	x->col++;
}

static int __attribute__((format(printf, 3, 4)))
fail(struct lex *x, int col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (x->ecol != NULL)
		*x->ecol = col;
	return err_set(x->e, _("column %d: %s"), col, msg);
}

static int
at_end_of_word(const struct lex *x)
{
	return x->s[x->at] == '\0' || separator(x->s + x->at) > 0;
}

/* A quoted string at x (on its opening quote) into *out. */
static int
quoted(struct lex *x, char **out)
{
	int open = x->col;
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	step(x);
	while (x->s[x->at] != '"') {
		size_t from = x->at;

		if (x->s[x->at] == '\0') {
			buf_free(&b);
			return fail(x, open, "%s", _("the quote is not closed"));
		}
		if (x->s[x->at] == '\\' && (x->s[x->at + 1] == '"' || x->s[x->at + 1] == '\\'))
			from = ++x->at, x->col++;
		step(x);
		buf_add(&b, x->s + from, x->at - from);
	}
	step(x);
	if (!at_end_of_word(x)) {
		buf_free(&b);
		return fail(x, x->col, "%s", _("a space must follow the closing quote"));
	}
	if (b.len == 0) {
		buf_free(&b);
		return fail(x, open, "%s", _("nothing between the quotes"));
	}
	*out = buf_steal(&b, NULL);
	return 0;
}

/* A word up to a space (or, when stop_eq, an '='). */
static char *
bare(struct lex *x, int stop_eq)
{
	size_t from = x->at;

	while (!at_end_of_word(x) && !(stop_eq && x->s[x->at] == '='))
		step(x);
	return xstrndup(x->s + from, x->at - from);
}

static void
add_cond(struct query *q, const struct query_cond *c)
{
	q->v = xrealloc(q->v, (q->n + 1) * sizeof *q->v);
	q->v[q->n++] = *c;
}

int
query_age(const char *v, int64_t *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	int64_t unit = 86400;

	if (end != v && *end != '\0' && end[1] == '\0') {
		unit = 0;
		for (size_t i = 0; i < ARRAY_LEN(units); i++)
			if (units[i].unit == *end)
				unit = units[i].seconds;
	}
	if (v[0] < '0' || v[0] > '9' || unit == 0 || (*end != '\0' && end[1] != '\0') ||
	    n > (int64_t)MAX_AGE_DAYS * 86400 / unit)
		return -1;
	*out = (int64_t)n * unit;
	return 0;
}

static int
parse_age(struct lex *x, const char *name, const char *v, int col, int64_t *out)
{
	if (query_age(v, out) < 0)
		return fail(x, col, _("%s takes an age such as 7d, 12h, 30m or 2w, not '%s'"),
		            name, v);
	return 0;
}

/* FIELD=VALUE, x just past the '='. */
static int
field_value(struct lex *x, const char *name, int col, struct query_cond *c)
{
	char *v = NULL;
	int vcol = x->col, found = 0;

	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (strcasecmp(fields[i].name, name) == 0) {
			c->kind = fields[i].kind;
			c->field = fields[i].field;
			found = 1;
			break;
		}
	if (!found)
		return fail(x, col, _("unknown field '%s' (title, text, author, source, "
		                      "newer, older)"), name);
	if (at_end_of_word(x))
		return fail(x, col, _("%s= needs a value"), name);
	if (x->s[x->at] == '"') {
		if (quoted(x, &v) < 0)
			return -1;
	} else {
		v = bare(x, 0);
	}
	if (c->kind == QC_TEXT) {
		c->forms = xcalloc(1, sizeof *c->forms);
		c->forms[0] = v;
		c->nforms = 1;
		return 0;
	}
	if (parse_age(x, name, v, vcol, &c->age) < 0) {
		free(v);
		return -1;
	}
	c->age_text = v;
	return 0;
}

/* A bare word: a mark, FIELD=VALUE, or a word to find. */
static int
word(struct lex *x, struct query_cond *c)
{
	int col = x->col;
	char *w = bare(x, 1);
	int rc = 0;

	if (x->s[x->at] == '=') {
		step(x);
		rc = field_value(x, w, col, c);
		free(w);
		return rc;
	}
	for (size_t i = 0; i < ARRAY_LEN(flags); i++)
		if (strcasecmp(flags[i].word, w) == 0) {
			c->kind = flags[i].kind;
			free(w);
			return 0;
		}
	c->kind = QC_TEXT;
	c->field = QF_ANY;
	c->forms = xcalloc(1, sizeof *c->forms);
	c->forms[0] = w;
	c->nforms = 1;
	return 0;
}

static int
condition(struct lex *x, struct query_cond *c)
{
	memset(c, 0, sizeof *c);
	c->col = x->col;
	if (x->s[x->at] == '-') {
		c->negate = 1;
		step(x);
		if (at_end_of_word(x))
			return fail(x, c->col, "%s", _("'-' must come right before a condition"));
	}
	if (x->s[x->at] == '"') {
		c->kind = QC_TEXT;
		c->field = QF_ANY;
		c->forms = xcalloc(1, sizeof *c->forms);
		c->nforms = 1;
		return quoted(x, &c->forms[0]);
	}
	return word(x, c);
}

static void
cond_free(struct query_cond *c)
{
	for (size_t i = 0; i < c->nforms; i++)
		free(c->forms[i]);
	free(c->forms);
	free(c->age_text);
}

static void
skip_spaces(struct lex *x)
{
	size_t sep;

	while ((sep = separator(x->s + x->at)) > 0) {
		x->at += sep;
		x->col++;
	}
}

int
query_word_at(const char *s, int col0, char **out, size_t *end, int *col,
              struct err *e)
{
	struct lex x = { s, 0, col0, e, col };

	*out = NULL;
	skip_spaces(&x);
	*end = x.at;
	if (s[x.at] == '\0')
		return 1;
	if (s[x.at] == '"' && quoted(&x, out) < 0)
		return -1;
	if (*out == NULL)
		*out = bare(&x, 0);
	*end = x.at;
	return 0;
}

int
query_parse(const char *s, struct query *out, int *col, struct err *e)
{
	return query_parse_at(s, 1, out, col, e);
}

int
query_parse_at(const char *s, int col0, struct query *out, int *col, struct err *e)
{
	struct lex x = { s ? s : "", 0, col0, e, col };

	memset(out, 0, sizeof *out);
	for (;;) {
		struct query_cond c;

		skip_spaces(&x);
		if (x.s[x.at] == '\0')
			return 0;
		if (condition(&x, &c) < 0) {
			cond_free(&c);
			query_free(out);
			return -1;
		}
		add_cond(out, &c);
	}
}

void
query_free(struct query *q)
{
	for (size_t i = 0; i < q->n; i++)
		cond_free(&q->v[i]);
	free(q->v);
	memset(q, 0, sizeof *q);
}

void
query_add_form(struct query *q, size_t i, const char *form)
{
	struct query_cond *c;

	if (i >= q->n || q->v[i].kind != QC_TEXT || form == NULL)
		return;
	c = &q->v[i];
	for (size_t k = 0; k < c->nforms; k++)
		if (strcmp(c->forms[k], form) == 0)
			return;
	c->forms = xrealloc(c->forms, (c->nforms + 1) * sizeof *c->forms);
	c->forms[c->nforms++] = xstrdup(form);
}

/* ---- writing a query out ------------------------------------------------ */

/* Whether v must be quoted to read back as the same value. */
static int
needs_quotes(const char *v, int bare_word)
{
	if (*v == '\0' || *v == '-' || *v == '"')
		return 1;
	for (const char *p = v; *p != '\0'; p++)
		if (separator(p) > 0 || *p == '"' || *p == '\\' || *p == '#' ||
		    (bare_word && *p == '='))
			return 1;
	for (size_t i = 0; bare_word && i < ARRAY_LEN(flags); i++)
		if (strcasecmp(flags[i].word, v) == 0)
			return 1;
	return 0;
}

static void
add_value(struct buf *b, const char *v, int bare_word)
{
	if (!needs_quotes(v, bare_word)) {
		buf_adds(b, v);
		return;
	}
	buf_add(b, "\"", 1);
	for (const char *p = v; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

static const char *
field_name(int kind, int field)
{
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (fields[i].kind == kind && (kind != QC_TEXT || fields[i].field == field))
			return fields[i].name;
	return "";
}

char *
query_format(const struct query *q)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < q->n; i++) {
		const struct query_cond *c = &q->v[i];

		if (i > 0)
			buf_add(&b, " ", 1);
		if (c->negate)
			buf_add(&b, "-", 1);
		if (c->kind == QC_TEXT && c->field == QF_ANY) {
			add_value(&b, c->forms[0], 1);
		} else if (c->kind == QC_TEXT) {
			buf_addf(&b, "%s=", field_name(c->kind, c->field));
			add_value(&b, c->forms[0], 0);
		} else if (c->kind == QC_NEWER || c->kind == QC_OLDER) {
			buf_addf(&b, "%s=%s", field_name(c->kind, 0), c->age_text);
		} else {
			for (size_t k = 0; k < ARRAY_LEN(flags); k++)
				if (flags[k].kind == c->kind)
					buf_adds(&b, flags[k].word);
		}
	}
	return buf_steal(&b, NULL);
}

char *
query_of_search(const char *text)
{
	struct query q = { NULL, 0 };
	struct lex x = { text, 0, 1, NULL, NULL };
	char *out;

	for (;;) {
		struct query_cond c = { .kind = QC_TEXT, .field = QF_ANY };
		size_t from;

		skip_spaces(&x);
		if (x.s[x.at] == '\0')
			break;
		from = x.at;
		while (!at_end_of_word(&x))
			step(&x);
		c.forms = xcalloc(1, sizeof *c.forms);
		c.forms[0] = xstrndup(x.s + from, x.at - from);
		c.nforms = 1;
		add_cond(&q, &c);
	}
	out = query_format(&q);
	query_free(&q);
	return out;
}

char *
query_words(const struct query *q)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < q->n; i++) {
		const struct query_cond *c = &q->v[i];

		if (c->kind != QC_TEXT || c->field != QF_ANY || c->negate)
			continue;
		if (b.len > 0)
			buf_add(&b, " ", 1);
		buf_adds(&b, c->forms[0]);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b, NULL);
}

int
query_has(const struct query *q, int kind, int field)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->v[i].kind == kind && (kind != QC_TEXT || field < 0 ||
		                             q->v[i].field == field))
			return 1;
	return 0;
}

/* ---- matching ------------------------------------------------------------- */

struct subject {
	const struct query_subject *s;
	const char *text;
	int text_read;
};

static int
holds_in(const char *hay, const struct query_cond *c)
{
	if (hay == NULL)
		return 0;
	for (size_t k = 0; k < c->nforms; k++)
		if (str_find_ci(hay, strlen(hay), c->forms[k]) != NULL)
			return 1;
	return 0;
}

static const char *
text_of(struct subject *sb)
{
	if (!sb->text_read && sb->s->text != NULL)
		sb->text = sb->s->text(sb->s->ctx);
	sb->text_read = 1;
	return sb->text;
}

static int
text_holds(struct subject *sb, const struct query_cond *c)
{
	const struct query_subject *s = sb->s;

	switch (c->field) {
	case QF_ANY:
		return holds_in(s->title, c) || holds_in(text_of(sb), c);
	case QF_TITLE:
		return holds_in(s->title, c);
	case QF_TEXT:
		return holds_in(text_of(sb), c);
	case QF_AUTHOR:
		return holds_in(s->author, c);
	default:
		return holds_in(s->origin, c) || holds_in(s->origin_key, c) ||
		       holds_in(s->credit, c);
	}
}

static int
holds(struct subject *sb, const struct query_cond *c, int64_t now)
{
	const struct query_subject *s = sb->s;

	switch (c->kind) {
	case QC_TEXT:    return text_holds(sb, c);
	case QC_UNREAD:  return !s->read;
	case QC_READ:    return s->read;
	case QC_STARRED: return s->starred;
	case QC_NEWER:   return s->time != 0 && s->time >= now - c->age;
	case QC_OLDER:   return s->time != 0 && s->time < now - c->age;
	default:         return 0;
	}
}

int
query_match(const struct query *q, const struct query_subject *s, int64_t now,
            unsigned how)
{
	struct subject sb = { s, NULL, 0 };

	for (size_t i = 0; i < q->n; i++) {
		const struct query_cond *c = &q->v[i];

		if ((how & QUERY_SKIP_WORDS) && c->kind == QC_TEXT && c->field == QF_ANY &&
		    !c->negate)
			continue;
		if (holds(&sb, c, now) == c->negate)
			return 0;
	}
	return 1;
}
