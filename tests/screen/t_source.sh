#!/bin/sh
# Screen test: settings of one source.  `source SITE|FEED SETTING VALUE`
# sets refresh, reload-on-start, images or zh-script for one site (by its
# profile's name or host) or feed (by its URL or label) over the global
# setting; `:info` on a tab shows its source's settings and the line that
# set each.  refresh fetches a tab's list again once its time has come;
# reload-on-start fetches a source's tabs as gxnews starts.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

mkdir -p "$T/www"
cp -R "$top_srcdir/tests/fixtures/reader/site/." "$T/www/"
http_start "$T/www"
U="http://127.0.0.1:$HTTP_PORT"
base="feed $U/feed.xml 园区时报
feed $U/comment/atom.xml 评论"
printf '%s\n' "$base" >"$T/config"
run() { tmux_restart 120 30 "$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db"; }
# the count the tab bar gives a tab (nothing when it has none)
count() { row 0 | sed -n "s/.* $1 \\([0-9][0-9]*\\) .*/\\1/p"; }

"$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --list 园区时报 >/dev/null 2>&1
ok $? "the feed is fetched once"
# its list was fetched ten minutes ago, and the feed has a new item since
# age_and_grow N: the lists were fetched ten minutes ago, and the feed has
# a new item N since
age_and_grow() {
	"${PYTHON3:-python3}" - "$T/c.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE lists SET fetched = fetched - 600")
db.commit()
PY
	sed -i "s|</channel>|<item><title>园区新闻$1</title><link>http://yuanqu.example/news/n$1.html</link><pubDate>Tue, 07 Jan 2025 09:00:00 +0800</pubDate></item></channel>|" "$T/www/feed.xml"
}
age_and_grow 3

# without refresh: nothing is fetched on its own
run
wait_for "编辑推荐" 10
wait_until 5 eval '[ "$(count 园区时报)" = 2 ]'
ok $? "the feed's tab counts its two cached articles"
is "$(count 评论)" "" "the feed never fetched has no count"
sleep 7
is "$(count 园区时报)" "2" "without refresh, no tab is fetched again on its own"
keys q
wait_until 10 eval '! alive'

# refresh 1m for the feed, reload-on-start for the other
printf '%s\nsource %s/feed.xml refresh 1m\nsource 评论 reload-on-start yes\n' "$base" "$U" >"$T/config"
run
wait_for "编辑推荐" 10
wait_until 10 eval '[ "$(count 评论)" = 1 ]'
ok $? "reload-on-start: the feed named by its label is fetched as gxnews starts"
wait_until 15 eval '[ "$(count 园区时报)" = 3 ]'
ok $? "refresh 1m: a tab last fetched ten minutes ago is fetched again, its new article counted"

# :info on the feed's tab
keys 8
wait_status "园区时报" 5
keys :
keys -l info
keys Enter
wait_for "Tab 园区时报" 5
ok $? ":info shows the tab"
s=$(screen)
contains "$(printf '%s\n' "$s" | grep -F refresh)" "1m" ":info: the source's refresh"
contains "$(printf '%s\n' "$s" | grep -F refresh)" "$T/config:3" "and the line that set it"
contains "$(printf '%s\n' "$s" | grep -F images)" "for every source" "a setting no source line sets is the global one"
contains "$(printf '%s\n' "$s" | grep -F Address)" "$U/feed.xml" ":info gives the tab's address"
contains "$(printf '%s\n' "$s" | grep -F Lists)" "a feed" "and what it lists"
keys q
wait_gone "Tab 园区时报" 5
keys 1
wait_status "要闻" 5
keys :
keys -l info
keys Enter
wait_for "Tab 要闻" 5
s=$(screen)
contains "$(printf '%s\n' "$s" | grep -F Source)" "chinahightech" ":info on the site's tab names the site"
contains "$(printf '%s\n' "$s" | grep -F refresh)" "off" "and its refresh, off by default"
keys q
keys q
wait_until 10 eval '! alive'

# the same settings for every source: refresh, and reload-on-start for a
# feed never fetched
cp "$T/www/comment/atom.xml" "$T/www/comment/atom2.xml"
age_and_grow 4
printf '%s\nfeed %s/comment/atom2.xml 评论二\nrefresh 1m\nreload-on-start yes\n' "$base" "$U" >"$T/config"
run
wait_for "编辑推荐" 10
wait_until 10 eval '[ "$(count 评论二)" = 1 ]'
ok $? "reload-on-start yes for all: a feed never shown is fetched as gxnews starts"
wait_until 15 eval '[ "$(count 园区时报)" = 4 ]'
ok $? "refresh 1m for all: the feed's tab is fetched again, its new article counted"
keys q
wait_until 10 eval '! alive'

# the script of one source: the site in Taiwan characters, the feed as published
if "$GXNEWS" --version | grep -q "without OpenCC"; then
	_n=$((_n + 1)); echo "ok $_n # SKIP gxnews is built without OpenCC"
else
	printf '%s\nsource www.chinahightech.com zh-script tw\n' "$base" >"$T/config"
	tmux_restart 120 30 "$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --offline
	wait_for "成都高新區新增市場主體" 10
	ok $? "zh-script for the site (named by its host): its titles in Taiwan characters"
	keys 8
	wait_for "园区新来了一家机器人公司" 5
	ok $? "the feed's titles stay as published"
fi

printf 'source chinahightech layout split\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "'layout' cannot be set for one source" "a setting no source can have is refused"
printf 'source chinahightech refresh 10s\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "$T/bad:1: refresh takes off or a time" "a wrong value is refused with its line"
printf 'source chinahightech\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "the setting is missing" "a source line without a setting says so"
done_testing
