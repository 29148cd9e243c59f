/* store.c: the offline cache in SQLite.  The only file that includes sqlite3.h.
 *
 * Tables (schema 7):
 *   sources(id, name)                 a site profile or "feeds"
 *   tabs(source, position, key, ...)  the tabs of a source, in order
 *   lists(id, key, snap, next_url, npages, fetched)   one per tab key
 *   snapshots(id, list, taken, seen)  versions of a list: a channel has one,
 *                                     a ranking keeps every distinct one
 *   list_items(snap, position, article, rank)   primary key (snap, position)
 *   articles(id, url, title, ..., read, starred)  small columns only
 *   bodies(id, html)                  article bodies, apart so lists stay fast
 *   pages(url, fetched, validators, body)        raw pages for conditional GET
 *   search                            FTS5 index of the character pairs of
 *                                     title and text (gx_pairs()), no copy
 *                                     of the text: see schema_pairs
 *   search_dirty(id)                  articles changed since they were
 *                                     indexed (once or more), kept by triggers
 *   images(url, article, data, error)  pictures, kept with the article that
 *                                     shows them and removed with it
 *   hosts(name, fails, ...)           hosts that failed, and until when they
 *                                     are paused, kept between runs
 *   meta(key, value)                  what the cache remembers of the
 *                                     program: the rules last applied
 * Every write is one transaction (BEGIN IMMEDIATE ... COMMIT) of upserts; the
 * journal is WAL with synchronous=NORMAL, so a killed process loses nothing
 * it committed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "htmltext.h"
#include "store.h"
#include "utf8.h"

#define APP_ID        0x67786e77        /* "gxnw" in PRAGMA application_id */
#define BUSY_MS       3000
#define SEEN_GRAIN    3600              /* rewrite an unchanged row's seen time hourly */
#define INDEX_BATCH   256               /* articles indexed per statement */
#define SHM_LOCKS     120               /* first lock byte in a WAL -shm file */

enum { OPEN_OK = 0, OPEN_DAMAGED = 1, OPEN_FOREIGN = 2 };

/* ---- schema ------------------------------------------------------------ */

static const char schema_v1[] =
	"CREATE TABLE sources("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE tabs("
	" source INTEGER NOT NULL,"
	" position INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" label TEXT NOT NULL,"
	" url TEXT,"
	" kind INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (source, position),"
	" UNIQUE (source, key)) WITHOUT ROWID;"
	"CREATE TABLE lists("
	" id INTEGER PRIMARY KEY,"
	" key TEXT NOT NULL UNIQUE,"
	" snap INTEGER NOT NULL DEFAULT 0,"
	" next_url TEXT,"
	" npages INTEGER NOT NULL DEFAULT 0,"
	" fetched INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE snapshots("
	" id INTEGER PRIMARY KEY,"
	" list INTEGER NOT NULL,"
	" taken INTEGER NOT NULL,"
	" seen INTEGER NOT NULL);"
	"CREATE INDEX snapshots_list ON snapshots(list, taken);"
	"CREATE TABLE list_items("
	" snap INTEGER NOT NULL,"
	" position INTEGER NOT NULL,"
	" article INTEGER NOT NULL,"
	" rank INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (snap, position)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX list_items_article ON list_items(snap, article);"
	"CREATE TABLE articles("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" title TEXT,"
	" date_text TEXT,"
	" time INTEGER NOT NULL DEFAULT 0,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" starred_at INTEGER NOT NULL DEFAULT 0,"
	" seen INTEGER NOT NULL DEFAULT 0,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" comments INTEGER NOT NULL DEFAULT -1,"
	" summary TEXT,"
	" thumb TEXT,"
	" time_text TEXT,"
	" source TEXT,"
	" author TEXT,"
	" editor TEXT,"
	" next_page TEXT);"
	"CREATE INDEX articles_starred ON articles(starred_at) WHERE starred;"
	"CREATE TABLE bodies("
	" id INTEGER PRIMARY KEY,"
	" html TEXT NOT NULL);"
	"CREATE TABLE pages("
	" url TEXT PRIMARY KEY,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" content_type TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" body BLOB);"
	"CREATE TRIGGER articles_del AFTER DELETE ON articles BEGIN"
	" DELETE FROM bodies WHERE id = old.id; END;";

/* Full-text search, first version: the triggers note in search_dirty
 * which articles changed; schema_v3 replaces its index. */
static const char schema_v2[] =
	"CREATE VIRTUAL TABLE search USING fts5(title, body,"
	" tokenize = 'trigram', detail = none);"
	"CREATE TABLE search_dirty(id INTEGER PRIMARY KEY);"
	"INSERT INTO search_dirty(id) SELECT id FROM articles;"
	"CREATE TRIGGER search_article_add AFTER INSERT ON articles BEGIN"
	" INSERT OR IGNORE INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_title AFTER UPDATE OF title ON articles"
	" WHEN old.title IS NOT new.title BEGIN"
	" INSERT OR IGNORE INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_article_del AFTER DELETE ON articles BEGIN"
	" INSERT OR IGNORE INTO search_dirty(id) VALUES (old.id); END;"
	"CREATE TRIGGER search_body_add AFTER INSERT ON bodies BEGIN"
	" INSERT OR IGNORE INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_body_set AFTER UPDATE OF html ON bodies"
	" WHEN old.html IS NOT new.html BEGIN"
	" INSERT OR IGNORE INTO search_dirty(id) VALUES (new.id); END;";

/* Pictures: the file as fetched, or why it is not kept (too large, not a
 * picture).  article is the article showing it (NULL: a list page's, such as
 * an e-paper's page picture, expired by age). */
static const char schema_images[] =
	"CREATE TABLE images("
	" url TEXT PRIMARY KEY,"
	" article INTEGER,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" content_type TEXT,"
	" data BLOB,"
	" error TEXT);"
	"CREATE INDEX images_article ON images(article);"
	"CREATE TRIGGER images_article_del AFTER DELETE ON articles BEGIN"
	" DELETE FROM images WHERE article = old.id; END;";
/* What the fetcher learned of hosts that failed, so that the next run does
 * not hammer a host that timed out a minute ago. */
static const char schema_hosts[] =
	"CREATE TABLE hosts("
	" name TEXT PRIMARY KEY,"
	" fails INTEGER NOT NULL DEFAULT 0,"
	" failed_at INTEGER NOT NULL DEFAULT 0,"
	" retry_at INTEGER NOT NULL DEFAULT 0,"
	" told INTEGER NOT NULL DEFAULT 0,"
	" error TEXT) WITHOUT ROWID;";

/* The search triggers again, noting an article only when it is not noted
 * yet.  Their INSERT OR IGNORE did not ignore under an upsert's DO UPDATE
 * (SQLite lets the outer statement's conflict policy win), so a write that
 * changed an article's title and then its body in one transaction failed. */
#define NOTE_DIRTY(id) \
	" INSERT INTO search_dirty(id) SELECT " id \
	" WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE id = " id "); END;"
static const char schema_dirty_once[] =
	"DROP TRIGGER search_article_add; DROP TRIGGER search_title;"
	"DROP TRIGGER search_article_del; DROP TRIGGER search_body_add;"
	"DROP TRIGGER search_body_set;"
	"CREATE TRIGGER search_article_add AFTER INSERT ON articles BEGIN"
	NOTE_DIRTY("new.id")
	"CREATE TRIGGER search_title AFTER UPDATE OF title ON articles"
	" WHEN old.title IS NOT new.title BEGIN"
	NOTE_DIRTY("new.id")
	"CREATE TRIGGER search_article_del AFTER DELETE ON articles BEGIN"
	NOTE_DIRTY("old.id")
	"CREATE TRIGGER search_body_add AFTER INSERT ON bodies BEGIN"
	NOTE_DIRTY("new.id")
	"CREATE TRIGGER search_body_set AFTER UPDATE OF html ON bodies"
	" WHEN old.html IS NOT new.html BEGIN"
	NOTE_DIRTY("new.id");

/* The search index holds, for each article, the pairs of adjacent
 * characters of its title and text (gx_pairs(): tags cut, entities
 * decoded, ASCII letters in lower case), as tokens of FTS5's ascii
 * tokenizer, and no copy of the text (content='').  A term of two
 * characters is one token, so its articles are exactly its doclist; a
 * longer term is the AND of its pairs, a single character the prefix of
 * the pairs it starts.  Every candidate is then checked on the article's
 * own text, so the index only has to find a superset: an article changed
 * after it was indexed keeps its old tokens (contentless rows cannot be
 * deleted) and is indexed again with its new ones.  Indexing is not part
 * of the writes: store_index() works through search_dirty when there is
 * time (the reader when idle, --sync at its end), and a search checks the
 * articles not yet indexed directly, so it is exact either way. */
static const char schema_pairs[] =
	"DROP TABLE search;"
	"CREATE VIRTUAL TABLE search USING fts5(text, content = '',"
	" tokenize = 'ascii', detail = none, columnsize = 0);"
	"DELETE FROM search_dirty;"
	"INSERT INTO search_dirty(id) SELECT id FROM articles;"
	"CREATE INDEX articles_time ON articles(time);";

/* The search triggers once more, each a plain insert: an article changed
 * twice is noted twice (store_index takes each once).  Checking first
 * whether it is noted made SQLite copy the check's result into a table of
 * its own for each row written (an insert reading the table it writes),
 * a tenth of a feed's time. */
#define NOTE(id) " INSERT INTO search_dirty(id) VALUES (" id "); END;"
static const char schema_dirty_rows[] =
	"DROP TRIGGER search_article_add; DROP TRIGGER search_title;"
	"DROP TRIGGER search_article_del; DROP TRIGGER search_body_add;"
	"DROP TRIGGER search_body_set;"
	"CREATE TABLE search_noted(id INTEGER NOT NULL);"
	"INSERT INTO search_noted(id) SELECT id FROM search_dirty;"
	"DROP TABLE search_dirty;"
	"ALTER TABLE search_noted RENAME TO search_dirty;"
	"CREATE INDEX search_dirty_id ON search_dirty(id);"
	"CREATE TRIGGER search_article_add AFTER INSERT ON articles BEGIN"
	NOTE("new.id")
	"CREATE TRIGGER search_title AFTER UPDATE OF title ON articles"
	" WHEN old.title IS NOT new.title BEGIN"
	NOTE("new.id")
	"CREATE TRIGGER search_article_del AFTER DELETE ON articles BEGIN"
	NOTE("old.id")
	"CREATE TRIGGER search_body_add AFTER INSERT ON bodies BEGIN"
	NOTE("new.id")
	"CREATE TRIGGER search_body_set AFTER UPDATE OF html ON bodies"
	" WHEN old.html IS NOT new.html BEGIN"
	NOTE("new.id");

/* What readers and rules add to an article: the source that listed it
 * first (origin: a site profile's name or a feed's URL), how far it was
 * read (place: visible characters above the top line, of place_of), and
 * what the rules said of it (rule: ITEM_HIDDEN, ITEM_HIGHLIGHT), ruled
 * being 0 until they have judged it as it is now: a new article, or one
 * whose title, names or body changed. */
#define RULED_AGAIN(table, id, when) \
	"CREATE TRIGGER rules_" table " AFTER " when " BEGIN" \
	" UPDATE articles SET ruled = 0 WHERE id = " id " AND ruled; END;"
static const char schema_reader[] =
	"ALTER TABLE articles ADD COLUMN origin TEXT;"
	"ALTER TABLE articles ADD COLUMN place INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE articles ADD COLUMN place_of INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE articles ADD COLUMN rule INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE articles ADD COLUMN ruled INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX articles_unruled ON articles(id) WHERE NOT ruled;"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	RULED_AGAIN("names", "new.id", "UPDATE OF title, author, source ON articles"
	            " WHEN old.title IS NOT new.title OR old.author IS NOT new.author"
	            " OR old.source IS NOT new.source")
	RULED_AGAIN("body_add", "new.id", "INSERT ON bodies")
	RULED_AGAIN("body_set", "new.id", "UPDATE OF html ON bodies"
	            " WHEN old.html IS NOT new.html");

/* The articles a feed's tab listed before sources were kept are that
 * feed's (its URL, the key struct item's origin holds), judged again by
 * rules that may name it. */
#define TAB_FEED_KIND "4"
_Static_assert(TAB_FEED == 4, "TAB_FEED_KIND is TAB_FEED");
static const char schema_origins[] =
	"UPDATE articles SET origin = f.url, ruled = 0 FROM"
	" (SELECT li.article AS id, min(t.url) AS url FROM list_items li"
	"  JOIN snapshots sn ON sn.id = li.snap JOIN lists l ON l.id = sn.list"
	"  JOIN tabs t ON t.key = l.key"
	"  WHERE t.kind = " TAB_FEED_KIND " AND t.url IS NOT NULL GROUP BY li.article) f"
	" WHERE articles.id = f.id AND articles.origin IS NULL;";

/* A new cache is made at once in the newest form: running every step
 * above (tables made, altered, dropped and made again) took longer than
 * the rest of the first fetch of a small feed.  test_store checks that
 * this is the schema the steps reach. */
static const char schema_now[] =
	"CREATE TABLE sources(id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE tabs(source INTEGER NOT NULL,"
	" position INTEGER NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,"
	" url TEXT, kind INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source,"
	" position), UNIQUE (source, key)) WITHOUT ROWID;"
	"CREATE TABLE lists(id INTEGER PRIMARY KEY,"
	" key TEXT NOT NULL UNIQUE, snap INTEGER NOT NULL DEFAULT 0,"
	" next_url TEXT, npages INTEGER NOT NULL DEFAULT 0,"
	" fetched INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE snapshots(id INTEGER PRIMARY KEY,"
	" list INTEGER NOT NULL, taken INTEGER NOT NULL,"
	" seen INTEGER NOT NULL);"
	"CREATE INDEX snapshots_list ON snapshots(list, taken);"
	"CREATE TABLE list_items(snap INTEGER NOT NULL,"
	" position INTEGER NOT NULL, article INTEGER NOT NULL,"
	" rank INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (snap,"
	" position)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX list_items_article ON list_items(snap, article);"
	"CREATE TABLE articles(id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE, title TEXT, date_text TEXT,"
	" time INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" starred_at INTEGER NOT NULL DEFAULT 0,"
	" seen INTEGER NOT NULL DEFAULT 0,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" comments INTEGER NOT NULL DEFAULT -1, summary TEXT, thumb TEXT,"
	" time_text TEXT, source TEXT, author TEXT, editor TEXT,"
	" next_page TEXT, origin TEXT, place INTEGER NOT NULL DEFAULT 0,"
	" place_of INTEGER NOT NULL DEFAULT 0,"
	" rule INTEGER NOT NULL DEFAULT 0, ruled INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX articles_starred ON articles(starred_at) WHERE starred;"
	"CREATE TABLE bodies(id INTEGER PRIMARY KEY, html TEXT NOT NULL);"
	"CREATE TABLE pages(url TEXT PRIMARY KEY,"
	" fetched INTEGER NOT NULL DEFAULT 0, content_type TEXT, etag TEXT,"
	" last_modified TEXT, body BLOB);"
	"CREATE TRIGGER articles_del AFTER DELETE ON articles"
	" BEGIN DELETE FROM bodies WHERE id = old.id; END;"
	"CREATE TABLE images(url TEXT PRIMARY KEY, article INTEGER,"
	" fetched INTEGER NOT NULL DEFAULT 0, content_type TEXT, data BLOB,"
	" error TEXT);"
	"CREATE INDEX images_article ON images(article);"
	"CREATE TRIGGER images_article_del AFTER DELETE ON articles"
	" BEGIN DELETE FROM images WHERE article = old.id; END;"
	"CREATE VIRTUAL TABLE search USING fts5(text, content = '',"
	" tokenize = 'ascii', detail = none, columnsize = 0);"
	"CREATE INDEX articles_time ON articles(time);"
	"CREATE TABLE hosts(name TEXT PRIMARY KEY,"
	" fails INTEGER NOT NULL DEFAULT 0,"
	" failed_at INTEGER NOT NULL DEFAULT 0,"
	" retry_at INTEGER NOT NULL DEFAULT 0,"
	" told INTEGER NOT NULL DEFAULT 0, error TEXT) WITHOUT ROWID;"
	"CREATE TABLE search_dirty(id INTEGER NOT NULL);"
	"CREATE INDEX search_dirty_id ON search_dirty(id);"
	"CREATE TRIGGER search_article_add AFTER INSERT ON articles"
	" BEGIN INSERT INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_title AFTER UPDATE OF title ON articles"
	" WHEN old.title IS NOT new.title"
	" BEGIN INSERT INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_article_del AFTER DELETE ON articles"
	" BEGIN INSERT INTO search_dirty(id) VALUES (old.id); END;"
	"CREATE TRIGGER search_body_add AFTER INSERT ON bodies"
	" BEGIN INSERT INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE TRIGGER search_body_set AFTER UPDATE OF html ON bodies"
	" WHEN old.html IS NOT new.html"
	" BEGIN INSERT INTO search_dirty(id) VALUES (new.id); END;"
	"CREATE INDEX articles_unruled ON articles(id) WHERE NOT ruled;"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TRIGGER rules_names AFTER UPDATE OF title, author,"
	" source ON articles WHEN old.title IS NOT new.title"
	" OR old.author IS NOT new.author OR old.source IS NOT new.source"
	" BEGIN UPDATE articles SET ruled = 0 WHERE id = new.id AND ruled; END;"
	"CREATE TRIGGER rules_body_add AFTER INSERT ON bodies"
	" BEGIN UPDATE articles SET ruled = 0 WHERE id = new.id AND ruled; END;"
	"CREATE TRIGGER rules_body_set AFTER UPDATE OF html ON bodies"
	" WHEN old.html IS NOT new.html"
	" BEGIN UPDATE articles SET ruled = 0 WHERE id = new.id AND ruled; END;";

/* Version k is reached by running migrations[k - 1] in one transaction. */
static const struct migration {
	const char *sql;
	const char *tables;     /* the tables a cache of this version has */
} migrations[] = {
	{ schema_v1, "sources tabs lists snapshots list_items articles bodies pages" },
	{ schema_v2, "search search_dirty" },
	{ schema_images, "images" },
	{ schema_dirty_once, "" },
	{ schema_pairs, "search" },
	{ schema_hosts, "hosts" },
	{ schema_dirty_rows, "search_dirty" },
	{ schema_reader, "meta" },
	{ schema_origins, "" },
};

/* Tables read at open to catch damage early: the rightmost path of each
 * b-tree holds the newest pages, which is what a torn or truncated file loses. */
static const char *const probes[] = {
	"SELECT max(rowid) FROM articles",      /* one of min/max per query, */
	"SELECT min(rowid) FROM articles",      /* or SQLite scans the table */
	"SELECT max(id) FROM bodies",
	"SELECT max(snap) FROM list_items",
	"SELECT min(snap) FROM list_items",
	"SELECT count(*) FROM lists",
	"SELECT count(*) FROM tabs",
	"SELECT count(*) FROM sources",
	"SELECT max(id) FROM snapshots",
	"SELECT max(rowid) FROM pages",
};

/* ---- prepared statements ------------------------------------------------ */

#define ITEM_COLS(rank) \
	"a.url, a.title, a.date_text, a.time, " rank ", a.summary, a.thumb, a.read, a.starred," \
	" a.origin, a.author, a.source, a.place, a.place_of, a.rule"
#define ITEM_NCOLS 15
#define SHOWN "NOT (a.rule & 1)"         /* not hidden by a rule (ITEM_HIDDEN) */
_Static_assert(ITEM_HIDDEN == 1, "SHOWN tests ITEM_HIDDEN");

/* A date's text: the new one, else the one kept, except that a time
 * with no text is an instant (a feed's, shown in the reader's zone) and
 * drops the text an older reading stored. */
#define KEEP_TEXT(col) \
	"CASE WHEN excluded.time <> 0 AND excluded." col " IS NULL THEN NULL" \
	" ELSE coalesce(excluded." col ", " col ") END"

/* An article read whole; a feed's also with its item's date text,
 * summary and thumb.  A new one is a plain insert (_NEW): an upsert's DO
 * UPDATE, or any constraint that aborts, makes SQLite copy every page a
 * statement with triggers touches into a statement journal, a fifth of a
 * feed's time.  OR FAIL instead: a failure rolls back the whole write. */
#define ART_ROW " INTO articles(url, title, time_text, time, source," \
	" author, editor, comments, next_page, fetched, seen)" \
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
#define FEED_ROW " INTO articles(url, title, time_text, time, source," \
	" author, editor, comments, next_page, fetched, seen, date_text," \
	" summary, thumb, origin)" \
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, ?13, ?14)"

/* What an article read whole replaces of what was kept. */
#define ART_SET \
	" title = coalesce(excluded.title, title)," \
	" time_text = " KEEP_TEXT("time_text") "," \
	" time = CASE WHEN excluded.time <> 0 THEN excluded.time ELSE time END," \
	" source = coalesce(excluded.source, source)," \
	" author = coalesce(excluded.author, author)," \
	" editor = coalesce(excluded.editor, editor)," \
	" comments = CASE WHEN excluded.comments >= 0 THEN excluded.comments" \
	"  ELSE comments END," \
	" next_page = excluded.next_page," \
	" fetched = excluded.fetched, seen = max(seen, excluded.seen)"

#define STMTS(_) \
	_(BEGIN, "BEGIN IMMEDIATE") \
	_(COMMIT, "COMMIT") \
	_(ROLLBACK, "ROLLBACK") \
	_(SOURCE_ADD, "INSERT INTO sources(name) VALUES (?1) ON CONFLICT DO NOTHING") \
	_(SOURCE_ID, "SELECT id FROM sources WHERE name = ?1") \
	_(TABS_CLEAR, "DELETE FROM tabs WHERE source = ?1") \
	_(TAB_ADD, "INSERT INTO tabs(source, position, key, label, url, kind)" \
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING") \
	_(TABS_GET, "SELECT t.key, t.label, t.url, t.kind, coalesce(l.fetched, 0)" \
		" FROM tabs t LEFT JOIN lists l ON l.key = t.key" \
		" WHERE t.source = (SELECT id FROM sources WHERE name = ?1)" \
		" ORDER BY t.position") \
	_(LIST_ADD, "INSERT INTO lists(key) VALUES (?1) ON CONFLICT DO NOTHING") \
	_(LIST_GET, "SELECT id, snap FROM lists WHERE key = ?1") \
	_(LIST_SET, "UPDATE lists SET snap = ?2, next_url = ?3, npages = ?4," \
		" fetched = ?5 WHERE id = ?1") \
	_(LIST_META, "SELECT next_url, npages, fetched FROM lists WHERE key = ?1") \
	_(SNAP_ADD, "INSERT INTO snapshots(list, taken, seen) VALUES (?1, ?2, ?2)") \
	_(SNAP_DROP, "DELETE FROM snapshots WHERE id = ?1") \
	_(SNAP_SEEN, "UPDATE snapshots SET seen = ?2 WHERE id = ?1") \
	_(SNAP_AT, "SELECT id FROM snapshots WHERE list =" \
		" (SELECT id FROM lists WHERE key = ?1) AND taken <= ?2" \
		" ORDER BY taken DESC, id DESC LIMIT 1") \
	_(SNAP_SAME, "SELECT (SELECT count(*) FROM list_items WHERE snap = ?1) =" \
		" (SELECT count(*) FROM list_items WHERE snap = ?2) AND NOT EXISTS" \
		" (SELECT 1 FROM list_items a LEFT JOIN list_items b" \
		" ON b.snap = ?2 AND b.position = a.position WHERE a.snap = ?1" \
		" AND (b.article IS NOT a.article OR b.rank IS NOT a.rank))") \
	_(ITEMS_MIN, "SELECT min(position) FROM list_items WHERE snap = ?1") \
	_(ITEMS_MAX, "SELECT max(position) FROM list_items WHERE snap = ?1") \
	_(ITEMS_DROP, "DELETE FROM list_items WHERE snap = ?1") \
	_(ITEM_DROP, "DELETE FROM list_items WHERE snap = ?1 AND article = ?2") \
	_(ITEM_ADD, "INSERT INTO list_items(snap, position, article, rank)" \
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING") \
	_(ITEMS_GET, "SELECT " ITEM_COLS("li.rank") " FROM list_items li" \
		" JOIN articles a ON a.id = li.article WHERE li.snap = ?1 AND " SHOWN \
		" ORDER BY li.position") \
	_(ART_STUB, "INSERT INTO articles(url, title, date_text, time, summary," \
		" thumb, seen, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" \
		" ON CONFLICT(url) DO UPDATE SET" \
		" title = CASE WHEN fetched > 0 AND title IS NOT NULL THEN title" \
		"  ELSE coalesce(excluded.title, title) END," \
		" date_text = " KEEP_TEXT("date_text") "," \
		" time = CASE WHEN excluded.time <> 0 AND (time = 0 OR fetched = 0)" \
		"  THEN excluded.time ELSE time END," \
		" summary = coalesce(excluded.summary, summary)," \
		" thumb = coalesce(excluded.thumb, thumb)," \
		" seen = max(seen, excluded.seen)," \
		" origin = coalesce(origin, excluded.origin)" \
		" WHERE excluded.seen >= seen + " STR(SEEN_GRAIN) \
		" OR (origin IS NULL AND excluded.origin IS NOT NULL)" \
		" OR (excluded.title IS NOT title AND excluded.title IS NOT NULL" \
		"  AND (fetched = 0 OR title IS NULL))" \
		" OR (excluded.date_text IS NOT date_text AND excluded.date_text IS NOT NULL)" \
		" OR (excluded.time <> 0 AND excluded.date_text IS NULL AND date_text IS NOT NULL)" \
		" OR (excluded.time <> time AND excluded.time <> 0" \
		"  AND (time = 0 OR fetched = 0))" \
		" OR (excluded.summary IS NOT summary AND excluded.summary IS NOT NULL)" \
		" OR (excluded.thumb IS NOT thumb AND excluded.thumb IS NOT NULL)") \
	_(ART_ID, "SELECT id FROM articles WHERE url = ?1") \
	_(ART_NEW, "INSERT OR FAIL" ART_ROW) \
	_(ART_PUT, "INSERT" ART_ROW " ON CONFLICT(url) DO UPDATE SET" ART_SET) \
	_(ART_FEED_NEW, "INSERT OR FAIL" FEED_ROW) \
	_(ART_FEED, "INSERT" FEED_ROW " ON CONFLICT(url) DO UPDATE SET" ART_SET "," \
		" date_text = " KEEP_TEXT("date_text") "," \
		" summary = coalesce(excluded.summary, summary)," \
		" thumb = coalesce(excluded.thumb, thumb)," \
		" origin = coalesce(origin, excluded.origin)") \
	_(ART_LATE, "UPDATE articles SET source = ?2, author = coalesce(?3, author)" \
		" WHERE id = ?1") \
	_(BODY_NEW, "INSERT OR FAIL INTO bodies(id, html) VALUES (?1, ?2)") \
	_(BODY_PUT, "INSERT INTO bodies(id, html) VALUES (?1, ?2)" \
		" ON CONFLICT(id) DO UPDATE SET html = excluded.html" \
		" WHERE html IS NOT excluded.html") \
	_(ART_GET, "SELECT a.url, a.title, coalesce(a.time_text, a.date_text)," \
		" a.time, a.source, a.author, a.editor, a.comments, b.html," \
		" a.next_page, a.fetched, a.read, a.starred, a.origin, a.place, a.place_of" \
		" FROM articles a LEFT JOIN bodies b ON b.id = a.id WHERE a.url = ?1") \
	_(PAGE_PUT, "INSERT INTO pages(url, fetched, content_type, etag," \
		" last_modified, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)" \
		" ON CONFLICT(url) DO UPDATE SET fetched = excluded.fetched," \
		" content_type = coalesce(excluded.content_type, content_type)," \
		" etag = excluded.etag, last_modified = excluded.last_modified," \
		" body = coalesce(excluded.body, body)") \
	_(PAGE_GET, "SELECT url, body, content_type, etag, last_modified, fetched" \
		" FROM pages WHERE url = ?1") \
	_(SET_READ, "INSERT INTO articles(url, read, seen) VALUES (?1, ?2, ?3)" \
		" ON CONFLICT(url) DO UPDATE SET read = excluded.read") \
	_(SET_STAR, "INSERT INTO articles(url, starred, starred_at, seen)" \
		" VALUES (?1, ?2, ?3, ?3) ON CONFLICT(url) DO UPDATE SET" \
		" starred_at = CASE WHEN excluded.starred AND NOT starred" \
		"  THEN excluded.starred_at ELSE starred_at END," \
		" starred = excluded.starred") \
	_(STARRED, "SELECT " ITEM_COLS("0") " FROM articles a WHERE a.starred" \
		" ORDER BY a.starred_at DESC, a.id DESC") \
	_(IMAGE_PUT, "INSERT INTO images(url, article, fetched, content_type, data, error)" \
		" VALUES (?1, (SELECT id FROM articles WHERE url = ?2), ?3, ?4, ?5, ?6)" \
		" ON CONFLICT(url) DO UPDATE SET" \
		" article = coalesce(excluded.article, article)," \
		" fetched = excluded.fetched," \
		" content_type = coalesce(excluded.content_type, content_type)," \
		" error = CASE WHEN excluded.data IS NULL AND data IS NOT NULL THEN error" \
		"  ELSE excluded.error END," \
		" data = coalesce(excluded.data, data)") \
	_(IMAGE_GET, "SELECT url, content_type, data, error, fetched FROM images" \
		" WHERE url = ?1") \
	_(DIRTY_COUNT, "SELECT count(DISTINCT id) FROM search_dirty") \
	_(DIRTY_ANY, "SELECT EXISTS (SELECT 1 FROM search_dirty)") \
	_(DIRTY_INDEX, "INSERT INTO search(rowid, text)" \
		" SELECT a.id, gx_pairs(a.title, b.html) FROM" \
		" (SELECT DISTINCT id FROM search_dirty ORDER BY id LIMIT ?1) d" \
		" JOIN articles a ON a.id = d.id LEFT JOIN bodies b ON b.id = a.id") \
	_(DIRTY_CLEAR, "DELETE FROM search_dirty WHERE id IN" \
		" (SELECT DISTINCT id FROM search_dirty ORDER BY id LIMIT ?1)") \
	_(HIT_TEXT, "SELECT " ITEM_COLS("0") ", b.html FROM articles a" \
		" LEFT JOIN bodies b ON b.id = a.id WHERE a.id = ?1") \
	_(LIST_UNREAD, "SELECT count(*) FROM lists l JOIN list_items li ON li.snap = l.snap" \
		" JOIN articles a ON a.id = li.article WHERE l.key = ?1 AND NOT a.read" \
		" AND " SHOWN) \
	_(STARRED_UNREAD, "SELECT count(*) FROM articles WHERE starred AND NOT read") \
	_(HOST_PUT, "INSERT INTO hosts(name, fails, failed_at, retry_at, told, error)" \
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name) DO UPDATE SET" \
		" fails = excluded.fails, failed_at = excluded.failed_at," \
		" retry_at = excluded.retry_at, told = excluded.told," \
		" error = excluded.error") \
	_(HOST_DROP, "DELETE FROM hosts WHERE name = ?1") \
	_(HOSTS_GET, "SELECT name, fails, failed_at, retry_at, told, error FROM hosts" \
		" ORDER BY name") \
	_(SET_PLACE, "UPDATE articles SET place = ?2, place_of = ?3 WHERE url = ?1") \
	_(RECENT, "SELECT " ITEM_COLS("0") " FROM articles a" \
		" WHERE a.time >= ?1 AND (a.title IS NOT NULL OR a.fetched > 0)" \
		" AND (NOT ?2 OR NOT a.read) AND (NOT ?3 OR a.starred) AND " SHOWN \
		" ORDER BY a.time DESC, a.id DESC LIMIT ?4") \
	_(TO_RULE_ALL, "SELECT a.id, " ITEM_COLS("0") ", a.ruled FROM articles a" \
		" ORDER BY a.id") \
	_(TO_RULE_NEW, "SELECT a.id, " ITEM_COLS("0") ", a.ruled FROM articles a" \
		" WHERE NOT a.ruled ORDER BY a.id") \
	_(SET_RULE, "UPDATE articles SET rule = ?2, ruled = 1," \
		" read = CASE WHEN ?3 THEN 1 ELSE read END WHERE id = ?1") \
	_(ART_TEXT, "SELECT b.html FROM articles a JOIN bodies b ON b.id = a.id" \
		" WHERE a.url = ?1") \
	_(META_GET, "SELECT value FROM meta WHERE key = ?1") \
	_(META_SET, "INSERT INTO meta(key, value) VALUES (?1, ?2)" \
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value")

#define STR_(x) #x
#define STR(x) STR_(x)

enum stmt_id {
#define STMT_ID(id, sql) ST_##id,
	STMTS(STMT_ID)
#undef STMT_ID
	ST_COUNT
};

static const char *const stmt_sql[] = {
#define STMT_SQL(id, sql) sql,
	STMTS(STMT_SQL)
#undef STMT_SQL
};

struct store {
	sqlite3      *db;
	char         *path;
	char         *notice;
	int           memory;      /* ":memory:": no files to check or move */
	int           indexed;     /* the schema has the search index */
	int64_t       clock;       /* store_set_clock, 0: time(NULL) */
	int64_t       max_pages;   /* PRAGMA max_page_count as opened, 0: unread */
	sqlite3_stmt *st[ST_COUNT];
};

static int64_t
now(const struct store *s)
{
	return s->clock != 0 ? s->clock : (int64_t)time(NULL);
}

/* ---- errors ------------------------------------------------------------- */

/* The process holding the write lock of a WAL database, or 0. */
static long
lock_holder(const char *path)
{
	char *shm = xasprintf("%s-shm", path);
	struct flock fl;
	long pid = 0;
	int fd = open(shm, O_RDWR | O_CLOEXEC);

	free(shm);
	if (fd < 0)
		return 0;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = SHM_LOCKS;
	fl.l_len = 3;           /* write, checkpoint, recover */
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		pid = (long)fl.l_pid;
	close(fd);
	return pid;
}

static char *
damage_marker(const char *path)
{
	return xasprintf("%s.damaged", path);
}

/* Damage found while running: say so, and leave a mark so the next
 * store_open checks the whole file and moves it aside if need be. */
static int
fail_damaged(struct store *s, const char *msg, struct err *e)
{
	if (!s->memory) {
		char *mark = damage_marker(s->path);
		int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

		if (fd >= 0)
			close(fd);
		free(mark);
	}
	return err_set(e, _("cache %s is damaged (%s); it will be moved aside and "
	                    "a new cache started the next time gxnews starts"),
	               s->path, msg);
}

static int
fail_busy(struct store *s, struct err *e)
{
	long pid = s->memory ? 0 : lock_holder(s->path);

	if (pid > 0)
		return err_set(e, _("cache %s is in use: process %ld is writing to it; "
		                    "try again when it is done, or use --cache another file"),
		               s->path, pid);
	return err_set(e, _("cache %s is in use by another program; try again "
	                    "when it is done, or use --cache another file"), s->path);
}

/* Turns a SQLite result code into a message a user can act on. */
static int
fail(struct store *s, int rc, struct err *e)
{
	const char *msg = sqlite3_errmsg(s->db);

	switch (rc & 0xff) {
	case SQLITE_FULL:
		return err_set(e, _("cache %s: disk full, nothing was written; "
		                    "free some space"), s->path);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fail_busy(s, e);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return fail_damaged(s, msg, e);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return err_set(e, _("cache %s cannot be written (%s): check its "
		                    "permissions, or use --cache another file"),
		               s->path, msg);
	default:
		return err_set(e, _("cache %s: %s"), s->path, msg);
	}
}

/* ---- statements --------------------------------------------------------- */

static sqlite3_stmt *
stmt(struct store *s, enum stmt_id id, struct err *e)
{
	int rc;

	if (s->st[id] != NULL)
		return s->st[id];
	rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	                        &s->st[id], NULL);
	if (rc != SQLITE_OK) {
		fail(s, rc, e);
		sqlite3_finalize(s->st[id]);
		s->st[id] = NULL;
	}
	return s->st[id];
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (str_empty(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	return xstrdup((const char *)sqlite3_column_text(st, i));
}

/* Binds len bytes at v as a blob, or NULL when v is NULL. */
static void
bind_blob(sqlite3_stmt *st, int i, const void *v, size_t len)
{
	if (v != NULL)
		sqlite3_bind_blob64(st, i, v, len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Column i as a malloc'd NUL-terminated copy of its bytes (*len of them),
 * or NULL (and *len 0) when it is NULL. */
static char *
col_blob(sqlite3_stmt *st, int i, size_t *len)
{
	const void *v = sqlite3_column_blob(st, i);
	char *out;

	*len = (size_t)sqlite3_column_bytes(st, i);
	if (v == NULL && sqlite3_column_type(st, i) == SQLITE_NULL) {
		*len = 0;
		return NULL;
	}
	out = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(out, v, *len);
	out[*len] = '\0';
	return out;
}

static void
done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Steps st: 1 a row, 0 done (st reset), -1 error (st reset). */
static int
step(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		fail(s, rc, e);
	done(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Runs st to the end, ignoring rows. */
static int
run(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = step(s, st, e);

	while (rc == 1)
		rc = step(s, st, e);
	return rc;
}

static int
run_id(struct store *s, enum stmt_id id, struct err *e)
{
	sqlite3_stmt *st = stmt(s, id, e);

	return st == NULL ? -1 : run(s, st, e);
}

/* The first column of the first row as an integer; *found says if any. */
static int
query_int(struct store *s, sqlite3_stmt *st, int64_t *v, int *found,
          struct err *e)
{
	int rc = step(s, st, e);

	*found = rc == 1 && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (*found)
		*v = sqlite3_column_int64(st, 0);
	if (rc == 1)
		done(st);
	return rc < 0 ? -1 : 0;
}

/* Runs sql (no parameters, rows ignored) on the side of the cache. */
static int
exec_sql(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(s, rc, e);
}

/* Runs a one-off query whose answer is one integer. */
static int
sql_int(struct store *s, const char *sql, int64_t *v, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	*v = 0;
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return fail(s, rc, e);
	}
	rc = query_int(s, st, v, &found, e);
	sqlite3_finalize(st);
	return rc;
}

static int
tx_begin(struct store *s, struct err *e)
{
	return run_id(s, ST_BEGIN, e);
}

/* Commits if rc is 0, else (or if the commit fails) rolls back. */
static int
tx_end(struct store *s, int rc, struct err *e)
{
	if (rc == 0 && run_id(s, ST_COMMIT, e) == 0)
		return 0;
	if (!sqlite3_get_autocommit(s->db))
		run_id(s, ST_ROLLBACK, NULL);
	return -1;
}

/* ---- gx_pairs(): the text the search index sees -------------------------- */

/* The title and text of an article as a search sees them. */
static void
search_text(struct buf *b, const char *title, const char *html, size_t len)
{
	int cut;

	if (title != NULL)
		buf_adds(b, title);
	buf_add(b, " ", 1);
	if (html != NULL)
		htmltext(b, html, len, SIZE_MAX, &cut);
}

/* Bytes of the character at p (n > 0 bytes left; an ill-formed sequence
 * as its maximal subpart). */
static size_t
char_len(const char *p, size_t n)
{
	uint32_t cp;

	return utf8_decode(p, n, &cp);
}

/* A character as a piece of an index token: ASCII letters and digits in
 * lower case, other ASCII (which the ascii tokenizer would cut at) as a
 * private-use character, anything else as it is. */
static void
add_token_char(struct buf *b, const char *p, size_t n)
{
	unsigned char c = (unsigned char)*p;
	char u[3];

	if (n > 1 || c >= 0x80) {
		buf_add(b, p, n);
	} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
		buf_add(b, p, 1);
	} else if (c >= 'A' && c <= 'Z') {
		u[0] = (char)(c - 'A' + 'a');
		buf_add(b, u, 1);
	} else {
		u[0] = (char)0xee;                   /* U+E000 + c */
		u[1] = (char)(0x80 | c >> 6);
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	}
}

static int
is_blank(const char *p)
{
	return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
}

/* Every pair of adjacent characters of text that starts with a character
 * that is not a space, as space-separated tokens; the last character
 * before a space or the end pairs with a space. */
static void
text_pairs(struct buf *out, const char *p, size_t len)
{
	const char *end = p + len;

	while (p < end) {
		size_t n = char_len(p, (size_t)(end - p)), m;

		if (is_blank(p)) {
			p += n;
			continue;
		}
		add_token_char(out, p, n);
		if (p + n < end && !is_blank(p + n)) {
			m = char_len(p + n, (size_t)(end - p - n));
			add_token_char(out, p + n, m);
		} else {
			add_token_char(out, " ", 1);
		}
		buf_add(out, " ", 1);
		p += n;
	}
}

static void
sql_gx_pairs(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *title = (const char *)sqlite3_value_text(argv[0]);
	const char *html = (const char *)sqlite3_value_text(argv[1]);
	struct buf text, pairs;

	(void)argc;
	buf_init(&text, 0);
	search_text(&text, title, html, (size_t)sqlite3_value_bytes(argv[1]));
	buf_init(&pairs, 0);
	text_pairs(&pairs, text.data, text.len);
	buf_free(&text);
	sqlite3_result_text(cx, pairs.data, (int)pairs.len, free);
}

/* ---- opening ------------------------------------------------------------ */

static void
close_db(struct store *s)
{
	for (size_t i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
	sqlite3_close(s->db);
	s->db = NULL;
}

static int
connect_as(struct store *s, const char *name, int flags, struct err *e)
{
	int rc = sqlite3_open_v2(name, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc != SQLITE_OK) {
		err_set(e, _("cannot open cache %s: %s"), s->path,
		        s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		close_db(s);
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_MS);
	sqlite3_create_function_v2(s->db, "gx_pairs", 2,
	                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                           NULL, sql_gx_pairs, NULL, NULL, NULL);
	return 0;
}

static int
connect_db(struct store *s, struct err *e)
{
	return connect_as(s, s->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, e);
}

/* Is the file there something other than an SQLite database? */
static int
foreign_file(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[100];
	struct stat sb;
	ssize_t n;
	int fd;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;       /* sqlite3_open will say why */
	n = read(fd, head, sizeof head);
	close(fd);
	return n < (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0;
}

/* Maps an error while inspecting the file to "damaged" or a plain error. */
static int
inspect_fail(struct store *s, int rc, struct err *e)
{
	rc &= 0xff;
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		return OPEN_DAMAGED;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return fail_busy(s, e);
	return err_set(e, _("cannot open cache %s: %s"), s->path,
	               sqlite3_errmsg(s->db));
}

static int
pragma_int(struct store *s, const char *sql, int64_t *v, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	*v = 0;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*v = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : inspect_fail(s, rc, e);
}

/* Does the schema have every table the version promises, and can the newest
 * pages of each be read? */
static int
check_schema(struct store *s, int64_t version, struct err *e)
{
	for (int64_t v = 0; v < version; v++) {
		char *list = xstrdup(migrations[v].tables);
		char *save = NULL;
		int rc = 0;

		for (char *t = strtok_r(list, " ", &save); t != NULL && rc == 0;
		     t = strtok_r(NULL, " ", &save)) {
			char *sql = xasprintf("SELECT count(*) FROM sqlite_schema"
			                      " WHERE type = 'table' AND name = '%s'", t);
			int64_t n;

			rc = pragma_int(s, sql, &n, e);
			if (rc == 0 && n != 1)
				rc = OPEN_DAMAGED;
			free(sql);
		}
		free(list);
		if (rc != 0)
			return rc;
	}
	for (size_t i = 0; version >= 1 && i < ARRAY_LEN(probes); i++) {
		int64_t n;
		int rc = pragma_int(s, probes[i], &n, e);

		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Reads the version without writing anything: 0 usable (*version set),
 * OPEN_DAMAGED (not SQLite, or a broken one), OPEN_FOREIGN (another
 * program's database), or -1 (refused, error set).  One statement, so
 * one snapshot: another gxnews may be creating the file right now. */
static int
inspect(struct store *s, int64_t *version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t app = 0, tables = 0;
	int rc;

	if (!s->memory && foreign_file(s->path))
		return OPEN_DAMAGED;
	rc = sqlite3_prepare_v2(s->db, "SELECT a.application_id, v.user_version,"
	                        " (SELECT count(*) FROM sqlite_schema)"
	                        " FROM pragma_application_id a, pragma_user_version v",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int64(st, 1);
		tables = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return inspect_fail(s, rc, e);
	if (app != APP_ID)
		return app == 0 && *version == 0 && tables == 0 ? 0 : OPEN_FOREIGN;
	if (*version > (int64_t)ARRAY_LEN(migrations))
		return err_set(e, _("cache %s was written by a newer gxnews (schema %lld); "
		                    "this one knows up to %d: use a newer gxnews or "
		                    "--cache another file"),
		               s->path, (long long)*version, (int)ARRAY_LEN(migrations));
	return check_schema(s, *version, e);
}

/* After damage was seen while running: the full (slow) check, once. */
static int
recheck(struct store *s, struct err *e)
{
	char *mark = damage_marker(s->path);
	sqlite3_stmt *st = NULL;
	int rc = OPEN_OK;

	if (access(mark, F_OK) == 0) {
		rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			rc = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0
			     ? OPEN_OK : OPEN_DAMAGED;
		else
			rc = inspect_fail(s, rc, e);
		sqlite3_finalize(st);
		if (rc != -1)
			unlink(mark);
	}
	free(mark);
	return rc;
}

/* Renames path (and its -wal, -shm, -journal) to path.corrupt-STAMP. */
static char *
move_aside(const char *path, struct err *e)
{
	static const char *const side[] = { "-wal", "-shm", "-journal" };
	char stamp[32];
	struct tm tm;
	time_t t = time(NULL);
	char *to = NULL;

	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (int i = 1; to == NULL || access(to, F_OK) == 0; i++) {
		free(to);
		to = i == 1 ? xasprintf("%s.corrupt-%s", path, stamp)
		            : xasprintf("%s.corrupt-%s-%d", path, stamp, i);
	}
	if (rename(path, to) < 0) {
		err_set(e, _("cache %s is damaged and cannot be moved aside (%s); "
		             "move it away or use --cache another file"),
		        path, strerror(errno));
		free(to);
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_LEN(side); i++) {
		char *a = xasprintf("%s%s", path, side[i]);
		char *b = xasprintf("%s%s", to, side[i]);

		rename(a, b);
		free(a);
		free(b);
	}
	return to;
}

static int
backup(struct store *s, int64_t version, struct err *e)
{
	char *to = xasprintf("%s.v%lld.bak", s->path, (long long)version);
	sqlite3_stmt *st = NULL;
	int rc;

	unlink(to);
	rc = sqlite3_prepare_v2(s->db, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE)
		err_set(e, _("cache %s: cannot keep a copy before upgrading it (%s)"),
		        s->path, sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		xfree_set(&s->notice, xasprintf(_("cache %s was upgraded to schema %d; "
		                                  "the old one is kept as %s"), s->path,
		                                (int)ARRAY_LEN(migrations), to));
	free(to);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Records that the file holds schema version v (and is gxnews's). */
static int
set_version(struct store *s, int64_t v, struct err *e)
{
	char *sql = xasprintf("PRAGMA user_version = %lld; PRAGMA application_id = %d;",
	                      (long long)v, APP_ID);
	int rc = exec_sql(s, sql, e);

	free(sql);
	return rc;
}

/* Runs the steps from the version the file has to the newest (a new file
 * gets schema_now), all in one transaction (so no other gxnews ever sees a
 * half-made cache), after checking inside it that no other gxnews did it
 * first. */
static int
migrate(struct store *s, struct err *e)
{
	int64_t version = 0;
	int rc = tx_begin(s, e);

	if (rc == 0)
		rc = sql_int(s, "PRAGMA user_version", &version, e);
	if (rc == 0 && version == 0) {
		version = (int64_t)ARRAY_LEN(migrations);
		rc = exec_sql(s, schema_now, e);
		if (rc == 0)
			rc = set_version(s, version, e);
	}
	for (int64_t to = version + 1; rc == 0 && to <= (int64_t)ARRAY_LEN(migrations); to++) {
		rc = exec_sql(s, migrations[to - 1].sql, e);
		if (rc == 0)
			rc = set_version(s, to, e);
	}
	s->indexed = rc == 0;
	return tx_end(s, rc, e);
}

/* Switching to WAL does not wait for other connections (no busy handler),
 * so while another gxnews creates the same cache, try again for a while. */
static int
set_wal(struct store *s, struct err *e)
{
	int rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

	for (int waited = 0; (rc & 0xff) == SQLITE_BUSY && waited < BUSY_MS; waited += 10) {
		usleep(10 * 1000);
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	}
	return rc == SQLITE_OK ? 0 : fail(s, rc, e);
}

/* The WAL is copied into the cache once it holds 4 MiB, whatever the
 * page size (SQLite counts 1000 pages: 16 MiB of pages of 16 KiB). */
static int
set_checkpoint(struct store *s, struct err *e)
{
	int64_t page = 0;
	char *sql;
	int rc;

	if (sql_int(s, "PRAGMA page_size", &page, e) < 0)
		return -1;
	sql = xasprintf("PRAGMA wal_autocheckpoint = %lld",
	                (long long)(page > 0 ? (4 << 20) / page : 1000));
	rc = exec_sql(s, sql, e);
	free(sql);
	return rc;
}

/* Opens s->path as it is: 0, OPEN_DAMAGED, OPEN_FOREIGN or -1. */
static int
open_db(struct store *s, struct err *e)
{
	int64_t version = 0;
	int rc = connect_db(s, e);

	if (rc == 0)
		rc = inspect(s, &version, e);
	if (rc == 0 && !s->memory)
		rc = recheck(s, e);
	if (rc != 0)
		return rc;
	s->indexed = version >= 2;
	if (version >= 1 && version < (int64_t)ARRAY_LEN(migrations) && !s->memory)
		rc = backup(s, version, e);
	/* Pages of 16 KiB, not 4: a feed's articles and bodies are written
	 * in a quarter of the pages (and system calls), its first fetch 7%
	 * to 9% faster; reading a list or searching measured the same.  A
	 * cache made before keeps its pages (the size is fixed once written). */
	if (rc == 0 && version == 0)
		rc = exec_sql(s, "PRAGMA page_size = 16384;"
		                 "PRAGMA auto_vacuum = INCREMENTAL", e);
	if (rc == 0 && !s->memory)
		rc = set_wal(s, e);
	if (rc == 0 && version < (int64_t)ARRAY_LEN(migrations))
		rc = migrate(s, e);
	/* A page cache of 512 KiB, not SQLite's 2 MiB: it keeps the B-trees'
	 * inner pages, while the rows, read once in order (a list, a count),
	 * are in the system's file cache anyway; a bigger one only made the
	 * reader larger (fetching and searching measured no faster). */
	if (rc == 0)
		rc = exec_sql(s, "PRAGMA synchronous = NORMAL;"
		                 "PRAGMA journal_size_limit = 67108864;"
		                 "PRAGMA temp_store = MEMORY;"
		                 "PRAGMA cache_size = -512;", e);
	if (rc == 0 && !s->memory)
		rc = set_checkpoint(s, e);
	return rc;
}

/* Moves the file aside and starts a fresh cache, saying so. */
static int
start_over(struct store *s, int why, struct err *e)
{
	char *moved;
	int rc;

	close_db(s);
	moved = move_aside(s->path, e);
	if (moved == NULL)
		return -1;
	if (why == OPEN_FOREIGN)
		xfree_set(&s->notice, xasprintf(_("cache %s was not a gxnews cache; it was "
		                                  "moved to %s, and a new cache started"),
		                                s->path, moved));
	else
		xfree_set(&s->notice, xasprintf(_("cache %s was damaged; it was moved to "
		                                  "%s, and a new cache started"),
		                                s->path, moved));
	free(moved);
	rc = open_db(s, e);
	if (rc > 0)
		rc = err_set(e, _("cannot open cache %s: a new cache cannot be started "
		                  "there"), s->path);
	return rc;
}

/* Whether the cache at path exists but cannot be written: a read-only
 * file system or file, or a full disk (root ignores permissions, so ask
 * the file system). */
static int
cannot_write(const char *path)
{
	struct statvfs fs;
	struct stat sb;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
		return 0;
	if (access(path, W_OK) < 0)
		return 1;
	if (statvfs(path, &fs) < 0)
		return 0;
	return (fs.f_flag & ST_RDONLY) != 0 || fs.f_bavail < 16;
}

/* Whether path's write-ahead log holds pages not yet in the file. */
static int
wal_pending(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	int pending = stat(wal, &sb) == 0 && sb.st_size > 0;

	free(wal);
	return pending;
}

/* "file:PATH?QUERY" with the characters a URI gives meaning escaped. */
static char *
ro_uri(const char *path, const char *query)
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_add(&b, p, 1);
	}
	buf_addf(&b, "?%s", query);
	return buf_steal(&b, NULL);
}

/* A cache that cannot be written is still read: opened read-only (or,
 * when no log holds pending pages, as immutable, which needs no -shm
 * file), so what it holds is shown; the notice says nothing new is saved. */
static int
open_readonly(struct store *s, struct err *e)
{
	static const char *const modes[] = { "mode=ro", "immutable=1" };
	char why[sizeof e->msg];
	int64_t version = 0;
	int rc = -1;

	snprintf(why, sizeof why, "%s", e ? e->msg : "");
	for (size_t i = 0; i < ARRAY_LEN(modes) && rc != 0; i++) {
		char *uri;

		if (i == 1 && wal_pending(s->path))
			break;
		close_db(s);
		uri = ro_uri(s->path, modes[i]);
		rc = connect_as(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
		if (rc == 0)
			rc = inspect(s, &version, NULL);
		if (rc == 0 && version != (int64_t)ARRAY_LEN(migrations))
			rc = -1;
	}
	if (rc != 0) {
		close_db(s);
		if (e != NULL)
			snprintf(e->msg, sizeof e->msg, "%s", why);
		return -1;
	}
	s->indexed = 1;
	xfree_set(&s->notice, xasprintf(_("cache %s cannot be written (disk full or "
	                                  "read-only): showing what it holds, but "
	                                  "nothing new is saved; free some space or "
	                                  "use --cache another file"), s->path));
	return 0;
}

int
store_open(struct store **out, const char *path, struct err *e)
{
	struct store *s = xcalloc(1, sizeof *s);
	int rc;

	*out = NULL;
	/* no global allocation counters (a mutex round every malloc); fails
	 * harmlessly once SQLite is initialised */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	s->path = xstrdup(path);
	s->memory = strcmp(path, ":memory:") == 0;
	rc = open_db(s, e);
	if (rc > 0 && s->memory)
		rc = err_set(e, _("cannot open an in-memory cache"));
	else if (rc > 0)
		rc = start_over(s, rc, e);
	if (rc < 0 && !s->memory && cannot_write(path))
		rc = open_readonly(s, e);
	if (rc != 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	close_db(s);
	free(s->path);
	free(s->notice);
	free(s);
}

const char *
store_notice(const struct store *s)
{
	return s->notice;
}

void
store_set_clock(struct store *s, int64_t t)
{
	s->clock = t;
}

int
store_set_max_size(struct store *s, int64_t max_bytes, struct err *e)
{
	int64_t page = 0, got;
	char *sql;
	int rc;

	if (s->max_pages == 0 && sql_int(s, "PRAGMA max_page_count", &s->max_pages, e) < 0)
		return -1;
	if (sql_int(s, "PRAGMA page_size", &page, e) < 0)
		return -1;
	sql = xasprintf("PRAGMA max_page_count = %lld", max_bytes > 0
	                ? (long long)((max_bytes + page - 1) / page)
	                : (long long)s->max_pages);
	rc = sql_int(s, sql, &got, e);
	free(sql);
	return rc;
}

/* ---- tabs --------------------------------------------------------------- */

static int
source_id(struct store *s, const char *source, int64_t *id, struct err *e)
{
	sqlite3_stmt *add = stmt(s, ST_SOURCE_ADD, e);
	sqlite3_stmt *get = stmt(s, ST_SOURCE_ID, e);
	int found = 0;

	if (add == NULL || get == NULL)
		return -1;
	bind_text(add, 1, source);
	if (run(s, add, e) < 0)
		return -1;
	bind_text(get, 1, source);
	if (query_int(s, get, id, &found, e) < 0)
		return -1;
	return found ? 0 : err_set(e, _("cache %s: source %s was not stored"),
	                           s->path, source);
}

static int
put_tabs(struct store *s, const char *source, const struct store_tab *v,
         size_t n, struct err *e)
{
	sqlite3_stmt *clear = stmt(s, ST_TABS_CLEAR, e);
	sqlite3_stmt *add = stmt(s, ST_TAB_ADD, e);
	int64_t src;

	if (clear == NULL || add == NULL || source_id(s, source, &src, e) < 0)
		return -1;
	sqlite3_bind_int64(clear, 1, src);
	if (run(s, clear, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (str_empty(v[i].key))
			continue;
		sqlite3_bind_int64(add, 1, src);
		sqlite3_bind_int64(add, 2, (int64_t)i);
		bind_text(add, 3, v[i].key);
		sqlite3_bind_text(add, 4, v[i].label ? v[i].label : v[i].key, -1,
		                  SQLITE_STATIC);
		bind_text(add, 5, v[i].url);
		sqlite3_bind_int(add, 6, v[i].kind);
		if (run(s, add, e) < 0)
			return -1;
	}
	return 0;
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether the cache has exactly these tabs for source already: then
 * nothing is written (so a cache opened read-only still opens). */
static int
tabs_same(struct store *s, const char *source, const struct store_tab *v,
          size_t n)
{
	struct store_tab *old = NULL;
	size_t nold = 0, k = 0;
	int same = 1;

	if (store_get_tabs(s, source, &old, &nold, NULL) < 0)
		return 0;
	for (size_t i = 0; i < n && same; i++) {
		if (str_empty(v[i].key))
			continue;
		same = k < nold && same_str(old[k].key, v[i].key) &&
		       same_str(old[k].label, v[i].label ? v[i].label : v[i].key) &&
		       same_str(old[k].url, v[i].url) && old[k].kind == v[i].kind;
		k++;
	}
	same = same && k == nold;
	store_tabs_free(old, nold);
	return same;
}

int
store_put_tabs(struct store *s, const char *source, const struct store_tab *v,
               size_t n, struct err *e)
{
	if (tabs_same(s, source, v, n))
		return 0;
	if (tx_begin(s, e) < 0)
		return -1;
	return tx_end(s, put_tabs(s, source, v, n, e), e);
}

int
store_get_tabs(struct store *s, const char *source, struct store_tab **v,
               size_t *n, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_TABS_GET, e);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	bind_text(st, 1, source);
	rc = step(s, st, e);
	while (rc == 1) {
		struct store_tab *t;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		t = &(*v)[(*n)++];
		t->key = col_text(st, 0);
		t->label = col_text(st, 1);
		t->url = col_text(st, 2);
		t->kind = sqlite3_column_int(st, 3);
		t->fetched = sqlite3_column_int64(st, 4);
		rc = step(s, st, e);
	}
	if (rc < 0) {
		store_tabs_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void
store_tabs_free(struct store_tab *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].label);
		free(v[i].url);
	}
	free(v);
}

int64_t
store_tab_fetched(struct store *s, const char *tab_key)
{
	sqlite3_stmt *st = stmt(s, ST_LIST_META, NULL);
	int64_t t = 0;

	if (st == NULL)
		return 0;
	bind_text(st, 1, tab_key);
	if (step(s, st, NULL) == 1) {
		t = sqlite3_column_int64(st, 2);
		done(st);
	}
	return t;
}

/* ---- lists -------------------------------------------------------------- */

struct list_row {
	int64_t id;
	int64_t snap;   /* current snapshot, 0: none yet */
};

static int
list_row(struct store *s, const char *key, struct list_row *lr, struct err *e)
{
	sqlite3_stmt *add = stmt(s, ST_LIST_ADD, e);
	sqlite3_stmt *get = stmt(s, ST_LIST_GET, e);
	int rc;

	if (add == NULL || get == NULL)
		return -1;
	bind_text(add, 1, key);
	if (run(s, add, e) < 0)
		return -1;
	bind_text(get, 1, key);
	rc = step(s, get, e);
	if (rc != 1)
		return rc < 0 ? -1 : err_set(e, _("cache %s: list %s was not stored"),
		                             s->path, key);
	lr->id = sqlite3_column_int64(get, 0);
	lr->snap = sqlite3_column_int64(get, 1);
	done(get);
	return 0;
}

static int
new_snapshot(struct store *s, struct list_row *lr, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_SNAP_ADD, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, lr->id);
	sqlite3_bind_int64(st, 2, now(s));
	if (run(s, st, e) < 0)
		return -1;
	lr->snap = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* The id of the article at url (0: none yet), to upsert it with st. */
static int
article_id(struct store *s, const char *url, int64_t *id, struct err *e)
{
	sqlite3_stmt *get = stmt(s, ST_ART_ID, e);
	int found;

	*id = 0;
	if (get == NULL)
		return -1;
	bind_text(get, 1, url);
	return query_int(s, get, id, &found, e);
}

/* Runs the article upsert st (url bound); *id is the article's, known
 * before or new.  An upsert's RETURNING would build a table for each row,
 * a fifth of a feed's time. */
static int
upsert(struct store *s, sqlite3_stmt *st, int64_t *id, struct err *e)
{
	if (run(s, st, e) < 0)
		return -1;
	if (*id == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* The stub article row of each item; ids[i] is 0 for an item without url. */
static int
put_stubs(struct store *s, const struct item_list *l, int64_t *ids,
          struct err *e)
{
	sqlite3_stmt *up = stmt(s, ST_ART_STUB, e);

	if (up == NULL)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct item *it = &l->v[i];

		if (str_empty(it->url))
			continue;
		if (article_id(s, it->url, &ids[i], e) < 0)
			return -1;
		bind_text(up, 1, it->url);
		bind_text(up, 2, it->title);
		bind_text(up, 3, it->date);
		sqlite3_bind_int64(up, 4, it->time);
		bind_text(up, 5, it->summary);
		bind_text(up, 6, it->thumb);
		sqlite3_bind_int64(up, 7, now(s));
		bind_text(up, 8, it->origin);
		if (upsert(s, up, &ids[i], e) < 0)
			return -1;
	}
	return 0;
}

/* Item i's rank: l's, 0 past its end (a feed's items). */
static int
rank_at(const struct item_list *l, size_t i)
{
	return i < l->n ? l->v[i].rank : 0;
}

/* Inserts the n items of ids from position pos on; *added counts those
 * new to it. */
static int
add_items(struct store *s, int64_t snap, int64_t pos, const struct item_list *l,
          const int64_t *ids, size_t n, size_t *added, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_ITEM_ADD, e);

	*added = 0;
	if (st == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (ids[i] == 0)
			continue;
		sqlite3_bind_int64(st, 1, snap);
		sqlite3_bind_int64(st, 2, pos);
		sqlite3_bind_int64(st, 3, ids[i]);
		sqlite3_bind_int(st, 4, rank_at(l, i));
		if (run(s, st, e) < 0)
			return -1;
		if (sqlite3_changes(s->db) > 0) {
			pos++;
			(*added)++;
		}
	}
	return 0;
}

static int
snap_bound(struct store *s, enum stmt_id id, int64_t snap, int64_t *v,
           int *found, struct err *e)
{
	sqlite3_stmt *st = stmt(s, id, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, snap);
	return query_int(s, st, v, found, e);
}

/* Page 1: these items lead in this order; the others follow as they were. */
static int
list_head(struct store *s, struct list_row *lr, const struct item_list *l,
          const int64_t *ids, size_t n, struct err *e)
{
	sqlite3_stmt *drop = stmt(s, ST_ITEM_DROP, e);
	int64_t min = 0;
	size_t added;
	int found, fresh = lr->snap == 0;

	if (drop == NULL || (fresh && new_snapshot(s, lr, e) < 0))
		return -1;
	for (size_t i = 0; !fresh && i < n; i++) {
		sqlite3_bind_int64(drop, 1, lr->snap);
		sqlite3_bind_int64(drop, 2, ids[i]);
		if (ids[i] != 0 && run(s, drop, e) < 0)
			return -1;
	}
	if (snap_bound(s, ST_ITEMS_MIN, lr->snap, &min, &found, e) < 0)
		return -1;
	if (!found)
		min = 0;
	return add_items(s, lr->snap, min - (int64_t)n, l, ids, n, &added, e);
}

/* Page 2..: items not yet present go at the end. */
static int
list_append(struct store *s, struct list_row *lr, const struct item_list *l,
            const int64_t *ids, size_t n, struct err *e)
{
	int64_t max = -1;
	size_t added;
	int found;

	if (lr->snap == 0 && new_snapshot(s, lr, e) < 0)
		return -1;
	if (snap_bound(s, ST_ITEMS_MAX, lr->snap, &max, &found, e) < 0)
		return -1;
	if (!found)
		max = -1;
	return add_items(s, lr->snap, max + 1, l, ids, n, &added, e);
}

/* Drops snapshot drop, the same as keep, which was just seen again. */
static int
snap_forget(struct store *s, int64_t drop, int64_t keep, struct err *e)
{
	sqlite3_stmt *items = stmt(s, ST_ITEMS_DROP, e);
	sqlite3_stmt *snap = stmt(s, ST_SNAP_DROP, e);
	sqlite3_stmt *seen = stmt(s, ST_SNAP_SEEN, e);

	if (items == NULL || snap == NULL || seen == NULL)
		return -1;
	sqlite3_bind_int64(items, 1, drop);
	sqlite3_bind_int64(snap, 1, drop);
	sqlite3_bind_int64(seen, 1, keep);
	sqlite3_bind_int64(seen, 2, now(s));
	if (run(s, items, e) < 0 || run(s, snap, e) < 0)
		return -1;
	return run(s, seen, e);
}

/* A snapshot: a new one unless it is the same as the current one. */
static int
list_replace(struct store *s, struct list_row *lr, const struct item_list *l,
             const int64_t *ids, size_t n, struct err *e)
{
	struct list_row fresh = *lr;
	sqlite3_stmt *same = stmt(s, ST_SNAP_SAME, e);
	int64_t eq = 0;
	size_t added;
	int found;

	if (same == NULL || new_snapshot(s, &fresh, e) < 0 ||
	    add_items(s, fresh.snap, 0, l, ids, n, &added, e) < 0)
		return -1;
	if (lr->snap != 0) {
		sqlite3_bind_int64(same, 1, lr->snap);
		sqlite3_bind_int64(same, 2, fresh.snap);
		if (query_int(s, same, &eq, &found, e) < 0)
			return -1;
	}
	if (eq)
		return snap_forget(s, fresh.snap, lr->snap, e);
	lr->snap = fresh.snap;
	return 0;
}

static int (*const list_modes[])(struct store *, struct list_row *,
                                 const struct item_list *, const int64_t *,
                                 size_t, struct err *) = {
	[LIST_HEAD] = list_head,
	[LIST_APPEND] = list_append,
	[LIST_REPLACE] = list_replace,
};

static int
list_meta(struct store *s, const struct list_row *lr, const struct item_list *l,
          struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_LIST_SET, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, lr->id);
	sqlite3_bind_int64(st, 2, lr->snap);
	bind_text(st, 3, l->next_url);
	sqlite3_bind_int(st, 4, l->npages);
	sqlite3_bind_int64(st, 5, now(s));
	return run(s, st, e);
}

int
store_put_list(struct store *s, const char *tab_key, const struct item_list *l,
               int mode, struct err *e)
{
	struct list_row lr = { 0, 0 };
	int64_t *ids;
	int rc;

	if (mode < 0 || (size_t)mode >= ARRAY_LEN(list_modes))
		return err_set(e, _("cache %s: unknown list mode %d"), s->path, mode);
	if (tx_begin(s, e) < 0)
		return -1;
	ids = xcalloc(l->n ? l->n : 1, sizeof *ids);
	rc = list_row(s, tab_key, &lr, e);
	if (rc == 0)
		rc = put_stubs(s, l, ids, e);
	if (rc == 0)
		rc = list_modes[mode](s, &lr, l, ids, l->n, e);
	if (rc == 0)
		rc = list_meta(s, &lr, l, e);
	free(ids);
	return tx_end(s, rc, e);
}

/* ---- a feed, written as it is read ------------------------------------------ */

static int put_whole(struct store *s, enum stmt_id st_new, enum stmt_id st_up,
                     const struct article *a, const struct item *it, int64_t *id,
                     struct err *e);

struct store_feed {
	struct store *s;
	char    *tab_key;
	int64_t *ids;           /* the articles written, in the feed's order */
	size_t   n, cap;
	char    *known_url;     /* store_feed_known's last url, */
	int64_t  known_id;      /* and its article's id (0: none) */
};

int
store_feed_begin(struct store *s, const char *tab_key, struct store_feed **out,
                 struct err *e)
{
	struct store_feed *w;

	*out = NULL;
	if (tx_begin(s, e) < 0)
		return -1;
	w = xcalloc(1, sizeof *w);
	w->s = s;
	w->tab_key = xstrdup(tab_key);
	*out = w;
	return 0;
}

int
store_feed_known(struct store_feed *w, const char *url, struct article *old,
                 struct err *e)
{
	xfree_set(&w->known_url, NULL);
	if (str_empty(url) || article_id(w->s, url, &w->known_id, e) < 0)
		return -1;
	w->known_url = xstrdup(url);
	if (w->known_id == 0)
		return 0;
	return store_get_article(w->s, url, old, e) == 0 ? 1 : -1;
}

int
store_feed_add(struct store_feed *w, const struct item *it,
               const struct article *a, struct err *e)
{
	int64_t id = -1;

	if (w->known_url != NULL && a->url != NULL && strcmp(w->known_url, a->url) == 0)
		id = w->known_id;
	xfree_set(&w->known_url, NULL);
	if (put_whole(w->s, ST_ART_FEED_NEW, ST_ART_FEED, a, it, &id, e) < 0)
		return -1;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->ids = xrealloc(w->ids, w->cap * sizeof *w->ids);
	}
	w->ids[w->n++] = id;
	return 0;
}

int
store_feed_late(struct store_feed *w, size_t k, const char *source,
                const char *author, struct err *e)
{
	sqlite3_stmt *st = stmt(w->s, ST_ART_LATE, e);

	if (st == NULL)
		return -1;
	if (k >= w->n)
		return 0;
	sqlite3_bind_int64(st, 1, w->ids[k]);
	bind_text(st, 2, source);
	bind_text(st, 3, author);
	return run(w->s, st, e);
}

int
store_feed_restart(struct store_feed *w, struct err *e)
{
	w->n = 0;
	xfree_set(&w->known_url, NULL);
	tx_end(w->s, -1, NULL);         /* rolls back */
	return tx_begin(w->s, e);
}

int
store_feed_end(struct store_feed *w, int commit, struct err *e)
{
	struct store *s = w->s;
	struct item_list none = { 0 };
	struct list_row lr = { 0, 0 };
	int rc = commit ? 0 : -1;

	if (rc == 0)
		rc = list_row(s, w->tab_key, &lr, e);
	if (rc == 0)
		rc = list_head(s, &lr, &none, w->ids, w->n, e);
	if (rc == 0)
		rc = list_meta(s, &lr, &none, e);
	rc = tx_end(s, rc, commit ? e : NULL);
	free(w->ids);
	free(w->tab_key);
	free(w->known_url);
	free(w);
	return rc;
}

static void
row_item(sqlite3_stmt *st, struct item *it)
{
	it->url = col_text(st, 0);
	it->title = col_text(st, 1);
	it->date = col_text(st, 2);
	it->time = sqlite3_column_int64(st, 3);
	it->rank = sqlite3_column_int(st, 4);
	it->summary = col_text(st, 5);
	it->thumb = col_text(st, 6);
	it->read = sqlite3_column_int(st, 7);
	it->starred = sqlite3_column_int(st, 8);
	it->origin = col_text(st, 9);
	it->author = col_text(st, 10);
	it->source = col_text(st, 11);
	it->place = sqlite3_column_int64(st, 12);
	it->place_of = sqlite3_column_int64(st, 13);
	it->rule = sqlite3_column_int(st, 14);
}

static int
read_items(struct store *s, sqlite3_stmt *st, struct item_list *out,
           struct err *e)
{
	int rc = step(s, st, e);

	while (rc == 1) {
		row_item(st, item_list_add(out));
		rc = step(s, st, e);
	}
	return rc;
}

/* The snapshot of key in effect at when (0: the current one), 0 if none. */
static int
snap_at(struct store *s, const char *key, int64_t when, int64_t *snap,
        struct err *e)
{
	sqlite3_stmt *st = stmt(s, when == 0 ? ST_LIST_GET : ST_SNAP_AT, e);
	int rc;

	*snap = 0;
	if (st == NULL)
		return -1;
	bind_text(st, 1, key);
	if (when != 0)
		sqlite3_bind_int64(st, 2, when);
	rc = step(s, st, e);
	if (rc == 1) {
		*snap = sqlite3_column_int64(st, when == 0 ? 1 : 0);
		done(st);
	}
	return rc < 0 ? -1 : 0;
}

static int
get_list(struct store *s, const char *key, int64_t when, struct item_list *out,
         struct err *e)
{
	sqlite3_stmt *items = stmt(s, ST_ITEMS_GET, e);
	sqlite3_stmt *meta = stmt(s, ST_LIST_META, e);
	int64_t snap;
	int rc;

	if (items == NULL || meta == NULL || snap_at(s, key, when, &snap, e) < 0)
		return -1;
	sqlite3_bind_int64(items, 1, snap);
	if (read_items(s, items, out, e) < 0)
		return -1;
	bind_text(meta, 1, key);
	rc = step(s, meta, e);
	if (rc == 1) {
		xfree_set(&out->next_url, col_text(meta, 0));
		out->npages = sqlite3_column_int(meta, 1);
		done(meta);
	}
	return rc < 0 ? -1 : 0;
}

int
store_get_list(struct store *s, const char *tab_key, struct item_list *out,
               struct err *e)
{
	return get_list(s, tab_key, 0, out, e);
}

static int
count_unread(struct store *s, enum stmt_id id, const char *key, size_t *out,
             struct err *e)
{
	sqlite3_stmt *st = stmt(s, id, e);
	int64_t v = 0;
	int found;

	*out = 0;
	if (st == NULL)
		return -1;
	if (key != NULL)
		bind_text(st, 1, key);
	if (query_int(s, st, &v, &found, e) < 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

int
store_list_unread(struct store *s, const char *tab_key, size_t *out, struct err *e)
{
	return count_unread(s, ST_LIST_UNREAD, tab_key, out, e);
}

int
store_starred_unread(struct store *s, size_t *out, struct err *e)
{
	return count_unread(s, ST_STARRED_UNREAD, NULL, out, e);
}

int
store_get_list_at(struct store *s, const char *tab_key, int64_t when,
                  struct item_list *out, struct err *e)
{
	return get_list(s, tab_key, when > 0 ? when : now(s), out, e);
}

/* ---- articles ----------------------------------------------------------- */

/* Writes a whole, and its body: new with st_new, else upserted with st_up
 * (ART_NEW and ART_PUT, or ART_FEED_NEW and ART_FEED with it's date text,
 * summary and thumb).  *id: its id, known already (0: none) or -1, looked
 * up here. */
static int
put_whole(struct store *s, enum stmt_id st_new, enum stmt_id st_up,
          const struct article *a, const struct item *it, int64_t *id,
          struct err *e)
{
	sqlite3_stmt *up, *body;

	if (str_empty(a->url))
		return err_set(e, _("cache %s: an article without a URL cannot be stored"),
		               s->path);
	if (*id < 0 && article_id(s, a->url, id, e) < 0)
		return -1;
	up = stmt(s, *id == 0 ? st_new : st_up, e);
	body = stmt(s, *id == 0 ? ST_BODY_NEW : ST_BODY_PUT, e);
	if (up == NULL || body == NULL)
		return -1;
	bind_text(up, 1, a->url);
	bind_text(up, 2, a->title);
	bind_text(up, 3, a->time_text);
	sqlite3_bind_int64(up, 4, a->time);
	bind_text(up, 5, a->source);
	bind_text(up, 6, a->author);
	bind_text(up, 7, a->editor);
	sqlite3_bind_int(up, 8, a->comments);
	bind_text(up, 9, a->next_page);
	sqlite3_bind_int64(up, 10, now(s));
	if (it != NULL) {
		bind_text(up, 11, it->date);
		bind_text(up, 12, it->summary);
		bind_text(up, 13, it->thumb);
		bind_text(up, 14, it->origin);
	}
	if (upsert(s, up, id, e) < 0)
		return -1;
	if (a->body_html == NULL)
		return 0;
	sqlite3_bind_int64(body, 1, *id);
	sqlite3_bind_text(body, 2, a->body_html, -1, SQLITE_STATIC);
	return run(s, body, e);
}

static int
put_article(struct store *s, const struct article *a, struct err *e)
{
	int64_t id = -1;

	return put_whole(s, ST_ART_NEW, ST_ART_PUT, a, NULL, &id, e);
}

int
store_put_article(struct store *s, const struct article *a, struct err *e)
{
	return store_put_articles(s, a, 1, e);
}

int
store_put_articles(struct store *s, const struct article *v, size_t n,
                   struct err *e)
{
	int rc = tx_begin(s, e);

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = put_article(s, &v[i], e);
	return tx_end(s, rc, e);
}

int
store_get_article(struct store *s, const char *url, struct article *out,
                  struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_ART_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	out->comments = -1;
	if (st == NULL)
		return -1;
	bind_text(st, 1, url);
	rc = step(s, st, e);
	if (rc != 1)
		return rc < 0 ? -1 : 1;
	out->url = col_text(st, 0);
	out->title = col_text(st, 1);
	out->time_text = col_text(st, 2);
	out->time = sqlite3_column_int64(st, 3);
	out->source = col_text(st, 4);
	out->author = col_text(st, 5);
	out->editor = col_text(st, 6);
	out->comments = sqlite3_column_int(st, 7);
	out->body_html = col_text(st, 8);
	out->next_page = col_text(st, 9);
	out->fetched = sqlite3_column_int64(st, 10);
	out->read = sqlite3_column_int(st, 11);
	out->starred = sqlite3_column_int(st, 12);
	out->origin = col_text(st, 13);
	out->place = sqlite3_column_int64(st, 14);
	out->place_of = sqlite3_column_int64(st, 15);
	done(st);
	return 0;
}

/* ---- pages -------------------------------------------------------------- */

int
store_put_page(struct store *s, const struct store_page *p, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_PAGE_PUT, e);

	if (st == NULL)
		return -1;
	if (str_empty(p->url))
		return err_set(e, _("cache %s: a page without a URL cannot be stored"),
		               s->path);
	bind_text(st, 1, p->url);
	sqlite3_bind_int64(st, 2, p->fetched != 0 ? p->fetched : now(s));
	bind_text(st, 3, p->content_type);
	bind_text(st, 4, p->etag);
	bind_text(st, 5, p->last_modified);
	bind_blob(st, 6, p->body, p->len);
	return run(s, st, e);
}

int
store_get_page(struct store *s, const char *url, struct store_page *out,
               struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_PAGE_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	bind_text(st, 1, url);
	rc = step(s, st, e);
	if (rc != 1)
		return rc < 0 ? -1 : 1;
	out->url = col_text(st, 0);
	out->body = col_blob(st, 1, &out->len);
	out->content_type = col_text(st, 2);
	out->etag = col_text(st, 3);
	out->last_modified = col_text(st, 4);
	out->fetched = sqlite3_column_int64(st, 5);
	done(st);
	return 0;
}

void
store_page_free(struct store_page *p)
{
	free(p->url);
	free(p->body);
	free(p->content_type);
	free(p->etag);
	free(p->last_modified);
	memset(p, 0, sizeof *p);
}

/* ---- pictures ------------------------------------------------------------ */

int
store_put_image(struct store *s, const char *article_url,
                const struct store_image *im, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_IMAGE_PUT, e);

	if (st == NULL)
		return -1;
	if (str_empty(im->url))
		return err_set(e, _("cache %s: a picture without a URL cannot be stored"),
		               s->path);
	bind_text(st, 1, im->url);
	bind_text(st, 2, article_url);
	sqlite3_bind_int64(st, 3, im->fetched != 0 ? im->fetched : now(s));
	bind_text(st, 4, im->content_type);
	bind_blob(st, 5, im->data, im->len);
	bind_text(st, 6, im->data != NULL ? NULL : im->error);
	return run(s, st, e);
}

int
store_get_image(struct store *s, const char *url, struct store_image *out,
                struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_IMAGE_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	bind_text(st, 1, url);
	rc = step(s, st, e);
	if (rc != 1)
		return rc < 0 ? -1 : 1;
	out->url = col_text(st, 0);
	out->content_type = col_text(st, 1);
	out->data = col_blob(st, 2, &out->len);
	out->error = col_text(st, 3);
	out->fetched = sqlite3_column_int64(st, 4);
	done(st);
	return 0;
}

void
store_image_free(struct store_image *im)
{
	free(im->url);
	free(im->content_type);
	free(im->data);
	free(im->error);
	memset(im, 0, sizeof *im);
}

/* ---- hosts ---------------------------------------------------------------- */

int
store_put_host(struct store *s, const struct store_host *h, struct err *e)
{
	sqlite3_stmt *st = stmt(s, h->fails > 0 ? ST_HOST_PUT : ST_HOST_DROP, e);

	if (st == NULL)
		return -1;
	if (tx_begin(s, e) < 0)
		return -1;
	bind_text(st, 1, h->name);
	if (h->fails > 0) {
		sqlite3_bind_int(st, 2, h->fails);
		sqlite3_bind_int64(st, 3, h->failed_at);
		sqlite3_bind_int64(st, 4, h->retry_at);
		sqlite3_bind_int(st, 5, h->told != 0);
		bind_text(st, 6, h->error);
	}
	return tx_end(s, run(s, st, e), e);
}

int
store_get_hosts(struct store *s, struct store_host **v, size_t *n, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_HOSTS_GET, e);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	for (rc = step(s, st, e); rc == 1; rc = step(s, st, e)) {
		struct store_host *h;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		h = &(*v)[(*n)++];
		h->name = col_text(st, 0);
		h->fails = sqlite3_column_int(st, 1);
		h->failed_at = sqlite3_column_int64(st, 2);
		h->retry_at = sqlite3_column_int64(st, 3);
		h->told = sqlite3_column_int(st, 4);
		h->error = col_text(st, 5);
	}
	if (rc < 0) {
		store_hosts_free(*v, *n);
		*v = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_hosts_free(struct store_host *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].error);
	}
	free(v);
}

/* ---- read and starred --------------------------------------------------- */

static int
set_mark(struct store *s, enum stmt_id id, const char *url, int on,
         struct err *e)
{
	sqlite3_stmt *st = stmt(s, id, e);

	if (st == NULL)
		return -1;
	if (str_empty(url))
		return err_set(e, _("cache %s: no article to mark"), s->path);
	if (tx_begin(s, e) < 0)
		return -1;
	bind_text(st, 1, url);
	sqlite3_bind_int(st, 2, on != 0);
	sqlite3_bind_int64(st, 3, now(s));
	return tx_end(s, run(s, st, e), e);
}

int
store_set_read(struct store *s, const char *url, int read, struct err *e)
{
	return set_mark(s, ST_SET_READ, url, read, e);
}

int
store_set_starred(struct store *s, const char *url, int starred, struct err *e)
{
	return set_mark(s, ST_SET_STAR, url, starred, e);
}

int
store_starred(struct store *s, struct item_list *out, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_STARRED, e);

	return st == NULL ? -1 : read_items(s, st, out, e);
}

/* ---- search ------------------------------------------------------------- */

struct query {
	struct buf match;       /* FTS5 expression: one group a term, ANDed */
	char     **terms;       /* each checked on the candidates' text */
	size_t     nterms;
};

/* One term: its pairs ANDed, or a single character as a prefix. */
static void
add_term(struct query *q, const char *p, size_t n)
{
	const char *end = p + n;
	size_t first = char_len(p, n);

	q->terms = xrealloc(q->terms, (q->nterms + 1) * sizeof *q->terms);
	q->terms[q->nterms++] = xstrndup(p, n);
	buf_adds(&q->match, q->match.len > 0 ? " AND (" : "(");
	if (first == n) {
		buf_add(&q->match, "\"", 1);
		add_token_char(&q->match, p, n);
		buf_adds(&q->match, "\" *");
	}
	while (first < n && p < end) {
		size_t a = char_len(p, (size_t)(end - p)), b;

		if (p + a >= end)
			break;
		b = char_len(p + a, (size_t)(end - p - a));
		buf_adds(&q->match, q->match.data[q->match.len - 1] == '(' ? "\"" : " AND \"");
		add_token_char(&q->match, p, a);
		add_token_char(&q->match, p + a, b);
		buf_add(&q->match, "\"", 1);
		p += a;
	}
	buf_add(&q->match, ")", 1);
}

/* Length of the separator at p: ASCII space or U+3000, else 0. */
static size_t
separator(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	return strncmp(p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

static void
parse_query(const char *query, struct query *q)
{
	const char *p = query;

	while (*p != '\0') {
		size_t n = 0;

		p += separator(p);
		while (p[n] != '\0' && separator(p + n) == 0)
			n++;
		if (n > 0)
			add_term(q, p, n);
		p += n;
	}
}

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether hay holds needle, ASCII letters in either case. */
static int
has_folded(const char *hay, size_t hlen, const char *needle)
{
	size_t n = strlen(needle);
	int first = fold((unsigned char)needle[0]);

	for (size_t i = 0; n > 0 && i + n <= hlen; i++) {
		size_t k = 0;

		if (fold((unsigned char)hay[i]) != first)
			continue;
		while (k < n && fold((unsigned char)hay[i + k]) ==
		       fold((unsigned char)needle[k]))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Does the article on st's row hold every term in its title or text? */
static int
holds_terms(sqlite3_stmt *st, const struct query *q, struct buf *text)
{
	const char *title = (const char *)sqlite3_column_text(st, 1);
	const char *html = (const char *)sqlite3_column_text(st, ITEM_NCOLS);
	size_t tlen;
	int cut;

	text->len = 0;
	if (html != NULL)
		htmltext(text, html, (size_t)sqlite3_column_bytes(st, ITEM_NCOLS), SIZE_MAX, &cut);
	tlen = title ? strlen(title) : 0;
	for (size_t i = 0; i < q->nterms; i++)
		if (!has_folded(title ? title : "", tlen, q->terms[i]) &&
		    !has_folded(text->data ? text->data : "", text->len, q->terms[i]))
			return 0;
	return 1;
}

/* Candidates, newest first: what the index finds, and every article not
 * indexed yet.  Walking the time index and stopping at enough hits beats
 * looking up and sorting every candidate of a common term (46,000 of
 * 100,000 articles: 6 ms against 60 ms); a rare term walks it all (20 ms). */
static const char candidates_sql[] =
	"SELECT a.id FROM articles a INDEXED BY articles_time WHERE a.id IN"
	" (SELECT rowid FROM search WHERE search MATCH ?1"
	" UNION ALL SELECT id FROM search_dirty)"
	" ORDER BY a.time DESC, a.id DESC";

/* 1 if candidate id holds the terms (added to out), 0 if not, -1. */
static int
check_hit(struct store *s, int64_t id, const struct query *q, struct buf *text,
          struct item_list *out, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_HIT_TEXT, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = step(s, st, e);
	if (rc != 1)
		return rc;
	rc = holds_terms(st, q, text);
	if (rc && out->n < STORE_SEARCH_MAX)
		row_item(st, item_list_add(out));
	done(st);
	return rc;
}

/* Walks the candidates newest first, checking each on its text, until
 * STORE_SEARCH_MAX hits and one more (out->more). */
static int
run_search(struct store *s, const struct query *q, struct item_list *out,
           struct err *e)
{
	sqlite3_stmt *cand = NULL;
	struct buf text;
	int rc = sqlite3_prepare_v2(s->db, candidates_sql, -1, &cand, NULL);

	if (rc != SQLITE_OK) {
		sqlite3_finalize(cand);
		return fail(s, rc, e);
	}
	buf_init(&text, 0);
	sqlite3_bind_text(cand, 1, q->match.data, (int)q->match.len, SQLITE_STATIC);
	rc = step(s, cand, e);
	while (rc == 1 && !out->more) {
		int64_t id = sqlite3_column_int64(cand, 0);
		size_t had = out->n;

		rc = check_hit(s, id, q, &text, out, e);
		if (rc == 1 && had == STORE_SEARCH_MAX)
			out->more = 1;
		if (rc >= 0)
			rc = step(s, cand, e);
	}
	buf_free(&text);
	sqlite3_finalize(cand);
	return rc < 0 ? -1 : 0;
}

int
store_search(struct store *s, const char *query, struct item_list *out,
             struct err *e)
{
	struct query q;
	int rc = 0;

	memset(&q, 0, sizeof q);
	buf_init(&q.match, 0);
	parse_query(query ? query : "", &q);
	if (q.nterms > 0)
		rc = run_search(s, &q, out, e);
	buf_free(&q.match);
	for (size_t i = 0; i < q.nterms; i++)
		free(q.terms[i]);
	free(q.terms);
	return rc;
}

int
store_index(struct store *s, int max, struct err *e)
{
	sqlite3_stmt *index = stmt(s, ST_DIRTY_INDEX, e);
	sqlite3_stmt *clear = stmt(s, ST_DIRTY_CLEAR, e);
	sqlite3_stmt *any = stmt(s, ST_DIRTY_ANY, e);
	int64_t left = 0;
	int rc, found;

	if (index == NULL || clear == NULL || any == NULL || tx_begin(s, e) < 0)
		return -1;
	sqlite3_bind_int(index, 1, max > 0 ? max : INDEX_BATCH);
	sqlite3_bind_int(clear, 1, max > 0 ? max : INDEX_BATCH);
	rc = run(s, index, e);
	if (rc == 0)
		rc = run(s, clear, e);
	if (tx_end(s, rc, e) < 0)
		return -1;
	/* whether any is left, not how many: counting them all after every
	 * batch made indexing a large cache quadratic */
	if (query_int(s, any, &left, &found, e) < 0)
		return -1;
	return left != 0;
}

int64_t
store_unindexed(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_DIRTY_COUNT, NULL);
	int64_t n = 0;
	int found;

	if (st == NULL || query_int(s, st, &n, &found, NULL) < 0)
		return 0;
	return n;
}

/* ---- expiry ------------------------------------------------------------- */

#define EXPIRABLE "starred = 0 AND (read = 1 OR seen < ?2)"

/* Runs sql with ?1 = a, ?2 = b; adds the rows it changed to *changed. */
static int
exec_args(struct store *s, const char *sql, int64_t a, int64_t b,
          int64_t *changed, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return fail(s, rc, e);
	}
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	rc = run(s, st, e);
	if (rc == 0 && changed != NULL)
		*changed += sqlite3_changes(s->db);
	sqlite3_finalize(st);
	return rc;
}

static int
expire_age(struct store *s, int64_t cutoff, int64_t keep, int64_t *removed,
           struct err *e)
{
	if (exec_args(s, "DELETE FROM articles WHERE seen < ?1 AND " EXPIRABLE,
	              cutoff, keep, removed, e) < 0)
		return -1;
	if (exec_args(s, "DELETE FROM pages WHERE fetched < ?1 AND url NOT IN"
	                 " (SELECT url FROM articles WHERE starred)",
	              cutoff, 0, NULL, e) < 0)
		return -1;
	if (exec_args(s, "DELETE FROM images WHERE article IS NULL AND fetched < ?1",
	              cutoff, 0, NULL, e) < 0)
		return -1;
	return exec_args(s, "DELETE FROM snapshots WHERE seen < ?1 AND id NOT IN"
	                    " (SELECT snap FROM lists)", cutoff, 0, NULL, e);
}

static int
used_bytes(struct store *s, int64_t *used, struct err *e)
{
	return sql_int(s, "SELECT (p.page_count - f.freelist_count) * s.page_size"
	                  " FROM pragma_page_count p, pragma_freelist_count f,"
	                  " pragma_page_size s", used, e);
}

/* One round towards max bytes: the oldest raw pages if any can go, else an
 * estimate of how many of the least recently seen articles must. */
static int
expire_size(struct store *s, int64_t excess, int64_t used, int64_t keep,
            int64_t *removed, struct err *e)
{
	int64_t pages = 0, count = 0, gone = 0;

	if (exec_args(s, "DELETE FROM pages WHERE rowid IN (SELECT rowid FROM"
	                 " (SELECT rowid, coalesce(sum(length(body) + length(url) + 64)"
	                 " OVER (ORDER BY fetched, rowid ROWS BETWEEN UNBOUNDED"
	                 " PRECEDING AND 1 PRECEDING), 0) AS before"
	                 " FROM pages WHERE url NOT IN"
	                 " (SELECT url FROM articles WHERE starred)) WHERE before < ?1)",
	              excess, 0, &pages, e) < 0)
		return -1;
	if (pages > 0)
		return 0;
	if (sql_int(s, "SELECT count(*) FROM articles", &count, e) < 0 || count == 0)
		return count == 0 ? 0 : -1;
	count = excess / (used / count + 1) + 1;
	if (exec_args(s, "DELETE FROM articles WHERE id IN (SELECT id FROM articles"
	                 " WHERE " EXPIRABLE " ORDER BY seen, id LIMIT ?1)",
	              count + count / 8, keep, &gone, e) < 0)
		return -1;
	*removed += gone;
	return gone > 0 ? 0 : 1;
}

static int
tidy(struct store *s, int64_t removed, struct err *e)
{
	if (exec_sql(s, "DELETE FROM list_items WHERE NOT EXISTS (SELECT 1 FROM"
	                " articles WHERE id = list_items.article) OR NOT EXISTS"
	                " (SELECT 1 FROM snapshots WHERE id = list_items.snap)", e) < 0)
		return -1;
	if (removed == 0)
		return 0;
	return exec_sql(s, "INSERT INTO search(search) VALUES ('optimize')", e);
}

int
store_vacuum(struct store *s, int max_age_days, int64_t max_bytes,
             struct err *e)
{
	int64_t keep = now(s) - (int64_t)STORE_KEEP_UNREAD_DAYS * 86400;
	int64_t removed = 0, used = 0, before;
	int rc = tx_begin(s, e);

	if (rc == 0 && max_age_days > 0)
		rc = expire_age(s, now(s) - (int64_t)max_age_days * 86400, keep,
		                &removed, e);
	if (rc == 0)
		rc = tidy(s, removed, e);
	rc = tx_end(s, rc, e);
	for (int round = 0; rc == 0 && max_bytes > 0 && round < 8; round++) {
		rc = used_bytes(s, &used, e);
		if (rc < 0 || used <= max_bytes)
			break;
		rc = tx_begin(s, e);
		before = removed;
		if (rc == 0)
			rc = expire_size(s, used - max_bytes, used, keep, &removed, e);
		if (rc == 0)
			rc = tidy(s, removed - before, e);
		if (rc == 1) {
			tx_end(s, 0, e);        /* nothing more may go */
			break;
		}
		rc = tx_end(s, rc, e);
		if (rc == 0)
			rc = exec_sql(s, "PRAGMA incremental_vacuum", e);
	}
	if (rc == 0)
		rc = exec_sql(s, "PRAGMA incremental_vacuum", e);
	return rc < 0 ? -1 : (int)(removed > INT32_MAX ? INT32_MAX : removed);
}

/* ---- readers' places, rules, the program's notes ------------------------ */

int
store_set_place(struct store *s, const char *url, int64_t place, int64_t of,
                struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_SET_PLACE, e);

	if (st == NULL || tx_begin(s, e) < 0)
		return -1;
	bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, place);
	sqlite3_bind_int64(st, 3, of);
	return tx_end(s, run(s, st, e), e);
}

int
store_recent(struct store *s, int64_t since, int unread, int starred, size_t max,
             struct item_list *out, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_RECENT, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int(st, 2, unread != 0);
	sqlite3_bind_int(st, 3, starred != 0);
	sqlite3_bind_int64(st, 4, (int64_t)max);
	return read_items(s, st, out, e);
}

char *
store_article_text(struct store *s, const char *url)
{
	sqlite3_stmt *st = stmt(s, ST_ART_TEXT, NULL);
	struct buf text;
	int cut = 0;

	if (st == NULL)
		return NULL;
	bind_text(st, 1, url);
	if (step(s, st, NULL) != 1)
		return NULL;
	buf_init(&text, 0);
	htmltext(&text, (const char *)sqlite3_column_text(st, 0),
	         (size_t)sqlite3_column_bytes(st, 0), SIZE_MAX, &cut);
	done(st);
	return buf_steal(&text, NULL);
}

/* What a judge said of an article. */
struct verdict {
	int64_t id;
	int rule, read;
};

static int
put_verdicts(struct store *s, const struct verdict *v, size_t n, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_SET_RULE, e);
	int rc = st == NULL ? -1 : tx_begin(s, e);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		sqlite3_bind_int64(st, 1, v[i].id);
		sqlite3_bind_int(st, 2, v[i].rule);
		sqlite3_bind_int(st, 3, v[i].read);
		rc = run(s, st, e);
	}
	return st == NULL ? -1 : tx_end(s, rc, e);
}

int
store_judge(struct store *s, int all, store_judge_fn *judge, void *ctx,
            size_t *marked, struct err *e)
{
	/* the new ones by their index (articles_unruled), not a scan */
	sqlite3_stmt *st = stmt(s, all ? ST_TO_RULE_ALL : ST_TO_RULE_NEW, e);
	struct verdict *v = NULL;
	size_t n = 0, cap = 0, changed = 0;
	int rc;

	if (marked != NULL)
		*marked = 0;
	if (st == NULL)
		return -1;
	rc = step(s, st, e);
	while (rc == 1) {
		struct item it = { 0 };
		struct verdict d = { sqlite3_column_int64(st, 0), 0, 0 };

		/* the item's columns follow the id */
		it.url = col_text(st, 1);
		it.title = col_text(st, 2);
		it.time = sqlite3_column_int64(st, 4);
		it.read = sqlite3_column_int(st, 8);
		it.starred = sqlite3_column_int(st, 9);
		it.origin = col_text(st, 10);
		it.author = col_text(st, 11);
		it.source = col_text(st, 12);
		it.rule = sqlite3_column_int(st, 15);
		d.rule = judge(ctx, &it, &d.read);
		d.read = d.read && !it.read;
		changed += d.rule != it.rule || d.read;
		if (d.rule != it.rule || d.read || !sqlite3_column_int(st, 1 + ITEM_NCOLS)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof *v);
			}
			v[n++] = d;
			if (marked != NULL && d.read)
				(*marked)++;
		}
		item_free(&it);
		rc = step(s, st, e);
	}
	if (rc == 0)
		rc = put_verdicts(s, v, n, e);
	free(v);
	return rc < 0 ? -1 : (int)(changed > INT32_MAX ? INT32_MAX : changed);
}

char *
store_meta(struct store *s, const char *key)
{
	sqlite3_stmt *st = stmt(s, ST_META_GET, NULL);
	char *v;

	if (st == NULL)
		return NULL;
	bind_text(st, 1, key);
	if (step(s, st, NULL) != 1)
		return NULL;
	v = col_text(st, 0);
	done(st);
	return v;
}

int
store_set_meta(struct store *s, const char *key, const char *value, struct err *e)
{
	sqlite3_stmt *st = stmt(s, ST_META_SET, e);

	if (st == NULL || tx_begin(s, e) < 0)
		return -1;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return tx_end(s, run(s, st, e), e);
}

const char *
store_version(void)
{
	return sqlite3_libversion();
}
