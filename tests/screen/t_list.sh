#!/bin/sh
# Screen test: the list view: marks, titles cut with an ellipsis, the date
# column aligned at 80x24, 100x30 and 40x15, moving keys, paging further
# pages in, read and star marks, the selection kept over a reload, hostile
# titles drawn harmless.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

# columns SIZE: the date column is the same on every row, lines fit
columns() {
	s=$(screen | sed '1d;$d')
	is "$(printf '%s\n' "$s" | cells datecol | wc -l | tr -d ' ')" 1 \
		"$1: the date column starts at the same cell on every row"
	ok $([ "$(screen | cells width)" -le "${1%x*}" ]; echo $?) \
		"$1: no line is wider than the screen"
}

tmux_start 80 24 "$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/c.db"
wait_for "危险" 10
ok $? "the fixture's first channel appears"
wait_gone "Loading" 5
columns 80x24
s=$(screen)
contains "$s" "● 危险" "an unread article is marked ●"
contains "$s" "超长标题高新区" "the 300-character title starts on its row"
contains "$(screen | grep 超长标题)" "… " "and is cut with an ellipsis before the date"
contains "$s" "A very long English headline" "a long English title is there"
contains "$s" "表情" "an emoji title is there"
is "$(screen | cells controls)" "" "no control, bidi or replacement character reaches the screen"
is "$(screen_e | cells escapes)" "" "no escape sequence but colours and attributes (capture-pane -e)"
contains "$s" "C1控制红色标题" "a title with C1 controls shows its text without them"
lacks "$s" "[2J" "an escape sequence in a title is not shown as text"
lacks "$s" "31m" "nor a C1 CSI's parameters"

keys 2
wait_for "第1条" 5
ok $? "2 goes to the long list"
wait_gone "Loading" 5
columns "80x24 long list"
keys j
wait_status " 2/" 5
ok $? "j moves down"
keys Down Down
wait_status " 4/" 5
ok $? "Down moves down"
keys k
wait_status " 3/" 5
ok $? "k moves up"
keys Up
wait_status " 2/" 5
ok $? "Up moves up"
keys Space
wait_status " 23/" 5
ok $? "Space moves a screen down"
wait_status "/80" 5
ok $? "near the end of page 1 the next page is loaded (40 -> 80 articles)"
keys b
wait_status " 2/" 5
ok $? "b moves a screen up"
keys NPage
wait_status " 23/" 5
ok $? "PageDown moves a screen down"
keys PPage
wait_status " 2/" 5
ok $? "PageUp moves a screen up"
keys G
wait_status " 80/80" 5
ok $? "G goes to the end of the longer list"
wait_for "第80条" 5
ok $? "the last article of page 2 is shown"
keys g
wait_status " 1/80" 5
ok $? "g goes to the top"
keys End
wait_status " 80/80" 5
ok $? "End goes to the bottom"
keys Home
wait_status " 1/80" 5
ok $? "Home goes to the top"

# read and star marks
keys j j
wait_status " 3/80" 5
line=$(screen | grep "第3条")
contains "$line" "●" "the third article is unread"
keys u
wait_status "Marked read" 5
ok $? "u marks it read"
lacks "$(screen | grep "第3条")" "●" "and its mark goes"
keys u
wait_status "Marked unread" 5
contains "$(screen | grep "第3条")" "●" "u again marks it unread"
keys s
wait_status "Starred" 5
contains "$(screen | grep "第3条")" "★" "s stars it"
keys 1 [
wait_status "Starred" 5
wait_for "第3条" 5
ok $? "the Starred tab lists it"
keys s
wait_for "nothing starred" 5
ok $? "s on the Starred tab unstars it and it goes"
keys 2
wait_status " 3/80" 5
ok $? "the long list kept its selection"

# the selection survives a reload and a resize
keys r
wait_status " 3/80" 5
sleep 0.2
wait_status " 3/80" 5
ok $? "r reloads and keeps the selection"
resize_to 100 30
wait_status " 3/80" 5
ok $? "a resize keeps the selection"
columns 100x30
resize_to 40 15
wait_status " 3/80" 5
ok $? "a resize to 40x15 keeps the selection"
columns 40x15
contains "$(screen | grep 第4条)" "…" "at 40 columns long titles end with an ellipsis"
keys 1
wait_for "危险" 5
columns "40x15 hostile titles"
is "$(screen | cells controls)" "" "40x15: no control characters"

# the demo site at 100x30 and 40x15
tmux_restart 100 30 "$GXNEWS" --site-url "$DEMO" --cache "$T/d.db"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
wait_gone "Loading" 5
columns "100x30 demo"
keys 2
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 5
wait_gone "Loading" 5
columns "100x30 demo 园区"
resize_to 40 15
columns "40x15 demo 园区"
contains "$(screen | sed -n 2p)" "07-04" "at 40 columns the date is month-day"
done_testing
