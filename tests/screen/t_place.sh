#!/bin/sh
# Screen test: the reading place.  A long article read to the middle, q,
# the program quit and started again: Enter opens it at the same line.  The
# place is a character of the text, not a line, so another width keeps the
# same paragraph on top; the list marks an article read part of the way
# (▏); the pager says how far in percent and the minutes left at the
# reading speed (reading-speed, 400 characters a minute by default).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

"${PYTHON3:-python3}" "$top_srcdir/tests/fixtures/reader/long-feed.py" >"$T/long.xml"
printf 'feed file://%s/long.xml\n' "$T" >"$T/config"
run() { tmux_restart "$1" 24 "$GXNEWS" --config "$T/config" --site-url "$DEMO" --cache "$T/c.db"; }
# to the feed's tab: the one before Starred, the last
to_feed() {
	wait_for "要闻" 10
	keys '[' && wait_status "Starred" 5 && keys '['
	wait_for "一篇很长的文章" 10
}
# the paragraph the pager's top line is in, by the character its lines
# are made of
char_of() { row 1 | "${PYTHON3:-python3}" -c 'import sys
s = sys.stdin.read()
for c in s:
    if 0x4E00 + 0x100 < ord(c) <= 0x4E00 + 0x100 + 80 * 7 and (ord(c) - 0x4E00 - 0x100) % 7 == 0:
        print((ord(c) - 0x4E00 - 0x100) // 7); break'; }

run 80
to_feed
ok $? "the feed of the long article is listed"
contains "$(screen | grep -F 一篇很长的文章)" "●" "an article not opened yet is marked unread (●)"
keys Enter
wait_for "第1段" 5
ok $? "Enter opens the long article"
st=$(status_line)
contains "$st" "min left" "the pager says the minutes left"
start_min=$(printf '%s\n' "$st" | sed -n 's/.*  \([0-9]*\) min left.*/\1/p')
start_pct=$(printf '%s\n' "$st" | sed -n 's/.* \([0-9]*\)%.*/\1/p')
ok $([ "${start_pct:-100}" -lt 20 ]; echo $?) "at the top it says a small percent read (${start_pct}%)"
# 80 paragraphs of 55 characters and the title: about 4,400 characters, 11
# minutes at 400 characters a minute
ok $([ "${start_min:-0}" -ge 10 ] && [ "${start_min:-0}" -le 12 ]; echo $?) \
	"at 400 characters a minute the article takes 11 minutes (${start_min})"
for i in 1 2 3 4 5; do keys Space; done
wait_until 5 eval '[ "$(char_of)" -gt 30 ]'
mid=$(status_line | sed -n 's/.* \([0-9]*\)%.*/\1/p')
ok $([ "${mid:-0}" -ge 30 ] && [ "${mid:-0}" -le 70 ]; echo $?) "read to the middle: ${mid}%"
mid_min=$(status_line | sed -n 's/.*  \([0-9]*\) min left.*/\1/p')
ok $([ "${mid_min:-99}" -lt "${start_min:-0}" ]; echo $?) \
	"fewer minutes are left in the middle (${mid_min} of ${start_min})"
top=$(row 1)
para=$(char_of)
keys q
wait_for "一篇很长的文章" 5
contains "$(screen | grep -F 一篇很长的文章)" "▏" "the list marks the article read part of the way (▏)"
keys q
wait_until 10 eval '! alive'
ok $? "q quits"

run 80
to_feed
contains "$(screen | grep -F 一篇很长的文章)" "▏" "started again, the list still marks it"
keys Enter
wait_for "段" 5
wait_until 5 eval '[ "$(row 1)" = "$top" ]'
is "$(row 1)" "$top" "Enter reopens it at the same line"

# another width: the same paragraph stays on top
resize_to 50 24
is "$(char_of)" "$para" "at 50 columns the top line is still in paragraph $para"
resize_to 80 24
is "$(row 1)" "$top" "back at 80 columns, the same line again"

# read to the end: the place is dropped, it reads as read, and opens at the top
keys G
wait_until 5 eval 'status_line | grep -q " 100%"'
lacks "$(status_line)" "min left" "at the end no minutes are left"
keys q
wait_for "一篇很长的文章" 5
line=$(screen | grep -F 一篇很长的文章)
lacks "$line" "▏" "read to the end, it is not marked as read part of the way"
lacks "$line" "●" "nor unread"
keys Enter
wait_for "第1段" 5
ok $? "read to the end, it opens at the top again"
keys q

# the reading speed is a setting: 200 characters a minute, twice the minutes
printf 'reading-speed 200\n' >>"$T/config"
run 80
to_feed
keys Enter
wait_for "第1段" 5
slow=$(status_line | sed -n 's/.*  \([0-9]*\) min left.*/\1/p')
ok $([ "${slow:-0}" -ge $((start_min * 2 - 1)) ] && [ "${slow:-0}" -le $((start_min * 2 + 1)) ]; echo $?) \
	"reading-speed 200 doubles the minutes (${slow} for ${start_min})"
printf 'reading-speed 9\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "reading-speed takes characters a minute" "a reading speed out of range is refused"
done_testing
