#!/bin/sh
# Screen test: M shows what the status line said this session, newest
# first, each with how long ago, errors marked; it scrolls, fits the
# terminal, and q (or M) goes back to where the reader was.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1

tmux_start 80 24 "$GXNEWS" --offline --cache "$C"
wait_for "２０２４年成都高新区新增" 10
keys M
wait_for "Messages, the newest first" 5
ok $? "M opens the messages"
contains "$(screen)" "(nothing said yet)" "with none yet, it says so"
keys q
wait_status " 1/" 5
ok $? "q goes back to the list"

keys x
wait_status "Unknown key" 5
keys /
keys -l "没有这个词"
keys Enter
wait_status "Nothing in the cache matches 没有这个词" 5
keys 1 s
wait_status "Starred" 5
keys M
wait_for "Messages, the newest first" 5
s=$(screen)
is "$(printf '%s\n' "$s" | sed -n 3p | sed 's/ *$//' | sed 's/.*  //')" "Starred" \
	"the newest message comes first"
contains "$(printf '%s\n' "$s" | sed -n 4p)" "Nothing in the cache matches 没有这个词" \
	"then the one before"
contains "$(printf '%s\n' "$s" | sed -n 5p)" "Unknown key; press ? for help" "then the first"
contains "$(row 2)" "just now" "each says when"
contains "$(status_line)" "1-3/3" "the status line says where in them the reader is"
is "$(screen | cells check 80)" "" "every line fits 80 columns"
keys M
wait_status " 1/" 5
ok $? "M again goes back"

# errors are marked; many messages scroll
tmux_restart 40 10 "$GXNEWS" --offline --cache "$C"
wait_for "２０２４年" 10
for i in 1 2 3 4 5 6 7 8 9; do keys x; done
keys 9
wait_status "no tab 9" 5
keys F
wait_status "Offline: the full text" 5
keys M
wait_for "Messages" 5
contains "$(row 2)" "!" "an error is marked"
contains "$(status_line)" "1-7/11" "eleven messages, seven on the screen under the heading"
keys G
wait_status "5-11/11" 5
ok $? "G scrolls to the oldest"
is "$(screen | cells check 40)" "" "at 40 columns every line fits"
keys q
wait_status "1/" 5
ok $? "q goes back"
done_testing
