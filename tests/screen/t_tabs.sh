#!/bin/sh
# Screen test: the tab bar: labels, the current tab marked, unread counts,
# Tab/Shift-Tab/]/[/digits/clicks to switch, scrolling when tabs do not fit.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

tmux_start 80 24 "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
wait_for "２０２４年成都高新区新增市场主体超6万户"
ok $? "the first channel's list appears"
wait_for " 要闻 12 " 5
ok $? "the first tab shows its unread count"
top=$(row 0)
for label in 要闻 园区 企业 排行·全部 排行·本月 编辑推荐 Starred; do
	contains "$top" "$label" "the tab bar shows $label"
done
around=$(screen_e | head -n 1 | cells around "要闻")
contains "$around" "reverse" "the current tab is marked (reverse video)"
around=$(screen_e | head -n 1 | cells around "园区")
lacks "$around" "reverse" "the other tabs are not marked"
# " 要闻 12 " then " 园区 ": 要闻 (4 cells), " 12 " (4), a space
is "$(printf '%s\n' "$top" | cells cell 园区)" "$(( $(printf '%s\n' "$top" | cells cell 要闻) + 9 ))" \
	"tabs are spaced by their labels' widths"

switch() {	# switch KEY LABEL NAME: KEY shows tab LABEL (on the status line)
	keys "$1"
	wait_status "$2" 5
	ok $? "$3"
}
switch Tab 园区 "Tab goes to the next tab"
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 5
ok $? "and shows its list"
switch BTab 要闻 "Shift-Tab goes back"
switch ] 园区 "] goes to the next tab"
switch [ 要闻 "[ goes to the previous tab"
switch [ Starred "[ on the first tab wraps to the last"
switch Tab 要闻 "Tab on the last tab wraps to the first"
# the position of a tab on the bar, 1 the first ("  " between tabs)
tabno() { row 0 | awk -v want="$1" -F '  ' '{ n = 0; for (i = 1; i <= NF; i++) {
	f = $i; sub(/^ +/, "", f); if (f == "") continue; n++
	if (index(f, want) == 1) { print n; exit } } }'; }
switch 3 企业 "3 goes to the third tab"
r=$(tabno 排行·全部)
switch "$r" 排行·全部 "$r goes to the ranking tab, the ${r}th"
wait_for "从“园区”到“城区”" 5
s=$(screen)
contains "$s" " 1 从“园区”到“城区”" "the ranking tab shows the rank before the title"
contains "$s" "10 合肥高新区量子信息产业园正式开园" "a two-digit rank lines up with one-digit ranks"
is "$(printf '%s\n' "$s" | cells cell "从“园区”")" "$(printf '%s\n' "$s" | cells cell "合肥高新区量子")" \
	"titles start in the same column whatever the rank"
switch 9 "no tab 9" "a digit without a tab says so"
keys 1
wait_status "要闻" 5
keys j j
wait_status " 3/" 5
switch Tab 园区 "Tab again"
switch BTab " 3/" "a tab keeps its selection when one comes back to it"

# a click on a tab goes to it
x=$(row 0 | cells cell 编辑推荐)
mouse $((x + 1)) 0
wait_status "编辑推荐" 5
ok $? "a click on a tab goes to it"

# many tabs at 40 columns: the bar scrolls to keep the current tab
tmux_restart 40 15 "$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/u.db"
wait_for "危险" 10
ok $? "the fixture site opens at 40x15"
wait_until 5 eval 'row 0 | grep -q ">"'
top=$(row 0)
contains "$top" ">" "a > says more tabs follow"
lacks "$top" "<" "no < on the first tab"
keys [
wait_status "Starred" 5
top=$(row 0)
contains "$top" "Starred" "the last tab is on the bar when it is current"
contains "$top" "<" "a < says tabs are hidden on the left"
ok $([ "$(printf '%s\n' "$top" | cells width)" -le 40 ]; echo $?) "the bar fits 40 columns"
keys 6
wait_status "园区动态" 5
contains "$(row 0)" "园区动态" "the sixth tab is on the bar"
around=$(screen_e | head -n 1 | cells around "园区动态")
contains "$around" "reverse" "and marked as current"
done_testing
