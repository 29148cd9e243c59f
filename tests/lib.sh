# tests/lib.sh: TAP helpers and fixtures for the shell tests.
# Sourced by tests/*/t_*.sh; make check sets top_srcdir, top_builddir, GXNEWS.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
: "${GXNEWS:=$top_builddir/gxnews}"
export GXNEWS_DATADIR="$top_srcdir/data"
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
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() { echo "1..$_n"; }

# tmux: a private server, a fixed-size UTF-8 terminal.
tmux_start() {	# tmux_start COLS ROWS COMMAND...
	_tmux_sock="$T/tmux.sock"
	cols=$1 rows=$2; shift 2
	tmux -S "$_tmux_sock" -f /dev/null new-session -d -x "$cols" -y "$rows" \
		-e LC_ALL="$LC_ALL" -e LANG="$LANG" -e TERM=screen-256color "$@"
	tmux -S "$_tmux_sock" set-option -g status off >/dev/null
	_cleanup_hooks="$_cleanup_hooks tmux_stop"
}
tmux_stop() { tmux -S "$_tmux_sock" kill-server 2>/dev/null || true; }
keys() { tmux -S "$_tmux_sock" send-keys "$@"; }
screen() { tmux -S "$_tmux_sock" capture-pane -p; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
	_i=0 _max=$(( ${2:-10} * 10 ))
	while [ $_i -lt $_max ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}
