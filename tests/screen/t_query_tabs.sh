#!/bin/sh
# Screen test: query tabs.  A tab is a query over the cache: `tab LABEL
# query QUERY` in the config (the issue's own example among them), or a
# search kept with one key (+), written to the config and there again
# after a restart.  Each counts its unread articles on the tab bar like
# any tab; tabs that mix sources (query tabs, the search, Starred) name
# each row's source: the site's or the feed's name, not its host.  :info
# on a query tab gives its query.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

F="file://$top_srcdir/tests/fixtures/reader/site/feed.xml"
cat >"$T/config" <<CONF
feed $F 园区时报
tab "园区·未读" query "园区" unread source=chinahightech newer=7d
tab 园区·站内 query 园区 unread source=chinahightech
tab 全部园区 query 园区
CONF
"$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --sync >/dev/null 2>&1
ok $? "--sync caches the demo site and the feed"
run() { tmux_restart 100 30 "$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --offline; }

# what the queries should find, from the cache as --list gives it
site=$("$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --offline --list 园区·站内)
all=$("$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --offline --list 全部园区)
nsite=$(printf '%s\n' "$site" | grep -c .)
nall=$(printf '%s\n' "$all" | grep -c .)
ok $([ "$nsite" -ge 3 ]; echo $?) "--list of a query tab: the site's articles holding 园区 ($nsite)"
lacks "$site" "机器人" "source=chinahightech leaves the feed's article out"
contains "$all" "园区新来了一家机器人公司" "without it, the feed's article is found too"
is "$nall" "$((nsite + 2))" "two more than the site's: the feed's two"

run
wait_for "编辑推荐" 10
keys 9
wait_status "园区·未读" 5
ok $? "the issue's example tab is there (园区, unread, the site, newer than 7 days)"
contains "$(screen)" "nothing in the cache matches this tab's query" \
	"and nothing in the demo is newer than 7 days"
keys 0
wait_status "园区·站内" 5
wait_for "园区" 5
contains "$(row 0)" "园区·站内 $nsite" "the tab bar counts a query tab's unread articles"
lacks "$(screen)" "机器人" "the site's query tab lists no feed article"
keys ']'
wait_status "全部园区" 5
wait_for "园区新来了一家机器人公司" 5
s=$(screen)
contains "$(printf '%s\n' "$s" | grep -F 机器人)" "园区时报" "a mixed tab names a feed article's source: the feed"
contains "$(printf '%s\n' "$s" | grep -F 年终盘点)" "中国高新网" "and a site article's: the site's name"
lacks "$s" "chinahightech.com" "not the host"

# :info on a query tab: its query, and no fetch time (the cache alone)
keys :
keys -l info
keys Enter
wait_for "Tab 全部园区" 5
s_info=$(screen)
contains "$(printf '%s\n' "$s_info" | grep -F Query)" "园区" ":info on a query tab gives its query"
contains "$(printf '%s\n' "$s_info" | grep -F Source)" "each article's own" "and says its rows' sources are their own"
lacks "$s_info" "Fetched" "and no fetch time: nothing is fetched for it"
keys q
wait_gone "Tab 全部园区" 5

# reading one: its count goes down like any tab's, the article stays listed
before=$(row 0 | sed -n 's/.*全部园区 \([0-9]*\).*/\1/p')
keys g Enter
wait_for "Source:" 10
keys q
wait_until 5 eval 'row 0 | grep -q "全部园区 $((before - 1)) "'
ok $? "an article read: the query tab counts one less ($before, then $((before - 1)))"
want=$(printf '%s\n' "$s" | grep -c "园区")
wait_until 5 eval '[ "$(screen | grep -c "园区")" = "$want" ]'
is "$(screen | grep -c "园区")" "$want" "and still lists it (marked read)"

# Starred mixes sources too
keys G s
keys g s
keys ']'
wait_status "Starred" 5
wait_for "机器人" 5
contains "$(screen | grep -F 机器人)" "园区时报" "Starred names each row's source"

# a search kept as a tab with one key
keys /
keys -l "园区"
keys Enter
wait_status "articles match 园区" 5
contains "$(status_line)" "+ keeps the search as a tab" "the search says + keeps it"
contains "$(screen | grep -F 机器人)" "园区时报" "the search names each row's source"
keys +
wait_status "Name of the new tab" 5
keys -l "我的园区"
keys Enter
wait_status "Added to $T/config:5" 5
ok $? "+ adds the search to the config as a query tab"
contains "$(row 0)" "我的园区" "and shows it as a tab"
is "$(tail -n 1 "$T/config")" "tab 我的园区 query 园区" "the config line: its label and the search as a query"
keys q
wait_until 10 eval '! alive'

run
wait_for "编辑推荐" 10
keys '[' && wait_status "Starred" 5 && keys '['
wait_status "我的园区" 5
ok $? "after a restart the search's tab is there"
wait_for "机器人" 5
ok $? "and lists what the search found"

printf 'tab x query titel=y\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "$T/bad:1: column 13: unknown field 'titel'" "a wrong query in the config names the line and the column"
printf 'tab x 园区\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "column 7: a tab is \"tab LABEL query QUERY\"" "a tab line without query says how it goes"
done_testing
