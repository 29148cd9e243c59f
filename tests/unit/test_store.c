/* test_store.c: the offline cache: what is stored is read back, in order,
 * across reopen, upgrade, damage, a full disk, kill -9 and a second gxnews.
 * SQLite is used directly only to make files by hand and to check them from
 * outside (integrity_check); everything else goes through store.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"
#include "util.h"

#define DAY   86400
#define T0    1700000000

static char tmpdir[] = "/tmp/gxnews-store-XXXXXX";

static char *
tpath(const char *name)
{
	return path_join(tmpdir, name);
}

/* ---- SQLite from outside ------------------------------------------------ */

static int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);

	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return rc;
}

/* The first column of the first row as text (caller frees), or NULL. */
static char *
raw_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static long long
raw_int(const char *path, const char *sql)
{
	char *v = raw_text(path, sql);
	long long n = v ? atoll(v) : -1;

	free(v);
	return n;
}

static int
raw_ok(const char *path, const char *sql)
{
	char *v = raw_text(path, sql);
	int ok = v != NULL && strcmp(v, "ok") == 0;

	if (!ok)
		printf("# %s: %s\n", sql, v ? v : "(no answer)");
	free(v);
	return ok;
}

static char *
file_text(const char *path)
{
	char *data = NULL;
	size_t len;

	if (read_file(path, 1 << 26, &data, &len, NULL) < 0)
		return NULL;
	return data;
}

/* The bytes of a file (binary), *len set; NULL if unreadable. */
static char *
file_bytes(const char *path, size_t *len)
{
	char *data = NULL;

	if (read_file(path, 1 << 26, &data, len, NULL) < 0)
		return NULL;
	return data;
}

static int
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- building lists and articles ---------------------------------------- */

#define U(name) "http://www.chinahightech.com/html/t/" name ".html"

static void
add_item(struct item_list *l, const char *name, const char *title, int rank)
{
	struct item *it = item_list_add(l);

	it->url = xasprintf(U("%s"), name);
	it->title = xstrdup(title ? title : name);
	it->rank = rank;
}

/* A list from names separated by spaces: "a b c". */
static void
list_of(struct item_list *l, const char *names)
{
	char *copy = xstrdup(names);
	char *save = NULL;
	int rank = 1;

	memset(l, 0, sizeof *l);
	for (char *n = strtok_r(copy, " ", &save); n != NULL; n = strtok_r(NULL, " ", &save))
		add_item(l, n, NULL, rank++);
	free(copy);
}

/* The names of a list's items, "a b c", from their URLs. */
static char *
names_of(const struct item_list *l)
{
	static const char prefix[] = U("");
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++) {
		const char *u = l->v[i].url;
		size_t skip = strlen(prefix) - strlen(".html");

		if (i > 0)
			buf_add(&b, " ", 1);
		if (strncmp(u, prefix, skip) == 0 && str_ends(u, ".html"))
			buf_add(&b, u + skip, strlen(u) - skip - strlen(".html"));
		else
			buf_adds(&b, u);
	}
	return buf_steal(&b, NULL);
}

static int
is_list(struct store *s, const char *key, const char *want, const char *name)
{
	struct item_list l = { 0 };
	struct err e;
	char *got;
	int r;

	if (store_get_list(s, key, &l, &e) < 0)
		printf("# %s\n", e.msg);
	got = names_of(&l);
	r = is_str(got, want, "%s", name);
	free(got);
	item_list_free(&l);
	return r;
}

static void
article_of(struct article *a, const char *name, const char *title,
           const char *body)
{
	memset(a, 0, sizeof *a);
	a->url = xasprintf(U("%s"), name);
	a->title = xstrdup(title);
	a->body_html = xstrdup(body);
	a->comments = -1;
}

static int
put_list(struct store *s, const char *key, const char *names, int mode,
         const char *next)
{
	struct item_list l;
	struct err e;
	int rc;

	list_of(&l, names);
	l.next_url = xstrdup(next);
	rc = store_put_list(s, key, &l, mode, &e);
	if (rc < 0)
		printf("# put_list: %s\n", e.msg);
	item_list_free(&l);
	return rc;
}

static struct store *
open_ok(const char *path)
{
	struct store *s = NULL;
	struct err e;

	if (store_open(&s, path, &e) < 0) {
		printf("# store_open %s: %s\n", path, e.msg);
		printf("Bail out! cannot open the cache\n");
		exit(1);
	}
	return s;
}

/* ---- schema ------------------------------------------------------------- */

static void
test_create_reopen(void)
{
	char *path = tpath("new.db");
	char *mode;
	struct store_tab tabs[] = {
		{ "rank-all", "排行·全部", NULL, TAB_RANK_ALL, 0 },
		{ "ch:" U("yaowen"), "要闻", U("yaowen"), TAB_CHANNEL, 0 },
	};
	struct store_tab *v = NULL;
	size_t n = 0;
	struct store *s = open_ok(path);
	struct err e;

	ok(store_notice(s) == NULL, "a new cache opens without a notice");
	ok(store_put_tabs(s, "chinahightech", tabs, 2, &e) == 0, "tabs are stored");
	ok(put_list(s, tabs[1].key, "a b", LIST_HEAD, NULL) == 0, "a list is stored");
	store_close(s);
	s = open_ok(path);
	ok(store_notice(s) == NULL, "reopening an up-to-date cache says nothing");
	ok(store_get_tabs(s, "chinahightech", &v, &n, &e) == 0 && n == 2 &&
	   strcmp(v[0].label, "排行·全部") == 0 && v[1].kind == TAB_CHANNEL,
	   "tabs come back after reopen");
	is_list(s, tabs[1].key, "a b", "the list comes back after reopen");
	store_tabs_free(v, n);
	store_close(s);
	is_int(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA,
	       "the file records the schema version");
	mode = raw_text(path, "PRAGMA journal_mode");
	is_str(mode, "wal", "the cache uses WAL");
	free(mode);
	free(path);
}

static void
test_newer_refused(void)
{
	char *path = tpath("newer.db");
	char *before, *after, *want;
	size_t nbefore = 0, nafter = 0;
	struct store *s = open_ok(path);
	struct err e;
	int rc;

	put_list(s, "k", "a", LIST_HEAD, NULL);
	store_close(s);
	raw_exec(path, "PRAGMA user_version = 99");
	before = file_bytes(path, &nbefore);
	rc = store_open(&s, path, &e);
	after = file_bytes(path, &nafter);
	want = xasprintf("cache %s was written by a newer gxnews (schema 99); this "
	                 "one knows up to %d: use a newer gxnews or --cache another "
	                 "file", path, STORE_SCHEMA);
	ok(rc < 0 && s == NULL, "a cache from a newer gxnews is refused");
	is_str(rc < 0 ? e.msg : "", want, "the refusal says what to do");
	ok(before != NULL && after != NULL && nbefore > 4096 && nbefore == nafter &&
	   memcmp(before, after, nbefore) == 0, "the newer cache is not modified");
	is_int(raw_int(path, "SELECT count(*) FROM articles"), 1,
	       "the newer cache keeps its articles");
	free(before);
	free(after);
	free(want);
	free(path);
}

/* A cache of version 8 (no sources kept): a feed tab's articles become
 * that feed's, a channel's stay unknown (the site's is told by host). */
static void
test_migrate_origins(void)
{
	char *path = tpath("v8.db");
	struct store_tab feed = { "feed:" U("rss.xml"), "时报", U("rss.xml"), TAB_FEED, 0 };
	struct store_tab chan = { "ch:" U("yaowen"), "要闻", U("yaowen"), TAB_CHANNEL, 0 };
	struct store *s = open_ok(path);
	struct err e;

	ok(store_put_tabs(s, "feeds", &feed, 1, &e) == 0 &&
	   store_put_tabs(s, "chinahightech", &chan, 1, &e) == 0 &&
	   put_list(s, feed.key, "f1 f2", LIST_HEAD, NULL) == 0 &&
	   put_list(s, chan.key, "c1 f2", LIST_HEAD, NULL) == 0, "a feed's list and a channel's");
	store_close(s);
	raw_exec(path, "UPDATE articles SET origin = NULL, ruled = 1; PRAGMA user_version = 8");
	s = open_ok(path);
	store_close(s);
	is_int(raw_int(path, "SELECT count(*) FROM articles WHERE origin = '" U("rss.xml") "'"), 2,
	       "upgraded, the articles the feed's tab listed are the feed's");
	is_int(raw_int(path, "SELECT count(*) FROM articles WHERE origin IS NULL"), 1,
	       "the channel's own article is left unknown");
	is_int(raw_int(path, "SELECT count(*) FROM articles WHERE ruled = 0"), 2,
	       "the rules judge the feed's articles again");
	free(path);
}

/* A cache's schema, every table, index and trigger (spaces and quotes
 * and line breaks aside, which an ALTER or RENAME writes differently). */
#define SCHEMA_SQL \
	"SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' ||" \
	" replace(replace(replace(replace(coalesce(sql, ''), ' ', ''), '\"', '')," \
	" char(10), ''), char(9), ''), char(10))" \
	" FROM (SELECT * FROM sqlite_schema ORDER BY type, name)"

static void
test_migrate_v1(void)
{
	char *path = tpath("v1.db"), *fresh, *got, *want;
	char *fixture = path_join(tap_srcdir(), "tests/fixtures/store/v1.sql");
	char *sql = file_text(fixture);
	char *bak = xasprintf("%s.v1.bak", path);
	struct item_list l = { 0 };
	struct article a;
	struct store_tab *v = NULL;
	size_t n = 0;
	struct store *s;
	struct err e;

	ok(sql != NULL && raw_exec(path, sql) == SQLITE_OK, "a schema-1 cache is made by hand");
	s = open_ok(path);
	ok(store_notice(s) != NULL && strstr(store_notice(s), "upgraded") != NULL,
	   "opening it says it was upgraded");
	is_int(raw_int(bak, "PRAGMA user_version"), 1, "a copy of the old cache is kept");
	ok(store_get_tabs(s, "chinahightech", &v, &n, &e) == 0 && n == 2 &&
	   v[0].fetched == 1656910000, "its tabs survive the upgrade");
	store_tabs_free(v, n);
	ok(store_get_list(s, "ch:http://www.chinahightech.com/html/yaowen/index.html",
	                  &l, &e) == 0 && l.n == 2 && l.next_url != NULL &&
	   str_ends(l.next_url, "/2.html"), "its list and next page survive the upgrade");
	item_list_free(&l);
	ok(store_get_article(s, "http://www.chinahightech.com/html/yaowen/2022/0704/5652101.html",
	                     &a, &e) == 0 && a.read && a.starred && a.body_html != NULL &&
	   strstr(a.body_html, "雅光电子") != NULL, "its article keeps body, read and star");
	article_free(&a);
	ok(store_search(s, "专精特新", &l, &e) == 0 && l.n == 1,
	   "text stored before the upgrade can be searched");
	item_list_free(&l);
	ok(store_search(s, "报告", &l, &e) == 0 && l.n == 1,
	   "titles stored before the upgrade can be searched");
	item_list_free(&l);
	store_close(s);
	is_int(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA, "the cache is now current");
	fresh = tpath("fresh.db");
	store_close(open_ok(fresh));
	got = raw_text(fresh, SCHEMA_SQL);
	want = raw_text(path, SCHEMA_SQL);
	ok(got != NULL && want != NULL && strlen(want) > 1000, "both schemas are read");
	is_str(got, want, "a new cache has the schema an upgraded one reaches");
	free(got);
	free(want);
	free(fresh);
	free(sql);
	free(fixture);
	free(bak);
	free(path);
}

/* ---- articles, lists, tabs, pages -------------------------------------- */

static void
test_upsert(void)
{
	struct store *s = open_ok(":memory:");
	struct article a, got;
	struct item_list l;
	struct err e = { "" };    /* its message is printed whether or not a call failed */

	put_list(s, "k", "a", LIST_HEAD, NULL);
	ok(store_get_article(s, U("a"), &got, &e) == 0 && got.body_html == NULL &&
	   got.fetched == 0, "a listed article is known but has no body yet");
	article_free(&got);
	store_set_read(s, U("a"), 1, &e);
	store_set_starred(s, U("a"), 1, &e);
	article_of(&a, "a", "完整标题", "<p>正文</p>");
	a.author = xstrdup("陈佳艺");
	a.comments = 3;
	ok(store_put_article(s, &a, &e) == 0, "an article is stored");
	ok(store_get_article(s, U("a"), &got, &e) == 0 && got.read && got.starred &&
	   got.fetched > 0 && got.comments == 3 && strcmp(got.author, "陈佳艺") == 0,
	   "storing the article keeps read and starred");
	is_str(got.body_html, "<p>正文</p>", "the body is stored");
	article_free(&got);

	list_of(&l, "a");
	xfree_set(&l.v[0].title, xstrdup("列表里截断的标题…"));
	store_put_list(s, "k", &l, LIST_HEAD, &e);
	item_list_free(&l);
	store_get_article(s, U("a"), &got, &e);
	is_str(got.body_html, "<p>正文</p>", "listing it again does not lose the body");
	is_str(got.title, "完整标题", "listing it again keeps the article's own title");
	ok(got.read && got.starred, "listing it again keeps read and starred");
	article_free(&got);

	xfree_set(&a.body_html, NULL);
	xfree_set(&a.author, NULL);
	xfree_set(&a.title, xstrdup("改过的标题"));
	a.comments = -1;
	store_put_article(s, &a, &e);
	store_get_article(s, U("a"), &got, &e);
	is_str(got.body_html, "<p>正文</p>", "a refetch without a body keeps the body");
	ok(got.comments == 3 && got.author != NULL, "a refetch missing fields keeps them");
	is_str(got.title, "改过的标题", "a refetch updates the title");
	article_free(&got);

	/* A new title and a new body at once (a feed item's summary replaced
	 * by the page's full text): both are written, the article noted once
	 * for the search index. */
	xfree_set(&a.title, xstrdup("全文的标题"));
	xfree_set(&a.body_html, xstrdup("<p>全文</p>"));
	err_clear(&e);
	ok(store_put_article(s, &a, &e) == 0, "a refetch with a new title and a new body is stored %s",
	   e.msg);
	store_get_article(s, U("a"), &got, &e);
	is_str(got.body_html, "<p>全文</p>", "the new body replaces the old");
	is_str(got.title, "全文的标题", "and the new title");
	article_free(&got);
	article_free(&a);
	ok(store_get_article(s, U("nowhere"), &got, &e) == 1, "an unknown URL is not found");
	article_free(&got);
	store_close(s);
}

/* ---- a feed written as it is read ----------------------------------------- */

/* Everything a reader can see of the cache, as text. */
static char *
cache_dump(const char *path)
{
	return raw_text(path, "SELECT group_concat(r, char(10)) FROM (SELECT"
	                " a.url || '|' || quote(a.title) || '|' || quote(a.date_text) || '|' ||"
	                " a.time || '|' || a.read || a.starred || '|' || a.seen || '|' ||"
	                " a.fetched || '|' || a.comments || '|' || quote(a.summary) || '|' ||"
	                " quote(a.thumb) || '|' || quote(a.time_text) || '|' || quote(a.source) ||"
	                " '|' || quote(a.author) || '|' || quote(b.html) AS r"
	                " FROM articles a LEFT JOIN bodies b ON b.id = a.id ORDER BY a.url)");
}

/* A feed's item and its article, as feed.c makes them. */
static void
feed_item(struct item *it, struct article *a, const char *name, const char *title,
          const char *date, int64_t t, const char *thumb, const char *body)
{
	memset(it, 0, sizeof *it);
	article_of(a, name, title, body);
	it->url = xstrdup(a->url);
	it->title = xstrdup(title);
	it->date = xstrdup(date);
	it->time = t;
	it->thumb = xstrdup(thumb);
	a->time_text = xstrdup(date);
	a->time = t;
	a->source = xstrdup("源");
}

/* One refresh of a feed of n items, the old way (articles, then the list)
 * or as it is read (store_feed_*). */
static int
write_feed(struct store *s, int streamed, struct item *items, struct article *arts,
           size_t n)
{
	struct item_list l = { items, n, n, NULL, 0, NULL, 0 };
	struct store_feed *w;
	struct err e = { "" };
	int rc = 0;

	if (!streamed)
		return store_put_articles(s, arts, n, &e) < 0 ||
		       store_put_list(s, "feed", &l, LIST_HEAD, &e) < 0 ? -1 : 0;
	if (store_feed_begin(s, "feed", &w, &e) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = store_feed_add(w, &items[i], &arts[i], &e);
	return store_feed_end(w, rc == 0, &e) < 0 || rc < 0 ? -1 : 0;
}

static void
test_feed_write(void)
{
	char *path[2] = { tpath("feed-old.db"), tpath("feed-new.db") };
	char *dump[2];
	struct store *s;
	struct err e;

	for (int k = 0; k < 2; k++) {
		struct item it[4];
		struct article a[4];

		s = open_ok(path[k]);
		store_set_clock(s, 1700000000);
		put_list(s, "site", "b c", LIST_HEAD, NULL);
		store_set_read(s, U("b"), 1, &e);
		store_set_starred(s, U("b"), 1, &e);
		article_of(&a[0], "c", "早先的标题", "<p>早先</p>");
		a[0].author = xstrdup("旧作者");
		store_put_article(s, &a[0], &e);
		article_free(&a[0]);
		feed_item(&it[0], &a[0], "a", "新条目", NULL, 1699990000, "http://i/a.jpg", "<p>甲</p>");
		feed_item(&it[1], &a[1], "b", "列过的条目", "昨天", 0, NULL, "<p>乙</p>");
		feed_item(&it[2], &a[2], "d", "另一条", NULL, 1699980000, NULL, "");
		feed_item(&it[3], &a[3], "c", "改过的标题", NULL, 1699970000, NULL, "<p>丙</p>");
		ok(write_feed(s, k, it, a, 4) == 0, "%s: a feed is written", k ? "as read" : "whole");
		store_set_clock(s, 1700009000);
		xfree_set(&a[2].title, xstrdup("又改的标题"));
		xfree_set(&it[2].title, xstrdup("又改的标题"));
		xfree_set(&a[1].body_html, xstrdup("<p>乙，全文</p>"));
		ok(write_feed(s, k, &it[1], &a[1], 3) == 0, "%s: and refreshed", k ? "as read" : "whole");
		is_list(s, "feed", "b d c a", k ? "as read: the list as it was written"
		                                : "whole: the list as it was written");
		for (int i = 0; i < 4; i++) {
			item_free(&it[i]);
			article_free(&a[i]);
		}
		store_close(s);
		dump[k] = cache_dump(path[k]);
	}
	ok(dump[0] != NULL && dump[1] != NULL && strcmp(dump[0], dump[1]) == 0,
	   "a feed written as it is read leaves the cache as writing it whole did");
	if (dump[0] != NULL && dump[1] != NULL && strcmp(dump[0], dump[1]) != 0)
		printf("# whole:\n# %s\n# as read:\n# %s\n", dump[0], dump[1]);
	for (int k = 0; k < 2; k++) {
		free(dump[k]);
		free(path[k]);
	}
}

/* Items taken back (the feed is read again), told their channel late. */
static void
test_feed_restart(void)
{
	struct store *s = open_ok(":memory:");
	struct item it[2];
	struct article a[2], got;
	struct store_feed *w;
	struct err e;

	feed_item(&it[0], &a[0], "x", "第一条", NULL, 1, NULL, "<p>一</p>");
	feed_item(&it[1], &a[1], "y", "第二条", NULL, 2, NULL, "<p>二</p>");
	xfree_set(&a[0].source, NULL);
	ok(store_feed_begin(s, "feed", &w, &e) == 0 && store_feed_add(w, &it[0], &a[0], &e) == 0 &&
	   store_feed_add(w, &it[1], &a[1], &e) == 0, "two items are written");
	ok(store_feed_restart(w, &e) == 0 && store_feed_add(w, &it[0], &a[0], &e) == 0,
	   "taken back, and one written again");
	ok(store_feed_late(w, 0, "晚到的频道", "频道作者", &e) == 0, "then told its channel");
	ok(store_feed_end(w, 1, &e) == 0, "and the write is committed");
	is_list(s, "feed", "x", "the list holds what was written after the restart");
	ok(store_get_article(s, U("y"), &got, &e) == 1, "an item taken back is not kept");
	article_free(&got);
	ok(store_get_article(s, U("x"), &got, &e) == 0 && got.source != NULL && got.author != NULL &&
	   strcmp(got.source, "晚到的频道") == 0 && strcmp(got.author, "频道作者") == 0,
	   "the item told late has the channel's title and author");
	article_free(&got);
	ok(store_feed_begin(s, "feed", &w, &e) == 0 && store_feed_add(w, &it[1], &a[1], &e) == 0 &&
	   store_feed_end(w, 0, &e) < 0, "a write ended without a commit");
	ok(store_get_article(s, U("y"), &got, &e) == 1, "leaves nothing");
	article_free(&got);
	is_list(s, "feed", "x", "and the list as it was");
	for (int i = 0; i < 2; i++) {
		item_free(&it[i]);
		article_free(&a[i]);
	}
	store_close(s);
}

/* A feed item cached with a date text in Beijing time, read again as an
 * instant with no text: the old text goes, so the date shows in the
 * reader's zone; a site item's date text stays. */
static void
test_instant_date(void)
{
	struct store *s = open_ok(":memory:");
	struct item_list l;
	struct article a, got;
	struct err e;

	list_of(&l, "feed site");
	l.v[0].date = xstrdup("2022-07-05 04:30");
	l.v[0].time = l.v[1].time = 1656966600;
	l.v[1].date = xstrdup("2022-07-05 04:30");
	store_put_list(s, "k", &l, LIST_HEAD, &e);
	xfree_set(&l.v[0].date, NULL);
	store_put_list(s, "k", &l, LIST_HEAD, &e);
	item_list_free(&l);
	ok(store_get_list(s, "k", &l, &e) == 0 && l.n == 2, "the list is read back");
	ok(l.n == 2 && l.v[0].date == NULL && l.v[0].time == 1656966600,
	   "an instant read again drops the date text an older reading stored");
	ok(l.n == 2 && l.v[1].date != NULL && strcmp(l.v[1].date, "2022-07-05 04:30") == 0,
	   "a date the page writes is kept");
	item_list_free(&l);
	article_of(&a, "feed", "标题", "<p>正文</p>");
	a.time_text = xstrdup("2022-07-05 04:30");
	a.time = 1656966600;
	store_put_article(s, &a, &e);
	xfree_set(&a.time_text, NULL);
	store_put_article(s, &a, &e);
	ok(store_get_article(s, U("feed"), &got, &e) == 0 && got.time_text == NULL &&
	   got.time == 1656966600, "an article's instant drops the time text stored before");
	article_free(&got);
	article_free(&a);
	store_close(s);
}

static const struct list_step {
	int mode;
	const char *names;
	const char *next;
	const char *want;
	const char *what;
} list_steps[] = {
	{ LIST_HEAD, "a b c", "p2", "a b c", "page 1 of a new channel" },
	{ LIST_APPEND, "c d e", "p3", "a b c d e", "page 2 adds only what is new" },
	{ LIST_HEAD, "x a b", "p2", "x a b c d e", "a new article leads the list" },
	{ LIST_HEAD, "y x", "p2", "y x a b c d e", "page 1 again: older ones keep their order" },
	{ LIST_APPEND, "e f", NULL, "y x a b c d e f", "the last page has no next page" },
	{ LIST_HEAD, "b y", "p2", "b y x a c d e f", "an article moved to the top leads" },
	{ LIST_HEAD, "z z b", "p2", "z b y x a c d e f", "a repeated item is listed once" },
	{ LIST_REPLACE, "q r", NULL, "q r", "a snapshot replaces the list" },
};

static void
test_list_modes(void)
{
	struct store *s = open_ok(":memory:");
	struct item_list l = { 0 };
	struct err e;

	for (size_t i = 0; i < ARRAY_LEN(list_steps); i++) {
		const struct list_step *t = &list_steps[i];

		put_list(s, "ch", t->names, t->mode, t->next);
		is_list(s, "ch", t->want, t->what);
		store_get_list(s, "ch", &l, &e);
		is_str(l.next_url, t->next, "%s: the next page is remembered", t->what);
		item_list_free(&l);
	}
	ok(store_get_list(s, "never", &l, &e) == 0 && l.n == 0 && l.next_url == NULL,
	   "a tab never stored has an empty list");
	item_list_free(&l);

	list_of(&l, "d1 d2");
	l.v[0].date = xstrdup("2025-01-17");
	l.v[0].time = 1737077400;
	l.v[0].summary = xstrdup("摘要");
	store_put_list(s, "dated", &l, LIST_HEAD, &e);
	item_list_free(&l);
	store_get_list(s, "dated", &l, &e);
	ok(l.n == 2 && l.v[0].date && strcmp(l.v[0].date, "2025-01-17") == 0 &&
	   l.v[0].time == 1737077400 && strcmp(l.v[0].summary, "摘要") == 0 &&
	   l.v[1].date == NULL, "list dates, times and summaries come back");
	item_list_free(&l);
	store_set_read(s, U("d2"), 1, &e);
	store_set_starred(s, U("d1"), 1, &e);
	store_get_list(s, "dated", &l, &e);
	ok(l.n == 2 && !l.v[0].read && l.v[0].starred && l.v[1].read && !l.v[1].starred,
	   "the list shows read and starred marks");
	item_list_free(&l);
	ok(store_put_list(s, "x", &l, 7, &e) < 0, "an unknown list mode is an error");
	store_close(s);
}

static void
test_snapshots(void)
{
	struct store *s = open_ok(":memory:");
	struct item_list l = { 0 };
	struct err e;
	char *names;

	store_set_clock(s, T0);
	put_list(s, "rank-all", "a b c", LIST_REPLACE, NULL);
	store_set_clock(s, T0 + 600);
	put_list(s, "rank-all", "a b c", LIST_REPLACE, NULL);
	store_set_clock(s, T0 + 1200);
	put_list(s, "rank-all", "c a d", LIST_REPLACE, NULL);
	is_list(s, "rank-all", "c a d", "a ranking tab shows the latest snapshot");
	store_get_list(s, "rank-all", &l, &e);
	ok(l.n == 3 && l.v[0].rank == 1 && l.v[2].rank == 3, "ranks come back");
	item_list_free(&l);
	store_get_list_at(s, "rank-all", T0 + 900, &l, &e);
	names = names_of(&l);
	is_str(names, "a b c", "the earlier ranking is kept");
	free(names);
	item_list_free(&l);
	store_get_list_at(s, "rank-all", T0 - 1, &l, &e);
	is_int(l.n, 0, "before the first snapshot there is no ranking");
	item_list_free(&l);
	is_int(store_tab_fetched(s, "rank-all"), T0 + 1200, "the tab knows when it was stored");
	is_int(store_tab_fetched(s, "picks"), 0, "a tab never stored was never fetched");
	store_close(s);
}

static void
test_tabs(void)
{
	struct store *s = open_ok(":memory:");
	struct store_tab tabs[] = {
		{ "rank-all", "排行·全部", NULL, TAB_RANK_ALL, 0 },
		{ "picks", "编辑推荐", NULL, TAB_PICKS, 0 },
		{ "ch:" U("yaowen"), "要闻", U("yaowen"), TAB_CHANNEL, 0 },
	};
	struct store_tab feeds[] = { { "feed:x", "某个源", "http://x/rss", TAB_FEED, 0 } };
	struct store_tab fewer[] = { tabs[2], tabs[0] };
	struct store_tab *v = NULL;
	size_t n = 0;
	struct err e;

	store_set_clock(s, T0);
	store_put_tabs(s, "chinahightech", tabs, 3, &e);
	store_put_tabs(s, "feeds", feeds, 1, &e);
	put_list(s, "picks", "p1 p2", LIST_REPLACE, NULL);
	store_get_tabs(s, "chinahightech", &v, &n, &e);
	ok(n == 3 && strcmp(v[0].key, "rank-all") == 0 && strcmp(v[2].url, U("yaowen")) == 0 &&
	   v[1].kind == TAB_PICKS, "tabs come back in order with their kind and URL");
	ok(n == 3 && v[0].fetched == 0 && v[1].fetched == T0,
	   "a tab's fetched time is when its list was stored");
	store_tabs_free(v, n);
	store_put_tabs(s, "chinahightech", fewer, 2, &e);
	store_get_tabs(s, "chinahightech", &v, &n, &e);
	ok(n == 2 && strcmp(v[0].key, tabs[2].key) == 0 && strcmp(v[1].key, "rank-all") == 0,
	   "a new set of tabs replaces the old, in its order");
	store_tabs_free(v, n);
	is_list(s, "picks", "p1 p2", "the list of a dropped tab stays in the cache");
	store_get_tabs(s, "feeds", &v, &n, &e);
	ok(n == 1 && strcmp(v[0].label, "某个源") == 0, "each source has its own tabs");
	store_tabs_free(v, n);
	ok(store_get_tabs(s, "unknown", &v, &n, &e) == 0 && n == 0 && v == NULL,
	   "an unknown source has no tabs");
	store_close(s);
}

static void
test_pages(void)
{
	struct store *s = open_ok(":memory:");
	static const char body[] = "<html>\0要闻</html>";
	struct store_page p = { 0 }, got;
	struct err e;

	p.url = U("index");
	p.body = (char *)body;
	p.len = sizeof body - 1;
	p.content_type = "text/html; charset=gbk";
	p.etag = "\"5e1f\"";
	p.last_modified = "Mon, 04 Jul 2022 04:20:00 GMT";
	p.fetched = T0;
	ok(store_put_page(s, &p, &e) == 0, "a raw page is stored");
	ok(store_get_page(s, U("index"), &got, &e) == 0 && got.len == p.len &&
	   memcmp(got.body, body, p.len) == 0 && got.body[got.len] == '\0',
	   "the page comes back byte for byte");
	ok(got.etag && strcmp(got.etag, "\"5e1f\"") == 0 && got.last_modified &&
	   strcmp(got.last_modified, p.last_modified) == 0 && got.fetched == T0,
	   "its validators come back");
	store_page_free(&got);
	p.body = NULL;
	p.len = 0;
	p.etag = "\"5e20\"";
	p.fetched = T0 + 60;
	store_put_page(s, &p, &e);
	ok(store_get_page(s, U("index"), &got, &e) == 0 && got.len == sizeof body - 1 &&
	   strcmp(got.etag, "\"5e20\"") == 0 && got.fetched == T0 + 60,
	   "a 304 refresh without a body keeps the body, updates the validators");
	store_page_free(&got);
	ok(store_get_page(s, U("other"), &got, &e) == 1, "an unknown page is not found");
	store_page_free(&got);
	store_close(s);
}

static int
has_image(struct store *s, const char *url)
{
	struct store_image im;
	int found = store_get_image(s, url, &im, NULL) == 0 && im.data != NULL;

	store_image_free(&im);
	return found;
}

static void
test_images(void)
{
	char *path = tpath("images.db");
	struct store *s = open_ok(path);
	static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0";
	struct store_image im = { 0 }, got;
	struct err e;

	store_set_clock(s, T0);
	put_list(s, "p", "with-photo other", LIST_HEAD, NULL);
	im.url = U("photo.jpg");
	im.content_type = "image/jpeg";
	im.data = (char *)jpeg;
	im.len = sizeof jpeg - 1;
	ok(store_put_image(s, U("with-photo"), &im, &e) == 0, "a picture is stored with its article");
	ok(store_get_image(s, U("photo.jpg"), &got, &e) == 0 && got.len == im.len &&
	   memcmp(got.data, jpeg, im.len) == 0 && got.error == NULL && got.fetched == T0 &&
	   strcmp(got.content_type, "image/jpeg") == 0, "the picture comes back byte for byte");
	store_image_free(&got);
	im.data = NULL;
	im.len = 0;
	im.error = "not shown: 20000×20000 pixels";
	store_put_image(s, U("with-photo"), &im, &e);
	ok(store_get_image(s, U("photo.jpg"), &got, &e) == 0 && got.len == sizeof jpeg - 1 &&
	   got.error == NULL, "a refusal later never replaces the picture the cache holds");
	store_image_free(&got);
	im.url = U("bomb.png");
	store_put_image(s, U("other"), &im, &e);
	ok(store_get_image(s, U("bomb.png"), &got, &e) == 0 && got.data == NULL && got.error &&
	   strstr(got.error, "20000×20000") != NULL, "a refused picture is kept as the reason why");
	store_image_free(&got);
	ok(store_get_image(s, U("none.png"), &got, &e) == 1, "an unknown picture is not found");
	store_image_free(&got);
	im.url = U("page-A1.jpg");
	im.data = (char *)jpeg;
	im.len = sizeof jpeg - 1;
	im.error = NULL;
	ok(store_put_image(s, NULL, &im, &e) == 0, "a list page's picture belongs to no article");
	store_set_read(s, U("with-photo"), 1, &e);
	store_set_clock(s, T0 + 30 * DAY);
	store_vacuum(s, 10, 0, &e);
	ok(!has_image(s, U("photo.jpg")), "an expired article's pictures go with it");
	ok(!has_image(s, U("page-A1.jpg")), "a list page's picture goes by age");
	store_close(s);
	free(path);
}

/* Hosts that failed, kept for the next run; one that answers again goes. */
static void
test_hosts(void)
{
	char *path = tpath("hosts.db");
	struct store *s = open_ok(path);
	struct store_host a = { .name = "www.chinahightech.com", .fails = 2,
	                        .failed_at = T0, .retry_at = T0 + 120, .told = 0,
	                        .error = "www.chinahightech.com did not answer within 5 s" };
	struct store_host b = { .name = "paper.chinahightech.com", .fails = 1,
	                        .failed_at = T0, .retry_at = T0 + 3600, .told = 1,
	                        .error = "asks to wait" }, *v = NULL;
	size_t n = 0;
	struct err e;

	ok(store_put_host(s, &a, &e) == 0 && store_put_host(s, &b, &e) == 0,
	   "hosts that failed are kept");
	store_close(s);
	s = open_ok(path);
	ok(store_get_hosts(s, &v, &n, &e) == 0 && n == 2, "they are there after a reopen");
	ok(n == 2 && strcmp(v[1].name, a.name) == 0 && v[1].fails == 2 &&
	   v[1].failed_at == T0 && v[1].retry_at == T0 + 120 && !v[1].told &&
	   strcmp(v[1].error, a.error) == 0, "a host comes back whole");
	ok(n == 2 && v[0].told == 1 && v[0].retry_at == T0 + 3600,
	   "a pause the server asked for comes back as such");
	store_hosts_free(v, n);
	a.fails = 0;
	store_put_host(s, &a, &e);
	ok(store_get_hosts(s, &v, &n, &e) == 0 && n == 1 &&
	   strcmp(v[0].name, b.name) == 0, "a host that answers again is forgotten");
	store_hosts_free(v, n);
	store_close(s);
	free(path);
}

static void
test_starred(void)
{
	struct store *s = open_ok(":memory:");
	struct item_list l = { 0 };
	struct err e;
	char *names;

	put_list(s, "k", "a b c", LIST_HEAD, NULL);
	store_set_clock(s, T0);
	store_set_starred(s, U("b"), 1, &e);
	store_set_clock(s, T0 + 1);
	store_set_starred(s, U("c"), 1, &e);
	store_set_clock(s, T0 + 2);
	store_set_starred(s, U("a"), 1, &e);
	store_set_starred(s, U("c"), 0, &e);
	store_starred(s, &l, &e);
	names = names_of(&l);
	is_str(names, "a b", "the starred list: most recently starred first, unstarred gone");
	free(names);
	item_list_free(&l);
	store_close(s);
}

/* ---- search ------------------------------------------------------------- */

static const struct search_case {
	const char *query;
	const char *want;
	const char *what;
} search_cases[] = {
	{ "高新", "d a b", "a two-character Chinese term, in titles and text" },
	{ "高新区", "a", "a three-character term" },
	{ "雅光电子", "a", "a four-character term in the text" },
	{ "知识产权", "c", "a term in a title" },
	{ "计算", "d", "a two-character term in an article only listed" },
	{ "发", "a c", "a single character" },
	{ "lab", "b", "Latin letters in any case" },
	{ "ROBOTICS", "b", "a long Latin word in any case" },
	{ "雅光电子产品", "", "a term whose pieces are there, but apart" },
	{ "AI", "b", "two Latin letters" },
	{ "高新 党建", "a", "two terms: both must be there" },
	{ "高新\xe3\x80\x80雅光", "a", "terms separated by an ideographic space" },
	{ "报名", "b", "text behind &nbsp; is found" },
	{ "div", "", "tag names are not text" },
	{ "变量", "", "script text is not text" },
	{ "不存在的词", "", "a term found nowhere" },
	{ "50%", "", "LIKE wildcards are plain characters" },
	{ "\"高新", "", "quotes are plain characters" },
	{ "   ", "", "an empty query finds nothing" },
};

static void
search_is(struct store *s, const char *query, const char *want, const char *what)
{
	struct item_list l = { 0 };
	struct err e;
	char *names;

	if (store_search(s, query, &l, &e) < 0)
		printf("# search %s: %s\n", query, e.msg);
	names = names_of(&l);
	is_str(names, want, "search: %s", what);
	free(names);
	item_list_free(&l);
}

static void
test_search(void)
{
	char *path = tpath("search.db");
	struct store *s = open_ok(path);
	struct item_list l;
	struct article a;
	struct err e;

	list_of(&l, "d");
	xfree_set(&l.v[0].title, xstrdup("量子计算高新进展"));
	l.v[0].time = T0 + 4;
	store_put_list(s, "k", &l, LIST_HEAD, &e);
	item_list_free(&l);
	article_of(&a, "a", "贵阳高新区以党建引领赋能园区经济高质量发展",
	           "<p>　　雅光电子、朗玛科技等&ldquo;专精特新&rdquo;企业的电子产品。</p>");
	a.time = T0 + 3;
	store_put_article(s, &a, &e);
	article_free(&a);
	article_of(&a, "b", "走进高新", "<div class=\"x\">AI Lab 开放日&nbsp;报名 Robotics</div>");
	a.time = T0 + 2;
	store_put_article(s, &a, &e);
	article_free(&a);
	article_of(&a, "c", "国家知识产权局发布报告",
	           "<p>专利审查</p><script>var 变量 = \"高新\";</script>");
	a.time = T0 + 1;
	store_put_article(s, &a, &e);
	article_free(&a);
	ok(store_unindexed(s) == 4, "writes leave the articles for the indexer");
	for (size_t i = 0; i < ARRAY_LEN(search_cases); i++)
		search_is(s, search_cases[i].query, search_cases[i].want, search_cases[i].what);
	is_int(store_index(s, 0, &e), 0, "the indexer takes in every article");
	for (size_t i = 0; i < ARRAY_LEN(search_cases); i++)
		search_is(s, search_cases[i].query, search_cases[i].want, search_cases[i].what);

	store_set_starred(s, U("a"), 1, &e);
	store_search(s, "党建", &l, &e);
	ok(l.n == 1 && l.v[0].starred && strcmp(l.v[0].title, "贵阳高新区以党建引领赋能园区经济高质量发展") == 0,
	   "search results carry title and marks");
	item_list_free(&l);
	article_of(&a, "b", "走进高新", "<p>只有新内容</p>");
	store_put_article(s, &a, &e);
	article_free(&a);
	search_is(s, "报名", "", "a replaced body is no longer found");
	search_is(s, "新内容", "b", "the new body is found");
	store_index(s, 0, &e);
	search_is(s, "报名", "", "a replaced body is no longer found once indexed again");
	search_is(s, "新内容", "b", "the new body is found once indexed again");
	ok(raw_exec(path, "INSERT INTO search(search) VALUES ('integrity-check')") == SQLITE_OK,
	   "the search index matches the articles");
	store_close(s);
	free(path);
}

/* Random text from a small alphabet, so that terms of 1 to 4 characters
 * have every frequency; the search must find what a substring scan finds,
 * before and after indexing, and in the same order. */
static const char *const alphabet[] = {
	"高", "新", "技", "术", "芯", "片", "产", "业", "A", "b", " ", "，", "&amp;", "%",
};

static char *
random_text(unsigned *seed, int n)
{
	struct buf b;

	buf_init(&b, 0);
	for (int i = 0; i < n; i++)
		buf_adds(&b, alphabet[rand_r(seed) % ARRAY_LEN(alphabet)]);
	return buf_steal(&b, NULL);
}

/* What a search must find: titles and texts scanned one by one. */
static size_t
scan_hits(char *const *titles, char *const *texts, size_t n, const char *term)
{
	size_t hits = 0;

	for (size_t i = 0; i < n; i++)
		hits += strcasestr(titles[i], term) != NULL || strcasestr(texts[i], term) != NULL;
	return hits;
}

static void
test_search_exact(void)
{
	static const char *const terms[] = { "芯", "芯片", "高新技术", "技术芯片", "ab",
	                                     "B", "%", "新，", "&", "片高新术" };
	enum { N = 700 };
	char *path = tpath("exact.db");
	struct store *s = open_ok(path);
	char *titles[N], *texts[N];
	unsigned seed = 17;
	struct err e;
	int bad[2] = { 0, 0 };

	for (int i = 0; i < N; i++) {
		struct article a;
		char *name = xasprintf("x%d", i);
		char *html;

		titles[i] = random_text(&seed, 8);
		texts[i] = random_text(&seed, 40);
		html = xasprintf("<p>%s</p>", texts[i]);
		article_of(&a, name, titles[i], html);
		a.time = T0 + i;
		store_put_article(s, &a, &e);
		article_free(&a);
		free(html);
		free(name);
		/* the text a reader sees: &amp; is & */
		for (char *p = strstr(texts[i], "&amp;"); p; p = strstr(p + 1, "&amp;"))
			memmove(p + 1, p + 5, strlen(p + 5) + 1);
	}
	for (int round = 0; round < 2; round++) {
		for (size_t t = 0; t < ARRAY_LEN(terms); t++) {
			struct item_list l = { 0 };
			size_t want = scan_hits(titles, texts, N, terms[t]);
			size_t got;

			store_search(s, terms[t], &l, &e);
			got = l.n;
			for (size_t k = 1; k < l.n; k++)
				bad[round] += strcmp(l.v[k - 1].url, l.v[k].url) == 0;
			if ((want > STORE_SEARCH_MAX) != (l.more != 0) ||
			    got != (want > STORE_SEARCH_MAX ? STORE_SEARCH_MAX : want)) {
				printf("# %s (%s): %zu found, %zu by a scan, more %d\n", terms[t],
				       round ? "indexed" : "not indexed", got, want, l.more);
				bad[round]++;
			}
			item_list_free(&l);
		}
		while (store_index(s, 100, &e) > 0)
			;
	}
	is_int(bad[0], 0, "search finds what a substring scan finds (not indexed yet)");
	is_int(bad[1], 0, "search finds what a substring scan finds (indexed)");
	for (int i = 0; i < N; i++) {
		free(titles[i]);
		free(texts[i]);
	}
	store_close(s);
	free(path);
}

/* ---- expiry ------------------------------------------------------------- */

static void
test_vacuum_age(void)
{
	char *path = tpath("vacuum.db");
	struct store *s = open_ok(path);
	struct item_list l = { 0 };
	struct err e;

	store_set_clock(s, T0);
	put_list(s, "v", "old-read old-unread old-starred", LIST_HEAD, NULL);
	store_set_read(s, U("old-read"), 1, &e);
	store_set_starred(s, U("old-starred"), 1, &e);
	store_set_clock(s, T0 + 9 * DAY);
	put_list(s, "w", "new-read new-unread", LIST_HEAD, NULL);
	store_set_read(s, U("new-read"), 1, &e);
	store_set_clock(s, T0 + 10 * DAY);
	is_int(store_vacuum(s, 5, 0, &e), 2, "expiry by age removes old read and long-unread articles");
	is_list(s, "v", "old-starred", "a starred article is never expired");
	is_list(s, "w", "new-read new-unread", "recent articles stay");
	store_set_clock(s, T0 + 12 * DAY);
	is_int(store_vacuum(s, 1, 0, &e), 1, "a shorter age limit removes the read one");
	is_list(s, "w", "new-unread", "an unread article seen this week stays");
	ok(store_search(s, "old", &l, &e) == 0, "search works after expiry");
	item_list_free(&l);
	ok(raw_exec(path, "INSERT INTO search(search) VALUES ('integrity-check')") == SQLITE_OK,
	   "the search index matches the articles after expiry");
	store_close(s);
	free(path);
}

static char *
body_text(int i)
{
	struct buf b;

	buf_init(&b, 0);
	buf_addf(&b, "<p>第%d篇", i);
	while (b.len < 1500)
		buf_adds(&b, "贵阳高新区新引进产业项目到位资金完成六十九亿元。");
	buf_adds(&b, "</p>");
	return buf_steal(&b, NULL);
}

/* The bytes of the pages a cache uses. */
#define USED_SQL \
	"SELECT (p.page_count - f.freelist_count) * s.page_size" \
	" FROM pragma_page_count p, pragma_freelist_count f, pragma_page_size s"

static void
test_vacuum_size(void)
{
	char *path = tpath("vacuum-size.db"), *empty;
	struct store *s = open_ok(path);
	struct article a[300];
	long long used, limit;
	struct err e;
	struct article got;
	int removed;

	store_set_clock(s, T0);
	for (int i = 0; i < 300; i++) {
		char name[16];

		snprintf(name, sizeof name, "s%d", i);
		article_of(&a[i], name, name, NULL);
		a[i].body_html = body_text(i);
	}
	store_put_articles(s, a, 300, &e);
	store_set_starred(s, U("s0"), 1, &e);
	store_set_clock(s, T0 + 30 * DAY);
	/* a limit that leaves room for half the articles an empty cache has
	 * room for (its tables and indexes take a page each at least) */
	empty = tpath("vacuum-empty.db");
	store_close(open_ok(empty));
	limit = raw_int(empty, USED_SQL);
	limit += (raw_int(path, USED_SQL) - limit) / 2;
	free(empty);
	removed = store_vacuum(s, 0, limit, &e);
	used = raw_int(path, USED_SQL);
	ok(removed > 0 && removed < 300, "expiry by size removes some articles (%d)", removed);
	ok(used > 0 && used <= limit, "the cache is under the size limit (%lld of %lld bytes)",
	   used, limit);
	ok(store_get_article(s, U("s0"), &got, &e) == 0 && got.body_html != NULL,
	   "the oldest article stays when it is starred");
	article_free(&got);
	ok(store_get_article(s, U("s299"), &got, &e) == 0, "the newest article stays");
	article_free(&got);
	for (int i = 0; i < 300; i++)
		article_free(&a[i]);
	store_close(s);
	free(path);
}

/* ---- damage ------------------------------------------------------------- */

static void
make_text(const char *path)
{
	FILE *f = fopen(path, "w");

	fputs("这不是数据库，是一篇笔记。\n", f);
	fclose(f);
}

static void
make_truncated(const char *path)
{
	struct store *s = open_ok(path);
	struct article a[200];
	struct err e;
	struct stat sb;

	for (int i = 0; i < 200; i++) {
		char name[16];

		snprintf(name, sizeof name, "t%d", i);
		article_of(&a[i], name, name, NULL);
		a[i].body_html = body_text(i);
	}
	store_put_articles(s, a, 200, &e);
	for (int i = 0; i < 200; i++)
		article_free(&a[i]);
	store_close(s);
	stat(path, &sb);
	if (truncate(path, sb.st_size / 2) < 0)
		printf("# truncate: %s\n", strerror(errno));
}

static void
make_short(const char *path)
{
	FILE *f = fopen(path, "w");

	fwrite("SQLite format 3", 1, 16, f);
	fclose(f);
}

static void
make_zero_page(const char *path)
{
	struct store *s = open_ok(path);
	char zero[4096] = { 0 };
	int fd;

	put_list(s, "k", "a b c", LIST_HEAD, NULL);
	store_close(s);
	fd = open(path, O_WRONLY);
	if (fd >= 0 && pwrite(fd, zero, sizeof zero, 0) != (ssize_t)sizeof zero)
		printf("# pwrite: %s\n", strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void
make_foreign(const char *path)
{
	raw_exec(path, "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES ('mine')");
}

static const struct damage {
	const char *name;
	void (*make)(const char *path);
	const char *says;
} damages[] = {
	{ "a text file", make_text, "was damaged" },
	{ "a truncated cache", make_truncated, "was damaged" },
	{ "a file cut inside the header", make_short, "was damaged" },
	{ "a cache whose first page is zeroed", make_zero_page, "was damaged" },
	{ "another program's database", make_foreign, "was not a gxnews cache" },
};

/* The path.corrupt-* file next to path, or NULL. */
static char *
moved_file(const char *path)
{
	char *base = xasprintf("%s.corrupt-", strrchr(path, '/') + 1);
	char *found = NULL;
	DIR *d = opendir(tmpdir);

	for (struct dirent *de = d ? readdir(d) : NULL; de != NULL && found == NULL;
	     de = readdir(d)) {
		if (str_starts(de->d_name, base) && !str_ends(de->d_name, "-wal") &&
		    !str_ends(de->d_name, "-shm"))
			found = path_join(tmpdir, de->d_name);
	}
	if (d != NULL)
		closedir(d);
	free(base);
	return found;
}

static void
test_damaged(void)
{
	for (size_t i = 0; i < ARRAY_LEN(damages); i++) {
		char name[32];
		char *path, *moved, *want;
		struct store *s = NULL;
		struct err e;
		int rc;

		snprintf(name, sizeof name, "damaged%zu.db", i);
		path = tpath(name);
		damages[i].make(path);
		rc = store_open(&s, path, &e);
		if (rc < 0)
			printf("# %s\n", e.msg);
		moved = moved_file(path);
		want = xasprintf("cache %s %s; it was moved to %s, and a new cache started",
		                 path, damages[i].says, moved ? moved : "?");
		ok(rc == 0, "%s: gxnews still starts", damages[i].name);
		is_str(s ? store_notice(s) : NULL, want, "%s: the notice says where it went",
		       damages[i].name);
		ok(moved != NULL && exists(moved), "%s: the old file is kept aside", damages[i].name);
		ok(s != NULL && put_list(s, "k", "a", LIST_HEAD, NULL) == 0,
		   "%s: the new cache works", damages[i].name);
		if (s != NULL)
			is_list(s, "k", "a", "the new cache reads back");
		store_close(s);
		free(want);
		free(moved);
		free(path);
	}
}

/* Damage deep inside a big table is not seen at open; the first read that
 * meets it says so, and the next start moves the file aside. */
static void
test_damaged_later(void)
{
	char *path = tpath("later.db");
	struct store *s = open_ok(path);
	struct article a[300];
	char *page;
	struct err e;
	int fd, hit = 0;

	for (int i = 0; i < 300; i++) {
		char name[16];

		snprintf(name, sizeof name, "l%d", i);
		article_of(&a[i], name, name, NULL);
		a[i].body_html = body_text(i);
	}
	store_put_articles(s, a, 300, &e);
	store_close(s);
	page = raw_text(path, "SELECT pageno FROM dbstat WHERE name = 'bodies'"
	                      " AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 10");
	if (page == NULL) {
		ok(1, "# SKIP SQLite has no dbstat table to find a page to damage");
		goto out;
	}
	fd = open(path, O_WRONLY);
	if (fd >= 0) {
		long long size = raw_int(path, "PRAGMA page_size");
		char *junk = xmalloc((size_t)size);

		memset(junk, 0xa5, (size_t)size);
		if (pwrite(fd, junk, (size_t)size, (off_t)(atoll(page) - 1) * size) < 0)
			printf("# pwrite: %s\n", strerror(errno));
		free(junk);
		close(fd);
	}
	s = open_ok(path);
	for (int i = 0; i < 300 && !hit; i++) {
		struct article got;

		hit = store_get_article(s, a[i].url, &got, &e) < 0;
		article_free(&got);
	}
	ok(hit && strstr(e.msg, "is damaged") != NULL &&
	   strstr(e.msg, "next time gxnews starts") != NULL,
	   "reading a damaged article says the cache is damaged");
	store_close(s);
	s = open_ok(path);
	ok(store_notice(s) != NULL && strstr(store_notice(s), "was damaged") != NULL,
	   "the next start moves the damaged cache aside");
	ok(put_list(s, "k", "a", LIST_HEAD, NULL) == 0, "and starts a new one that works");
	store_close(s);
out:
	for (int i = 0; i < 300; i++)
		article_free(&a[i]);
	free(page);
	free(path);
}

/* ---- a full disk -------------------------------------------------------- */

static void
test_disk_full(void)
{
	char *path = tpath("full.db");
	char *want = xasprintf("cache %s: disk full, nothing was written; free some space", path);
	struct store *s = open_ok(path);
	struct article a[50], got;
	struct item_list l = { 0 };
	struct err e;
	int rc;

	for (int i = 0; i < 50; i++) {
		char name[16];

		snprintf(name, sizeof name, "f%d", i);
		article_of(&a[i], name, name, NULL);
		a[i].body_html = body_text(i);
	}
	store_put_articles(s, a, 10, &e);
	put_list(s, "k", "f0 f1 f2", LIST_HEAD, NULL);
	ok(store_set_max_size(s, 1, &e) == 0, "the cache can be capped at its present size");
	rc = store_put_articles(s, a + 10, 40, &e);
	ok(rc < 0, "storing past a full disk fails");
	is_str(rc < 0 ? e.msg : "", want, "the error says the disk is full and nothing was written");
	ok(store_get_article(s, U("f10"), &got, &e) == 1,
	   "none of the failed batch was written");
	article_free(&got);
	ok(store_get_article(s, U("f9"), &got, &e) == 0 && got.body_html != NULL,
	   "articles stored before are intact");
	article_free(&got);
	is_list(s, "k", "f0 f1 f2", "lists stored before are intact");
	ok(store_set_read(s, U("f1"), 1, &e) == 0, "small changes still go in");
	ok(store_get_list(s, "k", &l, &e) == 0 && l.n == 3 && l.v[1].read,
	   "the cache can still be read");
	item_list_free(&l);
	store_set_max_size(s, 0, &e);
	ok(store_put_articles(s, a + 10, 40, &e) == 0, "once there is room, storing works again");
	store_close(s);
	ok(raw_ok(path, "PRAGMA integrity_check"), "the cache is sound after the full disk");
	for (int i = 0; i < 50; i++)
		article_free(&a[i]);
	free(want);
	free(path);
}

/* ---- kill -9 ------------------------------------------------------------ */

#define CRASH_RUNS  50
#define CRASH_BATCH 40

static void
crash_batch(int run, int b, struct item_list *l, struct article *a)
{
	memset(l, 0, sizeof *l);
	for (int i = 0; i < CRASH_BATCH; i++) {
		char name[48];

		snprintf(name, sizeof name, "crash-%d-%d-%d", run, b, i);
		add_item(l, name, name, 0);
		article_of(&a[i], name, name, NULL);
		a[i].body_html = body_text(run * 100000 + b * 100 + i);
	}
}

static void
crash_free(struct item_list *l, struct article *a)
{
	item_list_free(l);
	for (int i = 0; i < CRASH_BATCH; i++)
		article_free(&a[i]);
}

/* Writes batches until killed; reports each committed one on fd. */
static void
crash_child(const char *path, int run, int fd)
{
	char key[32];
	struct store *s;
	struct err e;

	snprintf(key, sizeof key, "crash-%d", run);
	if (store_open(&s, path, &e) < 0)
		_exit(2);
	for (int b = 0; b < 100000; b++) {
		struct item_list l;
		struct article a[CRASH_BATCH];

		crash_batch(run, b, &l, a);
		if (store_put_list(s, key, &l, LIST_HEAD, &e) < 0 ||
		    store_put_articles(s, a, CRASH_BATCH, &e) < 0)
			_exit(3);
		if (write(fd, &b, sizeof b) != sizeof b)
			_exit(4);
		crash_free(&l, a);
	}
	_exit(0);
}

/* How many of run's committed batches are not all there. */
static int
crash_missing(struct store *s, int run, int batches)
{
	int missing = 0;

	for (int b = 0; b < batches; b++) {
		struct item_list l;
		struct article a[CRASH_BATCH];
		int bad = 0;

		crash_batch(run, b, &l, a);
		for (int i = 0; i < CRASH_BATCH; i++) {
			struct article got;
			struct err e;

			bad |= store_get_article(s, a[i].url, &got, &e) != 0 ||
			       got.body_html == NULL || strcmp(got.body_html, a[i].body_html) != 0;
			article_free(&got);
		}
		missing += bad;
		crash_free(&l, a);
	}
	return missing;
}

static int
crash_run(const char *path, int run, unsigned *seed, int *batches)
{
	int fds[2], b, status;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		crash_child(path, run, fds[1]);
	}
	close(fds[1]);
	usleep((useconds_t)(rand_r(seed) % 60000));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	*batches = 0;
	while (read(fds[0], &b, sizeof b) == sizeof b)
		*batches = b + 1;
	close(fds[0]);
	return WIFSIGNALED(status) ? 0 : -1;
}

static void
test_crash(void)
{
	char *path = tpath("crash.db");
	const char *env = getenv("GX_SEED");
	unsigned seed = env ? (unsigned)atoi(env) : 6;
	int batches[CRASH_RUNS];
	int sound = 0, intact = 0, killed = 0, total = 0;
	struct timespec t0, t1;

	printf("# kill -9 test, seed %u (set GX_SEED to change)\n", seed);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int run = 0; run < CRASH_RUNS; run++) {
		struct store *s;
		int missing;

		killed += crash_run(path, run, &seed, &batches[run]) == 0;
		total += batches[run];
		sound += raw_ok(path, "PRAGMA integrity_check");
		s = open_ok(path);
		missing = crash_missing(s, run, batches[run]);
		if (missing > 0)
			printf("# run %d: %d of %d committed batches incomplete\n", run,
			       missing, batches[run]);
		intact += missing == 0;
		store_close(s);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# %d batches of %d committed in %.1f s\n", total, CRASH_BATCH,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	is_int(killed, CRASH_RUNS, "the writer was killed with -9 %d times", CRASH_RUNS);
	is_int(sound, CRASH_RUNS, "after every kill the cache passes integrity_check");
	is_int(intact, CRASH_RUNS, "after every kill every committed article is there");
	ok(raw_exec(path, "INSERT INTO search(search) VALUES ('integrity-check')") == SQLITE_OK,
	   "after the kills the search index matches the articles");
	{
		struct store *s = open_ok(path);
		int short_lists = 0;

		for (int run = 0; run < CRASH_RUNS; run++) {
			struct item_list l = { 0 };
			char key[32];
			struct err e;

			snprintf(key, sizeof key, "crash-%d", run);
			store_get_list(s, key, &l, &e);
			short_lists += l.n < (size_t)batches[run] * CRASH_BATCH;
			item_list_free(&l);
		}
		is_int(short_lists, 0, "the lists of all earlier runs are still whole");
		store_close(s);
	}
	free(path);
}

/* ---- two at once -------------------------------------------------------- */

static void
test_two_stores(void)
{
	char *path = tpath("two.db");
	struct store *a = open_ok(path), *b = open_ok(path);
	struct item_list l = { 0 };
	struct err e;

	ok(put_list(a, "k", "a b", LIST_HEAD, NULL) == 0, "the first store writes");
	is_list(b, "k", "a b", "a second store on the same file reads it");
	ok(store_set_read(b, U("b"), 1, &e) == 0, "the second store writes");
	store_get_list(a, "k", &l, &e);
	ok(l.n == 2 && l.v[1].read, "the first store sees it");
	item_list_free(&l);
	store_close(b);
	store_close(a);
	free(path);
}

/* A second gxnews (a sync) writing while we work, a batch at a time as a
 * sync writes what each fetch brought: between its batches we go on
 * reading and writing.  Each batch waits for our go, which we give only
 * after a round of our own, so a write of ours waits at most for the rest
 * of one batch (BUSY_MS is far more) however slowly both run, and our
 * reads never wait (WAL). */
static void
test_forked_writer(void)
{
	char *path = tpath("fork.db");
	/* The child leaves this connection alone (an SQLite connection must
	 * not cross a fork) and exits with it open: volatile keeps the pointer
	 * on the stack, so valgrind's leak check in the child still finds it. */
	struct store *volatile s = open_ok(path);
	int status, errors = 0, rounds = 0, batches = 0, go[2], done[2];
	struct item_list l = { 0 };
	struct err e;
	pid_t pid;
	char ch = 0;

	put_list(s, "mine", "m0 m1 m2 m3 m4 m5 m6 m7 m8 m9", LIST_HEAD, NULL);
	if (pipe(go) < 0 || pipe(done) < 0) {
		printf("Bail out! pipe: %s\n", strerror(errno));
		exit(1);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct store *c;

		close(go[1]);
		close(done[0]);
		if (store_open(&c, path, &e) < 0)
			_exit(2);
		for (int b = 0; b < 30; b++) {
			struct item_list cl;
			struct article ca[CRASH_BATCH];

			crash_batch(999, b, &cl, ca);
			if (read(go[0], &ch, 1) != 1 ||
			    store_put_list(c, "theirs", &cl, LIST_HEAD, &e) < 0 ||
			    store_put_articles(c, ca, CRASH_BATCH, &e) < 0 ||
			    write(done[1], "d", 1) != 1)
				_exit(3);
			crash_free(&cl, ca);
		}
		store_close(c);
		free(path);
		_exit(0);
	}
	close(go[0]);
	close(done[1]);
	for (int more = write(go[1], "g", 1) == 1; more; rounds++) {
		struct pollfd pfd = { .fd = done[0], .events = POLLIN };
		char url[64];

		snprintf(url, sizeof url, U("m%d"), rounds % 10);
		errors += store_set_read(s, url, 1, &e) < 0;
		errors += store_get_list(s, "theirs", &l, &e) < 0;
		item_list_free(&l);
		if (poll(&pfd, 1, 1) == 1) {
			more = read(done[0], &ch, 1) == 1 && ++batches < 30 &&
			       write(go[1], "g", 1) == 1;
		}
	}
	close(go[1]);
	close(done[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a second gxnews writes while we work");
	is_int(errors, 0, "our reads and writes meanwhile all succeed (%d rounds, %d batches)",
	       rounds, batches);
	store_get_list(s, "theirs", &l, &e);
	is_int(l.n, 30 * CRASH_BATCH, "everything the other process wrote is there");
	item_list_free(&l);
	store_get_list(s, "mine", &l, &e);
	ok(l.n == 10 && l.v[0].read, "and so is what we wrote");
	item_list_free(&l);
	is_int(crash_missing(s, 999, 30), 0, "with every body");
	store_close(s);
	free(path);
}

/* Several gxnews starting at once on a new cache: one creates it, the
 * others wait for it, and every one of them can store and search. */
static void
test_start_together(void)
{
	static const char *const words[] = { "甲乙丙丁", "戊己庚辛", "壬癸子丑", "寅卯辰巳" };
	char *path = tpath("together.db");
	pid_t pids[ARRAY_LEN(words)];
	int good = 0, found = 0;
	struct store *s;

	fflush(stdout);
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct item_list l = { 0 };
			struct article a;
			struct err e;
			char name[16];

			snprintf(name, sizeof name, "w%zu", i);
			article_of(&a, name, name, words[i]);
			if (store_open(&s, path, &e) < 0 || store_put_article(s, &a, &e) < 0 ||
			    store_search(s, words[i], &l, &e) < 0 || l.n != 1)
				_exit(1);
			_exit(0);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		int status;

		waitpid(pids[i], &status, 0);
		good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	is_int(good, (int)ARRAY_LEN(words), "gxnews started together on a new cache all store and search");
	s = open_ok(path);
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		struct item_list l = { 0 };
		struct err e;

		store_search(s, words[i], &l, &e);
		found += l.n == 1;
		item_list_free(&l);
	}
	is_int(found, (int)ARRAY_LEN(words), "what each stored can be found afterwards");
	store_close(s);
	free(path);
}

/* A process holding the write lock longer than we wait is named. */
static void
test_busy(void)
{
	char *path = tpath("busy.db");
	struct store *s = open_ok(path);
	struct item_list l;
	int up[2], down[2], status;
	char c = 0;
	struct err e;
	pid_t pid;
	int rc;

	put_list(s, "k", "a", LIST_HEAD, NULL);
	if (pipe(up) < 0 || pipe(down) < 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sqlite3 *db;

		sqlite3_open(path, &db);
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (write(up[1], "x", 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(up[0], &c, 1) != 1)
		printf("# the lock holder did not start\n");
	list_of(&l, "b");
	rc = store_put_list(s, "k", &l, LIST_HEAD, &e);
	item_list_free(&l);
	if (write(down[1], "x", 1) != 1)
		printf("# cannot release the lock holder\n");
	waitpid(pid, &status, 0);
	{
		char *want = xasprintf("process %ld is writing to it", (long)pid);

		ok(rc < 0 && strstr(e.msg, want) != NULL,
		   "while another process writes too long, the error names it");
		if (strstr(e.msg, want) == NULL)
			printf("# %s\n", e.msg);
		free(want);
	}
	ok(put_list(s, "k", "b", LIST_HEAD, NULL) == 0, "once it is done, writing works");
	store_close(s);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	free(path);
}

/* ---- main --------------------------------------------------------------- */

static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_create_reopen();
	test_newer_refused();
	test_migrate_v1();
	test_migrate_origins();
	test_upsert();
	test_instant_date();
	test_feed_write();
	test_feed_restart();
	test_list_modes();
	test_snapshots();
	test_tabs();
	test_pages();
	test_images();
	test_hosts();
	test_starred();
	test_search();
	test_search_exact();
	test_vacuum_age();
	test_vacuum_size();
	test_damaged();
	test_damaged_later();
	test_disk_full();
	test_two_stores();
	test_forked_writer();
	test_start_together();
	test_busy();
	test_crash();
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
