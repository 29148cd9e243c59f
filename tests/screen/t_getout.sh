#!/bin/sh
# Screen test: getting text out.  y copies the link (in a list or an
# article) and Y the article as text to the terminal's clipboard (OSC 52,
# which tmux takes with set-clipboard on), or to copy-command when it is
# set; w saves the article as Markdown in save-dir (~/Downloads by
# default), a file named by its title; | pipes the article as text to a
# command, its words the program's arguments: no shell ever runs.
# `bind s save` gives newsboat's s to saving.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1
first=$("$GXNEWS" --offline --site-url "$DEMO" --cache "$C" --list 要闻 | head -n 1)
URL=$(printf '%s\n' "$first" | cut -f 3)
TITLE=$(printf '%s\n' "$first" | cut -f 2)
: >"$T/config"
run() { tmux_restart 100 30 "$GXNEWS" --config "$T/config" --offline --site-url "$DEMO" --cache "$C"; }
buffer() { tmux -S "$_tmux_sock" show-buffer 2>/dev/null; }

run
tmux -S "$_tmux_sock" set-option -s set-clipboard on
wait_for "$TITLE" 10
keys y
wait_status "Copied the link to the clipboard" 5
ok $? "y in the list copies the selected article's link"
wait_until 5 eval '[ "$(buffer)" = "$URL" ]'
is "$(buffer)" "$URL" "the terminal's clipboard holds the link (OSC 52)"
keys Enter
wait_for "王晓" 5
tmux -S "$_tmux_sock" delete-buffer 2>/dev/null
keys y
wait_until 5 eval '[ "$(buffer)" = "$URL" ]'
is "$(buffer)" "$URL" "y in the article copies its link"
keys Y
wait_status "Copied the article to the clipboard" 5
wait_until 5 eval 'buffer | grep -q "(Editor"'
b=$(buffer)
is "$(printf '%s\n' "$b" | head -n 1)" "$TITLE" "Y copies the article as text: its title first"
contains "$b" "$URL" "its address"
contains "$b" "记者从成都高新区获悉" "its text"
contains "$b" "Author: 王晓" "its meta line"

# w: Markdown in ~/Downloads, the default save-dir
keys w
wait_status "Saved to $HOME/Downloads/" 5
ok $? "w saves the article in ~/Downloads by default"
f=$(ls "$HOME/Downloads"/*.md 2>/dev/null | head -n 1)
is "$(basename "$f")" "${TITLE}.md" "the file is named by the title"
is "$(head -n 1 "$f")" "# $TITLE" "the Markdown starts with the title as a heading"
contains "$(cat "$f")" "<$URL>" "it gives the address as a link"
contains "$(cat "$f")" "记者从成都高新区获悉" "and the text"
keys w
wait_until 5 test -e "$HOME/Downloads/${TITLE}-2.md"
ok $? "saved again, the first file is left alone: -2 is added"
is "$(cat "$HOME/Downloads/${TITLE}-2.md")" "$(cat "$f")" "and the second copy is the same"

# |: a command, no shell
keys '|'
wait_status "Pipe the article to:" 5
keys -l "tee $T/piped.txt"
keys Enter
wait_for "[Enter returns to gxnews]" 10
ok $? "| hands the terminal to the command, then waits for Enter"
keys Enter
wait_status "Piped the article to tee" 5
ok $? "Enter returns to gxnews"
is "$(head -n 1 "$T/piped.txt")" "$TITLE" "the command got the article as text on its standard input"
keys '|'
wait_status "Pipe the article to:" 5
keys -l 'echo $HOME; touch '"$T"'/shell-ran'
keys Enter
wait_for "[Enter returns to gxnews]" 10
contains "$(screen)" '$HOME;' "the words are arguments as typed: no shell expands them"
keys Enter
wait_gone "[Enter returns to gxnews]" 5
ok $([ ! -e "$T/shell-ran" ]; echo $?) "and no shell ran the rest"
keys q q
wait_until 10 eval '! alive'

# copy-command and save-dir
printf 'copy-command tee %s/copied.txt\nsave-dir ~/notes\n' "$T" >"$T/config"
run
wait_for "$TITLE" 10
keys y
wait_until 5 eval '[ "$(cat "$T/copied.txt" 2>/dev/null)" = "$URL" ]'
is "$(cat "$T/copied.txt" 2>/dev/null)" "$URL" "copy-command gets the link on its standard input"
keys Enter
wait_for "王晓" 5
keys w
wait_status "Saved to $HOME/notes/${TITLE}.md" 5
ok $? "save-dir: ~ is the home directory"
keys Y
wait_until 5 eval 'grep -q "记者从成都高新区获悉" "$T/copied.txt"'
ok $? "Y goes to copy-command too"
keys q q
wait_until 10 eval '! alive'

# newsboat's s: `bind s save` gives s to saving (it stars by default)
printf 'save-dir %s/bound\nbind s save\n' "$T" >"$T/config"
run
wait_for "$TITLE" 10
keys Enter
wait_for "王晓" 5
keys s
wait_status "Saved to $T/bound/${TITLE}.md" 5
ok $? "bind s save: s saves the article as Markdown"
is "$(head -n 1 "$T/bound/${TITLE}.md" 2>/dev/null)" "# $TITLE" "the same Markdown as w writes"
done_testing
