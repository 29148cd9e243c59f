#!/bin/sh
# Screen test: colours.  The default theme keeps the terminal's own
# foreground and background (accents only), uses 256 colours where the
# terminal has them and 8 otherwise; `color ELEMENT FG BG [ATTR]` in the
# config changes an element; NO_COLOR and a monochrome terminal get
# attributes only; bad color lines are refused with the file and line.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1
TITLE="多地高新区部署2025年重点工作"
look() { screen_e | cells around "$1" | sed -n 1p; }	# look TEXT

# 256 colours (tmux_start's TERM is screen-256color)
tmux_start 80 24 "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
is "$(look "$TITLE")" "bold fg=default bg=default" "an unread title: bold, the terminal's own colours"
is "$(look "2025-01-15")" "fg=65 bg=default" "a date: a 256-colour accent on the terminal's background"
mark() { screen_e | grep "多地高新区" | cells around "●"; }
is "$(mark)" "bold fg=133 bg=default" "the unread mark: an accent"
contains "$(look "２０２４年成都高新区")" "reverse" "the selected row is in reverse video"
contains "$(look " 要闻 ")" "reverse" "the current tab is in reverse video"
is "$(screen_e | cells sgr | grep -E '^(4[0-7]|48;5;[0-9]+|10[0-7])$')" "" \
	"no background colour anywhere: it reads on dark and light terminals"
keys Enter
wait_for "王晓" 5
is "$(look "Source:")" "fg=30 bg=default" "the header's meta line: an accent"
contains "$(look "２０２４年成都高新区新增市场主体超6万户")" "bold" "the article title is bold"
keys q

# an error on the status line
tmux_restart 80 24 "$GXNEWS" --offline --cache "$T/empty.db"
wait_for "Nothing cached yet" 5
is "$(look "Nothing cached yet")" "bold fg=15 bg=1" "an error: bright white on red"

# 8 colours
tmux_restart 80 24 env TERM=screen "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
is "$(look "2025-01-15")" "fg=2 bg=default" "with 8 colours a date is green"
is "$(mark)" "bold fg=5 bg=default" "and the unread mark magenta"

# the config
mkdir -p "$XDG_CONFIG_HOME/gxnews"
cat >"$XDG_CONFIG_HOME/gxnews/config" <<'EOF'
# colours of my own
color date red default bold
color unread 208 default
color title brightblue default underline,bold
color selected black yellow
color normal default default
EOF
tmux_restart 80 24 "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
is "$(look "2025-01-15")" "bold fg=1 bg=default" "color date red default bold"
is "$(mark)" "fg=208 bg=default" "color unread 208 default: a colour by number"
is "$(look "２０２４年成都高新区")" "fg=0 bg=3" "color selected black yellow"
keys Enter
wait_for "王晓" 5
is "$(look "２０２４年成都高新区新增市场主体超6万户")" "bold underline fg=12 bg=default" \
	"color title brightblue default underline,bold"
keys q
tmux_restart 80 24 env TERM=screen "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
is "$(mark)" "fg=1 bg=default" "with 8 colours colour 208 becomes the nearest of the 8"
rm "$XDG_CONFIG_HOME/gxnews/config"

# NO_COLOR and a monochrome terminal: attributes only
nocolor() {	# nocolor NAME: no colour, attributes left
	is "$(screen_e | cells sgr | grep -E '^(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+|9[0-7]|10[0-7])$')" "" \
		"$1: no colour at all"
	contains "$(look "２０２４年成都高新区")" "reverse" "$1: the selected row is in reverse video"
	contains "$(look " 要闻 ")" "reverse" "$1: the current tab too"
	contains "$(look "$TITLE")" "bold" "$1: unread titles are bold"
}
tmux_restart 80 24 env NO_COLOR=1 "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
nocolor "NO_COLOR=1"
tmux_restart 80 24 env TERM=xterm-mono "$GXNEWS" --offline --cache "$C"
wait_for "$TITLE" 10
nocolor "TERM=xterm-mono"
keys 2
wait_for "以“链”为纲" 5
n=$(screen | grep -n "以“链”为纲" | head -n 1 | cut -d: -f1)
i=2
while [ $i -lt "$n" ]; do keys j; i=$((i + 1)); done
wait_status " $((n - 1))/" 5
keys Enter
wait_for "孙立新" 5
contains "$(look "[图: 北湖科技园")" "underline" "monochrome: an image placeholder is underlined instead of blue"
keys G
wait_for "Links:" 5
contains "$(look "[1] http")" "underline" "monochrome: links are underlined instead of blue"
keys q

# bad color lines
bad() {	# bad LINE WORDS NAME
	printf '%s\n' "$1" >"$T/bad.conf"
	"$GXNEWS" --config "$T/bad.conf" --offline --cache "$C" --list 要闻 >/dev/null 2>"$T/err"
	rc=$?
	is "$rc" 2 "$3: refused (exit 2)"
	contains "$(cat "$T/err")" "$2" "$3: says why"
	contains "$(cat "$T/err")" "bad.conf:1:" "$3: names the file and line"
}
bad "color nosuch red default" "unknown screen element 'nosuch'" "an unknown element"
bad "color date chartreuse default" "unknown colour 'chartreuse'" "an unknown colour"
bad "color date 256 default" "unknown colour '256'" "a colour past 255"
bad "color date red default blink" "unknown attribute 'blink'" "an unknown attribute"
bad "color date red" "at least 3" "a missing background"
printf 'color date red default\ncolor search-match black yellow\nbind x quit\nmouse no\n' >"$T/good.conf"
"$GXNEWS" --config "$T/good.conf" --offline --cache "$C" --list 要闻 >/dev/null 2>"$T/err"
is "$?" 0 "good color, bind and mouse lines are taken"
done_testing
