#!/bin/sh
# Hostile terminals: the reader in a 10x5 and a 1x1 terminal starts, shows
# what fits, and quits with q; a storm of resizes while it refreshes from
# a slow server leaves it alive and drawing; the hostile mirror never sets
# the terminal's title.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"

# quits: q (twice, in case a view is open) ends the reader within 5 s.
quits() {
	keys q; sleep 0.3; alive && keys q
	_i=0
	while alive && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	! alive
}

# A cache to start from, so the reader draws at once.
"$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" --sync >/dev/null 2>&1

for size in "10 5" "1 1" "2 2"; do
	set -- $size
	cp "$T/c.db" "$T/s.db"
	tmux_start "$1" "$2" "$GXNEWS" --site-url "$DEMO" --cache "$T/s.db"
	sleep 1.5
	ok $(alive; echo $?) "a ${1}x$2 terminal: the reader starts and keeps running"
	# What fits: the start of the too-small message, wrapped to the width
	# (all of it at 10x5), spaces aside.
	s=$(screen)
	msg="Terminaltoosmall(${1}x$2):atleast20x5"
	got=$(printf '%s' "$s" | tr -d ' \n')
	case $msg in "$got"*) fits=0 ;; *) fits=1 ;; esac
	[ -n "$got" ] || fits=1
	[ "$1" -lt 10 ] || [ "$got" = "$msg" ] || fits=1
	ok $fits "a ${1}x$2 terminal shows what fits of the too-small message ('$got')"
	w=$(printf '%s\n' "$s" | cells width)
	ok $([ "$w" -le "$1" ] && [ -z "$(offscreen)" ]; echo $?) \
		"a ${1}x$2 terminal: nothing drawn past the edge (widest $w, below: '$(offscreen)')"
	keys Enter; sleep 0.5
	ok $(alive; echo $?) "a ${1}x$2 terminal: opening an article does not crash"
	quits; ok $? "a ${1}x$2 terminal: q quits"
	tmux_stop
done

# A resize storm while the reader refreshes from a slow server (its pages
# answer "slow" after 1.5 s: what they do to the cache is the fault
# suite's business, tests/fault/t_fault_server.sh).
server_start "$top_srcdir/data/demo/www.chinahightech.com"
SLOW="http://127.0.0.1:$PORT/_fault/slow?ms=1500&p="
cp "$T/c.db" "$T/s.db"
tmux_start 80 24 "$GXNEWS" --site-url "$SLOW" --cache "$T/s.db"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10; ok $? "the reader draws the cached list while the server is slow"
keys r
i=0
for i in $(seq 1 60); do
	resize $(( (i * 37) % 150 + 1 )) $(( (i * 13) % 50 + 1 ))
	sleep 0.05
done
ok $(alive; echo $?) "60 resizes during a refresh: the reader is still running"
resize 80 24
sleep 4
wait_for "排行·本月" 10; ok $? "after the storm, at 80x24, the tab bar is drawn again"
w=$(screen | cells width)
ok $([ "$w" -le 80 ] && [ -z "$(offscreen)" ]; echo $?) "and nothing past the edge (widest $w)"
quits; ok $? "q quits after the storm"
tmux_stop

# The hostile mirror: its OSC 0 payloads never set the terminal's title.
H="file://$top_srcdir/tests/fixtures/hostile/www.chinahightech.com/"
tmux_start 80 24 "$GXNEWS" --site-url "$H" --cache "$T/h.db"
wait_for "高新区" 10; ok $? "the reader shows the hostile mirror's list"
top=$(screen | head -n 1)
contains "$top" "企业" "the tab bar shows a tab name that held a C1 CSI sequence"
lacks "$top" "31m" "and none of that sequence's parameters"
contains "$top" "要闻" "a tab name with a right-to-left override reads in order"
keys Enter; sleep 1
title=$(tmux -S "$_tmux_sock" display-message -p '#{pane_title}')
lacks "$title" "pwned" "no page sets the terminal's title"
quits; ok $? "q quits the hostile mirror"
done_testing
