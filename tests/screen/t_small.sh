#!/bin/sh
# Screen test: small terminals.  At 40x15 everything is usable (tabs,
# list with short dates, article, help, search); at 20x5 still drawn;
# below that one message says the terminal is too small; 10x5, 3x2 and 1x1
# neither crash nor draw out of bounds, and growing again draws it all.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1

tmux_start 40 15 "$GXNEWS" --offline --cache "$C"
wait_for "２０２４年成都高新区新增" 10
ok $? "at 40x15 the list is drawn"
is "$(screen | cells check 40)" "" "every line fits 40 columns"
is "$(screen | sed '1d;$d' | cells datecol | wc -l | tr -d ' ')" 1 "the dates are aligned"
contains "$(row 1)" "01-17" "as month-day"
contains "$(status_line)" "1/" "the status line shows the position"
contains "$(row 0)" ">" "the tab bar says more tabs follow"
keys Enter
wait_for "王晓" 5
ok $? "an article opens at 40x15"
is "$(screen | cells check 40)" "" "its lines fit and none starts with closing punctuation"
keys Space
wait_until 5 eval '! status_line | grep -q " 1-13/"'
ok $? "Space pages through it"
keys '?'
wait_for "Next line or article" 5
ok $? "the help screen opens at 40x15"
is "$(screen | cells check 40)" "" "its lines fit"
keys q q
wait_status "1/" 5
keys /
wait_status "Search" 5
ok $? "the search prompt opens at 40x15"
keys -l "一个很长的搜索词用来测试提示行在窄屏幕上的滚动"
wait_for "滚动" 5
ok $? "a long search term scrolls: its end stays visible"
ok $([ "$(status_line | wc -L)" -le 40 ]; echo $?) "the prompt line stays within 40 columns"
keys Escape
wait_status "Cancelled" 5

resize_to 20 5
is "$(screen | cells check 20)" "" "at 20x5 every line fits"
keys g
wait_status "1/" 5
ok $? "at 20x5 the status line is there"
ok $([ -n "$(row 1 | tr -d ' ')" ]; echo $?) "at 20x5 a list row is there"
for size in 19x5 20x4 10x5 3x2 1x1; do
	resize "${size%x*}" "${size#*x}"
	wait_until 5 _size_is "$size"
	if [ "$size" = 1x1 ] || [ "$size" = 3x2 ]; then
		# the redraw that clears what the larger size drew may come
		# after the one that narrows the screen: wait for both
		wait_until 3 eval '[ "$(screen | wc -L)" -le ${size%x*} ] && [ -z "$(offscreen)" ]'
	else
		wait_for "Terminal" 5
		ok $? "at $size the screen says the terminal is too small"
	fi
	w=$(screen | cells width)
	ok $([ "$w" -le "${size%x*}" ] && [ -z "$(offscreen)" ]; echo $?) \
		"at $size nothing is drawn out of bounds (widest $w, below: '$(offscreen)')"
	keys j
	alive
	ok $? "at $size a key does not crash it"
done
resize_to 80 24
contains "$(screen)" "２０２４年成都高新区新增市场主体超6万户" "growing again draws the list"
is "$(screen | cells check 80)" "" "and it fits 80 columns"

# starting in a terminal that is too small
for size in 10x5 1x1; do
	tmux_restart "${size%x*}" "${size#*x}" "$GXNEWS" --offline --cache "$C"
	wait_until 5 _size_is "$size"
	sleep 0.3
	alive
	ok $? "started at $size it runs"
	resize_to 40 15
	wait_for "２０２４年成都高新区新增" 5
	ok $? "and draws the list once the terminal is 40x15"
	keys q
	wait_until 5 eval '! alive'
	ok $? "q quits"
done
done_testing
