#!/bin/sh
# Screen test: rules.  `ignore QUERY` hides the articles its query finds:
# from the config, at the start (over what is cached) and after every
# restart; typed as `:ignore QUERY`, at once and kept in the config.
# `highlight` colours a row, `mark-read` makes articles arrive read; the
# query is the query tabs' own, its errors naming the column; `:rules`
# lists the rules and the config line of each.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

F="file://$top_srcdir/tests/fixtures/reader/site"
printf 'feed %s/feed.xml 园区时报\nfeed %s/comment/atom.xml 评论\n' "$F" "$F" >"$T/config"
run() { tmux_restart 100 30 "$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db"; }
# to_feed LABEL: the feed's tab (the demo site's seven tabs, then the feeds)
to_feed() {
	wait_for "编辑推荐" 10
	case $1 in 园区时报) keys 8 ;; *) keys 9 ;; esac
	wait_status "$1" 5
}

run
to_feed 园区时报
wait_for "广告：园区招租" 10
ok $? "without rules the feed lists its advertisement"
keys q
wait_until 10 eval '! alive'

# in the config: hidden at the start, from the cache, before any fetch
printf 'ignore title=广告\n' >>"$T/config"
tmux_restart 100 30 "$GXNEWS" --offline --config "$T/config" --site-url "$DEMO" --cache "$T/c.db"
to_feed 园区时报
wait_for "园区新来了一家机器人公司" 10
lacks "$(screen)" "广告：园区招租" "an ignore rule of the config hides the article as soon as gxnews starts"
contains "$(status_line)" "园区时报  1 unread" "and the tab counts only what is shown"
out=$("$GXNEWS" --offline --config "$T/config" --site-url "$DEMO" --cache "$T/c.db" --list 园区时报)
lacks "$out" "广告" "--list leaves it out too"
contains "$out" "机器人" "and lists the rest"
keys q
wait_until 10 eval '! alive'

# typed on the screen: at once, and kept
run
to_feed 园区时报
wait_for "园区新来了一家机器人公司" 10
keys :
wait_status ":" 5
keys -l "highlight title=机器人"
keys Enter
wait_status "Rule added to $T/config:4: 1 articles changed" 5
ok $? ":highlight adds the rule to the config and says how many articles it changed"
around=$(screen_e | grep -F 机器人 | cells around "机器人")
contains "$around" "bold" "a highlighted article stands out (bold, in its colour)"
keys :
keys -l "ignore title=机器人"
keys Enter
wait_gone "园区新来了一家机器人公司" 5
ok $? ":ignore hides the article at once"
tail -n 2 "$T/config" >"$T/tail"
is "$(cat "$T/tail")" "highlight title=机器人
ignore title=机器人" "both rules are kept in the config, as typed"

# a query that does not parse: the column, nothing kept
keys :
keys -l "ignore titel=x"
keys Enter
wait_status "column 8: unknown field 'titel'" 5
ok $? "a wrong query says which column is wrong"
is "$(wc -l <"$T/config" | tr -d ' ')" "5" "and nothing is added to the config"

# :rules
keys :
keys -l rules
keys Enter
wait_for "Rules:" 5
s=$(screen)
contains "$(printf '%s\n' "$s" | grep -F 'title=广告')" "$T/config:3" ":rules lists the config's rule with its line"
contains "$(printf '%s\n' "$s" | grep -F 'highlight')" "$T/config:4" "and the ones typed here, with theirs"
contains "$(printf '%s\n' "$s" | grep -F 'ignore' | head -n 1)" "hidden from every list" "and says what each does"
keys q
wait_gone "Rules:" 5
keys q
wait_until 10 eval '! alive'

run
to_feed 园区时报
wait_for "园区时报" 10
sleep 1
s=$(screen)
lacks "$s" "园区新来了一家机器人公司" "after a restart the article the rule typed on the screen hides stays hidden"
lacks "$s" "广告：园区招租" "and the config's too"
keys q
wait_until 10 eval '! alive'

# mark-read: articles arrive read; highlight from the config
printf 'mark-read title=评论\nhighlight title=多地高新区\n' >>"$T/config"
rm -f "$T/c.db"
run
to_feed 评论
wait_for "评论：园区要有耐心" 10
line=$(screen | grep -F "评论：园区要有耐心")
lacks "$line" "●" "a mark-read rule makes the article arrive read"
keys 1
wait_for "多地高新区部署2025年重点工作" 10
hl=$(screen_e | grep -F 多地高新区 | cells around "部署")
plain=$(screen_e | grep -F 高新区企业亮相 | cells around "亮相")
contains "$hl" "fg=172" "a highlight rule of the config colours the row it finds (colour 172)"
lacks "$plain" "fg=172" "and only the rows it finds"
keys q
wait_until 10 eval '! alive'

printf 'ignore newer=7x\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "$T/bad:1: column 14: newer takes an age" "a wrong rule in the config names the line and the column"
done_testing
