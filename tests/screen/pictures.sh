# tests/screen/pictures.sh: what the screen tests of pictures share, sourced
# after tests/lib.sh with a tmux session running: where on the screen a
# picture is drawn, and the demo article with a photo opened.

# picrows: the screen rows drawn as a picture (0 the top)
picrows() { screen_e | cells picrows; }
count() { printf '%s\n' "$1" | grep -c .; }
first() { printf '%s\n' "$1" | head -n 1; }
last() { printf '%s\n' "$1" | tail -n 1; }
# rowof TEXT: the screen row where TEXT is (0 the top), or nothing
rowof() { screen | grep -n -F "$1" | head -n 1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }
# _has_picture [N]: at least N rows (3) of a picture, the same a moment later
# (tmux may be read while a frame is still coming in)
_has_picture() {
	_p1=$(picrows)
	[ "$(printf '%s\n' "$_p1" | grep -c .)" -ge "${1:-3}" ] || return 1
	sleep 0.2
	[ "$(picrows)" = "$_p1" ]
}

open_sample() {	# the 园区 tab, its first article: the real one of 2022-07-04
	wait_for "２０２４年成都高新区新增市场主体超6万户" 10
	keys ']'
	wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 10
	keys g Enter
	wait_for "经济高速发展的背后" 10
}
