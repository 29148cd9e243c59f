/* Unit tests: util (dates in Beijing time, capped buffers, JSON strings,
 * strings). */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "util.h"

static const struct {
	const char *name, *in, *ymdhm;   /* ymdhm NULL: not a date */
} dates[] = {
	{ "CMS time with seconds is Beijing time", "2022-07-04 12:18:01", "2022-07-04 12:18" },
	{ "new template time without seconds",     "2025-01-17 09:30",    "2025-01-17 09:30" },
	{ "list date alone is midnight Beijing",   "2025-01-17",          "2025-01-17 00:00" },
	{ "leading whitespace ignored",            "  2015-02-11 08:00",  "2015-02-11 08:00" },
	{ "ISO 8601 with Z converts to Beijing",   "2024-03-01T00:30:00Z", "2024-03-01 08:30" },
	{ "ISO 8601 with +08:00 stays",            "2024-03-01T08:30:00+08:00", "2024-03-01 08:30" },
	{ "numeric zone +0000",                    "2024-03-01 00:30:00 +0000", "2024-03-01 08:30" },
	{ "slashes as separators",                 "2024/03/01 10:00",    "2024-03-01 10:00" },
	{ "garbage is no date",                    "yesterday",           NULL },
	{ "month 13 is no date",                   "2024-13-01",          NULL },
	{ "empty is no date",                      "",                    NULL },
};

static void
test_dates(void)
{
	for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
		int64_t t = time_parse_cn(dates[i].in);
		char out[17];

		if (dates[i].ymdhm == NULL) {
			is_int(t, 0, "%s", dates[i].name);
			continue;
		}
		time_ymdhm(t, out);
		is_str(out, dates[i].ymdhm, "%s", dates[i].name);
	}
	is_int(time_parse_cn("2022-07-04 12:18:01"), 1656908281,
	       "2022-07-04 12:18:01 Beijing is 04:18:01 UTC");
}

static void
test_ago(void)
{
	static const struct { int64_t ago; const char *want; } cases[] = {
		{ 5, "just now" }, { 60, "1 minute ago" }, { 180, "3 minutes ago" },
		{ 3600, "1 hour ago" }, { 7200 + 59, "2 hours ago" }, { 86400, "1 day ago" },
		{ 6 * 86400, "6 days ago" },
	};
	char out[64];
	int64_t now = 1656908281;      /* 2022-07-04 12:18:01 Beijing */

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		time_ago(now - cases[i].ago, now, out, sizeof out);
		is_str(out, cases[i].want, "%lld s ago reads '%s'", (long long)cases[i].ago,
		       cases[i].want);
	}
	time_ago(now - 30 * 86400, now, out, sizeof out);
	is_str(out, "2022-06-04", "a month ago reads as the date");
	time_ago(now - 7 * 86400, now, out, sizeof out);
	is_str(out, "2022-06-27", "a week ago, to the second, reads as the date");
}

/* JSON strings for --json: what a JSON reader would choke on is escaped,
 * UTF-8 passes as it is. */
static void
test_json(void)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add_json(&b, "say \"hi\" \\ a\tb\nc \x01\x1f\x7f 中文");
	is_str(b.data, "\"say \\\"hi\\\" \\\\ a\\tb\\nc \\u0001\\u001f\\u007f 中文\"",
	       "a quote, a backslash, tab, newline and controls are escaped; UTF-8 is kept");
	buf_free(&b);
	buf_init(&b, 0);
	buf_add_json(&b, NULL);
	is_str(b.data, "null", "no string is null");
	buf_free(&b);
}

static void
test_buf(void)
{
	struct buf b;

	buf_init(&b, 8);
	ok(buf_add(&b, "12345678", 8) == 0, "a buffer takes bytes up to its cap");
	ok(buf_add(&b, "9", 1) < 0, "a buffer refuses the byte past its cap");
	is_str(b.data, "12345678", "a refused write leaves the buffer as it was");
	buf_free(&b);
	buf_init(&b, 0);
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	ok(b.len == 3890 && strncmp(b.data + b.len - 4, "999,", 4) == 0,
	   "an uncapped buffer grows to any size");
	buf_free(&b);
}

static void
test_strings(void)
{
	char s[] = "  \t padded \n";

	is_str(str_trim(s), "padded", "trim strips ASCII space both ends");
	ok(str_starts("http://x", "http://") && !str_starts("htt", "http://"),
	   "prefix test");
	ok(str_ends("index.html", ".html") && !str_ends("l", ".html"), "suffix test");
}

int
main(void)
{
	test_dates();
	test_ago();
	test_buf();
	test_json();
	test_strings();
	return done_testing();
}
