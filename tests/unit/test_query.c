/* test_query.c: the query language on its own: what a query says, what
 * it matches, how it is written back, and where its errors point. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "tap.h"
#include "util.h"

#define NOW ((int64_t)1750000000)
#define DAY ((int64_t)86400)

/* Queries that parse, and how they are written back. */
static const struct {
	const char *in, *out, *what;
} written[] = {
	{ "", "", "an empty query holds for everything" },
	{ "园区", "园区", "a word" },
	{ "  园区\u3000高新  ", "园区 高新", "ASCII and ideographic spaces separate words" },
	{ "\"高新 区\"", "\"高新 区\"", "a quoted phrase keeps its space" },
	{ "\"园区\" unread source=chinahightech newer=7d",
	  "园区 unread source=chinahightech newer=7d", "the example of the config" },
	{ "-title=广告 -unread", "-title=广告 -unread", "negation" },
	{ "TITLE=x Unread", "title=x unread", "field names and marks in either case" },
	{ "标题=园区 作者=张三 来源=新华社 正文=高新",
	  "title=园区 author=张三 source=新华社 text=高新", "Chinese field names" },
	{ "title=\"a b\" author=\"say \\\"hi\\\"\"", "title=\"a b\" author=\"say \\\"hi\\\"\"",
	  "quoted values with escapes" },
	{ "\"read\" \"x=y\" \"-z\" \"a#b\"", "\"read\" \"x=y\" \"-z\" \"a#b\"",
	  "words that would read otherwise stay quoted" },
	{ "older=2w newer=12h newer=30m newer=3", "older=2w newer=12h newer=30m newer=3",
	  "ages in weeks, hours, minutes and days" },
	{ "starred read", "starred read", "marks" },
	{ "a\\b", "\"a\\\\b\"", "a backslash in a bare word is itself" },
};

/* Queries that do not parse: the column the error points at and what it
 * says. */
static const struct {
	const char *in;
	int col;
    const char *says, *what;
} errors[] = {
	{ "园区 titel=x", 4, "unknown field 'titel'", "an unknown field, at its first character" },
	{ "unread \"open", 8, "not closed", "an open quote, at the quote" },
	{ "园区 title=", 4, "needs a value", "a field without a value" },
	{ "newer=7x", 7, "newer takes an age", "an age with a bad unit, at the value" },
	{ "高新区 older=-3d", 11, "older takes an age", "a negative age" },
	{ "a - b", 3, "'-' must come", "a '-' alone" },
	{ "\"\"", 1, "nothing between the quotes", "empty quotes" },
	{ "\"a\"b", 4, "a space must follow", "text glued to a closing quote" },
	{ "newer=99999999d", 7, "newer takes an age", "an age past a hundred years" },
};

struct doc {
	const char *text;
	int asked;
};

static const char *
doc_text(void *ctx)
{
	struct doc *d = ctx;

	d->asked++;
	return d->text;
}

/* One article and queries that match it or not. */
static const struct {
	const char *q;
	int want;
	const char *what;
} matches[] = {
	{ "", 1, "no conditions" },
	{ "园区", 1, "a word in the title" },
	{ "孵化器", 1, "a word in the text" },
	{ "园区 孵化器", 1, "two words, one in the title, one in the text" },
	{ "不在", 0, "a word nowhere" },
	{ "title=孵化器", 0, "title= is the title only" },
	{ "text=孵化器", 1, "text= is the text" },
	{ "author=张", 1, "a part of the author" },
	{ "source=chinahightech", 1, "source= is the site's profile name" },
	{ "source=高新网", 1, "or the site's name" },
	{ "source=新华", 1, "or the 来源 the article names" },
	{ "source=人民", 0, "and nothing else" },
	{ "unread", 1, "an unread article" },
	{ "read", 0, "is not read" },
	{ "-read", 1, "negated" },
	{ "starred", 0, "is not starred" },
	{ "newer=7d", 1, "three days old is newer than a week" },
	{ "newer=2d", 0, "but not newer than two days" },
	{ "older=2d", 1, "it is older than two days" },
	{ "-title=园区", 0, "a negated field" },
	{ "TITLE=abc", 1, "ASCII letters in either case" },
	{ "\"park zone\"", 1, "a phrase in the text" },
};

static void
test_written(void)
{
	for (size_t i = 0; i < ARRAY_LEN(written); i++) {
		struct query q;
		struct err e = { "" };
		char *out = NULL, *again = NULL;
		int rc = query_parse(written[i].in, &q, NULL, &e);

		ok(rc == 0, "parses: %s (%s)", written[i].what, e.msg);
		if (rc == 0)
			out = query_format(&q);
		is_str(out, written[i].out, "written back: %s", written[i].what);
		query_free(&q);
		if (out != NULL && query_parse(out, &q, NULL, &e) == 0) {
			again = query_format(&q);
			query_free(&q);
		}
		is_str(again, out, "and reads back the same: %s", written[i].what);
		free(again);
		free(out);
	}
}

static void
test_errors(void)
{
	for (size_t i = 0; i < ARRAY_LEN(errors); i++) {
		struct query q;
		struct err e = { "" };
		int col = 0, rc = query_parse(errors[i].in, &q, &col, &e);
		char want[32];

		ok(rc < 0, "refused: %s", errors[i].what);
		is_int(col, errors[i].col, "points at column %d: %s", errors[i].col,
		       errors[i].what);
		snprintf(want, sizeof want, "column %d: ", errors[i].col);
		ok(str_starts(e.msg, want) && strstr(e.msg, errors[i].says) != NULL,
		   "says where and what: %s (%s)", errors[i].what, e.msg);
		ok(q.n == 0 && q.v == NULL, "leaves nothing behind: %s", errors[i].what);
	}
}

static void
test_match(void)
{
	struct doc d = { "本报讯 科技 park zone 孵化器 入驻率", 0 };
	struct query_subject s = {
		.title = "高新园区 ABC 建设", .author = "张三", .credit = "新华社",
		.origin = "中国高新网", .origin_key = "chinahightech",
		.read = 0, .starred = 0, .time = NOW - 3 * DAY,
		.text = doc_text, .ctx = &d,
	};

	for (size_t i = 0; i < ARRAY_LEN(matches); i++) {
		struct query q;
		struct err e = { "" };

		if (query_parse(matches[i].q, &q, NULL, &e) < 0) {
			ok(0, "parses: %s (%s)", matches[i].q, e.msg);
			continue;
		}
		is_int(query_match(&q, &s, NOW, 0), matches[i].want, "%s: %s",
		       matches[i].q, matches[i].what);
		query_free(&q);
	}
}

static void
test_lazy_text(void)
{
	struct doc d = { "正文", 0 };
	struct query_subject s = { .title = "标题里有园区", .text = doc_text, .ctx = &d };
	struct query q;

	query_parse("园区 title=标题", &q, NULL, NULL);
	ok(query_match(&q, &s, NOW, 0), "a word in the title matches");
	is_int(d.asked, 0, "without reading the text");
	query_free(&q);
	query_parse("不在 园区", &q, NULL, NULL);
	ok(query_match(&q, &s, NOW, QUERY_SKIP_WORDS),
	   "words the index found are not checked again");
	is_int(d.asked, 0, "nor is the text read for them");
	ok(!query_match(&q, &s, NOW, 0), "checked, the missing word fails");
	is_int(d.asked, 1, "reading the text once");
	query_free(&q);
	s.time = 0;
	query_parse("newer=1d", &q, NULL, NULL);
	ok(!query_match(&q, &s, NOW, 0), "an article without a date is not newer");
	query_free(&q);
	query_parse("older=1d", &q, NULL, NULL);
	ok(!query_match(&q, &s, NOW, 0), "nor older");
	query_free(&q);
}

static void
test_forms_and_words(void)
{
	struct query q;
	struct query_subject s = { .title = "經濟園區" };
	char *w;

	query_parse("经济 -广告 title=园 \"高新 区\"", &q, NULL, NULL);
	w = query_words(&q);
	is_str(w, "经济 高新 区", "the words for the index: not negated, any field");
	free(w);
	ok(!query_match(&q, &s, NOW, QUERY_SKIP_WORDS), "a Traditional title: not as written");
	query_add_form(&q, 2, "園");
	ok(query_match(&q, &s, NOW, QUERY_SKIP_WORDS), "another form of a value matches");
	ok(query_has(&q, QC_TEXT, QF_TITLE) && !query_has(&q, QC_TEXT, QF_TEXT) &&
	   !query_has(&q, QC_UNREAD, -1), "query_has tells the conditions");
	query_free(&q);
	query_parse("unread", &q, NULL, NULL);
	ok(query_words(&q) == NULL, "no words: none for the index");
	query_free(&q);
}

static void
test_of_search(void)
{
	static const struct {
		const char *search, *want, *what;
	} t[] = {
		{ "园区 高新", "园区 高新", "words stay words" },
		{ "read -x a=b \"q\"", "\"read\" \"-x\" \"a=b\" \"\\\"q\\\"\"",
		  "what would read as more than a word is quoted" },
		{ "\u3000经济  ", "经济", "spaces around are dropped" },
		{ "", "", "no search, no words" },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char *q = query_of_search(t[i].search), *w = NULL;
		struct query p;
		int parsed = query_parse(q, &p, NULL, NULL) == 0;

		is_str(q, t[i].want, "a search as a query: %s", t[i].what);
		if (parsed)
			w = query_words(&p);
		ok(parsed && (w != NULL) == (t[i].want[0] != '\0'),
		   "which parses, its words for the index: %s", t[i].what);
		free(w);
		query_free(&p);
		free(q);
	}
}

int
main(void)
{
	test_written();
	test_errors();
	test_match();
	test_lazy_text();
	test_forms_and_words();
	test_of_search();
	return done_testing();
}
