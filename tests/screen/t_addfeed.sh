#!/bin/sh
# Screen test: a feed added from the screen.  a asks for a URL; a web page
# (the test server's) shows the feeds its <link rel="alternate"> elements
# name; the one picked is fetched once to show its title; Enter adds it to
# the config (written whole beside it and renamed, its comments kept) and
# shows it as a tab, there again after a restart.  A feed's own URL goes
# straight to its title; a page naming no feed, a missing page and a feed
# already there say so; offline, a says it needs the network.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

http_start "$top_srcdir/tests/fixtures/reader/site"
U="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$T/cfg"
cat >"$T/cfg/config" <<'CONF'
# my config: comments stay where they are
mouse yes    # the wheel scrolls

# feeds follow
CONF
cp "$T/cfg/config" "$T/before"
run() { tmux_restart 100 30 "$GXNEWS" --config "$T/cfg/config" --site-url "$DEMO" --cache "$T/c.db" "$@"; }
add() {	# add URL: a, the URL, Enter
	keys a
	wait_status "Feed or page URL:" 5
	keys -l "$1"
	keys Enter
}

run
wait_for "要闻" 10
add "$U/"
wait_for "园区时报 · 评论" 10
ok $? "a with a web page's URL lists the feeds it names"
s=$(screen)
contains "$s" "园区时报 · 要闻  $U/feed.xml" "the first feed, by its title and resolved URL"
contains "$s" "$U/comment/atom.xml" "the second, an Atom feed, by its absolute path"
contains "$(status_line)" "2 feeds on the page" "the status line says how many"
keys Enter
wait_for "Enter adds it to the config" 10
ok $? "Enter fetches the feed picked"
s=$(screen)
contains "$(printf '%s\n' "$s" | grep -F 'Feed:')" "园区时报 · 要闻" "its title is shown before it is added"
contains "$(printf '%s\n' "$s" | grep -F 'Address:')" "$U/feed.xml" "with its address"
is "$(cat "$T/cfg/config")" "$(cat "$T/before")" "nothing is written before Enter"
keys Enter
wait_for "园区新来了一家机器人公司" 10
ok $? "Enter adds it: its tab is shown with its articles"
contains "$(row 0)" "园区时报 · 要闻" "the tab bar has the feed's tab"
contains "$(status_line)" "Added to $T/cfg/config:5" "the status line says where it was added"
is "$(cat "$T/cfg/config")" "$(cat "$T/before")
feed $U/feed.xml" "the config gets a feed line at its end, its comments kept"
is "$(ls -a "$T/cfg" | grep -v '^\.*$' | tr '\n' ' ')" "config " "no temporary file is left beside it"

add "$U/feed.xml"
wait_for "is a feed already" 10
ok $? "the same feed again says it is one already"
keys q
wait_gone "Add a feed" 5

add "$U/comment/atom.xml"
wait_for "Enter adds it to the config" 10
contains "$(screen | grep -F 'Feed:')" "园区时报 · 评论" "a feed's own URL shows its title at once"
keys q
wait_gone "Add a feed" 5
ok $? "q leaves without adding"
is "$(grep -c '^feed ' "$T/cfg/config")" "1" "and nothing was added"

add "$U/plain.html"
wait_for "names none" 10
ok $? "a page that names no feed says so"
keys a
wait_status "Feed or page URL:" 5
ok $? "a asks again"
keys -l "$U/missing.html"
keys Enter
wait_for "404" 10
ok $? "a missing page says why"
keys q
wait_gone "Add a feed" 5
keys q
wait_until 10 eval '! alive'

run
wait_for "要闻" 10
wait_until 5 eval 'row 0 | grep -q "园区时报 · 要闻"'
ok $? "after a restart the feed's tab is there"
keys q
wait_until 10 eval '! alive'

run --offline
wait_for "要闻" 10
keys a
wait_status "adding a feed needs the network" 5
ok $? "offline, a says it needs the network"
done_testing
