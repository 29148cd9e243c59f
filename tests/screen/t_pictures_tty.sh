#!/bin/sh
# Screen test, as bytes: the reader on terminals that draw pixels (kitty,
# sixel, iTerm2), run in a pseudo-terminal (tests/screen/ptyrun.py) and
# its output read as it left: the picture written where the layout kept
# room for it once the frame is out, the cursor saved and restored around
# it, kitty's pictures erased before they move or go; behind tmux none.
. "$(dirname "$0")/../lib.sh"
"$GXNEWS" --version | grep -q 'without libchafa' && skip_all "built without libchafa"
unset TMUX STY TERM_PROGRAM KITTY_WINDOW_ID NO_COLOR
PTY="$top_srcdir/tests/screen/ptyrun.py"

# reader OUT TERM [ENV…] -- [OPTIONS…]: the 园区 tab's first article (the
# real one of 2022-07-04), opened, scrolled one line, left; every byte
# the reader wrote goes to OUT.  Each run has a cache of its own, as an
# article reopens where it was left.  With SHOWN set (a regex of the
# output) the line is scrolled only once that has been written: a picture
# is drawn when it is decoded, which a loaded machine may take a while to do.
reader() {
	_out=$1 _term=$2; shift 2
	_env=""
	while [ "$1" != -- ]; do _env="$_env $1"; shift; done
	shift
	# shellcheck disable=SC2086
	env TERM="$_term" $_env "${PYTHON3:-python3}" "$PTY" --cols 80 --rows 30 --wait 2 \
		--keys ']' --keys '\r' ${SHOWN:+--until "$SHOWN"} --keys j --keys q -- \
		"$GXNEWS" --site-url "$DEMO" --cache "$_out.db" "$@" >"$_out"
}
# where OUT PATTERN: byte offsets of a Python regex (bytes) in OUT, one a line
where() {
	"${PYTHON3:-python3}" - "$1" "$2" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    for m in re.finditer(sys.argv[2].encode("utf-8"), data):
        print(m.start(), m.group(0)[:60].decode("latin-1").encode("unicode_escape").decode())
except BrokenPipeError:     # head has read enough
    sys.stderr.close()
EOF
}
SAVE='\x1b7\x1b\['
KITTY='\x1b_Ga=T,f=32,s=336,v=224,c=42,r=14'
ERASE='\x1b_Ga=d,d=A\x1b\\'

SHOWN='\x1b_Ga=T'
reader "$T/kitty.out" xterm-kitty --
shown=$(where "$T/kitty.out" "${SAVE}11;20H${KITTY}")
ok $([ -n "$shown" ]; echo $?) \
	"kitty: the photo is sent at row 11, column 20 (centred 42 × 14 cells below its paragraph), the cursor saved"
text=$(where "$T/kitty.out" '经济高速发展的背后' | head -n 1 | cut -d' ' -f1)
s1=$(printf '%s\n' "$shown" | head -n 1 | cut -d' ' -f1)
ok $([ -n "$text" ] && [ -n "$s1" ] && [ "$s1" -gt "$text" ]; echo $?) \
	"after the frame with the text around it"
restore=$(where "$T/kitty.out" '\x1b\\\x1b8')
ok $([ -n "$restore" ]; echo $?) "the cursor restored after the picture (ESC 8)"
moved=$(where "$T/kitty.out" "${SAVE}10;20H${KITTY}")
erase=$(where "$T/kitty.out" "$ERASE")
e1=$(printf '%s\n' "$erase" | head -n 1 | cut -d' ' -f1)
m1=$(printf '%s\n' "$moved" | head -n 1 | cut -d' ' -f1)
ok $([ -n "$m1" ] && [ -n "$e1" ] && [ "$s1" -lt "$e1" ] && [ "$e1" -lt "$m1" ]; echo $?) \
	"j: the picture is erased, then sent again one row up"
elast=$(printf '%s\n' "$erase" | tail -n 1 | cut -d' ' -f1)
after=$(where "$T/kitty.out" '\x1b_Ga=T' | awk -v e="$elast" '$1 > e' | wc -l)
ok $([ "$elast" -gt "$m1" ] && [ "$after" -eq 0 ]; echo $?) \
	"q: back to the list, the picture is erased and not sent again"
is "$(where "$T/kitty.out" "${SAVE}11;20H${KITTY}" | wc -l)" 1 \
	"a picture that stays is not sent again frame after frame"

SHOWN='\x1bP0;1;0q'
reader "$T/sixel.out" xterm-256color -- --images sixel
ok $([ -n "$(where "$T/sixel.out" "${SAVE}11;20H"'\x1bP0;1;0q"1;1;336;')" ]; echo $?) \
	"--images sixel: a sixel image at the same place, 42 cells of 8 pixels wide"
ok $([ -z "$(where "$T/sixel.out" '\x1b_G')" ]; echo $?) "and no kitty sequence"

SHOWN='1337;File'
reader "$T/iterm.out" xterm-256color TERM_PROGRAM=iTerm.app --
ok $([ -n "$(where "$T/iterm.out" "${SAVE}11;20H"'\x1b\]1337;File=inline=1;width=42;height=14')" ]; echo $?) \
	"iTerm2 (TERM_PROGRAM): its inline image, 42 × 14 cells"

SHOWN='48;5;[0-9]+m\xe2\x96[\x80-\x9f]'
reader "$T/tmux.out" xterm-256color TERM_PROGRAM=WezTerm TMUX=/tmp/tmux-0/default,1,0 --
ok $([ -z "$(where "$T/tmux.out" '\x1bP[0-9;]*q')" ]; echo $?) \
	"a sixel terminal (WezTerm) behind tmux: no sixel picture"
ok $([ -n "$(where "$T/tmux.out" '48;5;[0-9]+m\xe2\x96[\x80-\x9f]')" ]; echo $?) \
	"but block symbols in 256 colours"

SHOWN=
reader "$T/off.out" xterm-kitty -- --images off
ok $([ -z "$(where "$T/off.out" '\x1b_G|\x1bP|1337;File')" ]; echo $?) "--images off: no picture at all"
done_testing
