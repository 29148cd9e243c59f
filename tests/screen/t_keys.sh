#!/bin/sh
# Screen test: keys.  The help screen lists every action of the table in
# src/keys.h with its keys; `bind KEY ACTION` rebinds; unknown keys say
# so; Ctrl-L redraws; q quits only from the list (h, Left, Esc do not);
# the mouse: the wheel scrolls, a click selects, a second click opens.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1

tmux_start 100 36 "$GXNEWS" --offline --cache "$C"   # tall enough for the help of every action
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
keys '?'
wait_for "Next line or article" 5
ok $? "? shows the keys"
s=$(screen)
# every action of the table, by name (the help shows names at 100 columns);
# there are more actions than rows, so the help is read a screen at a time
# (Space) down to its last row, the mouse
for page in 1 2 3 4; do
	case $s in *"Wheel scrolls"*) break ;; esac
	keys Space
	wait_until 5 eval '[ "$(screen)" != "$(printf "%s\n" "$s" | tail -n 30)" ]'
	s=$(printf '%s\n%s' "$s" "$(screen)")
done
keys g
wait_for "Next line or article" 5
names=$(sed -n '/^#define ACTIONS/,/^$/s/^[[:space:]]*_([A-Z_0-9]*, *"\([a-z-]*\)".*/\1/p' \
	"$top_srcdir/src/keys.h")
count=0 missing=""
for name in $names; do
	count=$((count + 1))
	case $s in
	*" $name"*) ;;
	*) missing="$missing $name" ;;
	esac
done
is "${missing:-}" "" "the help lists all $count actions of src/keys.h"
for pair in "j Down C-n|Next line or article" "q|Go back; quit from the list" \
            "Tab ]|Go to the next tab" "0-9|List: go to tab N" "/|Search the cache" \
            "o|Open the article in \$BROWSER"; do
	line=$(printf '%s\n' "$s" | grep -F "${pair#*|}")
	contains "$line" "${pair%%|*}" "help: ${pair%%|*} — ${pair#*|}"
done
is "$(screen | cells check 100)" "" "the help fits the screen"
keys G
wait_for "Wheel scrolls" 5
contains "$(screen | grep -F "Wheel scrolls")" "Mouse" "help: the mouse comes last (G scrolls to it)"
keys q
wait_gone "Next line or article" 5
ok $? "q leaves the help"
keys '?'
wait_for "Next line or article" 5
keys '?'
wait_gone "Next line or article" 5
ok $? "? leaves it too"

# keys that do nothing in the list do not quit it
for k in h Left Escape; do
	keys "$k"
	sleep 0.2
	alive && contains "$(screen)" "２０２４年成都高新区" "$k in the list does not quit"
done
keys Z
wait_status "Unknown key" 5
ok $? "an unbound key says so and points to ?"
keys F
wait_status "Offline: the full text cannot be fetched" 5
ok $? "F offline says the full text cannot be fetched"
keys C-l
wait_for "２０２４年成都高新区新增市场主体超6万户" 5
ok $? "Ctrl-L redraws the screen"

# the mouse: wheel, click, second click
mouse 10 5 65
wait_status " 4/" 5
ok $? "the wheel down moves the selection"
mouse 10 5 64
wait_status " 1/" 5
ok $? "the wheel up moves it back"
mouse 10 3
wait_status " 3/" 5
ok $? "a click selects the row"
row3=$(row 3 | sed 's/^[●★ ]*//; s/  .*//')
mouse 10 3
wait_for "Source:" 5
ok $? "a second click on it opens it"
contains "$(row 1)" "$row3" "the clicked article"
resize_to 60 12
mouse 10 5 65
wait_status " 4-" 5
ok $? "the wheel scrolls the article"
resize_to 100 30
keys q
wait_status " 3/" 5
keys q
wait_until 5 eval '! alive'
ok $? "q in the list quits"

# bind
mkdir -p "$XDG_CONFIG_HOME/gxnews"
cat >"$XDG_CONFIG_HOME/gxnews/config" <<'EOF'
bind x quit
bind j up
bind C-t next-tab
bind F5 reload
EOF
tmux_restart 100 30 "$GXNEWS" --offline --cache "$C"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
keys G
wait_status " 20/" 5       # --sync took both pages of 要闻
keys j
wait_status " 19/" 5
ok $? "bind j up: j moves up"
keys C-t
wait_status "园区" 5
ok $? "bind C-t next-tab"
keys '?'
wait_for "Next line or article" 5
contains "$(screen | grep "Previous line or article")" "j" "the help shows j on up"
lacks "$(screen | grep "Next line or article")" "j " "and no longer on down"
contains "$(screen | grep "Go back; quit")" "x" "and x on quit"
contains "$(screen | grep "Reload the current tab")" "F5" "and F5 on reload"
keys q
wait_gone "Next line or article" 5
keys x
wait_until 5 eval '! alive'
ok $? "bind x quit: x quits"
printf 'bind nosuchkey quit\n' >"$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --offline --cache "$C" --list 要闻 >/dev/null 2>"$T/err"
contains "$(cat "$T/err")" "unknown key 'nosuchkey'" "bind with an unknown key is refused"
printf 'bind k fly\n' >"$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --offline --cache "$C" --list 要闻 >/dev/null 2>"$T/err"
contains "$(cat "$T/err")" "unknown action 'fly'" "bind with an unknown action is refused"
done_testing
