#!/bin/sh
# README's claims, run as a user runs them: --vacuum[=DAYS] (never starred
# or recent unread articles), --images and the images config key, --import-opml and --export-opml, the progress
# of --sync on a terminal and off one, an article of several pages read as
# one with its editor (责任编辑) from the last page, the default cache
# path, and the config keys site-url and cache.
. "$(dirname "$0")/../lib.sh"
command -v "${PYTHON3:-python3}" >/dev/null || skip_all "python3 is needed to look into the cache"
PY=${PYTHON3:-python3}
run() { "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" "$@"; }
# sql DB STATEMENT: runs one SQL statement on a cache, prints the rows.
sql() {
	"$PY" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]): print("|".join(str(x) for x in r))
c.commit()' "$1" "$2"
}
A1=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
MULTI=http://www.chinahightech.com/html/yuanqu/2022/0615/51876.html

# ---- --sync, off a terminal: a line a page, then the count ---------------
run --sync >"$T/out" 2>"$T/err"; ok $? "--sync of the demo exits 0"
n=$(grep -c '^fetched: ' "$T/err")
ok $([ "$n" -ge 40 ]; echo $?) "--sync off a terminal says each page it fetched ($n)"
last=$(tail -n 1 "$T/err")
sum=$(printf '%s\n' "$last" | sed -n 's/^Synced: \([0-9]*\) list pages, \([0-9]*\) articles, \([0-9]*\) pictures, .* fetched$/\1 + \2 + \3/p')
is "$(( ${sum:-0} ))" "$n" "and ends with how many were fetched, none failed ($last)"
contains "$(cat "$T/err")" "fetched: $A1" "an article fetched is named by its URL"
total=$(sql "$T/c.db" "SELECT count(*) FROM articles")
ok $([ "$total" -ge 40 ]; echo $?) "--sync stored the articles for reading offline ($total)"

# ---- --sync on a terminal: a progress bar, counting up to the end --------
if command -v tmux >/dev/null; then
	tmux_start 100 10 sh -c "'$GXNEWS' --site-url '$DEMO' --cache '$T/t.db' --sync; echo \"sync exit \$?\"; sleep 60"
	wait_for "sync exit" 60; ok $? "--sync on a terminal ends"
	s=$(screen)
	contains "$s" "sync exit 0" "and exits 0"
	last=$(printf '%s\n' "$s" | grep -o '\] lists [0-9]*/[0-9]*  articles [0-9]*/[0-9]*' | tail -n 1)
	contains "$last" "] lists " "a progress bar shows done/total ($last)"
	d=${last##*articles }; t=${d#*/}; d=${d%/*}
	ok $([ -n "$d" ] && [ "$d" = "$t" ] && [ "$t" -ge 40 ]; echo $?) "it counts up to the total ($d of $t articles)"
	contains "$s" "[##############################]" "the bar is full at the end"
	lacks "$s" "fetched: http" "on a terminal, no line a page"
	contains "$s" "Synced: " "and the count follows the bar"
	contains "$s" " $t articles" "with the bar's total"
	tmux_stop
fi

# ---- an article of two pages: one body, the editor from the last page ----
"$GXNEWS" --site-url "$DEMO" --cache "$T/m.db" --dump "$MULTI" --width 60 >"$T/dump"
ok $? "--dump of an article of two pages exits 0"
d=$(cat "$T/dump")
contains "$d" "6月中旬的长春新区北湖科技园" "the body holds the first page"
contains "$d" "建成具有全国影响力的光电" "and the second"
is "$(grep -c '北湖科技园，一派繁忙景象' "$T/dump")" 1 "the first page once, not twice"
is "$(grep -A 2 '^信息产业集群。$' "$T/dump" | tail -n 1)" "(Editor: 王丹萍)" \
	"the editor, named on the last page only, follows the last paragraph"
lacks "$d" "责任编辑" "the editor's line is not left in the body"
j=$("$GXNEWS" --site-url "$DEMO" --cache "$T/m.db" --offline --dump "$MULTI" --json)
contains "$j" '"editor": "王丹萍"' "--json gives the editor of the last page, from the cache"

# ---- --images MODE and the images config key ------------------------------
# (the cache from --sync above holds the article's picture)
P() { "$GXNEWS" --offline --cache "$T/c.db" --dump "$MULTI" --width 60 "$@"; }
esc=$(printf '\033')
P --images off >"$T/off"; ok $? "--images off exits 0"
contains "$(cat "$T/off")" "[图: 北湖科技园内的光电企业生产车间]" "--images off: the picture is its caption"
ok $(! grep -q "$esc" "$T/off"; echo $?) "--images off: nothing drawn"
P --images symbols >"$T/sym"
if "$GXNEWS" --version | grep -q "pictures drawn by libchafa"; then
	ok $([ $(wc -l <"$T/sym") -gt $(($(wc -l <"$T/off") + 5)) ] && grep -q "$esc\[38;5;" "$T/sym"; echo $?) \
		"--images symbols: the picture drawn in coloured symbols under its caption"
	printf 'images symbols\n' >"$T/img.conf"
	"$GXNEWS" --config "$T/img.conf" --offline --cache "$T/c.db" --dump "$MULTI" --width 60 >"$T/cfg"
	ok $(cmp -s "$T/cfg" "$T/sym"; echo $?) "the config line images symbols draws as --images symbols does"
	"$GXNEWS" --config "$T/img.conf" --offline --cache "$T/c.db" --dump "$MULTI" --width 60 \
		--images off >"$T/cfg"
	ok $(cmp -s "$T/cfg" "$T/off"; echo $?) "--images off on the command line wins over the config"
else
	for i in 1 2 3; do _n=$((_n + 1)); echo "ok $_n # SKIP built without libchafa: no picture is drawn"; done
fi
P --images bogus >/dev/null 2>"$T/err"; is $? 2 "--images bogus exits 2"
contains "$(cat "$T/err")" "--images takes auto, symbols" "and says what it takes"

# ---- --vacuum[=DAYS] -----------------------------------------------------
cp "$T/c.db" "$T/v.db"
V() { "$GXNEWS" --offline --cache "$T/v.db" "$@"; }
out=$(V --vacuum); ok $? "--vacuum exits 0"
is "$out" "0 old articles removed from the cache" "--vacuum of a cache fetched just now removes nothing"
# Make the cache old: every article seen 40 days ago and read; one starred.
sql "$T/v.db" "UPDATE articles SET seen = seen - 40 * 86400, read = 1"
sql "$T/v.db" "UPDATE articles SET starred = 1 WHERE url = '$A1'"
out=$(V --vacuum)
is "$out" "0 old articles removed from the cache" "--vacuum keeps 90 days by default: 40-day-old articles stay"
out=$(V --vacuum=30)
is "$out" "$((total - 1)) old articles removed from the cache" "--vacuum=30 removes every 40-day-old article but the starred one"
is "$(sql "$T/v.db" "SELECT url FROM articles")" "$A1" "the starred article is all that is left"
V --dump "$A1" --width 60 >"$T/vd"; ok $? "and it still opens offline"
contains "$(cat "$T/vd")" "贵阳高新区以党建引领赋能园区经济高质量发展" "with its text"
# Recent unread articles stay, read ones of the same age go.
cp "$T/c.db" "$T/v.db"
sql "$T/v.db" "UPDATE articles SET seen = seen - 3 * 86400, read = 0"
sql "$T/v.db" "UPDATE articles SET read = 1 WHERE url = '$A1'"
out=$(V --vacuum=1)
is "$out" "1 old articles removed from the cache" "--vacuum=1: of 3-day-old articles only the read one goes"
is "$(sql "$T/v.db" "SELECT count(*) FROM articles WHERE url = '$A1'")" 0 "the read one is gone"
is "$(sql "$T/v.db" "SELECT count(*) FROM articles")" "$((total - 1))" "the unread ones, seen within a week, stay"
V --vacuum=abc >/dev/null 2>"$T/err"; is $? 2 "--vacuum=abc exits 2"
contains "$(cat "$T/err")" "--vacuum takes a number of days" "and says what it takes"

# ---- --import-opml FILE and --export-opml --------------------------------
CONF="$XDG_CONFIG_HOME/gxnews/config"
out=$("$GXNEWS" --import-opml "$top_srcdir/tests/fixtures/opml/newsboat.opml"); ok $? "--import-opml exits 0"
is "$out" "3 feeds added to $CONF (0 already there)" "--import-opml adds the feeds to the default config file"
contains "$(cat "$CONF")" "feed http://www.people.com.cn/rss/politics.xml 时政新闻--人民网" \
	"a feed line with its URL and label"
out=$("$GXNEWS" --import-opml "$top_srcdir/tests/fixtures/opml/newsboat.opml")
is "$out" "0 feeds added to $CONF (3 already there)" "importing again adds nothing"
is "$(grep -c '^feed ' "$CONF")" 3 "the config holds each feed once"
"$GXNEWS" --export-opml >"$T/out.opml"; ok $? "--export-opml exits 0"
contains "$(cat "$T/out.opml")" 'xmlUrl="https://www.solidot.org/index.rss"' "--export-opml writes each feed's URL"
contains "$(cat "$T/out.opml")" '时政新闻--人民网' "and its label"
"$GXNEWS" --config "$T/again.conf" --import-opml "$T/out.opml" >/dev/null
is "$(grep '^feed ' "$T/again.conf")" "$(grep '^feed ' "$CONF")" "what --export-opml writes imports back to the same feeds"
cp "$CONF" "$T/conf.before"
"$GXNEWS" --import-opml "$top_srcdir/tests/fixtures/opml/not-opml.rss" >/dev/null 2>"$T/err"
ok $([ $? -ne 0 ]; echo $?) "--import-opml of a file that is not OPML fails"
ok $([ -s "$T/err" ]; echo $?) "and says why ($(head -n 1 "$T/err"))"
ok $(cmp -s "$CONF" "$T/conf.before"; echo $?) "and the config is left as it was"
rm -f "$CONF"

# ---- the default cache path ----------------------------------------------
"$GXNEWS" --site-url "$DEMO" --list 园区 >"$T/l1"; ok $? "--list with no --cache exits 0"
ok $([ -s "$XDG_CACHE_HOME/gxnews/cache.db" ]; echo $?) "the cache is \$XDG_CACHE_HOME/gxnews/cache.db"
"$GXNEWS" --offline --list 园区 >"$T/l2"
ok $([ -s "$T/l2" ] && cmp -s "$T/l1" "$T/l2"; echo $?) "--offline reads the list back from it"
(unset XDG_CACHE_HOME; "$GXNEWS" --site-url "$DEMO" --list 园区 >/dev/null)
ok $([ -s "$HOME/.cache/gxnews/cache.db" ]; echo $?) "without XDG_CACHE_HOME: ~/.cache/gxnews/cache.db"

# ---- config keys site-url and cache ---------------------------------------
mkdir -p "$XDG_CONFIG_HOME/gxnews"
printf 'site-url %s\ncache %s\n' "$DEMO" "$T/conf.db" >"$CONF"
"$GXNEWS" --list 园区 >"$T/l3" 2>"$T/err"; ok $? "with site-url and cache in the config, --list needs no option"
ok $([ -s "$T/l3" ] && cmp -s "$T/l1" "$T/l3"; echo $?) "site-url: the list is read from the mirror the config names"
ok $([ -s "$T/conf.db" ]; echo $?) "cache: it is stored in the file the config names"
"$GXNEWS" --offline --list 园区 >"$T/l4"
ok $(cmp -s "$T/l1" "$T/l4"; echo $?) "and read back from there offline"
rm -f "$CONF"
done_testing
