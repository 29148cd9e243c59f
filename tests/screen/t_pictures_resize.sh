#!/bin/sh
# Screen test: pictures on small and changing terminals, and on terminals
# that cannot draw them.  The demo article's photo narrows with the text
# column when the terminal narrows (fewer rows, its aspect kept), takes at
# most half of a short screen, is back at its size when the terminal grows
# again, and a terminal too small for anything does not stop the reader;
# with 8 colours it is drawn in those 8; with no colours (vt100) or with
# NO_COLOR, only its caption line stands where it was, the text whole.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
"$GXNEWS" --version | grep -q 'without libchafa' && skip_all "built without libchafa"

. "$top_srcdir/tests/screen/pictures.sh"

# the caption on the screen above the status line, the picture drawn above it
_caption_shown() {
	_c=$(rowof "[图][1]")
	[ -n "$_c" ] && [ "$_c" -lt $((_rows - 1)) ] && _has_picture "${1:-2}"
}
# j until the photo's caption is on the screen
scroll_to_caption() {
	_k=0
	while [ $_k -lt 40 ] && ! _caption_shown "$1"; do
		keys j; _k=$((_k + 1)); sleep 0.05
	done
	wait_until 5 _caption_shown "$1"
}
# the photo's height: its rows above its caption
height() { _r=$(picrows); echo $(( $(rowof "[图][1]") - $(first "$_r") )); }

tmux_start 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
open_sample
wait_until 10 _caption_shown 6
ok $? "at 80 × 30 the photo is drawn above its caption"
h80=$(height)
ok $([ "$h80" -eq 14 ]; echo $?) "14 rows high: half of the 28 rows between the bars ($h80)"

resize_to 30 30
scroll_to_caption 6
ok $? "narrowed to 30 columns, the photo is drawn again"
h30=$(height)
# 30 cells of 8 pixels: 240 × 160 pixels of the 480 × 320 photo, 10 rows of 16
ok $([ "$h30" -ge 9 ] && [ "$h30" -le 11 ]; echo $?) \
	"as wide as the 30-column text, its aspect kept: about 10 rows ($h30)"
w=$(screen | widest)
ok $([ "$w" -le 30 ]; echo $?) "nothing is drawn past the right edge ($w)"

resize_to 80 10
scroll_to_caption 2
ok $? "on a screen of 10 rows the photo is drawn"
h10=$(height)
ok $([ "$h10" -ge 2 ] && [ "$h10" -le 4 ]; echo $?) \
	"at most half of the 8 rows between the bars ($h10)"

resize_to 12 5
alive
ok $? "on a screen of 12 × 5 the reader goes on"
resize_to 80 30
keys g
wait_until 10 _caption_shown 6
ok $? "grown back to 80 × 30, the photo is drawn"
is "$(height)" "$h80" "at its size of before"
keys q q
wait_until 5 eval '! alive'

# 8 colours: blocks in those colours, no 256-colour escape.
tmux_restart 80 30 env TERM=xterm "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
open_sample
wait_until 10 eval '[ "$(screen | cells blocks | grep -c .)" -ge 4 ]'
ok $? "TERM=xterm (8 colours): the photo is drawn as block symbols"
sgr=$(screen_e | cells sgr)
lacks "$sgr" "5;" "in the 8 colours, none of 256"
bgs=$(printf '%s\n' "$sgr" | tr ';' '\n' | grep -c -x '4[0-7]')
ok $([ "$bgs" -ge 3 ]; echo $?) "its cells coloured: $bgs of the 8 backgrounds"
keys q q

# No colours, or NO_COLOR: the caption line only, where the photo stood.
for how in "TERM=vt100" "TERM=xterm-256color NO_COLOR=1"; do
	# shellcheck disable=SC2086
	tmux_restart 80 30 env $how "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
	open_sample
	wait_for "[图][1]" 10
	ok $? "$how: the photo's caption line is shown"
	para=$(rowof "经济高速发展的背后")
	is "$(rowof "[图][1]")" "$((para + 2))" "$how: right below its paragraph, no room kept for a picture"
	sleep 0.5
	is "$(screen | cells blocks | grep -c .)" 0 "$how: no symbol of it is drawn"
	contains "$(screen)" "雅光电子" "$how: the text after it is there"
	keys q q
done
done_testing
