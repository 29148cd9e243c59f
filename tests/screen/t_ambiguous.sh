#!/bin/sh
# Screen test: --ambiguous-width 2 (East Asian Ambiguous characters such as
# “ ” … · ● two columns wide, as CJK terminals draw them).  tmux counts
# them as one, so its server runs with tests/fixtures/ui/ambig2.c preloaded
# to count them as two; then the same checks as at width 1: the date
# column aligned, no line too wide, no forbidden line start, at 80x24,
# 100x30 and 40x15.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
${CC:-cc} -shared -fPIC -o "$T/ambig2.so" "$top_srcdir/tests/fixtures/ui/ambig2.c" -ldl \
	2>"$T/cc.err" || skip_all "no C compiler for the tmux shim"

C="$T/c.db" H="$T/h.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1
"$GXNEWS" --site-url "$UI_MIRROR" --cache "$H" --sync >/dev/null 2>&1

start2() {	# start2 COLS ROWS [CACHE]: the reader at ambiguous width 2 in a tmux that agrees
	export LD_PRELOAD="$T/ambig2.so"
	tmux_restart "$1" "$2" env -u LD_PRELOAD "$GXNEWS" --ambiguous-width 2 --offline \
		--cache "${3:-$C}"
	unset LD_PRELOAD
}
listcheck() {	# listcheck NAME COLS
	is "$(screen | sed '1d;$d' | cells datecol --amb 2 | wc -l | tr -d ' ')" 1 \
		"$1: the date column starts at the same cell on every row"
	is "$(screen | cells check "$2" --amb 2)" "" "$1: every line fits $2 columns"
}

start2 80 24
wait_for "西安高新区：硬科技企业加快“出海”步伐" 10
ok $? "the list is drawn at ambiguous width 2"
# the shim and the reader agree: the cursor after “ in the prompt
keys /
wait_status "Search the cache:" 5
x0=$(tmux -S "$_tmux_sock" display -p '#{cursor_x}')
keys -l "“"
wait_status "Search the cache: “" 5
x1=$(tmux -S "$_tmux_sock" display -p '#{cursor_x}')
is "$((x1 - x0))" 2 "“ takes two columns in the terminal and in the reader"
keys Escape
wait_status "Cancelled" 5
listcheck "80x24 要闻" 80
is "$(screen | cells cell "２０２４年成都" --amb 2 | sort -u | wc -l | tr -d ' ')" 1 "titles start in one column"
keys 2
wait_for "以“链”为纲" 5
listcheck "80x24 园区" 80
keys 4
wait_for "从“园区”到“城区”" 5
listcheck "80x24 排行·全部" 80
ok $([ "$(row 0 | cells width --amb 2)" -le 80 ]; echo $?) "the tab bar with 排行·全部 fits"

for size in 100x30 40x15; do
	start2 "${size%x*}" "${size#*x}"
	wait_for "西安高新区" 10
	listcheck "$size 要闻" "${size%x*}"
	keys 2
	wait_for "以“链”为纲" 5
	listcheck "$size 园区" "${size%x*}"
done
for size in 80x24 100x30 40x15; do
	start2 "${size%x*}" "${size#*x}" "$H"
	wait_for "引号“测试”" 10
	ok $? "$size: the fixture's titles with “ ” … — ① are drawn"
	listcheck "$size fixture 要闻" "${size%x*}"
	keys 2
	wait_for "第1条" 5
	listcheck "$size fixture 长列表" "${size%x*}"
done

# articles: no line too wide, no forbidden line start
whole() {	# whole NAME COLS: every screen of the article
	keys g
	wait_status " 1-" 5
	for _p in 1 2 3 4 5 6 7 8; do
		is "$(screen | sed '1d;$d' | cells check "$2" --amb 2)" "" "$1 (screen $_p): lines fit, none starts badly"
		case $(status_line) in *" 100%"*) break ;; esac
		_was=$(status_line)
		keys Space
		wait_until 5 eval '[ "$(status_line)" != "$_was" ]'
	done
}
for size in 80x24 100x30 40x15; do
	start2 "${size%x*}" "${size#*x}"
	wait_for "西安高新区" 10
	keys 2
	wait_for "以“链”为纲" 5
	n=$(screen | grep -n "以“链”为纲" | head -n 1 | cut -d: -f1)
	i=2
	while [ $i -lt "$n" ]; do keys j; i=$((i + 1)); done
	wait_status " $((n - 1))/" 5
	keys Enter
	wait_for "孙立新" 5
	whole "$size 以“链”为纲" "${size%x*}"
done
done_testing
