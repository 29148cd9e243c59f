#!/bin/sh
# Screen test: the list and the article side by side.  From 140 columns
# (layout auto, the default) the list is on the left and the article on the
# right; the keys go to the pane that has them: the article once opened,
# the list after C-w (or F6), and back.  layout single keeps one view at
# any width, layout split shows both below 140 columns; a resize crosses
# the line both ways.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1
: >"$T/config"
run() { tmux_restart "$1" 30 "$GXNEWS" --config "$T/config" --offline --site-url "$DEMO" --cache "$C"; }
FIRST="２０２４年成都高新区新增市场主体超6万户"
SECOND="多地高新区部署2025年重点工作"
border() { screen | sed -n 5p | cells cell "│"; }	# the column of the rule

run 160
wait_for "$FIRST" 10
s=$(screen)
contains "$s" "Enter opens the selected article here" "at 160 columns the right pane waits for an article"
is "$(border)" "64" "a rule between the panes: the list has two fifths of the width"
keys Enter
wait_for "王晓" 5
s=$(screen)
contains "$(printf '%s\n' "$s" | sed -n 2p)" "$FIRST" "Enter opens the article on the right"
contains "$(printf '%s\n' "$s" | grep -F "$SECOND")" "$SECOND" "the list stays on the left"
ok $([ "$(printf '%s\n' "$s" | cells cell "记者从成都高新区获悉")" -gt 64 ]; echo $?) \
	"the article's text is right of the rule"
is "$(screen | cells check 160)" "" "both panes fit the screen"
keys C-w
wait_status "Keys go to the list" 5
ok $? "C-w gives the keys to the list"
keys j
wait_status "2/" 5
ok $? "j moves the list's selection"
contains "$(screen)" "王晓" "the article stays open on the right"
keys Enter
wait_for "$SECOND" 5
wait_until 5 eval 'screen | sed -n 2p | grep -qF "$SECOND"'
ok $? "Enter opens the list's new selection on the right"
keys C-w
wait_status "Keys go to the list" 5
keys F6
wait_status "Keys go to the article" 5
ok $? "F6 gives the keys back to the article"
keys q
wait_for "Enter opens the selected article here" 5
ok $? "q closes the article, the list stays"
keys q
wait_until 10 eval '! alive'

# below 140 columns: one view; a resize crosses the line
run 139
wait_for "$FIRST" 10
lacks "$(screen)" "Enter opens the selected article here" "at 139 columns the list has the screen"
resize_to 160 30
wait_for "Enter opens the selected article here" 5
ok $? "resized to 160, the panes appear"
keys Enter
wait_for "王晓" 5
resize_to 100 30
wait_gone "$SECOND" 5
ok $? "resized to 100, the article has the screen"
keys q q
wait_until 10 eval '! alive'

printf 'layout single\n' >"$T/config"
run 160
wait_for "$FIRST" 10
lacks "$(screen)" "Enter opens the selected article here" "layout single: one view at 160 columns"
keys C-w
wait_status "side by side" 5
ok $? "C-w says how to have both"
keys q
wait_until 10 eval '! alive'
printf 'layout split\n' >"$T/config"
run 100
wait_for "$FIRST" 10
contains "$(screen)" "Enter opens the selected article here" "layout split: both at 100 columns"
is "$(border)" "40" "with the rule at two fifths"
printf 'layout sideways\n' >"$T/bad"
out=$("$GXNEWS" --config "$T/bad" --offline --list x 2>&1)
contains "$out" "layout must be auto, single or split" "a layout gxnews does not have is refused"
done_testing
