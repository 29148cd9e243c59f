# tests/lib.sh: TAP helpers and fixtures for the shell tests.
# Sourced by tests/*/t_*.sh; make check sets top_srcdir, top_builddir, GXNEWS.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
: "${GXNEWS:=$top_builddir/gxnews}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE
DEMO="file://$top_srcdir/data/demo/www.chinahightech.com/"
T=$(mktemp -d "${TMPDIR:-/tmp}/gxnews-test.XXXXXX")
export XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" HOME="$T/home"
mkdir -p "$HOME"
_n=0
_cleanup_hooks=""
cleanup() {
	for h in $_cleanup_hooks; do "$h"; done
	rm -rf "$T"
}
trap cleanup EXIT

ok() {	# ok COND-STATUS NAME
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; fi
}
is() {	# is GOT WANT NAME
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $_n - $3"
	else
		echo "not ok $_n - $3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed '3,$s/^/#   /'
	fi
}
contains() {	# contains HAYSTACK NEEDLE NAME
	_n=$((_n + 1))
	case $1 in
	*"$2"*) echo "ok $_n - $3" ;;
	*) echo "not ok $_n - $3"; printf '%s\n' "$1" | head -n 40 | sed 's/^/#   /'
	   echo "#   (wanted: $2)" ;;
	esac
}
lacks() {	# lacks HAYSTACK NEEDLE NAME
	_n=$((_n + 1))
	case $1 in
	*"$2"*) echo "not ok $_n - $3"; echo "#   found: $2" ;;
	*) echo "ok $_n - $3" ;;
	esac
}
# widest [--amb N]: the display width of stdin's widest line, as a terminal
# counts it (tests/fixtures/ui/cells.py: the C library's wcwidth).
widest() { "${PYTHON3:-python3}" "$top_srcdir/tests/fixtures/ui/cells.py" width "$@"; }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() { echo "1..$_n"; }

# tmux: a private server, a UTF-8 terminal of a fixed size.  The program
# sees a COLSxROWS terminal (its tty's size), but the tmux pane around it is
# wider and taller, so what it draws past its edges is not clipped away by
# tmux but shows up in the capture: screen holds its ROWS rows at the full
# pane width (a line too wide is seen too wide), offscreen what lies below.
_pane_cols=200 _pane_rows=64
tmux_start() {	# tmux_start COLS ROWS COMMAND...
	_tmux_sock="$T/tmux.sock"
	cols=$1 rows=$2; shift 2
	_cols=$cols _rows=$rows
	[ "$cols" -lt $((_pane_cols - 20)) ] || _pane_cols=$((cols + 20))
	[ "$rows" -lt $((_pane_rows - 4)) ] || _pane_rows=$((rows + 4))
	# The status line off from the start: turning it off later resizes the pane.
	printf 'set-option -g status off\nset-option -g default-terminal tmux-256color\n' >"$T/tmux.conf"
	# tmux-256color without auto-margins and without inserting or
	# deleting characters or lines: curses would shift what a line or the
	# screen holds, pushing text past the program's edge (or pulling it in),
	# where a real terminal of its size loses it but the wider pane shows it.
	if [ ! -d "$T/terminfo" ] && infocmp -x tmux-256color 2>/dev/null | grep -v '^#' |
		tr ',' '\n' | sed 's/^[[:space:]]*//' |
		grep -Ev '^(am|ich|ich1|smir|rmir|dch|dch1|il|il1|dl|dl1)(=|$)' |
		awk 'NR == 1 { print $0 ","; next } NF { print "\t" $0 "," }' >"$T/terminfo.src"; then
		tic -x -o "$T/terminfo" "$T/terminfo.src" 2>/dev/null || rm -rf "$T/terminfo"
	fi
	tmux -S "$_tmux_sock" -f "$T/tmux.conf" new-session -d -x "$_pane_cols" -y "$_pane_rows" \
		-e LC_ALL="$LC_ALL" -e LANG="$LANG" -e TERMINFO="$T/terminfo" \
		sh -c 'stty cols "$1" rows "$2" && shift 2 && exec "$@"' sh "$cols" "$rows" "$@"
	_cleanup_hooks="$_cleanup_hooks tmux_stop"
}
tmux_stop() { tmux -S "$_tmux_sock" kill-server 2>/dev/null || true; }
_pane_tty() { tmux -S "$_tmux_sock" display -p '#{pane_tty}'; }
keys() { tmux -S "$_tmux_sock" send-keys "$@"; }
screen() { tmux -S "$_tmux_sock" capture-pane -p | head -n "$_rows"; }
# offscreen: what is drawn below the program's last row (nothing, if all is well)
offscreen() { tmux -S "$_tmux_sock" capture-pane -p | sed "1,${_rows}d" | tr -d ' \n'; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
	_i=0 _max=$(( ${2:-10} * 10 ))
	while [ $_i -lt $_max ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}

# ---- more for the screen tests (tests/screen/t_*.sh) ---------------------
UI_MIRROR="file://$top_srcdir/tests/fixtures/ui/www.chinahightech.com/"
_cells="$top_srcdir/tests/fixtures/ui/cells.py"
cells() { "${PYTHON3:-python3}" "$_cells" "$@"; }	# see cells.py
screen_e() { tmux -S "$_tmux_sock" capture-pane -p -e | head -n "$_rows"; }
status_line() { screen | tail -n 1; }
row() { screen | sed -n "$(($1 + 1))p"; }	# row N, 0 the top
# resize COLS ROWS: the program's terminal becomes COLSxROWS (it gets a
# SIGWINCH); the pane grows first if it would not hold it with a margin.
resize() {
	if [ "$1" -ge $((_pane_cols - 20)) ] || [ "$2" -ge $((_pane_rows - 4)) ]; then
		[ "$1" -lt $((_pane_cols - 20)) ] || _pane_cols=$(($1 + 20))
		[ "$2" -lt $((_pane_rows - 4)) ] || _pane_rows=$(($2 + 4))
		tmux -S "$_tmux_sock" resize-window -x "$_pane_cols" -y "$_pane_rows"
	fi
	_cols=$1 _rows=$2
	stty -F "$(_pane_tty)" cols "$1" rows "$2" 2>/dev/null
}
alive() { tmux -S "$_tmux_sock" has-session 2>/dev/null; }
# wait_until SECONDS COMMAND...: until COMMAND succeeds
wait_until() {
	_i=0 _max=$(( $1 * 20 )); shift
	while [ $_i -lt $_max ]; do
		"$@" && return 0
		sleep 0.05; _i=$((_i + 1))
	done
	return 1
}
_shows() { case $(screen) in *"$1"*) return 0 ;; esac; return 1; }
_lacks() { case $(screen) in *"$1"*) return 1 ;; esac; return 0; }
_status_has() { case $(status_line) in *"$1"*) return 0 ;; esac; return 1; }
_size_is() { [ "$(stty -F "$(_pane_tty)" size 2>/dev/null | awk '{ print $2 "x" $1 }')" = "$1" ]; }
wait_gone() { wait_until "${2:-10}" _lacks "$1"; }	# wait_gone TEXT [SECONDS]
wait_status() { wait_until "${2:-10}" _status_has "$1"; }	# on the bottom line
# resize_to W H: resize, then wait until the program has drawn at that
# size: its status line on the last row, no line wider, the screen still.
resize_to() {
	resize "$1" "$2"
	wait_until 5 _size_is "$1x$2" && wait_until 5 _drawn_at "$1" "$2"
}
_drawn_at() {
	_s1=$(screen)
	[ -n "$(printf '%s\n' "$_s1" | sed -n "$2p" | tr -d ' ')" ] || return 1
	[ "$(printf '%s\n' "$_s1" | wc -L)" -le "$1" ] || return 1	# wcwidth
	sleep 0.1
	[ "$(screen)" = "$_s1" ]
}
# mouse COL ROW [BUTTON]: a press and release at a cell (0-based), as an
# xterm sends it (button 0 left, 64 wheel up, 65 wheel down).
mouse() {
	_b=$((32 + ${3:-0})) _x=$((33 + $1)) _y=$((33 + $2))
	tmux -S "$_tmux_sock" send-keys -H 1b 5b 4d "$(printf %x $_b)" \
		"$(printf %x $_x)" "$(printf %x $_y)"
	[ "${3:-0}" -ge 64 ] || tmux -S "$_tmux_sock" send-keys -H 1b 5b 4d 23 \
		"$(printf %x $_x)" "$(printf %x $_y)"
}
# A fake browser: writes its arguments one a line to $T/browser.args, says
# so on the terminal and waits for Enter, as a text browser would.
fake_browser() {
	cat >"$T/browser" <<'EOS'
#!/bin/sh
out=${BROWSER_ARGS:-/dev/null}
: >"$out.tmp"
for a in "$@"; do printf '%s\n' "$a" >>"$out.tmp"; done
mv "$out.tmp" "$out"
printf '\033[H\033[2J'
echo "FAKE BROWSER: $#"
read line
EOS
	chmod +x "$T/browser"
}
# tmux_restart COLS ROWS COMMAND...: a new program in a new terminal (the
# old server gone first, so the new one does not meet it on the socket).
tmux_restart() {
	_tmux_sock=${_tmux_sock:-$T/tmux.sock}
	tmux_stop
	rm -f "$_tmux_sock"
	tmux_start "$@"
}
# http_start ROOT: tests/server.py on a free port serving ROOT (with its
# /_fault/ URLs); sets HTTP_PORT.  Stopped when the test ends.
http_start() {
	rm -f "$T/http.port"	# a server started before left its port there
	"${PYTHON3:-python3}" "$top_srcdir/tests/server.py" --root "$1" \
		--port-file "$T/http.port" --max-seconds 300 >"$T/http.log" 2>&1 &
	_http_pid=$!
	_cleanup_hooks="$_cleanup_hooks http_stop"
	wait_until 10 test -s "$T/http.port"
	HTTP_PORT=$(head -n 1 "$T/http.port")
}
http_stop() { kill "$_http_pid" 2>/dev/null || true; wait "$_http_pid" 2>/dev/null || true; }
